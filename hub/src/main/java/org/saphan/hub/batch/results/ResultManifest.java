package org.saphan.hub.batch.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Pattern;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.platform.Json;

/**
 * A result file's manifest ({@value #FORMAT}, docs/agency/batch.md), read strictly: every field the
 * import needs, of its type; file names plain names of the same folder. A manifest that is not one
 * refuses the file whole.
 *
 * @param sha256 the SHA-256 of the data file's bytes, lowercase hex
 * @param count the detail records the data file holds
 */
record ResultManifest(
    String connector,
    String agency,
    int sequence,
    int forSequence,
    String file,
    String sha256,
    String signature,
    String signatureSha256,
    long count) {

  /** The manifest format the hub reads. */
  static final String FORMAT = "saphan-batch-result/1";

  /** A manifest's name: the data file's name and this suffix. */
  static final String SUFFIX = ".manifest.json";

  private static final ObjectMapper JSON = Json.strict();
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,200}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /**
   * Reads a manifest.
   *
   * @throws Refusal ({@code batch_import_refused}) when it is not one
   */
  static ResultManifest read(byte[] bytes) {
    JsonNode manifest;
    try {
      manifest = JSON.readTree(bytes);
    } catch (IOException e) {
      throw refused("the manifest is not JSON");
    }
    if (manifest == null || !manifest.isObject()) {
      throw refused("the manifest is not a JSON object");
    }
    if (!FORMAT.equals(manifest.path("format").asText(null))) {
      throw refused("the manifest's format is not " + FORMAT);
    }
    return new ResultManifest(
        text(manifest, "connector", null),
        text(manifest, "agency", null),
        positive(manifest, "sequence"),
        positive(manifest, "forSequence"),
        text(manifest, "file", PLAIN_NAME),
        text(manifest, "sha256", SHA256),
        text(manifest, "signature", PLAIN_NAME),
        text(manifest, "signatureSha256", SHA256),
        count(manifest));
  }

  private static String text(JsonNode manifest, String field, Pattern pattern) {
    JsonNode value = manifest.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw refused("the manifest has no " + field);
    }
    if (pattern != null && !pattern.matcher(value.asText()).matches()) {
      throw refused("the manifest's " + field + " '" + value.asText() + "' is not valid");
    }
    return value.asText();
  }

  private static int positive(JsonNode manifest, String field) {
    JsonNode value = manifest.path(field);
    if (!value.isInt() || value.asInt() < 1) {
      throw refused("the manifest's " + field + " is not a whole number from 1");
    }
    return value.asInt();
  }

  private static long count(JsonNode manifest) {
    JsonNode value = manifest.path("count");
    if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
      throw refused("the manifest's count is not a whole number from 0");
    }
    return value.asLong();
  }

  private static Refusal refused(String reason) {
    return new Refusal(ErrorCode.BATCH_IMPORT_REFUSED, reason);
  }

  /** Why a result file is refused whole: its code and a reason for the operator and agency. */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;

    Refusal(ErrorCode code, String reason) {
      super(reason, null, false, false);
      this.code = code;
    }

    ErrorCode code() {
      return code;
    }
  }
}
