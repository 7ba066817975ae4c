package org.saphan.sandbox.agency;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.saphan.sandbox.ThaiCitizenId;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * How the check agencies read the hub's questions (docs/agency/checks.md), as strictly as a real
 * agency: {@code application/json} in UTF-8, at most {@link #MAX_BODY_BYTES}, one JSON object with
 * only the contract's members (none twice, nothing after it), each a non-empty string, a UUID
 * {@code requestId}, a citizen id with its Thai check digit, an ISO-8601 {@code requestedAt}.
 */
final class CheckRequests {

  /** Largest body read; a check request is a few hundred bytes. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** A request the agency does not take; the message says why (no personal data in it). */
  public static final class InvalidRequestException extends RuntimeException {
    InvalidRequestException(String message) {
      super(message);
    }
  }

  private CheckRequests() {}

  /** The strict reader: duplicate keys and trailing content are errors. */
  static ObjectReader reader(ObjectMapper json) {
    return json.readerFor(JsonNode.class)
        .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * Reads the body as the contract's JSON object.
   *
   * @param reader {@link #reader(ObjectMapper)}
   * @param contentType the {@code Content-Type} header
   * @param body the exact body bytes
   * @param required the members that must be there, non-empty strings
   * @param optional the members that may be there, then non-empty strings too
   * @throws InvalidRequestException for anything else
   */
  static JsonNode object(
      ObjectReader reader,
      String contentType,
      byte[] body,
      List<String> required,
      List<String> optional) {
    checkContentType(contentType);
    if (body == null || body.length == 0) {
      throw new InvalidRequestException("the body is empty");
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new InvalidRequestException("the body is over " + MAX_BODY_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = reader.readValue(body);
    } catch (IOException e) {
      throw new InvalidRequestException("the body is not well-formed JSON in UTF-8");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidRequestException("the body must be a JSON object");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!required.contains(name) && !optional.contains(name)) {
        throw new InvalidRequestException("unknown field " + printable(name));
      }
    }
    for (String field : required) {
      nonEmptyString(root, field);
    }
    for (String field : optional) {
      if (root.has(field)) {
        nonEmptyString(root, field);
      }
    }
    return root;
  }

  /** The {@code requestId}, a UUID. */
  static String requestId(JsonNode request) {
    String requestId = request.get("requestId").asText();
    if (!UUID.matcher(requestId).matches()) {
      throw new InvalidRequestException("requestId must be a UUID");
    }
    return requestId;
  }

  /** The {@code citizenId}, 13 digits with a valid Thai check digit. */
  static String citizenId(JsonNode request) {
    String citizenId = request.get("citizenId").asText();
    if (!ThaiCitizenId.isValid(citizenId)) {
      throw new InvalidRequestException("citizenId must be 13 digits with a valid check digit");
    }
    return citizenId;
  }

  /** The {@code requestedAt}, an ISO-8601 UTC instant. */
  static Instant requestedAt(JsonNode request) {
    try {
      return Instant.parse(request.get("requestedAt").asText());
    } catch (DateTimeException e) {
      throw new InvalidRequestException("requestedAt must be an ISO-8601 UTC instant");
    }
  }

  /** A string member of at most {@code max} characters, or null when absent. */
  static String text(JsonNode request, String field, int max) {
    JsonNode value = request.get(field);
    if (value == null) {
      return null;
    }
    if (value.asText().length() > max) {
      throw new InvalidRequestException(field + " is at most " + max + " characters");
    }
    return value.asText();
  }

  private static void nonEmptyString(JsonNode root, String field) {
    JsonNode value = root.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new InvalidRequestException(field + " is missing or not a non-empty string");
    }
  }

  private static void checkContentType(String contentType) {
    MediaType type;
    try {
      type = contentType == null ? null : MediaType.parseMediaType(contentType);
    } catch (InvalidMediaTypeException e) {
      type = null;
    }
    if (type == null || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
      throw new InvalidRequestException("Content-Type must be application/json; charset=UTF-8");
    }
    boolean utf8;
    try {
      utf8 = type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset());
    } catch (IllegalArgumentException e) {
      utf8 = false;
    }
    if (!utf8) {
      throw new InvalidRequestException("the charset must be UTF-8");
    }
  }

  /** A field name fit for a message: at most 40 characters, letters and digits only. */
  private static String printable(String name) {
    String cleaned = name.replaceAll("[^A-Za-z0-9_]", "?");
    return cleaned.length() > 40 ? cleaned.substring(0, 40) + "..." : cleaned;
  }
}
