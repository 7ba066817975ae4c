package org.saphan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of a card that its JSON Schema cannot express: references to files and secrets,
 * profile-dependent URL rules and consistency between properties. Each check tolerates a card that
 * also fails its schema, so that every problem is reported at once.
 */
final class CardRules {

  static final String HTTP_REASON =
      "uses plain http, which is allowed only in the sandbox profile; agencies are reached over"
          + " https";
  static final String SIGNING_NONE_REASON =
      "is none: messages to the agency are not signed; use none only until the agency can verify"
          + " signatures";

  private static final Pattern SECRET_REFERENCE = Pattern.compile("\\$\\{env:([A-Z][A-Z0-9_]*)\\}");
  private static final Pattern MAPPING_PATH =
      Pattern.compile(
          "mappings/[a-z0-9]+(-[a-z0-9]+)+/[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.(jsonata|xsl|xslt)");
  private static final Pattern BILLER_ID = Pattern.compile("[0-9]{15}");
  private static final List<String> URL_PROPERTIES =
      List.of(
          "info.source.url",
          "linkOut.url",
          "sso.redirectUrl",
          "api.endpoint",
          "api.paymentEndpoint",
          "api.wsdl");

  /** Receives what the rules find. */
  interface Reporter {
    void report(Severity severity, String path, String reason);

    default void error(String path, String reason) {
      report(Severity.ERROR, path, reason);
    }

    default void warning(String path, String reason) {
      report(Severity.WARNING, path, reason);
    }
  }

  private final Path home;
  private final SecretResolver resolver;
  private final LoadOptions options;
  private final BatchCardRules batchRules;

  CardRules(Path home, SecretResolver resolver, LoadOptions options) {
    this.home = home;
    this.resolver = resolver;
    this.options = options;
    this.batchRules = new BatchCardRules(home, resolver, options);
  }

  /**
   * Runs every rule on {@code card}, read from a file named {@code fileCardName}; returns the
   * secrets that resolved, by credential name.
   */
  Map<String, Secret> check(JsonNode card, String fileCardName, Reporter reporter) {
    checkName(card, fileCardName, reporter);
    checkModelBlocks(card, reporter);
    checkAssurance(card, reporter);
    checkUrls(card, reporter);
    checkApi(card, reporter);
    checkBackOffice(card, reporter);
    checkPayment(card, reporter);
    checkForm(card, reporter);
    return resolveCredentials(card, reporter);
  }

  private static void checkName(JsonNode card, String fileCardName, Reporter reporter) {
    JsonNode name = card.path("metadata").path("name");
    if (!name.isTextual()) {
      return;
    }
    if (!name.asText().equals(fileCardName)) {
      reporter.error(
          "metadata.name",
          "must equal the file name without .connector.yaml ('"
              + fileCardName
              + "'), found '"
              + name.asText()
              + "'");
    }
    JsonNode code = card.path("agency").path("code");
    if (code.isTextual() && !name.asText().startsWith(code.asText() + "-")) {
      reporter.error(
          "metadata.name",
          "must start with the agency code followed by a hyphen ('" + code.asText() + "-')");
    }
  }

  /**
   * The service's assurance floor is enforced wherever the hub acts for a citizen; an SSO floor
   * below it would read as a promise the hub does not keep, and models 0 and 1 never act for one.
   */
  private static void checkAssurance(JsonNode card, Reporter reporter) {
    JsonNode floor = card.path("service").path("minimumIal");
    if (!floor.isTextual() || !IalLevels.isKnown(floor.asText())) {
      return;
    }
    JsonNode model = card.path("model");
    if (model.isIntegralNumber()
        && (model.asInt() == 0 || model.asInt() == 1)
        && !card.path("checks").isObject()) {
      reporter.warning(
          "service.minimumIal",
          "is not enforced by model "
              + model.asInt()
              + ": the hub never acts for a citizen there (no token reaches it)");
    }
    JsonNode sso = card.path("sso").path("minimumIal");
    if (sso.isTextual()
        && IalLevels.isKnown(sso.asText())
        && IalLevels.compare(sso.asText(), floor.asText()) < 0) {
      reporter.error(
          "sso.minimumIal",
          "is "
              + sso.asText()
              + ", below service.minimumIal "
              + floor.asText()
              + ": the SSO floor can raise the service's, never lower it; raise it or leave"
              + " service.minimumIal lower");
    }
    for (Iterator<Map.Entry<String, JsonNode>> operations =
            card.path("checks").path("operations").fields();
        operations.hasNext(); ) {
      Map.Entry<String, JsonNode> operation = operations.next();
      JsonNode own = operation.getValue().path("minimumIal");
      if (own.isTextual()
          && IalLevels.isKnown(own.asText())
          && IalLevels.compare(own.asText(), floor.asText()) < 0) {
        reporter.error(
            "checks.operations." + operation.getKey() + ".minimumIal",
            "is "
                + own.asText()
                + ", below service.minimumIal "
                + floor.asText()
                + ": an operation's floor can raise the service's, never lower it");
      }
    }
  }

  private static void checkModelBlocks(JsonNode card, Reporter reporter) {
    JsonNode number = card.path("model");
    if (!number.isIntegralNumber() || number.asInt() < 0 || number.asInt() > 4) {
      return;
    }
    IntegrationModel model = IntegrationModel.of(number.asInt());
    for (Iterator<String> names = card.fieldNames(); names.hasNext(); ) {
      String block = names.next();
      if (IntegrationModel.MODEL_BLOCKS.contains(block) && !model.blocks().contains(block)) {
        reporter.warning(
            block,
            "is not used by model " + model.number() + " (" + model.label() + ") and is ignored");
      }
    }
  }

  private void checkUrls(JsonNode card, Reporter reporter) {
    for (String property : URL_PROPERTIES) {
      JsonNode url = at(card, property);
      if (url.isTextual()
          && url.asText().toLowerCase(Locale.ROOT).startsWith("http://")
          && !options.allowHttp()) {
        reporter.report(
            options.offline() ? Severity.WARNING : Severity.ERROR, property, HTTP_REASON);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> operations =
            card.path("checks").path("operations").fields();
        operations.hasNext(); ) {
      Map.Entry<String, JsonNode> operation = operations.next();
      String property = "checks.operations." + operation.getKey();
      JsonNode url = operation.getValue().path("endpoint");
      if (url.isTextual()
          && url.asText().toLowerCase(Locale.ROOT).startsWith("http://")
          && !options.allowHttp()) {
        reporter.report(
            options.offline() ? Severity.WARNING : Severity.ERROR,
            property + ".endpoint",
            HTTP_REASON);
      }
      if ("unsigned".equals(operation.getValue().path("answers").asText())) {
        reporter.warning(
            property + ".answers",
            "is unsigned: the agency's answers are taken without a signature (each logged as"
                + " unsigned); ask the agency to sign them (detached JWS) and remove this");
      }
    }
    JsonNode allowedHosts = card.path("linkOut").path("allowedHosts");
    if (!allowedHosts.isArray()) {
      return;
    }
    Set<String> allowed = new HashSet<>();
    allowedHosts.forEach(host -> allowed.add(host.asText()));
    for (String property : List.of("linkOut.url", "sso.redirectUrl")) {
      JsonNode url = at(card, property);
      String host = url.isTextual() ? host(url.asText()) : null;
      if (host != null && !allowed.contains(host)) {
        reporter.error(property, "host '" + host + "' is not in linkOut.allowedHosts");
      }
    }
  }

  private void checkApi(JsonNode card, Reporter reporter) {
    JsonNode api = card.path("api");
    if (!api.isObject()) {
      return;
    }
    String transport = api.path("transport").asText("");
    batchRules.check(card, api, reporter);
    if (api.has("wsdl") && !transport.equals("soap") && !transport.isEmpty()) {
      reporter.warning("api.wsdl", "is used only with transport soap and is ignored");
    }
    if (transport.equals("soap") && !api.has("wsdl")) {
      reporter.error("api.wsdl", "is required with transport soap");
    }
    String wsdl = api.path("wsdl").asText("");
    if (wsdl.startsWith("mappings/") && !Files.isRegularFile(home.resolve(wsdl))) {
      reporter.error("api.wsdl", "WSDL file " + wsdl + " does not exist");
    }
    if (api.path("signing").path("policy").asText("").equals("none")) {
      reporter.warning("api.signing.policy", SIGNING_NONE_REASON);
    }
    if (api.has("polling")) {
      if (!transport.equals("soap") && !transport.isEmpty()) {
        reporter.error(
            "api.polling",
            "is offered for SOAP agencies (GetStatus-style operations); a REST agency calls the hub"
                + " back at /agency/v1/applications/{id}/status");
      }
      for (String key : List.of("poll", "status")) {
        if (!api.path("mappings").has(key)) {
          reporter.error("api.mappings." + key, "is required with api.polling");
        }
      }
    }
    if (card.path("model").asInt() == 3
        && card.path("payment").isObject()
        && !transport.equals("batch")) {
      // A paid order is forwarded to the agency: it needs a mapping and, over REST, an address.
      if (!api.path("mappings").has("payment")) {
        reporter.error(
            "api.mappings.payment",
            "is required when a model-3 card charges a fee (payment): paid orders are forwarded"
                + " to the agency");
      }
      if (!transport.equals("soap") && !api.has("paymentEndpoint")) {
        reporter.error(
            "api.paymentEndpoint",
            "is required when a REST model-3 card charges a fee (payment): where paid orders go");
      }
    }
    if (api.has("paymentEndpoint") && transport.equals("soap")) {
      reporter.warning(
          "api.paymentEndpoint",
          "is ignored with transport soap: payment notices go to api.endpoint");
    }
    JsonNode initialDelay = api.path("retry").path("initialDelayMillis");
    JsonNode maxDelay = api.path("retry").path("maxDelayMillis");
    if (initialDelay.isIntegralNumber()
        && maxDelay.isIntegralNumber()
        && initialDelay.asLong() > maxDelay.asLong()) {
      reporter.error(
          "api.retry.initialDelayMillis",
          "must not be greater than api.retry.maxDelayMillis (" + maxDelay.asLong() + ")");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = api.path("mappings").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> mapping = it.next();
      checkMappingFile("api.mappings." + mapping.getKey(), mapping.getValue(), transport, reporter);
    }
  }

  private void checkMappingFile(
      String property, JsonNode value, String transport, Reporter reporter) {
    if (!value.isTextual() || !MAPPING_PATH.matcher(value.asText()).matches()) {
      return;
    }
    String file = value.asText();
    if (transport.equals("soap") && file.endsWith(".jsonata")) {
      reporter.error(
          property, "must be an XSLT file (.xsl or .xslt) because api.transport is soap");
    }
    if (!Files.isRegularFile(home.resolve(file))) {
      reporter.error(property, "mapping file " + file + " does not exist");
    }
  }

  private static void checkBackOffice(JsonNode card, Reporter reporter) {
    JsonNode steps = card.path("backOffice").path("steps");
    if (!steps.isArray()) {
      return;
    }
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      JsonNode id = steps.get(i).path("id");
      if (id.isTextual()) {
        Integer first = firstIndex.putIfAbsent(id.asText(), i);
        if (first != null) {
          reporter.error(
              "backOffice.steps[" + i + "].id",
              "'" + id.asText() + "' is already the id of backOffice.steps[" + first + "]");
        }
      }
      boolean parallel = isParallel(steps, i);
      if (parallel && !isParallel(steps, i - 1) && !isParallel(steps, i + 1)) {
        reporter.warning(
            "backOffice.steps[" + i + "].mode",
            "is parallel, but neither neighbouring step is; the step runs on its own");
      }
    }
  }

  private static boolean isParallel(JsonNode steps, int index) {
    return index >= 0
        && index < steps.size()
        && steps.get(index).path("mode").asText("").equals("parallel");
  }

  private static void checkPayment(JsonNode card, Reporter reporter) {
    JsonNode billerId = card.path("payment").path("billerId");
    if (!billerId.isTextual() || !BILLER_ID.matcher(billerId.asText()).matches()) {
      return;
    }
    String digits = billerId.asText();
    int expected = ThaiCitizenId.checkDigit(digits.substring(0, 12));
    if (digits.charAt(12) - '0' != expected) {
      reporter.error(
          "payment.billerId",
          "the first 13 digits are not a valid tax ID: the check digit (13th digit) should be "
              + expected);
    }
  }

  private void checkForm(JsonNode card, Reporter reporter) {
    JsonNode form = card.path("form");
    if (!form.isObject()) {
      return;
    }
    JsonNode schema = form.path("schema");
    if (schema.isTextual() && !Files.isRegularFile(home.resolve(schema.asText()))) {
      reporter.error("form.schema", "form schema file " + schema.asText() + " does not exist");
    }
    Set<String> read = new HashSet<>();
    card.path("consent").path("dataCategories").path("read").forEach(c -> read.add(c.asText()));
    JsonNode prefill = form.path("prefill");
    for (int i = 0; i < prefill.size(); i++) {
      if (!read.contains(prefill.get(i).asText())) {
        reporter.error(
            "form.prefill[" + i + "]",
            "'"
                + prefill.get(i).asText()
                + "' is not in consent.dataCategories.read: the hub only pre-fills what the card"
                + " declares it reads");
      }
    }
  }

  private Map<String, Secret> resolveCredentials(JsonNode card, Reporter reporter) {
    Map<String, Secret> secrets = new HashMap<>();
    JsonNode credentials = card.path("api").path("credentials");
    for (Iterator<Map.Entry<String, JsonNode>> it = credentials.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> credential = it.next();
      Matcher reference = SECRET_REFERENCE.matcher(credential.getValue().asText(""));
      if (!credential.getValue().isTextual() || !reference.matches()) {
        continue;
      }
      String variable = reference.group(1);
      String property = PropertyPath.child("api.credentials", credential.getKey());
      resolver
          .resolve(variable)
          .ifPresentOrElse(
              value -> secrets.put(credential.getKey(), Secret.of(value)),
              () ->
                  reporter.report(
                      options.offline() ? Severity.WARNING : Severity.ERROR,
                      property,
                      "environment variable " + variable + " is not set"));
    }
    return secrets;
  }

  private static JsonNode at(JsonNode card, String dottedPath) {
    JsonNode node = card;
    for (String name : dottedPath.split("\\.")) {
      node = node.path(name);
    }
    return node;
  }

  private static String host(String url) {
    try {
      String host = new URI(url).getHost();
      return host == null ? null : host.toLowerCase(Locale.ROOT);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
