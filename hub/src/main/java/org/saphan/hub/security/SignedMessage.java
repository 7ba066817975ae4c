package org.saphan.hub.security;

import java.util.Objects;

/**
 * What a {@link MessageSigner} produced: the body to send, and a detached signature when the policy
 * keeps the signature apart from the body.
 *
 * <ul>
 *   <li>compact JWS: body = the JWS (ASCII), no detached signature;
 *   <li>detached JWS: body = the payload, detached = the {@code header..signature} string (ASCII)
 *       for an HTTP header;
 *   <li>XML-DSig: body = the signed document, no detached signature;
 *   <li>WS-Security X.509: body = the complete SOAP 1.1 envelope, signed in its header, no detached
 *       signature;
 *   <li>CMS: body = the payload, detached = the DER {@code .p7s};
 *   <li>none: body = the payload.
 * </ul>
 *
 * @param policy the policy applied
 * @param algorithm the algorithm used ({@code none} when unsigned)
 * @param kid the signing key's id ({@code null} when unsigned)
 * @param body what to send
 * @param detachedSignature the detached signature, or {@code null}
 */
public record SignedMessage(
    SigningPolicy policy, String algorithm, String kid, byte[] body, byte[] detachedSignature) {

  public SignedMessage {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(body, "body");
  }

  /** True when the signature travels apart from the body. */
  public boolean isDetached() {
    return detachedSignature != null;
  }

  @Override
  public String toString() {
    return "SignedMessage[policy="
        + policy
        + ", algorithm="
        + algorithm
        + ", kid="
        + kid
        + ", body="
        + body.length
        + " bytes, detached="
        + (detachedSignature == null ? "no" : detachedSignature.length + " bytes")
        + "]";
  }
}
