package org.saphan.hub.consent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry of a citizen's consent ledger: a grant, or the withdrawal of a grant.
 *
 * @param id the entry id
 * @param subject the citizen id
 * @param seq position in the subject's chain, from 1
 * @param kind {@code grant} or {@code withdraw}
 * @param agreementId the agreement
 * @param agreementVersion the agreement version consented to
 * @param categories the categories granted (a grant may cover part of the agreement)
 * @param refersTo for a withdrawal, the grant it withdraws
 * @param at when it was recorded
 * @param expiresAt when a grant lapses, or {@code null}
 * @param channel where the citizen acted ({@code portal}, {@code app}, {@code counter})
 * @param prevHash the previous entry's hash ({@code 64 zeros} for the first)
 * @param recordHash SHA-256 of this entry's canonical form (which includes prevHash)
 * @param signature the hub's detached JWS over the canonical form
 */
public record ConsentRecord(
    UUID id,
    String subject,
    long seq,
    String kind,
    String agreementId,
    int agreementVersion,
    List<String> categories,
    UUID refersTo,
    Instant at,
    Instant expiresAt,
    String channel,
    String prevHash,
    String recordHash,
    String signature) {

  /** The hash before the first entry of a chain. */
  public static final String GENESIS = "0".repeat(64);
}
