package org.saphan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.saphan.catalog.json.StrictJson;
import org.saphan.catalog.layout.FieldDefinition;
import org.saphan.catalog.layout.FieldType;
import org.saphan.catalog.layout.LayoutDefinition;
import org.saphan.catalog.layout.LayoutReader;
import org.saphan.catalog.layout.RecordDefinition;
import org.saphan.catalog.layout.RecordRole;
import org.saphan.catalog.mapping.GoldenExamples;

/**
 * The checks of a batch card's {@code api.batch} its schema cannot express: the layout exists, is
 * valid and fits the request mapping's output (every key of the request golden examples' expected
 * outputs is a field of the detail record, and every required field is among them), the schedule is
 * a job of {@code batch/schedules.yaml}, the encryption certificate is readable, and the SFTP login
 * has a key file or a password that resolves.
 */
final class BatchCardRules {

  /** The field the layout writes itself: the record-type code. */
  static final String RECORD_TYPE = "recordType";

  /** The result layout's field naming the application a line decides. */
  static final String APPLICATION_ID = "applicationId";

  private static final ObjectMapper JSON = StrictJson.mapper();
  private static final Pattern SECRET_REFERENCE = Pattern.compile("\\$\\{env:([A-Z][A-Z0-9_]*)\\}");

  private final Path home;
  private final SecretResolver resolver;
  private final LoadOptions options;

  BatchCardRules(Path home, SecretResolver resolver, LoadOptions options) {
    this.home = home;
    this.resolver = resolver;
    this.options = options;
  }

  void check(JsonNode card, JsonNode api, CardRules.Reporter reporter) {
    JsonNode batch = api.path("batch");
    String transport = api.path("transport").asText("");
    if (!transport.equals("batch")) {
      if (batch.isObject() && !transport.isEmpty()) {
        reporter.warning("api.batch", "is used only with transport batch and is ignored");
      }
      return;
    }
    if (api.has("endpoint")) {
      reporter.warning(
          "api.endpoint", "is not used with transport batch: files go to api.batch.sftp");
    }
    if (card.path("payment").isObject()) {
      reporter.error(
          "payment", "is not offered to batch agencies yet: paid orders have no file to go in");
    }
    if (!batch.isObject()) {
      return;
    }
    checkLayout(card, batch.path("layout"), reporter);
    checkSchedule(batch.path("schedule"), "api.batch.schedule", reporter);
    checkCertificate(batch.path("encryptTo"), reporter);
    checkSftp(batch.path("sftp"), reporter);
    checkResults(api, batch.path("results"), reporter);
  }

  private void checkLayout(JsonNode card, JsonNode layout, CardRules.Reporter reporter) {
    RecordDefinition detail = detailOf(layout, "api.batch.layout", reporter);
    if (detail != null) {
      fitsRequestOutput(card, layout.asText(), detail, reporter);
    }
  }

  /** The detail record of a layout the card names; null (reported) when it has none. */
  private RecordDefinition detailOf(JsonNode layout, String property, CardRules.Reporter reporter) {
    if (!layout.isTextual()) {
      return null;
    }
    Path file = home.resolve(layout.asText());
    if (!Files.isRegularFile(file)) {
      reporter.error(property, "layout file " + layout.asText() + " does not exist");
      return null;
    }
    LayoutDefinition definition;
    try {
      definition = LayoutReader.read(Files.readString(file, StandardCharsets.UTF_8)).definition();
    } catch (IOException e) {
      definition = null;
    }
    if (definition == null) {
      reporter.error(
          property,
          "layout " + layout.asText() + " is invalid (its findings are listed with the file)");
      return null;
    }
    RecordDefinition detail =
        definition.records().stream()
            .filter(r -> r.role() == RecordRole.DETAIL)
            .findFirst()
            .orElse(null);
    if (detail == null) {
      reporter.error(property, "layout " + layout.asText() + " has no detail record");
    }
    return detail;
  }

  /**
   * The result files: their layout names the application in each detail, the import job is
   * scheduled, the due time is sensible, and the card has what reading them needs: the agency's
   * pinned certificate (the files' signer) and a status mapping (a line to a status update).
   */
  private void checkResults(JsonNode api, JsonNode results, CardRules.Reporter reporter) {
    if (!results.isObject()) {
      return;
    }
    RecordDefinition detail =
        detailOf(results.path("layout"), "api.batch.results.layout", reporter);
    if (detail != null
        && detail.fields().stream().noneMatch(f -> f.name().equals(APPLICATION_ID))) {
      reporter.error(
          "api.batch.results.layout",
          "the detail record of layout "
              + results.path("layout").asText()
              + " has no field "
              + APPLICATION_ID
              + ": a result line must name the application it decides");
    }
    checkSchedule(results.path("schedule"), "api.batch.results.schedule", reporter);
    JsonNode within = results.path("expectedWithin");
    if (within.isTextual()) {
      try {
        Duration due = Duration.parse(within.asText());
        if (due.compareTo(Duration.ofHours(1)) < 0 || due.compareTo(Duration.ofDays(14)) > 0) {
          reporter.error(
              "api.batch.results.expectedWithin", within.asText() + " is outside PT1H to P14D");
        }
      } catch (java.time.format.DateTimeParseException e) {
        reporter.error(
            "api.batch.results.expectedWithin", within.asText() + " is not an ISO-8601 duration");
      }
    }
    if (!api.path("trust").path("certificate").isTextual()) {
      reporter.error(
          "api.trust.certificate",
          "is needed with api.batch.results: result files must be signed by the agency's key, and"
              + " the card pins its certificate");
    }
    if (!api.path("mappings").path("status").isTextual()) {
      reporter.error(
          "api.mappings.status",
          "is needed with api.batch.results: each result line is mapped to a status update");
    }
  }

  private void fitsRequestOutput(
      JsonNode card, String layout, RecordDefinition detail, CardRules.Reporter reporter) {
    String name = card.path("metadata").path("name").asText("");
    Set<String> fields = new LinkedHashSet<>();
    Set<String> required = new LinkedHashSet<>();
    for (FieldDefinition field : detail.fields()) {
      if (field.type() != FieldType.SPARE && !field.name().equals(RECORD_TYPE)) {
        fields.add(field.name());
        if (field.required()) {
          required.add(field.name());
        }
      }
    }
    for (Path example : GoldenExamples.files(home, name)) {
      String file = example.getFileName().toString();
      if (!file.endsWith(".request.expected.json")) {
        continue;
      }
      JsonNode output;
      try {
        output = JSON.readTree(example.toFile());
      } catch (IOException e) {
        continue; // the golden examples' own check reports it
      }
      String shown = file.substring(0, file.length() - ".request.expected.json".length());
      if (!output.isObject()) {
        reporter.error(
            "api.batch.layout",
            "the request mapping's output of example "
                + shown
                + " is not an object of field values, as a record of layout "
                + layout
                + " needs");
        continue;
      }
      for (Iterator<String> keys = output.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!fields.contains(key)) {
          reporter.error(
              "api.batch.layout",
              "the request mapping's output (example "
                  + shown
                  + ") has '"
                  + key
                  + "', which is not a field of the detail record of layout "
                  + layout);
        }
      }
      for (String field : required) {
        if (!output.hasNonNull(field)) {
          reporter.error(
              "api.batch.layout",
              "the required field '"
                  + field
                  + "' of layout "
                  + layout
                  + " is missing from the request mapping's output (example "
                  + shown
                  + ")");
        }
      }
    }
  }

  private void checkSchedule(JsonNode schedule, String property, CardRules.Reporter reporter) {
    if (!schedule.isTextual() || !Files.isRegularFile(home.resolve(ScheduleRules.FILE))) {
      if (schedule.isTextual()) {
        reporter.error(property, "batch/schedules.yaml does not exist: the job is never run");
      }
      return;
    }
    boolean present =
        ScheduleRules.read(home.resolve(ScheduleRules.FILE), ScheduleRules.FILE).jobs().stream()
            .anyMatch(job -> job.job().jobName().equals(schedule.asText()));
    if (!present) {
      reporter.error(
          property, "job " + schedule.asText() + " is not scheduled in batch/schedules.yaml");
    }
  }

  private void checkCertificate(JsonNode encryptTo, CardRules.Reporter reporter) {
    if (!encryptTo.isTextual()) {
      return;
    }
    Path file = home.resolve(encryptTo.asText());
    try (InputStream in = Files.newInputStream(file)) {
      X509Certificate certificate =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      if (!(certificate.getPublicKey() instanceof RSAPublicKey)) {
        reporter.error(
            "api.batch.encryptTo",
            "certificate "
                + encryptTo.asText()
                + " has a "
                + certificate.getPublicKey().getAlgorithm()
                + " key; files are encrypted to RSA keys");
      }
    } catch (IOException e) {
      reporter.error(
          "api.batch.encryptTo", "certificate file " + encryptTo.asText() + " cannot be read");
    } catch (CertificateException | ClassCastException e) {
      reporter.error(
          "api.batch.encryptTo",
          "certificate file " + encryptTo.asText() + " is not an X.509 certificate (PEM)");
    }
  }

  private void checkSftp(JsonNode sftp, CardRules.Reporter reporter) {
    if (!sftp.isObject()) {
      return;
    }
    if (!sftp.path("hostKeyFingerprint").isTextual()) {
      reporter.warning(
          "api.batch.sftp.hostKeyFingerprint",
          "is absent: the server's host key is accepted without pinning, with a warning at each"
              + " connection (only for the sandbox); pin the agency's (ssh-keygen -lf) before going"
              + " live");
    }
    JsonNode key = sftp.path("privateKey");
    JsonNode password = sftp.path("password");
    if (!key.isTextual() && !password.isTextual()) {
      reporter.error(
          "api.batch.sftp", "needs privateKey (preferred) or password: the hub cannot log in");
      return;
    }
    if (key.isTextual()) {
      // Read at each upload, like every SFTP key of the hub: its absence is not a start-up error.
      if (!Files.isRegularFile(home.resolve(key.asText()))) {
        reporter.warning(
            "api.batch.sftp.privateKey",
            "private key file " + key.asText() + " does not exist: uploads fail until it does");
      }
      return;
    }
    Severity missing = options.offline() ? Severity.WARNING : Severity.ERROR;
    Matcher reference = SECRET_REFERENCE.matcher(password.asText());
    if (reference.matches() && resolver.resolve(reference.group(1)).isEmpty()) {
      reporter.report(
          missing,
          "api.batch.sftp.password",
          "environment variable " + reference.group(1) + " is not set");
    }
  }
}
