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
import java.util.Set;
import java.util.regex.Pattern;
import org.saphan.sandbox.ThaiCitizenId;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The hub's bankruptcy check request (docs/agency/checks.md), read as strictly as a real agency
 * reads it: {@code application/json} in UTF-8, one JSON object with exactly the contract's fields
 * (no other, none twice), a UUID {@code requestId}, a citizen id with its Thai check digit.
 *
 * @param requestId the hub's request id, also its {@code X-Message-Id}
 * @param citizenId the citizen asked about (13 digits, valid check digit)
 * @param firstName the citizen's first name
 * @param lastName the citizen's last name
 * @param requestedAt when the hub asked
 */
public record LedCheckRequest(
    String requestId, String citizenId, String firstName, String lastName, Instant requestedAt) {

  /** Largest body read; a check request is a few hundred bytes. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  private static final List<String> FIELDS =
      List.of("requestId", "citizenId", "firstName", "lastName", "requestedAt");
  private static final Set<String> KNOWN = Set.copyOf(FIELDS);
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final int MAX_NAME_LENGTH = 100;

  /** A request LED does not take; the message says why (no personal data in it). */
  public static final class InvalidRequestException extends RuntimeException {
    InvalidRequestException(String message) {
      super(message);
    }
  }

  /** The strict reader: duplicate keys and trailing content are errors. */
  static ObjectReader reader(ObjectMapper json) {
    return json.readerFor(JsonNode.class)
        .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * Reads a request.
   *
   * @param reader {@link #reader(ObjectMapper)}
   * @param contentType the {@code Content-Type} header
   * @param body the exact body bytes
   * @throws InvalidRequestException for anything but the contract's JSON
   */
  static LedCheckRequest parse(ObjectReader reader, String contentType, byte[] body) {
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
      if (!KNOWN.contains(name)) {
        throw new InvalidRequestException("unknown field " + printable(name));
      }
    }
    for (String field : FIELDS) {
      JsonNode value = root.get(field);
      if (value == null || !value.isTextual() || value.asText().isBlank()) {
        throw new InvalidRequestException(field + " is missing or not a non-empty string");
      }
    }
    String requestId = root.get("requestId").asText();
    if (!UUID.matcher(requestId).matches()) {
      throw new InvalidRequestException("requestId must be a UUID");
    }
    String citizenId = root.get("citizenId").asText();
    if (!ThaiCitizenId.isValid(citizenId)) {
      throw new InvalidRequestException("citizenId must be 13 digits with a valid check digit");
    }
    String firstName = root.get("firstName").asText();
    String lastName = root.get("lastName").asText();
    if (firstName.length() > MAX_NAME_LENGTH || lastName.length() > MAX_NAME_LENGTH) {
      throw new InvalidRequestException("firstName and lastName are at most 100 characters");
    }
    Instant requestedAt;
    try {
      requestedAt = Instant.parse(root.get("requestedAt").asText());
    } catch (DateTimeException e) {
      throw new InvalidRequestException("requestedAt must be an ISO-8601 UTC instant");
    }
    return new LedCheckRequest(requestId, citizenId, firstName, lastName, requestedAt);
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
