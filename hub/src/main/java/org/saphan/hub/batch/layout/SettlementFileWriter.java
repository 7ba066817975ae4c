package org.saphan.hub.batch.layout;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import org.saphan.catalog.layout.FieldDefinition;
import org.saphan.catalog.layout.FieldType;
import org.saphan.catalog.layout.RecordRole;
import org.saphan.catalog.layout.YearEra;

/**
 * Writes records of a fixed-width layout from field values by name: text left-aligned and padded
 * with spaces, numbers and amounts zero-padded, dates {@code DDMMYYYY} in the layout's era, times
 * {@code HHMMSS}; encoded strictly in the layout's encoding; CRLF line ends. It writes the batch
 * agencies' export files ({@link #encode} refuses a record a value of which the encoding cannot
 * write, naming the field: never a {@code ?}) and generates test and benchmark settlement files
 * (the golden test files are hand-built, not written by this).
 */
public final class SettlementFileWriter {

  private static final byte[] CRLF = {'\r', '\n'};

  private final FixedWidthLayout layout;
  private final OutputStream out;
  private final CharsetEncoder encoder;
  private final ByteBuffer bytes;
  private final StringBuilder line;

  public SettlementFileWriter(FixedWidthLayout layout, OutputStream out) {
    this.layout = layout;
    this.out = out;
    this.encoder =
        layout
            .encoding()
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.bytes = ByteBuffer.allocate(layout.recordLength() * 4);
    this.line = new StringBuilder(layout.recordLength());
  }

  /** Writes one record of the layout's record for {@code role}; absent fields are blank. */
  public void write(RecordRole role, Map<String, Object> values) {
    try {
      write(encode(role, values));
    } catch (RecordValueException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Writes a record {@link #encode} made, and the line end. */
  public void write(byte[] record) {
    try {
      out.write(record);
      out.write(CRLF);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The bytes of one record of the layout's record for {@code role} (absent fields blank), without
   * writing it.
   *
   * @throws RecordValueException naming the field when a value is too long or has a character the
   *     layout's encoding cannot write (the character's code point, never the value: names are
   *     personal data)
   */
  public byte[] encode(RecordRole role, Map<String, Object> values) throws RecordValueException {
    RecordLayout record =
        layout
            .record(role)
            .orElseThrow(() -> new IllegalArgumentException("the layout has no " + role));
    line.setLength(0);
    for (FieldDefinition field : record.fields()) {
      Object value = field.name().equals("recordType") ? record.code() : values.get(field.name());
      String text;
      try {
        text = render(field, value);
      } catch (IllegalArgumentException | ArithmeticException | ClassCastException e) {
        throw new RecordValueException(
            field.name(), "field " + field.label() + ": " + e.getMessage());
      }
      int unencodable = firstUnencodable(text);
      if (unencodable >= 0) {
        throw new RecordValueException(
            field.name(),
            String.format(
                java.util.Locale.ROOT,
                "field %s has the character U+%04X, which %s cannot write",
                field.label(),
                text.codePointAt(unencodable),
                layout.encoding().name()));
      }
      line.append(text);
    }
    bytes.clear();
    encoder.reset();
    var result = encoder.encode(CharBuffer.wrap(line), bytes, true);
    if (result.isError()) {
      throw new IllegalStateException("a value is not encodable in " + layout.encoding());
    }
    if (bytes.position() != layout.recordLength()) {
      throw new IllegalStateException(
          "record is " + bytes.position() + " bytes, not " + layout.recordLength());
    }
    byte[] encoded = new byte[bytes.position()];
    System.arraycopy(bytes.array(), 0, encoded, 0, encoded.length);
    return encoded;
  }

  private int firstUnencodable(String text) {
    CharsetEncoder check = layout.encoding().newEncoder();
    for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
      if (!check.canEncode(text.substring(i, text.offsetByCodePoints(i, 1)))) {
        return i;
      }
    }
    return -1;
  }

  private String render(FieldDefinition field, Object value) {
    int n = field.length();
    if (value == null || field.type() == FieldType.SPARE) {
      return " ".repeat(n);
    }
    String text =
        switch (field.type()) {
          case NUMBER -> zeros(value.toString(), n);
          case AMOUNT2 ->
              zeros(
                  ((BigDecimal) value).setScale(2).movePointRight(2).toBigIntegerExact().toString(),
                  n);
          case DATE_DDMMYYYY -> {
            LocalDate d = (LocalDate) value;
            yield String.format(
                java.util.Locale.ROOT,
                "%02d%02d%04d",
                d.getDayOfMonth(),
                d.getMonthValue(),
                d.getYear() + (layout.yearEra() == YearEra.BE ? 543 : 0));
          }
          case TIME_HHMMSS -> {
            LocalTime t = (LocalTime) value;
            yield String.format(
                java.util.Locale.ROOT, "%02d%02d%02d", t.getHour(), t.getMinute(), t.getSecond());
          }
          default -> value.toString();
        };
    if (text.length() > n) {
      throw new IllegalArgumentException("the value is longer than " + n + " characters");
    }
    return text + " ".repeat(n - text.length());
  }

  private static String zeros(String digits, int n) {
    return "0".repeat(Math.max(0, n - digits.length())) + digits;
  }

  /** Whether a text is encodable in the layout's encoding. */
  public boolean encodable(String text) {
    try {
      layout.encoding().newEncoder().encode(CharBuffer.wrap(text));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
