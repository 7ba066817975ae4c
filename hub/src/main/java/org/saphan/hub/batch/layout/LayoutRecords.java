package org.saphan.hub.batch.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Reads a whole small file of a fixed-width layout (a batch agency's result file, at most a few
 * megabytes: its size is bounded before it is read) into its lines: each with its 1-based number
 * and either the parsed record or the reason it is bad. Lines end in CRLF (a lone LF or CR is
 * accepted, as the settlement reader does); bytes are decoded strictly in the layout's encoding (an
 * undecodable byte is a bad line, never a replacement character). The file's structure (header
 * first, trailer last) is the caller's to check: it knows which record types it expects. Settlement
 * files, which can be large, are streamed by {@link SettlementFileReader} instead.
 */
public final class LayoutRecords {

  /**
   * One line: a parsed record, or the reason it is bad.
   *
   * @param offset where the line starts in the file, in bytes
   * @param length its length in bytes, without the line end
   * @param code the record-type code as far as it could be read ({@code ?} when not)
   * @param record the parsed record when the line is good, else null
   * @param problem why the line is bad, else null
   */
  public record Line(
      int number, int offset, int length, String code, ParsedRecord record, String problem) {

    public boolean good() {
      return problem == null;
    }
  }

  private LayoutRecords() {}

  /** The lines of {@code bytes} in {@code layout}. */
  public static List<Line> read(byte[] bytes, FixedWidthLayout layout) {
    StrictDecoder decoder = new StrictDecoder(layout.encoding(), layout.recordLength());
    List<Line> lines = new ArrayList<>();
    int start = 0;
    int number = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n') {
        end++;
      }
      number++;
      lines.add(line(number, bytes, start, end - start, layout, decoder));
      if (end < bytes.length
          && bytes[end] == '\r'
          && end + 1 < bytes.length
          && bytes[end + 1] == '\n') {
        end++;
      }
      start = end + 1;
    }
    return Collections.unmodifiableList(lines);
  }

  private static Line line(
      int number,
      byte[] bytes,
      int start,
      int length,
      FixedWidthLayout layout,
      StrictDecoder decoder) {
    if (length != layout.recordLength()) {
      return new Line(
          number,
          start,
          length,
          "?",
          null,
          "bad length " + length + " (expected " + layout.recordLength() + " bytes)");
    }
    byte[] record = new byte[length];
    System.arraycopy(bytes, start, record, 0, length);
    String text = decoder.decode(record, length);
    if (text == null) {
      int offset = decoder.failedAt();
      return new Line(
          number,
          start,
          length,
          "?",
          null,
          String.format(
              Locale.ROOT,
              "undecodable byte 0x%02X at column %d: not %s",
              record[offset] & 0xFF,
              offset + 1,
              layout.encoding().name()));
    }
    int typeStart = layout.recordTypeStart();
    String code = text.substring(typeStart, typeStart + layout.recordTypeLength());
    RecordLayout recordLayout = layout.record(code).orElse(null);
    if (recordLayout == null) {
      return new Line(number, start, length, code, null, "unknown record type '" + code + "'");
    }
    ParsedRecord parsed = recordLayout.parse(text, layout.yearEra());
    if (!parsed.valid()) {
      return new Line(number, start, length, code, null, String.join("; ", parsed.errors()));
    }
    return new Line(number, start, length, code, parsed, null);
  }
}
