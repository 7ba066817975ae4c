package org.saphan.sandbox.epayment;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** CRC-16/CCITT-FALSE, the checksum of EMVCo QR payloads (tag 63). */
public final class Crc16 {

  private static final int POLYNOMIAL = 0x1021;
  private static final int INITIAL = 0xFFFF;

  private Crc16() {}

  /** Poly 0x1021, init 0xFFFF, no reflection, no final XOR. */
  public static int ccittFalse(byte[] data) {
    int crc = INITIAL;
    for (byte b : data) {
      crc ^= (b & 0xFF) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ POLYNOMIAL : crc << 1;
        crc &= 0xFFFF;
      }
    }
    return crc;
  }

  /** The CRC of the text's UTF-8 bytes as four upper-case hex digits, as written in tag 63. */
  public static String hex(String text) {
    return String.format(Locale.ROOT, "%04X", ccittFalse(text.getBytes(StandardCharsets.UTF_8)));
  }
}
