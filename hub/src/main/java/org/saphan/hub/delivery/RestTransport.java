package org.saphan.hub.delivery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.egress.EgressClient;
import org.saphan.hub.security.egress.EgressRequest;
import org.saphan.hub.security.egress.EgressResponse;

/**
 * Calls REST agencies through the hub's {@link EgressClient}: only the origin of the card's URL,
 * each host resolved through the egress policy, the answer read up to 1 MiB.
 */
public class RestTransport {

  /** Largest answer read from an agency. */
  static final int MAX_RESPONSE_BYTES = 1024 * 1024;

  private final EgressClient egress;
  private final Duration timeout;

  /**
   * @param timeout the whole call's budget (connect, send, answer)
   */
  public RestTransport(EgressClient egress, Duration timeout) {
    this.egress = egress;
    this.timeout = timeout;
  }

  /**
   * POSTs a JSON body.
   *
   * @throws DeliveryFailure transient when the agency cannot be reached or times out; permanent
   *     ({@code egress_refused}) when the egress policy refuses its address, ({@code
   *     malformed_response}) when it answers more than 1 MiB
   */
  public AgencyCall post(String connector, URI endpoint, byte[] body, Map<String, String> headers) {
    EgressRequest request =
        EgressRequest.post(endpoint, "application/json; charset=UTF-8", body)
            .withAccept("application/json")
            .withHeaders(headers)
            .withTimeout(timeout)
            .withMaxBody(MAX_RESPONSE_BYTES);
    EgressResponse response = send(egress, connector, request);
    return AgencyCall.read(
        response.status(),
        response.contentType() == null ? "" : response.contentType(),
        new String(response.body(), StandardCharsets.UTF_8),
        response.elapsedMillis(),
        null,
        response.body());
  }

  /** Sends through the egress client, turning its problems into delivery failures. */
  static EgressResponse send(EgressClient egress, String connector, EgressRequest request) {
    try {
      return egress.send(connector, request);
    } catch (SaphanException e) {
      throw failure(e);
    }
  }

  static DeliveryFailure failure(SaphanException e) {
    if (e.code() == ErrorCode.EGRESS_REFUSED) {
      return DeliveryFailure.permanent(ErrorCode.EGRESS_REFUSED, e.getMessage(), e);
    }
    if (e.code() == ErrorCode.UPSTREAM_BAD_RESPONSE) {
      return DeliveryFailure.permanent(
          ErrorCode.MALFORMED_RESPONSE,
          "the agency answered more than 1 MiB (" + e.getMessage() + ")",
          e);
    }
    return DeliveryFailure.transientFailure(
        ErrorCode.AGENCY_UNAVAILABLE, "agency unreachable: " + e.getMessage(), e);
  }
}
