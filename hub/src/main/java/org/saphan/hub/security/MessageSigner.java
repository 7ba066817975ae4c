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
