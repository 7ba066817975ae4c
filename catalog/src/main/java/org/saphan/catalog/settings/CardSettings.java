package org.saphan.catalog.settings;

import java.util.Optional;

/**
 * A whole connector card, typed: one member per top-level property of {@code
 * connector.schema.json}. The blocks an integration model does not use are empty.
 *
 * @param metadata the card's identity
 * @param agency the agency that owns the service
 * @param service the service and its roadmap entry
 * @param model the integration model number, 0 to 4
 * @param info the service information
 * @param linkOut the agency e-service link (models 1 and 2)
 * @param sso single sign-on (model 2)
 * @param api the system-to-system exchange (model 3)
 * @param checks synchronous check operations (any model)
 * @param backOffice the back-office workflow (model 4)
 * @param consent the personal data read and shared (models 3 and 4)
 * @param payment the fee collected through e-Payment
 * @param form the application form
 * @param evidence what the message log keeps of the connector's exchanges
 */
public record CardSettings(
    Metadata metadata,
    AgencySettings agency,
    ServiceSettings service,
    int model,
    Optional<InfoSettings> info,
    Optional<LinkOutSettings> linkOut,
    Optional<SsoSettings> sso,
    Optional<ApiSettings> api,
    Optional<CheckSettings> checks,
    Optional<BackOfficeSettings> backOffice,
    Optional<ConsentSettings> consent,
    Optional<PaymentSettings> payment,
    Optional<FormSettings> form,
    EvidenceSettings evidence) {

  /**
   * The card's {@code metadata}.
   *
   * @param name the connector name, equal to the file name without {@code .connector.yaml}
   */
  public record Metadata(String name) {}
}
