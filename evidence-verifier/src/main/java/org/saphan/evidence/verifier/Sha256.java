package org.saphan.evidence.verifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in lowercase hex, the form every digest of docs/evidence.md takes. */
final class Sha256 {

  /** The digest of nothing before the first manifest or archive. */
  static final String ZEROS = "0".repeat(64);

  private Sha256() {}

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  static byte[] of(byte[] bytes) {
    return digest().digest(bytes);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(of(bytes));
  }

  static String hex(String utf8) {
    return hex(utf8.getBytes(StandardCharsets.UTF_8));
  }

  /** The first 12 hex digits, enough to tell two digests apart in a message. */
  static String brief(String hex) {
    return hex == null ? "(none)" : hex.length() > 12 ? hex.substring(0, 12) + "..." : hex;
  }
}
