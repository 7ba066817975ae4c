package org.saphan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.saphan.catalog.settings.AgencySettings;
import org.saphan.catalog.settings.ApiSettings;
import org.saphan.catalog.settings.BackOfficeSettings;
import org.saphan.catalog.settings.CardSettings;
import org.saphan.catalog.settings.CardSettingsJson;
import org.saphan.catalog.settings.ConsentSettings;
import org.saphan.catalog.settings.EvidenceSettings;
import org.saphan.catalog.settings.FormSettings;
import org.saphan.catalog.settings.InfoSettings;
import org.saphan.catalog.settings.LinkOutSettings;
import org.saphan.catalog.settings.PaymentSettings;
import org.saphan.catalog.settings.ServiceSettings;
import org.saphan.catalog.settings.SsoSettings;

/**
 * One valid connector card: a government service joined to the portal through one integration
 * model. Immutable; its settings are typed ({@link CardSettings}), bound from the card with the
 * schema's defaults filled in, and keep secret references ({@code ${env:NAME}}) as written, while
 * {@link #credentials()} holds the resolved values.
 */
public final class ConnectorCard {

  private final String name;
  private final IntegrationModel model;
  private final Path sourceFile;
  private final CardSettings settings;
  private final Map<String, Secret> credentials;

  /**
   * A card from its schema-valid JSON with the defaults filled in.
   *
   * @throws IllegalArgumentException when the JSON does not fit the settings records
   */
  ConnectorCard(
      String name,
      IntegrationModel model,
      Path sourceFile,
      JsonNode withDefaults,
      Map<String, Secret> credentials) {
    this.name = Objects.requireNonNull(name, "name");
    this.model = Objects.requireNonNull(model, "model");
    this.sourceFile = Objects.requireNonNull(sourceFile, "sourceFile");
    this.settings = CardSettingsJson.read(withDefaults);
    this.credentials = Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
  }

  /** The connector name, for example {@code dcy-newborn-grant}. */
  public String name() {
    return name;
  }

  /** The integration model number, 0 to 4. */
  public int model() {
    return model.number();
  }

  /** The integration model. */
  public IntegrationModel integrationModel() {
    return model;
  }

  /** Route id of this connector's route: {@code <connector>-<template id>}. */
  public String routeId() {
    return name + "-" + model.templateId();
  }

  /** The card file, relative to the Saphan home when it lies inside it. */
  public Path sourceFile() {
    return sourceFile;
  }

  /** The whole card, typed, schema defaults filled in, secret references not substituted. */
  public CardSettings settings() {
    return settings;
  }

  /** The card's {@code agency}. */
  public AgencySettings agency() {
    return settings.agency();
  }

  /** The card's {@code service}. */
  public ServiceSettings service() {
    return settings.service();
  }

  /**
   * The service's identity assurance floor, {@code service.minimumIal}: every act of the hub for a
   * citizen in this service (an application, a check, an SSO link) needs at least this level.
   */
  public Optional<String> minimumIal() {
    return settings.service().minimumIal();
  }

  /**
   * The floor of one act that may set its own ({@code sso.minimumIal}, an operation's {@code
   * minimumIal}): the stricter of the service's and {@code own} ({@code null} for none), so that an
   * act can raise the service's floor but never lower it.
   */
  public Optional<String> minimumIal(String own) {
    return IalLevels.stricter(settings.service().minimumIal().orElse(null), own);
  }

  /** The card's {@code info}, where it has one. */
  public Optional<InfoSettings> info() {
    return settings.info();
  }

  /** The card's {@code linkOut} (models 1 and 2). */
  public Optional<LinkOutSettings> linkOut() {
    return settings.linkOut();
  }

  /** The card's {@code sso} (model 2). */
  public Optional<SsoSettings> sso() {
    return settings.sso();
  }

  /** The card's {@code api} (model 3). */
  public Optional<ApiSettings> api() {
    return settings.api();
  }

  /** The card's synchronous check operations ({@code checks}), whatever its model. */
  public Optional<org.saphan.catalog.settings.CheckSettings> checks() {
    return settings.checks();
  }

  /** The card's {@code backOffice} (model 4). */
  public Optional<BackOfficeSettings> backOffice() {
    return settings.backOffice();
  }

  /**
   * The card's {@code consent} (models 3 and 4); for a card of another model that offers checks,
   * its {@code checks.consent}: the one basis for what the card's exchanges read and share.
   */
  public Optional<ConsentSettings> consent() {
    return settings
        .consent()
        .or(() -> settings.checks().map(org.saphan.catalog.settings.CheckSettings::consent));
  }

  /** The card's {@code payment}, where the service collects a fee through e-Payment. */
  public Optional<PaymentSettings> payment() {
    return settings.payment();
  }

  /** The card's {@code form}. */
  public Optional<FormSettings> form() {
    return settings.form();
  }

  /** The card's {@code evidence}: what the message log keeps (default: metadata only). */
  public EvidenceSettings evidence() {
    return settings.evidence();
  }

  /** Resolved credentials by name (the keys of {@code api.credentials}). */
  public Map<String, Secret> credentials() {
    return credentials;
  }

  /** One resolved credential. */
  public Optional<Secret> credential(String credentialName) {
    return Optional.ofNullable(credentials.get(credentialName));
  }

  /** The agency code, for example {@code dcy}. */
  public String agencyCode() {
    return settings.agency().code();
  }

  /** The agency's Thai name. */
  public String agencyNameTh() {
    return settings.agency().name().th();
  }

  /** The agency's English name, where the card has one. */
  public Optional<String> agencyNameEn() {
    return settings.agency().name().en();
  }

  /** The service's Thai name, exactly as in the roadmap. */
  public String serviceNameTh() {
    return settings.service().name().th();
  }

  /** The service's English name, where the card has one. */
  public Optional<String> serviceNameEn() {
    return settings.service().name().en();
  }

  /** {@code api.endpoint}, for model 3 over REST or SOAP. */
  public Optional<URI> endpointUrl() {
    return api().flatMap(ApiSettings::endpoint);
  }

  /** {@code linkOut.url}, for models 1 and 2. */
  public Optional<URI> linkOutUrl() {
    return linkOut().map(LinkOutSettings::url);
  }

  /** The mapping file for {@code key}, relative to the Saphan home, when the card declares it. */
  public Optional<Path> mappingFile(MappingKey key) {
    return api()
        .map(ApiSettings::mappings)
        .flatMap(
            mappings ->
                switch (key) {
                  case REQUEST -> Optional.of(mappings.request());
                  case RESPONSE -> Optional.of(mappings.response());
                  case STATUS -> mappings.status();
                  case POLL -> mappings.poll();
                  case PAYMENT -> mappings.payment();
                })
        .map(Path::of);
  }

  /** The agency status code table, {@code api.statusCodes}; empty when the card has none. */
  public Map<String, CanonicalStatus> statusCodes() {
    Map<String, CanonicalStatus> codes = new LinkedHashMap<>();
    api()
        .map(ApiSettings::statusCodes)
        .orElse(Map.of())
        .forEach(
            (code, wire) ->
                CanonicalStatus.fromWire(wire).ifPresent(status -> codes.put(code, status)));
    return Collections.unmodifiableMap(codes);
  }

  /** The canonical status an agency status code means, if the card lists the code. */
  public Optional<CanonicalStatus> canonicalStatus(String agencyStatusCode) {
    return Optional.ofNullable(statusCodes().get(agencyStatusCode));
  }

  @Override
  public String toString() {
    return "ConnectorCard[" + name + ", model " + model.number() + ", " + sourceFile + "]";
  }
}
