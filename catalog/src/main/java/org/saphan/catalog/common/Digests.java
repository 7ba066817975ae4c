package org.saphan.catalog.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one SHA-256 helper of the catalog and the hub: payload, receipt and file hashes, cache and
 * lock keys, replay digests. Hex is lower case.
 */
public final class Digests {

  private Digests() {}

  /** A fresh SHA-256 digest, for streams. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** The SHA-256 of the bytes ({@code null} hashes as no bytes). */
  public static byte[] sha256Bytes(byte[] bytes) {
    return newSha256().digest(bytes == null ? new byte[0] : bytes);
  }

  /** The SHA-256 of the bytes, in hex ({@code null} hashes as no bytes). */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256Bytes(bytes));
  }

  /** The SHA-256 of a text's UTF-8 bytes, in hex. */
  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of everything left in a stream, in hex (the stream is read, not closed). */
  public static String sha256(InputStream in) throws IOException {
    MessageDigest digest = newSha256();
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The SHA-256 of a file's bytes, streamed, in hex. */
  public static String sha256(java.nio.file.Path file) throws IOException {
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      return sha256(in);
    }
  }

  /** The first {@code bytes} bytes of the SHA-256, in hex: names a payload in logs without it. */
  public static String sha256Prefix(byte[] data, int bytes) {
    return HexFormat.of().formatHex(sha256Bytes(data), 0, bytes);
  }
}
