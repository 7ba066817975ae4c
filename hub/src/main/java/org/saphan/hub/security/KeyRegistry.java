package org.saphan.hub.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The cluster's key registry in PostgreSQL: the public part and status of every hub key, so every
 * node publishes the same JWKS and verifies what any node signed. A status only moves forward
 * (active, verify-only, retired): a node with a stale key directory cannot revive a retired key.
 */
public class KeyRegistry {

  /**
   * A registered key: its public facts, certificate chain (leaf first), and the latest expiry of
   * any credential it signed ({@code null}: none).
   */
  public record Entry(
      KeyDescriptor descriptor,
      List<X509Certificate> chain,
      String registeredBy,
      Instant lastCredentialExpiry) {

    /**
     * Published in the JWKS: the key still verifies, or a credential it signed is still current (a
     * retired key stays published until then, so holders' credentials keep verifying).
     */
    public boolean publishedAt(Instant now) {
      return descriptor.status().verifies()
          || (lastCredentialExpiry != null && lastCredentialExpiry.isAfter(now));
    }
  }

  /** How long a node reuses the JWK set it read; bounds how late a retirement reaches it. */
  public static final Duration DEFAULT_CACHE = Duration.ofSeconds(2);

  private final JdbcClient jdbc;
  private final String nodeName;
  private final Clock clock;
  private final Duration cache;
  private final Map<String, Instant> recordedExpiry = new ConcurrentHashMap<>();
  private volatile JWKSet cachedJwks;
  private volatile Instant cachedAt = Instant.MIN;

  public KeyRegistry(JdbcClient jdbc, String nodeName, Clock clock, Duration cache) {
    this.jdbc = jdbc;
    this.nodeName = nodeName;
    this.clock = clock;
    this.cache = cache;
  }

  /** Publishes the keys of a key ring: new keys are added, statuses only move forward. */
  public void sync(KeyRing ring) {
    for (KeyDescriptor d : ring.list()) {
      Optional<SigningKey> key = ring.find(d.kid());
      if (key.isPresent()) {
        jdbc.sql(
                "insert into signing_key (kid, family, status, status_rank, not_after, created_at,"
                    + " certificate_chain, registered_by) values (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " on conflict (kid) do update set"
                    + " status = case when excluded.status_rank > signing_key.status_rank"
                    + " then excluded.status else signing_key.status end,"
                    + " status_rank = greatest(excluded.status_rank, signing_key.status_rank),"
                    + " updated_at = case when excluded.status_rank > signing_key.status_rank"
                    + " then now() else signing_key.updated_at end")
            .params(
                d.kid(),
                d.family().name(),
                d.status().name(),
                d.status().ordinal(),
                Timestamp.from(d.notAfter()),
                Timestamp.from(d.created()),
                pem(key.get().chain()),
                nodeName)
            .update();
      } else {
        markStatus(d.kid(), d.status());
      }
    }
    cachedAt = Instant.MIN;
  }

  /** Records a status change made on this node (rotation, retirement); never moves backwards. */
  public void markStatus(String kid, KeyStatus status) {
    jdbc.sql(
            "update signing_key set status = ?, status_rank = ?, updated_at = now()"
                + " where kid = ? and status_rank < ?")
        .params(status.name(), status.ordinal(), kid, status.ordinal())
        .update();
    cachedAt = Instant.MIN;
  }

  /**
   * Records that {@code kid} signed a credential valid until {@code expiresAt}, so the key stays
   * published until then. Rounded up to the hour, so a node writes at most once an hour per key for
   * short-lived credentials (SSO assertions).
   */
  public void recordCredential(String kid, Instant expiresAt) {
    Instant rounded = expiresAt.truncatedTo(ChronoUnit.HOURS);
    if (rounded.isBefore(expiresAt)) {
      rounded = rounded.plus(Duration.ofHours(1));
    }
    Instant known = recordedExpiry.get(kid);
    if (known != null && !rounded.isAfter(known)) {
      return;
    }
    jdbc.sql(
            "update signing_key set last_credential_expiry = ?"
                + " where kid = ? and (last_credential_expiry is null or last_credential_expiry < ?)")
        .params(Timestamp.from(rounded), kid, Timestamp.from(rounded))
        .update();
    Instant recorded = rounded;
    Runnable remember = () -> recordedExpiry.merge(kid, recorded, KeyRegistry::later);
    // Inside a transaction the row is only there once it commits: remember it only then.
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              remember.run();
            }
          });
    } else {
      remember.run();
    }
    cachedAt = Instant.MIN;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** Every registered key, oldest first. */
  public List<Entry> entries() {
    return jdbc.sql(
            "select kid, family, status, not_after, created_at, certificate_chain, registered_by,"
                + " last_credential_expiry from signing_key order by created_at, kid")
        .query(
            (rs, row) ->
                new Entry(
                    new KeyDescriptor(
                        rs.getString("kid"),
                        KeyFamily.valueOf(rs.getString("family")),
                        KeyStatus.valueOf(rs.getString("status")),
                        rs.getTimestamp("not_after").toInstant(),
                        rs.getTimestamp("created_at").toInstant()),
                    Pki.parseCertificates(
                        rs.getString("certificate_chain").getBytes(StandardCharsets.US_ASCII)),
                    rs.getString("registered_by"),
                    rs.getTimestamp("last_credential_expiry") == null
                        ? null
                        : rs.getTimestamp("last_credential_expiry").toInstant()))
        .list();
  }

  /**
   * The public JWK set every node publishes: keys that still verify (active, verify-only), and
   * retired keys until the last credential they signed has expired.
   */
  public JWKSet jwks() {
    Instant now = clock.instant();
    JWKSet cached = cachedJwks;
    if (cached != null && now.isBefore(cachedAt.plus(cache))) {
      return cached;
    }
    List<JWK> keys = new ArrayList<>();
    for (Entry entry : entries()) {
      if (entry.publishedAt(now)) {
        keys.addAll(KeyIds.publicJwks(entry.chain()));
      }
    }
    JWKSet fresh = new JWKSet(keys);
    cachedJwks = fresh;
    cachedAt = now;
    return fresh;
  }

  /**
   * Trust for records the hub keeps for years (consent ledger, evidence, licences): every key the
   * registry has known, retired ones included. Retiring a key stops it verifying new messages, not
   * what the hub archived with it.
   */
  public Trust archiveTrust() {
    JWKSource<SecurityContext> source =
        (selector, context) -> {
          List<JWK> keys = new ArrayList<>();
          for (Entry entry : entries()) {
            keys.addAll(KeyIds.publicJwks(entry.chain()));
          }
          return selector.select(new JWKSet(keys));
        };
    return new Trust.Jwks(source);
  }

  /** Trust in whatever any hub node signed with a key that still verifies. */
  public Trust trust() {
    JWKSource<SecurityContext> source = (selector, context) -> selector.select(jwks());
    return new Trust.Jwks(source);
  }

  private static String pem(List<X509Certificate> chain) {
    StringBuilder out = new StringBuilder();
    chain.forEach(certificate -> out.append(Pki.toPem(certificate)));
    return out.toString();
  }
}
