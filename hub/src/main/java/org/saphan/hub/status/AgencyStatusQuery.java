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
   * The agency's status report for the application, as its transport returned it.
   *
   * @throws SaphanException when the call failed, or the agency answered with a fault or an error
   *     status: the poll of this application failed and the next poll tries again
   */
  String ask(ConnectorCard card, Application application);
}
