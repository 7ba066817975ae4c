package org.saphan.hub.backoffice;

import org.saphan.catalog.common.Zones;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.applications.PortalNotifier;
import org.saphan.hub.applications.StatusRecorder;
import org.saphan.hub.backoffice.BackOfficeAudit.Subject;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.platform.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import org.saphan.hub.backoffice.Licences.CredentialSigner;
import org.saphan.hub.backoffice.Licences.Licence;

/** Announces licences near their expiry to the portal ({@code licence.expiring}), once each. */
public class LicenceExpiry {

  private final JdbcClient jdbc;
  private final Licences licences;
  private final PortalNotifier portal;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;

  public LicenceExpiry(
      JdbcClient jdbc,
      Licences licences,
      PortalNotifier portal,
      TransactionTemplate transactions,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.licences = licences;
    this.portal = portal;
    this.transactions = transactions;
    this.meters = meters;
  }

  /**
   * Tells the portal about licences whose expiry notice date has come ({@code licence.expiring}),
   * once per licence.
   *
   * @return how many were notified
   */
  public int notifyExpiring(Instant now) {
    Integer notified =
        transactions.execute(
            tx -> {
              List<Licence> due =
                  jdbc.sql(
                          Licences.SELECT
                              + " where status = 'active' and expiry_notified_at is null"
                              + " and expiry_notice_at <= ? and expires_at > ?"
                              + " order by expiry_notice_at limit 500 for update skip locked")
                      .params(Timestamp.from(now), Timestamp.from(now))
                      .query(Licences::row)
                      .list();
              for (Licence licence : due) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("licenceId", licence.id());
                event.put("serviceId", licence.serviceId());
                event.put("connector", licence.connector());
                event.put("expiresAt", licence.expiresAt().toString());
                event.put("daysLeft", Duration.between(now, licence.expiresAt()).toDays());
                event.putAll(licences.urls(licence.id()));
                portal.publish(
                    licence.applicationId(), "licence.expiring", "licence_expiring", now, event);
                jdbc.sql("update bo_licence set expiry_notified_at = ? where id = ?")
                    .params(Timestamp.from(now), licence.id())
                    .update();
                meters
                    .counter("saphan.licences.expiring", "connector", licence.connector())
                    .increment();
              }
              return due.size();
            });
    return notified == null ? 0 : notified;
  }
}
