package org.saphan.hub.security;

/**
 * Verifies inbound signatures of one signing policy against a party's {@link VerificationRules}.
 */
public interface SignatureVerifier {

  /** The policy this verifier checks. */
  SigningPolicy policy();

  /**
   * Verifies a message.
   *
   * @param body the received body (compact JWS, signed XML, or the payload of a detached signature)
   * @param detachedSignature the detached signature (JWS {@code header..signature}, DER CMS), or
   *     {@code null} when the signature is inside the body
   * @param rules the sending party's trust, algorithms and time windows
   * @return what was verified; callers process only its content
   * @throws org.saphan.hub.error.SaphanException with the exact security {@code ErrorCode}
   */
  VerifiedSignature verify(byte[] body, byte[] detachedSignature, VerificationRules rules);

  /**
   * The {@code none} policy: accepts the body unsigned. Only for connector cards that state {@code
   * signing: none} explicitly; never a default.
   */
  static SignatureVerifier none() {
    return new SignatureVerifier() {
      @Override
      public SigningPolicy policy() {
        return SigningPolicy.NONE;
      }

      @Override
      public VerifiedSignature verify(
          byte[] body, byte[] detachedSignature, VerificationRules rules) {
        return new VerifiedSignature(SigningPolicy.NONE, "none", null, null, null, null, body);
      }
    };
  }
}
