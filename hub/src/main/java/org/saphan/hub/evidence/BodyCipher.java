package org.saphan.hub.evidence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A body kept in the message log, sealed with its citizen's data key: AES-256-GCM, a random 96-bit
 * IV per body, and the record's SHA-256 as associated data, so a body moved to another record (or a
 * record's text changed) no longer opens. Envelope: {@code 0x01 || IV (12 bytes) || ciphertext ||
 * tag (16 bytes)}.
 */
final class BodyCipher {

  /** The envelope's first byte: this format. */
  static final byte VERSION = 1;

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private BodyCipher() {}

  /** Encrypts the exact bytes of an exchange for the record whose SHA-256 is {@code recordSha}. */
  static byte[] seal(SecretKey key, byte[] body, String recordSha) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(recordSha.getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(body);
      byte[] envelope = new byte[1 + IV_BYTES + sealed.length];
      envelope[0] = VERSION;
      System.arraycopy(iv, 0, envelope, 1, IV_BYTES);
      System.arraycopy(sealed, 0, envelope, 1 + IV_BYTES, sealed.length);
      return envelope;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable: " + e.getMessage(), e);
    }
  }

  /**
   * The exact bytes sealed for the record whose SHA-256 is {@code recordSha}.
   *
   * @throws IllegalArgumentException when the envelope is not this format, or it does not open with
   *     this key and record (another record's body, or altered)
   */
  static byte[] open(SecretKey key, byte[] envelope, String recordSha) {
    if (envelope.length < 1 + IV_BYTES + TAG_BITS / 8 || envelope[0] != VERSION) {
      throw new IllegalArgumentException("not a sealed evidence body (format " + VERSION + ")");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(envelope, 1, 1 + IV_BYTES)));
      cipher.updateAAD(recordSha.getBytes(StandardCharsets.US_ASCII));
      return cipher.doFinal(envelope, 1 + IV_BYTES, envelope.length - 1 - IV_BYTES);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IllegalArgumentException("the body does not open for this record and key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable: " + e.getMessage(), e);
    }
  }
}
