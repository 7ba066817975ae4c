package org.saphan.hub.gdx;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digests that name a payload in logs and errors without showing it. */
final class Hashes {

  private static final int PREFIX_BYTES = 8;

  private Hashes() {}

  /** The first 8 bytes of the SHA-256 of the data, in hex. */
  static String sha256Prefix(byte[] data) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(data == null ? new byte[0] : data);
      return HexFormat.of().formatHex(digest, 0, PREFIX_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
