package org.saphan.sandbox.agency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.time.Instant;
import java.util.List;

/**
 * The hub's bankruptcy check request (docs/agency/checks.md), read by {@link CheckRequests}:
 * exactly {@code requestId}, {@code citizenId}, {@code firstName}, {@code lastName} (at most 100
 * characters each) and {@code requestedAt}.
 *
 * @param requestId the hub's request id, also its {@code X-Message-Id}
 * @param citizenId the citizen asked about (13 digits, valid check digit)
 * @param firstName the citizen's first name
 * @param lastName the citizen's last name
 * @param requestedAt when the hub asked
 */
public record LedCheckRequest(
    String requestId, String citizenId, String firstName, String lastName, Instant requestedAt)
    implements SignedCheckAgency.Question {

  private static final List<String> FIELDS =
      List.of("requestId", "citizenId", "firstName", "lastName", "requestedAt");
  private static final int MAX_NAME_LENGTH = 100;

  /**
   * Reads a request.
   *
   * @param reader {@link CheckRequests#reader}
   * @param contentType the {@code Content-Type} header
   * @param body the exact body bytes
   * @throws CheckRequests.InvalidRequestException for anything but the contract's JSON
   */
  static LedCheckRequest parse(ObjectReader reader, String contentType, byte[] body) {
    JsonNode root = CheckRequests.object(reader, contentType, body, FIELDS, List.of());
    String requestId = CheckRequests.requestId(root);
    String citizenId = CheckRequests.citizenId(root);
    String firstName = root.get("firstName").asText();
    String lastName = root.get("lastName").asText();
    if (firstName.length() > MAX_NAME_LENGTH || lastName.length() > MAX_NAME_LENGTH) {
      throw new CheckRequests.InvalidRequestException(
          "firstName and lastName are at most 100 characters");
    }
    return new LedCheckRequest(
        requestId, citizenId, firstName, lastName, CheckRequests.requestedAt(root));
  }
}
