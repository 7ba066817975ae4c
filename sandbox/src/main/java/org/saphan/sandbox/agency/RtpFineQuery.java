package org.saphan.sandbox.agency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.time.Instant;
import java.util.List;

/**
 * The hub's traffic-fine query (docs/agency/checks.md), read by {@link CheckRequests}: exactly
 * {@code requestId}, {@code citizenId}, {@code requestedAt} and, optionally, {@code plateNumber}
 * (at most {@value #MAX_PLATE_LENGTH} characters).
 *
 * @param requestId the hub's request id, also its {@code X-Message-Id}
 * @param citizenId the driver asked about (13 digits, valid check digit)
 * @param plateNumber only the tickets of this plate, or null for all
 * @param requestedAt when the hub asked
 */
public record RtpFineQuery(
    String requestId, String citizenId, String plateNumber, Instant requestedAt)
    implements SignedCheckAgency.Question {

  static final int MAX_PLATE_LENGTH = 20;

  private static final List<String> REQUIRED = List.of("requestId", "citizenId", "requestedAt");
  private static final List<String> OPTIONAL = List.of("plateNumber");

  /**
   * Reads a query.
   *
   * @param reader {@link CheckRequests#reader}
   * @param contentType the {@code Content-Type} header
   * @param body the exact body bytes
   * @throws CheckRequests.InvalidRequestException for anything but the contract's JSON
   */
  static RtpFineQuery parse(ObjectReader reader, String contentType, byte[] body) {
    JsonNode root = CheckRequests.object(reader, contentType, body, REQUIRED, OPTIONAL);
    String requestId = CheckRequests.requestId(root);
    String citizenId = CheckRequests.citizenId(root);
    String plateNumber = CheckRequests.text(root, "plateNumber", MAX_PLATE_LENGTH);
    return new RtpFineQuery(requestId, citizenId, plateNumber, CheckRequests.requestedAt(root));
  }
}
