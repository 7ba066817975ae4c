package org.saphan.sandbox.epayment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An EMVCo merchant-presented QR payload (Thai QR Payment): two-digit tag, two-digit length, value;
 * the last data object is tag 63, the CRC-16/CCITT-FALSE of everything before its value.
 */
public final class EmvQr {

  /** Tag of the CRC data object, always last. */
  public static final String CRC_TAG = "63";

  private final Map<String, String> tags;

  private EmvQr(Map<String, String> tags) {
    this.tags = Collections.unmodifiableMap(tags);
  }

  /**
   * Parses a payload and checks its CRC.
   *
   * @throws QrException {@code qr_malformed}, {@code qr_crc_missing} or {@code qr_crc_mismatch}
   */
  public static EmvQr parse(String payload) {
    if (payload == null || payload.isBlank()) {
      throw new QrException("qr_malformed", "the QR payload is empty");
    }
    String text = payload.strip();
    Map<String, String> tags = parseTlv(text, "payload");
    int crcStart = text.length() - 4;
    if (!tags.containsKey(CRC_TAG)
        || crcStart < 4
        || !text.startsWith(CRC_TAG + "04", crcStart - 4)
        || tags.get(CRC_TAG).length() != 4) {
      throw new QrException("qr_crc_missing", "the QR payload does not end with tag 63 (CRC)");
    }
    String expected = Crc16.hex(text.substring(0, crcStart));
    String written = text.substring(crcStart).toUpperCase(Locale.ROOT);
    if (!expected.equals(written)) {
      throw new QrException(
          "qr_crc_mismatch", "the QR CRC is " + written + " but the payload's CRC is " + expected);
    }
    return new EmvQr(tags);
  }

  /** The value of a top-level tag. */
  public Optional<String> tag(String tag) {
    return Optional.ofNullable(tags.get(tag));
  }

  /** The data objects nested in a template tag (e.g. 29, 30, 62); empty when the tag is absent. */
  public Map<String, String> template(String tag) {
    String value = tags.get(tag);
    return value == null ? Map.of() : Collections.unmodifiableMap(parseTlv(value, "tag " + tag));
  }

  /** All top-level tags in payload order. */
  public Map<String, String> tags() {
    return tags;
  }

  /** One data object: {@code id} two digits, length two digits, then the value. */
  static String dataObject(String id, String value) {
    if (value.length() > 99) {
      throw new IllegalArgumentException("tag " + id + " is longer than 99 characters");
    }
    return id + String.format(Locale.ROOT, "%02d", value.length()) + value;
  }

  private static Map<String, String> parseTlv(String text, String where) {
    Map<String, String> tags = new LinkedHashMap<>();
    int i = 0;
    while (i < text.length()) {
      if (i + 4 > text.length()) {
        throw new QrException("qr_malformed", where + ": truncated data object at " + i);
      }
      String id = text.substring(i, i + 2);
      String length = text.substring(i + 2, i + 4);
      if (!isDigits(id) || !isDigits(length)) {
        throw new QrException("qr_malformed", where + ": id and length must be digits at " + i);
      }
      int end = i + 4 + Integer.parseInt(length);
      if (end > text.length()) {
        throw new QrException("qr_malformed", where + ": tag " + id + " runs past the end");
      }
      if (tags.putIfAbsent(id, text.substring(i + 4, end)) != null) {
        throw new QrException("qr_malformed", where + ": tag " + id + " appears twice");
      }
      i = end;
    }
    return tags;
  }

  private static boolean isDigits(String value) {
    return value.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
