package org.saphan.hub.security;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of a successful verification: who signed, with what, when, and the content that was
 * verified. Callers process {@link #content()} (or, for XML, {@link VerifiedXml#document()}) and
 * nothing else.
 *
 * @param policy the signing policy verified
 * @param algorithm the algorithm ({@code ES256}, a SignatureMethod URI, a CMS JCA name, or {@code
 *     none})
 * @param kid the signer's key id ({@code null} when unsigned)
 * @param certificate the signer's certificate ({@code null} when the key came from a JWK without
 *     {@code x5c}, or unsigned)
 * @param signedAt when the signer says it signed ({@code iat} or CMS signing time), or {@code null}
 * @param jti the JWS {@code jti}, or {@code null}
 * @param content the verified payload (for a compact JWS: the decoded payload)
 */
public record VerifiedSignature(
    SigningPolicy policy,
    String algorithm,
    String kid,
    X509Certificate certificate,
    Instant signedAt,
    String jti,
    byte[] content) {

  public VerifiedSignature {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(content, "content");
  }

  /** The signer certificate's subject DN (RFC 2253), or {@code null}. */
  public String subject() {
    return certificate == null ? null : certificate.getSubjectX500Principal().getName();
  }

  /** Leaves the payload out: it may hold personal data. */
  @Override
  public String toString() {
    return "VerifiedSignature[policy="
        + policy
        + ", algorithm="
        + algorithm
        + ", kid="
        + kid
        + ", subject="
        + subject()
        + ", signedAt="
        + signedAt
        + ", jti="
        + jti
        + ", content="
        + content.length
        + " bytes]";
  }
}
