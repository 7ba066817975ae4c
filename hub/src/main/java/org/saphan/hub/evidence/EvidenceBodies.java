package org.saphan.hub.evidence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.KeyRing;
import org.saphan.hub.security.SigningKey;
import org.saphan.hub.security.WrappedUnderHubKeys;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bodies the message log keeps for connectors whose card says {@code evidence.mode: body}
 * (docs/evidence.md): each sealed with AES-256-GCM ({@link BodyCipher}) under its citizen's data
 * key; each data key is stored wrapped with RSA-OAEP (SHA-256, MGF1-SHA-256) by the hub's current
 * RSA key of the key store. A PDPA erasure destroys the citizen's key: the bodies can never be read
 * again, the records, their hashes and seals stay.
 */
public class EvidenceBodies implements WrappedUnderHubKeys {

  /** How many data keys one re-wrap statement batch moves. */
  static final int REWRAP_BATCH = 500;

  /** A body sealed for one record, and the data key that sealed it. */
  record Sealed(byte[] body, UUID key) {}

  /** What an erasure destroyed. */
  public record Erasure(int keysDestroyed, long bodiesErased) {}

  private static final OAEPParameterSpec OAEP =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
  private static final String WRAP = "RSA/ECB/OAEPPadding";

  private final JdbcClient jdbc;
  private final Predicate<String> keepsBodies;
  private final KeyRing keys;
  private final Clock clock;

  /** Unwrapped data keys by id, few and for minutes: each use still reads its row (erasure). */
  private final Cache<UUID, SecretKey> unwrapped =
      Caffeine.newBuilder().maximumSize(1_000).expireAfterAccess(Duration.ofMinutes(10)).build();

  private final SecureRandom random = new SecureRandom();

  /**
   * @param keepsBodies whether a connector's card keeps bodies ({@code evidence.mode: body})
   * @param keys the key store whose RSA key wraps the data keys
   */
  public EvidenceBodies(JdbcClient jdbc, Predicate<String> keepsBodies, KeyRing keys, Clock clock) {
    this.jdbc = jdbc;
    this.keepsBodies = keepsBodies;
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * The body sealed for the record whose SHA-256 is {@code recordSha}, in the caller's transaction
   * (a citizen's first body creates their data key); null when the connector keeps no bodies or the
   * exchange names no citizen.
   */
  Sealed seal(String connector, String citizenId, byte[] body, String recordSha) {
    if (connector == null || citizenId == null || body == null || !keepsBodies.test(connector)) {
      return null;
    }
    DataKey key = live(citizenId).orElseGet(() -> create(citizenId));
    return new Sealed(BodyCipher.seal(key.secret(), body, recordSha), key.id());
  }

  /**
   * The exact bytes of one record's kept body.
   *
   * @throws SaphanException {@code not_found} without such a record or when it kept no body, {@code
   *     evidence_body_erased} when its citizen's key was erased
   */
  public byte[] read(long recordId) {
    List<Stored> rows =
        jdbc.sql(
                "select e.body, e.record_sha256, k.id, k.wrapped_key, k.kek_kid, k.erased_at"
                    + " from evidence e left join citizen_data_key k on k.id = e.body_key"
                    + " where e.id = ?")
            .param(recordId)
            .query(
                (rs, n) ->
                    new Stored(
                        rs.getBytes(1),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getBytes(4),
                        rs.getString(5),
                        rs.getTimestamp(6) != null))
            .list();
    if (rows.isEmpty()) {
      throw SaphanException.validation(ErrorCode.NOT_FOUND, "no evidence record " + recordId);
    }
    Stored row = rows.get(0);
    if (row.body() == null) {
      throw SaphanException.validation(
          ErrorCode.NOT_FOUND,
          "the message log kept no body of record "
              + recordId
              + " (its connector's card keeps metadata only)");
    }
    if (row.erased()) {
      throw SaphanException.validation(
          ErrorCode.EVIDENCE_BODY_ERASED,
          "the body of record " + recordId + " was erased with its citizen's data key");
    }
    SecretKey key = unwrap(row.key(), row.wrapped(), row.kid());
    return BodyCipher.open(key, row.body(), row.recordSha());
  }

  /**
   * PDPA erasure: destroys the citizen's data key (its row keeps only its id and when it was
   * erased), so every body sealed with it is unreadable for good; the records stay.
   */
  public Erasure erase(String citizenId) {
    List<UUID> ids =
        jdbc.sql(
                "update citizen_data_key set citizen_id = null, wrapped_key = null,"
                    + " kek_kid = null, erased_at = ? where citizen_id = ? returning id")
            .params(Timestamp.from(clock.instant()), citizenId)
            .query(UUID.class)
            .list();
    long bodies = 0;
    for (UUID id : ids) {
      unwrapped.invalidate(id);
      bodies +=
          jdbc.sql("select count(*) from evidence where body_key = ?")
              .param(id)
              .query(Long.class)
              .single();
    }
    return new Erasure(ids.size(), bodies);
  }

  /**
   * Moves every data key an older RSA key wraps onto the active one (key maintenance calls it when
   * keys change and before a retirement), a batch at a time; a key changed meanwhile by another
   * node is left to it.
   */
  @Override
  public int rewrap(KeyRing ring) {
    SigningKey active = ring.current(KeyFamily.RSA_3072);
    int moved = 0;
    while (true) {
      List<Stale> stale =
          jdbc.sql(
                  "select id, wrapped_key, kek_kid from citizen_data_key"
                      + " where wrapped_key is not null and kek_kid <> ? order by id limit ?")
              .params(active.kid(), REWRAP_BATCH)
              .query(
                  (rs, n) ->
                      new Stale(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getString(3)))
              .list();
      if (stale.isEmpty()) {
        return moved;
      }
      for (Stale key : stale) {
        SecretKey secret = unwrap(key.id(), key.wrapped(), key.kid());
        moved +=
            jdbc.sql(
                    "update citizen_data_key set wrapped_key = ?, kek_kid = ?"
                        + " where id = ? and kek_kid = ?")
                .params(
                    wrap(secret, active.certificate().getPublicKey()),
                    active.kid(),
                    key.id(),
                    key.kid())
                .update();
      }
    }
  }

  @Override
  public long wrappedBy(String kid) {
    return jdbc.sql(
            "select count(*) from citizen_data_key where wrapped_key is not null and kek_kid = ?")
        .param(kid)
        .query(Long.class)
        .single();
  }

  @Override
  public String toString() {
    return "the message log's citizen data keys";
  }

  private record Stale(UUID id, byte[] wrapped, String kid) {}

  private Optional<DataKey> live(String citizenId) {
    return jdbc.sql("select id, wrapped_key, kek_kid from citizen_data_key where citizen_id = ?")
        .param(citizenId)
        .query(
            (rs, n) -> {
              UUID id = rs.getObject(1, UUID.class);
              return new DataKey(id, unwrap(id, rs.getBytes(2), rs.getString(3)));
            })
        .optional();
  }

  /** A new data key (a concurrent first body of the same citizen wins; its key is used). */
  private DataKey create(String citizenId) {
    SecretKey secret = newDataKey();
    SigningKey kek = keys.current(KeyFamily.RSA_3072);
    UUID id = UUID.randomUUID();
    int inserted =
        jdbc.sql(
                "insert into citizen_data_key (id, citizen_id, wrapped_key, kek_kid, created_at)"
                    + " values (?, ?, ?, ?, ?) on conflict (citizen_id) do nothing")
            .params(
                id,
                citizenId,
                wrap(secret, kek.certificate().getPublicKey()),
                kek.kid(),
                Timestamp.from(clock.instant()))
            .update();
    if (inserted == 1) {
      unwrapped.put(id, secret);
      return new DataKey(id, secret);
    }
    return live(citizenId)
        .orElseThrow(() -> new IllegalStateException("citizen data key vanished while created"));
  }

  private SecretKey unwrap(UUID id, byte[] wrapped, String kid) {
    return unwrapped.get(
        id,
        k -> {
          SigningKey kek =
              keys.find(kid)
                  .orElseThrow(
                      () ->
                          SaphanException.system(
                              ErrorCode.KEY_NOT_AVAILABLE,
                              "the key store no longer holds key "
                                  + kid
                                  + " that wraps citizen data key "
                                  + id,
                              null));
          try {
            Cipher cipher = Cipher.getInstance(WRAP);
            cipher.init(Cipher.UNWRAP_MODE, kek.privateKey(), OAEP);
            return (SecretKey) cipher.unwrap(wrapped, "AES", Cipher.SECRET_KEY);
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("citizen data key " + id + " does not unwrap", e);
          }
        });
  }

  private static byte[] wrap(SecretKey secret, Key publicKey) {
    try {
      Cipher cipher = Cipher.getInstance(WRAP);
      cipher.init(Cipher.WRAP_MODE, publicKey, OAEP);
      return cipher.wrap(secret);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA-OAEP unavailable: " + e.getMessage(), e);
    }
  }

  private SecretKey newDataKey() {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256, random);
      return generator.generateKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES unavailable: " + e.getMessage(), e);
    }
  }

  private record DataKey(UUID id, SecretKey secret) {}

  private record Stored(
      byte[] body, String recordSha, UUID key, byte[] wrapped, String kid, boolean erased) {}
}
