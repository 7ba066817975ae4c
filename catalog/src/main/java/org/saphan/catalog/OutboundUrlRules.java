package org.saphan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.saphan.catalog.egress.AddressPolicy;

/**
 * Where a card may send the hub: every URL-typed property of the connector schema (found in the
 * schema, not listed here) is checked against the {@link AddressPolicy} the hub's egress client
 * enforces at run time. Offline, only what the URL's text says can be judged: address literals in
 * any spelling, {@code localhost} names and cloud metadata names; other names are judged by the
 * hub's guarded resolver when it calls them.
 */
final class OutboundUrlRules {

  static final String JWKS_HTTP_REASON =
      "uses plain http: anyone on the path can swap the agency's keys and sign as the agency; use"
          + " https";

  /** Private ranges a deployment may open; used to tell "not without the allow-list" apart. */
  private static final List<String> OPENABLE =
      List.of(
          "10.0.0.0/8",
          "172.16.0.0/12",
          "192.168.0.0/16",
          "100.64.0.0/10",
          "fc00::/7",
          "fec0::/10");

  private static final Pattern AUTHORITY =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)");
  private static final String HTTP_URL_REF = "#/$defs/httpUrl";
  private static final List<List<String>> URL_PATHS = urlPaths(CardSchema.bundled().json());

  private final LoadOptions options;
  private final AddressPolicy policy;
  private final AddressPolicy permissive;
  private final String invalidAllowList;

  private OutboundUrlRules(LoadOptions options) {
    this.options = options;
    AddressPolicy deployment;
    String invalid = null;
    try {
      deployment = new AddressPolicy(options.allowHttp(), options.egressAllowList());
    } catch (IllegalArgumentException e) {
      deployment = new AddressPolicy(options.allowHttp(), List.of());
      invalid = e.getMessage();
    }
    this.policy = deployment;
    this.permissive = new AddressPolicy(true, OPENABLE);
    this.invalidAllowList = invalid;
  }

  static OutboundUrlRules of(LoadOptions options) {
    return new OutboundUrlRules(options);
  }

  /** The URL properties of the connector schema, as dotted paths ({@code []} for list items). */
  static List<String> urlProperties() {
    return URL_PATHS.stream().map(path -> String.join(".", path)).toList();
  }

  void check(JsonNode card, CardRules.Reporter reporter) {
    if (invalidAllowList != null) {
      reporter.error(
          "",
          "the deployment's egress allow-list is not a list of CIDR ranges: " + invalidAllowList);
    }
    for (List<String> path : URL_PATHS) {
      collect(card, path, 0, "", reporter);
    }
  }

  private void collect(
      JsonNode node, List<String> path, int index, String dotted, CardRules.Reporter reporter) {
    if (index == path.size()) {
      if (node.isTextual()) {
        checkUrl(dotted, node.asText(), reporter);
      }
      return;
    }
    String step = path.get(index);
    if (step.equals("[]")) {
      for (int i = 0; i < node.size() && node.isArray(); i++) {
        collect(node.get(i), path, index + 1, dotted + "[" + i + "]", reporter);
      }
      return;
    }
    if (step.equals("*")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        collect(
            field.getValue(),
            path,
            index + 1,
            PropertyPath.child(dotted, field.getKey()),
            reporter);
      }
      return;
    }
    JsonNode child = node.path(step);
    if (!child.isMissingNode()) {
      collect(child, path, index + 1, PropertyPath.child(dotted, step), reporter);
    }
  }

  private void checkUrl(String property, String url, CardRules.Reporter reporter) {
    Matcher authority = AUTHORITY.matcher(url);
    if (!authority.find()) {
      return; // not a URL (a WSDL kept with the mappings); the schema judges the shape
    }
    String scheme = authority.group(1).toLowerCase(Locale.ROOT);
    String host = host(authority.group(2));
    if (property.endsWith("trust.jwksUrl") && scheme.equals("http") && !options.allowHttp()) {
      reporter.warning(property, JWKS_HTTP_REASON);
    }
    Optional<String> refusal = policy.hostRefusal(host);
    if (refusal.isEmpty()) {
      return;
    }
    boolean openable = permissive.hostRefusal(host).isEmpty();
    if (!openable) {
      reporter.error(
          property, "host '" + host + "' is " + refusal.get() + ": the hub never calls it");
      return;
    }
    String reason =
        "host '"
            + host
            + "' is "
            + refusal.get()
            + ": outside the sandbox profile the hub calls such an address only when the"
            + " deployment's allow-list ("
            + AddressPolicy.ALLOW_LIST_SETTING
            + ", validate --egress-allow) names its range";
    boolean sandboxCard =
        url.equals(LoadOptions.SANDBOX_URL) || url.startsWith(LoadOptions.SANDBOX_URL + "/");
    // Offline, the sample cards' sandbox address is judged like their plain http: a warning.
    reporter.report(
        options.offline() && sandboxCard ? Severity.WARNING : Severity.ERROR, property, reason);
  }

  /** The host of an authority: without user information and port, IPv6 brackets kept. */
  private static String host(String authority) {
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf(']');
      return end < 0 ? hostPort : hostPort.substring(0, end + 1);
    }
    int colon = hostPort.indexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }

  /**
   * Every property path of the schema whose value is a URL: it refers to {@code $defs/httpUrl}
   * (alone or among alternatives), declares {@code format: uri}, or a pattern of http(s) URLs.
   */
  static List<List<String>> urlPaths(JsonNode schema) {
    List<List<String>> paths = new ArrayList<>();
    walk(schema, schema, new ArrayList<>(), paths, new HashSet<>());
    return List.copyOf(paths);
  }

  private static void walk(
      JsonNode root,
      JsonNode node,
      List<String> path,
      List<List<String>> found,
      Set<String> refsOnPath) {
    if (!node.isObject()) {
      return;
    }
    if (isUrl(node)) {
      if (!found.contains(path)) {
        found.add(List.copyOf(path));
      }
      return;
    }
    JsonNode ref = node.path("$ref");
    if (ref.isTextual() && ref.asText().startsWith("#/") && refsOnPath.add(ref.asText())) {
      walk(root, root.at(ref.asText().substring(1)), path, found, refsOnPath);
      refsOnPath.remove(ref.asText());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      path.add(property.getKey());
      walk(root, property.getValue(), path, found, refsOnPath);
      path.remove(path.size() - 1);
    }
    JsonNode items = node.path("items");
    if (items.isObject()) {
      path.add("[]");
      walk(root, items, path, found, refsOnPath);
      path.remove(path.size() - 1);
    }
    JsonNode additional = node.path("additionalProperties");
    if (additional.isObject()) {
      path.add("*");
      walk(root, additional, path, found, refsOnPath);
      path.remove(path.size() - 1);
    }
    for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
      for (JsonNode branch : node.path(combinator)) {
        walk(root, branch, path, found, refsOnPath);
      }
    }
    for (String conditional : List.of("then", "else")) {
      walk(root, node.path(conditional), path, found, refsOnPath);
    }
  }

  private static boolean isUrl(JsonNode node) {
    if (HTTP_URL_REF.equals(node.path("$ref").asText())
        || node.path("format").asText().equals("uri")
        || node.path("pattern").asText().startsWith("^https?://")) {
      return true;
    }
    for (String combinator : List.of("anyOf", "oneOf")) {
      for (JsonNode branch : node.path(combinator)) {
        if (HTTP_URL_REF.equals(branch.path("$ref").asText())) {
          return true;
        }
      }
    }
    return false;
  }
}
