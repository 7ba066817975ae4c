package org.saphan.hub.backoffice;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.saphan.hub.backoffice.Licences.CredentialSigner;
import org.saphan.hub.backoffice.Licences.Licence;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Verifies a licence at {@code GET /api/v1/licences/{id}/verify}: the signature against the
 * cluster's key registry (retired keys fail), issuer, audience, expiry and revocation.
 */
public class LicenceVerifier {

  /**
   * The answer of a verification.
   *
   * @param valid whether the credential is genuine, current and in force
   * @param reason {@code valid}, {@code invalid_signature}, {@code unknown_key}, {@code expired},
   *     {@code revoked}, {@code not_a_licence}, {@code id_mismatch}, {@code not_yet_valid} or
   *     {@code superseded} (an older credential of a licence still in force: download the renewed
   *     one)
   * @param licence what the licence says (holder's citizen id masked)
   */
  public record Verification(boolean valid, String reason, Map<String, Object> licence) {}

  private final Licences licences;
  private final CredentialSigner signer;
  private final MeterRegistry meters;
  private final Clock clock;

  public LicenceVerifier(
      Licences licences, CredentialSigner signer, MeterRegistry meters, Clock clock) {
    this.licences = licences;
    this.signer = signer;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Verifies a licence: the credential presented (or, without one, the stored credential) must be
   * signed by a hub key still in the registry, name this licence, be unexpired and not revoked.
   *
   * @throws SaphanException {@code licence_not_found} for an unknown id
   */
  public Verification verify(String id, String presented) {
    Licence licence =
        licences
            .find(id)
            .orElseThrow(
                () -> SaphanException.validation(ErrorCode.LICENCE_NOT_FOUND, "no licence " + id));
    String credential =
        presented == null || presented.isBlank() ? licence.credential() : presented.strip();
    Verification result = check(licence, credential, signer, clock.instant());
    meters.counter("saphan.licences.verifications", "result", result.reason()).increment();
    return result;
  }

  static Verification check(
      Licence licence, String credential, CredentialSigner signer, Instant now) {
    JWTClaimsSet claims;
    try {
      claims = signer.verify(credential, Licences.AUDIENCE);
    } catch (SaphanException e) {
      String reason =
          switch (e.code()) {
            case TOKEN_EXPIRED ->
                !credential.equals(licence.credential())
                        && "active".equals(licence.status())
                        && (licence.expiresAt() == null || now.isBefore(licence.expiresAt()))
                    ? "superseded"
                    : "expired";
            case TOKEN_NOT_YET_VALID -> "not_yet_valid";
            case UNKNOWN_KEY -> "unknown_key";
            case WRONG_AUDIENCE, WRONG_ISSUER -> "not_a_licence";
            default -> "invalid_signature";
          };
      return new Verification(false, reason, Licences.publicView(licence));
    }
    if (!licence.id().equals(claims.getJWTID())) {
      return new Verification(false, "id_mismatch", Licences.publicView(licence));
    }
    if ("revoked".equals(licence.status())) {
      return new Verification(false, "revoked", Licences.publicView(licence));
    }
    if (licence.expiresAt() != null && !now.isBefore(licence.expiresAt())) {
      return new Verification(false, "expired", Licences.publicView(licence));
    }
    return new Verification(true, "valid", Licences.publicView(licence));
  }
}
