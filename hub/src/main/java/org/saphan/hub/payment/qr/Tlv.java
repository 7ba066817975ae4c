package org.saphan.hub.payment.qr;

import java.util.Locale;

/** EMVCo TLV writing: 2-digit id, 2-digit length, value. */
final class Tlv {

  /** EMVCo caps a value at 99 characters (two length digits). */
  static final int MAX_VALUE_LENGTH = 99;

  private Tlv() {}

  static StringBuilder append(StringBuilder out, String id, String value) {
    if (value.length() > MAX_VALUE_LENGTH) {
      throw new IllegalArgumentException("tag " + id + " value longer than 99 characters");
    }
    return out.append(id).append(String.format(Locale.ROOT, "%02d", value.length())).append(value);
  }
}
