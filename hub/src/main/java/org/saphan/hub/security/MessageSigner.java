package org.saphan.hub.security;

/** Signs outbound payloads under one signing policy with the hub's current key. */
public interface MessageSigner {

  /** The policy this signer applies. */
  SigningPolicy policy();

  /**
   * Signs a payload.
   *
   * @throws org.saphan.hub.error.SaphanException {@code KEY_NOT_AVAILABLE} when there is no active
   *     key; {@code XML_MALFORMED} / {@code XML_FORBIDDEN_CONSTRUCT} for XML that cannot be signed
   */
  SignedMessage sign(byte[] payload);

  /**
   * Signs a payload with what authorised sending it bound into the signature (docs/agency/
   * signing.md): a JWS protected-header parameter, a signed SOAP element. A policy that has no
   * place for it (CMS files, none) signs the payload alone.
   *
   * @param authorisation the lawful basis and consent record, or null for none
   */
  default SignedMessage sign(byte[] payload, Authorisation authorisation) {
    return sign(payload);
  }

  /**
   * The {@code none} policy: passes the payload through unsigned. Only for connector cards that
   * state {@code signing: none} explicitly; never a default.
   */
  static MessageSigner none() {
    return new MessageSigner() {
      @Override
      public SigningPolicy policy() {
        return SigningPolicy.NONE;
      }

      @Override
      public SignedMessage sign(byte[] payload) {
        return new SignedMessage(SigningPolicy.NONE, "none", null, payload, null);
      }
    };
  }
}
