package org.saphan.hub.status;

import org.saphan.catalog.ConnectorCard;
import org.saphan.hub.applications.Application;
import org.saphan.hub.error.SaphanException;

/**
 * Asks an agency for one application's status, for the agencies that cannot call back ({@code
 * api.polling}). The delivery package answers it with the card's poll mapping, signing and
 * transport; status owns the question so that it stays below delivery (delivery records its
 * outcomes through status, never the other way round).
 */
@FunctionalInterface
public interface AgencyStatusQuery {

  /**
   * The agency's status report for the application, with what the message log keeps of both sides.
   *
   * @throws SaphanException when the call failed, or the agency answered with a fault or an error
   *     status: the poll of this application failed and the next poll tries again
   */
  Exchange ask(ConnectorCard card, Application application);

  /**
   * One poll: the question sent and the report received.
   *
   * @param report the report as its transport returned it (for SOAP the Body's payload, XML text)
   * @param reportWire the exact bytes of the answer (for SOAP the whole envelope), or null when its
   *     transport did not keep them
   * @param requestSha256 SHA-256 of the exact bytes sent (for SOAP the whole envelope)
   * @param requestSignature the question's signature as the message log names it (a detached JWS,
   *     or {@code enveloped:<kid>} when it travels inside the body), or null when unsigned
   * @param requestKid the key that signed the question, or null when unsigned
   */
  record Exchange(
      String report,
      byte[] reportWire,
      String requestSha256,
      String requestSignature,
      String requestKid) {}
}
