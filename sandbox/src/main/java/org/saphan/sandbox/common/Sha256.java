package org.saphan.sandbox.common;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The sandbox's one SHA-256 helper (lowercase hex), for what its parties hash: received bodies,
 * files and manifests. The sandbox is the hub's other party and does not use the hub's code, so it
 * keeps its own, once.
 */
public final class Sha256 {

  private Sha256() {}

  /** The SHA-256 of {@code bytes}, lowercase hex. */
  public static String hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
