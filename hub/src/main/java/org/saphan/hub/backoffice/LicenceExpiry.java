package org.saphan.hub.backoffice;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saphan.hub.backoffice.Licences.Licence;
import org.saphan.hub.status.PortalNotifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

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
