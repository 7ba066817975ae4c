package org.saphan.catalog.roadmap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.saphan.catalog.Finding;

/**
 * One CSV file with a header row, read strictly: UTF-8 only (a byte-order mark is skipped), LF or
 * CRLF line ends, quoted values as RFC 4180 has them, surrounding spaces trimmed. Every row keeps
 * its line number so findings can point at it.
 */
final class CsvTable {

  /** Largest CSV file accepted; the roadmap and its tables are far smaller. */
  static final long MAX_BYTES = 4L * 1024 * 1024;

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreEmptyLines(true)
          .setTrim(true)
          .setAllowMissingColumnNames(false)
          .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
          .get();

  /** One data row: its 1-based line and its values by column (missing values are empty). */
  record Row(int line, Map<String, String> values) {
    String get(String column) {
      return values.getOrDefault(column, "");
    }
  }

  private final Path shown;
  private final List<Row> rows;

  private CsvTable(Path shown, List<Row> rows) {
    this.shown = shown;
    this.rows = List.copyOf(rows);
  }

  /** The file as findings name it. */
  Path shown() {
    return shown;
  }

  /** The data rows, in file order. */
  List<Row> rows() {
    return rows;
  }

  /**
   * Reads {@code file}; returns {@code null} and adds errors to {@code findings} when it cannot be
   * read or its header lacks a required column or has an unknown one. A row with a value count
   * other than the header's is reported and skipped.
   *
   * @param shown the name findings give the file
   * @param required the columns the header must have
   * @param optional further columns the header may have
   */
  static CsvTable read(
      Path file, Path shown, List<String> required, List<String> optional, List<Finding> findings) {
    String text;
    try {
      if (!Files.isRegularFile(file)) {
        findings.add(Finding.error("", "", "file does not exist", shown, 0));
        return null;
      }
      if (Files.size(file) > MAX_BYTES) {
        findings.add(
            Finding.error("", "", "file is larger than " + MAX_BYTES + " bytes", shown, 0));
        return null;
      }
      text = decode(Files.readAllBytes(file));
    } catch (CharacterCodingException e) {
      findings.add(
          Finding.error(
              "",
              "",
              "file is not valid UTF-8; save it as UTF-8 (TIS-620 and Windows-874 are not supported)",
              shown,
              0));
      return null;
    } catch (IOException e) {
      findings.add(Finding.error("", "", "file cannot be read: " + e.getMessage(), shown, 0));
      return null;
    }
    return parse(text, shown, required, optional, findings);
  }

  /** Like {@link #read}, from text already decoded (a leading byte-order mark is skipped). */
  static CsvTable parse(
      String text,
      Path shown,
      List<String> required,
      List<String> optional,
      List<Finding> findings) {
    String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
    int[] lineStarts = lineStarts(content);
    List<Row> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(content, FORMAT)) {
      List<String> header = parser.getHeaderNames();
      if (!checkHeader(header, shown, required, optional, findings)) {
        return null;
      }
      for (CSVRecord record : parser) {
        int line = lineOf(lineStarts, record.getCharacterPosition());
        if (record.size() != header.size()) {
          findings.add(
              Finding.error(
                  "",
                  "",
                  "has "
                      + record.size()
                      + (record.size() == 1 ? " value" : " values")
                      + " but the header has "
                      + header.size()
                      + " columns ("
                      + String.join(", ", header)
                      + "); quote values that contain a comma",
                  shown,
                  line));
          continue;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String column : header) {
          values.put(column, record.get(column));
        }
        rows.add(new Row(line, values));
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      // Commons CSV reports a malformed file (an unclosed quote, a bad header) this way.
      String message =
          e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
      findings.add(Finding.error("", "", "is not valid CSV: " + message, shown, 0));
      return null;
    }
    return new CsvTable(shown, rows);
  }

  private static boolean checkHeader(
      List<String> header,
      Path shown,
      List<String> required,
      List<String> optional,
      List<Finding> findings) {
    boolean valid = true;
    List<String> known = new ArrayList<>(required);
    known.addAll(optional);
    for (String column : required) {
      if (!header.contains(column)) {
        findings.add(
            Finding.error(
                "",
                column,
                "column is missing from the header line; expected columns: "
                    + String.join(", ", known),
                shown,
                1));
        valid = false;
      }
    }
    for (String column : header) {
      if (!known.contains(column)) {
        findings.add(
            Finding.error(
                "",
                column,
                "is not a known column; expected columns: " + String.join(", ", known),
                shown,
                1));
        valid = false;
      }
    }
    return valid;
  }

  /** Decodes strict UTF-8; a byte-order mark is kept (the parser skips it). */
  static String decode(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  /** Character offsets where each line starts; a CR LF pair ends one line. */
  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      } else if (text.charAt(i) == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int lineOf(int[] lineStarts, long position) {
    int index = Arrays.binarySearch(lineStarts, (int) position);
    return (index >= 0 ? index : -index - 2) + 1;
  }
}
