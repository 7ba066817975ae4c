package org.saphan.hub.payment.qr;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR), the checksum of EMVCo
 * QR payloads (tag 63).
 */
public final class Crc16CcittFalse {

  private static final int[] TABLE = table();

  private Crc16CcittFalse() {}

  /** The checksum of the bytes, as an unsigned 16-bit value. */
  public static int checksum(byte[] data) {
    int crc = 0xFFFF;
    for (byte b : data) {
      crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ b) & 0xFF]) & 0xFFFF;
    }
    return crc;
  }

  /**
   * The checksum of an ASCII text as the 4 uppercase hex digits EMVCo writes, zero-padded (a CRC
   * below 0x1000 is still 4 digits).
   */
  public static String hex(String ascii) {
    return String.format(Locale.ROOT, "%04X", checksum(ascii.getBytes(StandardCharsets.US_ASCII)));
  }

  private static int[] table() {
    int[] table = new int[256];
    for (int i = 0; i < 256; i++) {
      int crc = i << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      table[i] = crc & 0xFFFF;
    }
    return table;
  }
}
