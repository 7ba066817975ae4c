package org.saphan.hub.consent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.Json;
import org.saphan.hub.security.Signing;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The PDPA consent ledger: per citizen, an append-only chain of signed entries (each hashing the
 * one before), and a signed checkpoint of the chain's head, so that an edited, inserted or deleted
 * entry, including the latest, is detectable by {@link #verify}.
 */
public class ConsentLedger {

  /** Channels a citizen can act through. */
  public static final Set<String> CHANNELS = Set.of("portal", "app", "counter");

  private static final ObjectMapper CANONICAL = Json.canonical();

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Signing signing;
  private final ConsentAgreements agreements;
  private final Clock clock;

  public ConsentLedger(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      Signing signing,
      ConsentAgreements agreements,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.signing = signing;
    this.agreements = agreements;
    this.clock = clock;
  }

  /**
   * Records a grant: the citizen agrees to (part of) an agreement's current version.
   *
   * @param categories the categories granted; empty means all of the agreement's
   * @param expiresAt when the grant lapses, or {@code null}
   */
  public ConsentRecord grant(
      String subject,
      String agreementId,
      List<String> categories,
      Instant expiresAt,
      String channel) {
    ConsentAgreement agreement = agreements.get(agreementId);
    List<String> granted =
        categories == null || categories.isEmpty()
            ? agreement.categories()
            : List.copyOf(new java.util.LinkedHashSet<>(categories));
    List<String> unknown =
        granted.stream().filter(c -> !agreement.categories().contains(c)).toList();
    if (!unknown.isEmpty()) {
      throw SaphanException.business(
          ErrorCode.VALIDATION_FAILED,
          "agreement " + agreementId + " does not cover " + unknown,
          Map.of("unknownCategories", unknown, "agreementCategories", agreement.categories()));
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "expiresAt is in the past");
    }
    return append(
        subject,
        "grant",
        agreement.id(),
        agreement.version(),
        granted,
        null,
        now,
        expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS),
        channel(channel));
  }

  /** Withdraws a grant of the citizen's: as easy as granting, effective at once. */
  public ConsentRecord withdraw(String subject, UUID grantId, String channel) {
    ConsentRecord grant =
        find(grantId)
            .filter(r -> r.subject().equals(subject) && r.kind().equals("grant"))
            .orElseThrow(
                () ->
                    SaphanException.validation(
                        ErrorCode.CONSENT_NOT_FOUND, "no consent " + grantId + " of yours"));
    boolean withdrawn =
        jdbc.sql("select count(*) from consent_record where refers_to = ?")
                .param(grantId)
                .query(Long.class)
                .single()
            > 0;
    if (withdrawn) {
      throw SaphanException.business(
          ErrorCode.CONSENT_ALREADY_WITHDRAWN,
          "consent " + grantId + " is already withdrawn",
          Map.of());
    }
    return append(
        subject,
        "withdraw",
        grant.agreementId(),
        grant.agreementVersion(),
        grant.categories(),
        grantId,
        clock.instant().truncatedTo(ChronoUnit.MILLIS),
        null,
        channel(channel));
  }

  private ConsentRecord append(
      String subject,
      String kind,
      String agreementId,
      int agreementVersion,
      List<String> categories,
      UUID refersTo,
      Instant at,
      Instant expiresAt,
      String channel) {
    return transactions.execute(
        status -> {
          // One writer per chain: the checkpoint row is the chain's lock.
          jdbc.sql(
                  "insert into consent_checkpoint (subject, seq, head_hash, signed_at, signature)"
                      + " values (?, 0, ?, now(), '') on conflict do nothing")
              .params(subject, ConsentRecord.GENESIS)
              .update();
          Map<String, Object> head =
              jdbc.sql("select seq, head_hash from consent_checkpoint where subject = ? for update")
                  .param(subject)
                  .query()
                  .singleRow();
          long seq = ((Number) head.get("seq")).longValue() + 1;
          String prevHash = (String) head.get("head_hash");
          UUID id = UUID.randomUUID();
          ConsentRecord unsigned =
              new ConsentRecord(
                  id,
                  subject,
                  seq,
                  kind,
                  agreementId,
                  agreementVersion,
                  categories,
                  refersTo,
                  at,
                  expiresAt,
                  channel,
                  prevHash,
                  null,
                  null);
          byte[] canonical = canonical(unsigned);
          String hash = Digests.sha256(canonical);
          String signature = signing.signArchival(canonical);
          jdbc.sql(
                  "insert into consent_record (id, subject, seq, kind, agreement_id,"
                      + " agreement_version, categories, refers_to, at, expires_at, channel,"
                      + " prev_hash, record_hash, signature)"
                      + " values (?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?)")
              .params(
                  id,
                  subject,
                  seq,
                  kind,
                  agreementId,
                  agreementVersion,
                  "{" + String.join(",", categories) + "}",
                  refersTo,
                  Timestamp.from(at),
                  expiresAt == null ? null : Timestamp.from(expiresAt),
                  channel,
                  prevHash,
                  hash,
                  signature)
              .update();
          Instant signedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
          jdbc.sql(
                  "update consent_checkpoint set seq = ?, head_hash = ?, signed_at = ?,"
                      + " signature = ? where subject = ?")
              .params(
                  seq,
                  hash,
                  Timestamp.from(signedAt),
                  signing.signArchival(checkpoint(subject, seq, hash, signedAt)),
                  subject)
              .update();
          return new ConsentRecord(
              id,
              subject,
              seq,
              kind,
              agreementId,
              agreementVersion,
              categories,
              refersTo,
              at,
              expiresAt,
              channel,
              prevHash,
              hash,
              signature);
        });
  }

  /** One entry by id. */
  public Optional<ConsentRecord> find(UUID id) {
    return jdbc.sql(SELECT + " where id = ?").param(id).query(this::row).optional();
  }

  /** A citizen's whole ledger, oldest first. */
  public List<ConsentRecord> history(String subject) {
    return jdbc.sql(SELECT + " where subject = ? order by seq")
        .param(subject)
        .query(this::row)
        .list();
  }

  /**
   * The grants of a citizen that are in force now for an agreement's current version: not
   * withdrawn, not expired.
   */
  public List<ConsentRecord> activeGrants(String subject, ConsentAgreement agreement) {
    Instant now = clock.instant();
    List<ConsentRecord> all = history(subject);
    Set<UUID> withdrawn = new java.util.HashSet<>();
    all.stream().filter(r -> r.kind().equals("withdraw")).forEach(r -> withdrawn.add(r.refersTo()));
    return all.stream()
        .filter(r -> r.kind().equals("grant"))
        .filter(r -> r.agreementId().equals(agreement.id()))
        .filter(r -> r.agreementVersion() == agreement.version())
        .filter(r -> !withdrawn.contains(r.id()))
        .filter(r -> r.expiresAt() == null || r.expiresAt().isAfter(now))
        .toList();
  }

  /** Whether a grant has been withdrawn, and when. */
  public Optional<Instant> withdrawnAt(UUID grantId) {
    return jdbc.sql("select at from consent_record where refers_to = ?")
        .param(grantId)
        .query((rs, row) -> rs.getTimestamp("at").toInstant())
        .optional();
  }

  /** The outcome of checking a chain. */
  public record Verification(boolean intact, long entries, List<String> problems) {}

  /** Checks a citizen's chain: every hash, link, signature, and the signed head. */
  public Verification verify(String subject) {
    List<String> problems = new ArrayList<>();
    List<ConsentRecord> chain = history(subject);
    String prev = ConsentRecord.GENESIS;
    long expected = 1;
    for (ConsentRecord r : chain) {
      if (r.seq() != expected) {
        problems.add("entry " + expected + " is missing (found " + r.seq() + ")");
        expected = r.seq();
      }
      if (!r.prevHash().equals(prev)) {
        problems.add("entry " + r.seq() + " does not follow the entry before it");
      }
      byte[] canonical = canonical(r);
      if (!Digests.sha256(canonical).equals(r.recordHash())) {
        problems.add("entry " + r.seq() + " was altered (hash mismatch)");
      }
      try {
        signing.verifyArchival(canonical, r.signature());
      } catch (SaphanException e) {
        problems.add("entry " + r.seq() + " signature does not verify: " + e.code().code());
      }
      prev = r.recordHash();
      expected++;
    }
    Optional<Map<String, Object>> head =
        jdbc
            .sql(
                "select seq, head_hash, signed_at, signature from consent_checkpoint where subject = ?")
            .param(subject)
            .query()
            .listOfRows()
            .stream()
            .findFirst();
    long lastSeq = chain.isEmpty() ? 0 : chain.get(chain.size() - 1).seq();
    if (head.isEmpty()) {
      if (!chain.isEmpty()) {
        problems.add("the signed chain head is missing");
      }
    } else {
      long headSeq = ((Number) head.get().get("seq")).longValue();
      String headHash = (String) head.get().get("head_hash");
      Instant signedAt = ((Timestamp) head.get().get("signed_at")).toInstant();
      if (headSeq > 0) {
        try {
          signing.verifyArchival(
              checkpoint(subject, headSeq, headHash, signedAt),
              (String) head.get().get("signature"));
        } catch (SaphanException e) {
          problems.add("the chain head's signature does not verify: " + e.code().code());
        }
      }
      if (headSeq != lastSeq || !headHash.equals(prev)) {
        problems.add(
            "the signed head names entry "
                + headSeq
                + " but the chain ends at entry "
                + lastSeq
                + (headSeq > lastSeq ? " (latest entries deleted)" : ""));
      }
    }
    return new Verification(problems.isEmpty(), chain.size(), problems);
  }

  private static final String SELECT =
      "select id, subject, seq, kind, agreement_id, agreement_version, categories, refers_to, at,"
          + " expires_at, channel, prev_hash, record_hash, signature from consent_record";

  private ConsentRecord row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new ConsentRecord(
        rs.getObject("id", UUID.class),
        rs.getString("subject"),
        rs.getLong("seq"),
        rs.getString("kind"),
        rs.getString("agreement_id"),
        rs.getInt("agreement_version"),
        List.of((String[]) rs.getArray("categories").getArray()),
        rs.getObject("refers_to", UUID.class),
        rs.getTimestamp("at").toInstant(),
        rs.getTimestamp("expires_at") == null ? null : rs.getTimestamp("expires_at").toInstant(),
        rs.getString("channel"),
        rs.getString("prev_hash"),
        rs.getString("record_hash"),
        rs.getString("signature"));
  }

  /** The canonical bytes an entry's hash and signature cover (sorted keys, no hash/signature). */
  static byte[] canonical(ConsentRecord r) {
    Map<String, Object> map = new TreeMap<>();
    map.put("id", r.id().toString());
    map.put("subject", r.subject());
    map.put("seq", r.seq());
    map.put("kind", r.kind());
    map.put("agreementId", r.agreementId());
    map.put("agreementVersion", r.agreementVersion());
    map.put("categories", r.categories());
    map.put("refersTo", r.refersTo() == null ? null : r.refersTo().toString());
    map.put("at", r.at().toString());
    map.put("expiresAt", r.expiresAt() == null ? null : r.expiresAt().toString());
    map.put("channel", r.channel());
    map.put("prevHash", r.prevHash());
    return json(map);
  }

  private static byte[] checkpoint(String subject, long seq, String hash, Instant signedAt) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("subject", subject);
    map.put("seq", seq);
    map.put("headHash", hash);
    map.put("signedAt", signedAt.toString());
    return json(new TreeMap<>(map));
  }

  private static byte[] json(Map<String, Object> map) {
    try {
      return CANONICAL.writeValueAsBytes(map);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String channel(String channel) {
    String value = channel == null || channel.isBlank() ? "portal" : channel;
    if (!CHANNELS.contains(value)) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "channel must be one of " + CHANNELS);
    }
    return value;
  }
}
