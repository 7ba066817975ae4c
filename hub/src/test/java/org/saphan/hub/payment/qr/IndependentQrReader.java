package org.saphan.hub.payment.qr;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second, deliberately separate reader of Thai QR bill payments, for tests only: it shares no
 * code with {@link ThaiQrParser} (a regex lexer over substrings, a bitwise CRC rather than a table)
 * so that a payload both read the same way was not merely read back by the code that wrote it.
 */
final class IndependentQrReader {

  private static final Pattern HEAD = Pattern.compile("(\\d\\d)(\\d\\d)");

  private IndependentQrReader() {}

  /** Biller id, ref1, ref2, ref3, amount of a payload; throws if the CRC is wrong. */
  static Map<String, Object> read(String payload) {
    String body = payload.substring(0, payload.length() - 4);
    if (!body.endsWith("6304")) {
      throw new IllegalArgumentException("no CRC header at the end");
    }
    int crc = crc16(body.getBytes(StandardCharsets.US_ASCII));
    if (crc != Integer.parseInt(payload.substring(payload.length() - 4), 16)) {
      throw new IllegalArgumentException("CRC does not match");
    }
    Map<String, String> top = lex(body.substring(0, body.length() - 4));
    Map<String, String> bill = lex(top.get("30"));
    Map<String, Object> fields = new HashMap<>();
    fields.put("pointOfInitiation", top.get("01"));
    fields.put("aid", bill.get("00"));
    fields.put("billerId", bill.get("01"));
    fields.put("ref1", bill.get("02"));
    fields.put("ref2", bill.get("03"));
    fields.put("ref3", top.containsKey("62") ? lex(top.get("62")).get("07") : null);
    fields.put("amount", top.containsKey("54") ? new BigDecimal(top.get("54")) : null);
    fields.put("currency", top.get("53"));
    fields.put("country", top.get("58"));
    return fields;
  }

  private static Map<String, String> lex(String text) {
    Map<String, String> out = new HashMap<>();
    Matcher head = HEAD.matcher(text);
    int at = 0;
    while (at < text.length()) {
      head.region(at, text.length());
      if (!head.lookingAt()) {
        throw new IllegalArgumentException("bad TLV header at " + at);
      }
      int end = head.end() + Integer.parseInt(head.group(2));
      out.put(head.group(1), text.substring(head.end(), end));
      at = end;
    }
    return out;
  }

  private static int crc16(byte[] bytes) {
    int crc = 0xFFFF;
    for (byte b : bytes) {
      for (int bit = 7; bit >= 0; bit--) {
        boolean top = ((crc >> 15) & 1) == 1;
        boolean in = ((b >> bit) & 1) == 1;
        crc = (crc << 1) & 0xFFFF;
        if (top ^ in) {
          crc ^= 0x1021;
        }
      }
    }
    return crc;
  }
}
