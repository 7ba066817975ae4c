package org.saphan.sandbox.common;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.Locale;

/**
 * One fixed-width record of a sandbox party's file (the bank's settlement file, DOAE's result
 * file), written field after field in a single-byte character set: text left-aligned and
 * space-padded, numbers right-aligned and zero-padded. A character the set cannot write is refused,
 * never replaced by {@code ?}. The sandbox writes its own files: it is the other party, it does not
 * share the hub's layout codec.
 */
public final class FixedWidthRecord {

  /** The Thai single-byte character set of the agencies' and banks' files. */
  public static final Charset TIS_620 = Charset.forName("TIS-620");

  private final Charset charset;
  private final ByteArrayOutputStream out;

  public FixedWidthRecord(Charset charset, int length) {
    this.charset = charset;
    this.out = new ByteArrayOutputStream(length);
  }

  /** Text, left-aligned, space-padded to {@code width} bytes; longer text is cut. */
  public FixedWidthRecord text(String value, int width) {
    byte[] encoded = encode(value == null ? "" : value);
    byte[] field = new byte[width];
    Arrays.fill(field, (byte) ' ');
    System.arraycopy(encoded, 0, field, 0, Math.min(width, encoded.length));
    out.writeBytes(field);
    return this;
  }

  /** A code made of digits that must fit exactly. */
  public FixedWidthRecord digits(String value, int width) {
    if (value == null || !value.matches("[0-9]{" + width + "}")) {
      throw new IllegalArgumentException("expected " + width + " digits");
    }
    out.writeBytes(value.getBytes(charset));
    return this;
  }

  /** A number, right-aligned, zero-padded. */
  public FixedWidthRecord number(long value, int width) {
    String text = String.format(Locale.ROOT, "%0" + width + "d", value);
    if (value < 0 || text.length() != width) {
      throw new IllegalArgumentException(value + " does not fit in " + width + " digits");
    }
    out.writeBytes(text.getBytes(charset));
    return this;
  }

  /** An amount with 2 implied decimals (baht as satang), right-aligned, zero-padded. */
  public FixedWidthRecord amount(BigDecimal value, int width) {
    return number(value.movePointRight(2).longValueExact(), width);
  }

  /** Bytes as they are (a file that must break a rule on purpose). */
  public FixedWidthRecord raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** The bytes written so far. */
  public byte[] bytes() {
    return out.toByteArray();
  }

  /** The text in the record's character set; refused when a character has no byte there. */
  public byte[] encode(String value) {
    try {
      ByteBuffer buffer =
          charset
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(value));
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("text not encodable in " + charset.name(), e);
    }
  }
}
