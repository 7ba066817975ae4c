package org.saphan.hub.batch.layout;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.saphan.hub.batch.layout.BadLine.Problem;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Streams a bank bill-payment settlement file: reads bytes, splits lines on CR, LF or CRLF,
 * requires each line to be exactly the record length, decodes it strictly in the layout's encoding
 * (an undecodable byte is an error, never a replacement character), parses it per the layout, and
 * checks the file's shape (one header first, one trailer last, trailer totals).
 *
 * <p>Every line yields exactly one {@link SettlementLine}: a good {@link SettlementHeader}, {@link
 * SettlementDetail} or {@link SettlementTrailer}, or a line-level {@link BadLine}. File-level
 * problems (missing header or trailer, trailer mismatch) are extra {@link BadLine}s, flagged by
 * {@link Problem#fileLevel()}, at the line where they were found. Memory does not grow with the
 * file; the caller consumes the lines as they come.
 */
public final class SettlementFileReader implements Iterator<SettlementLine>, Closeable {

  private static final int BUFFER_SIZE = 1 << 16;

  private final InputStream in;
  private final FixedWidthLayout layout;
  private final SettlementBinding binding;
  private final StrictDecoder decoder;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private final byte[] line;
  private final ArrayDeque<SettlementLine> pending = new ArrayDeque<>();

  private int position;
  private int limit;
  private int lineLength;
  private boolean skipLf;
  private boolean finished;
  private long lineNumber;
  private String lastRecordType = "";

  private SettlementHeader header;
  private SettlementTrailer trailer;
  private boolean missingHeaderReported;
  private long creditCount;
  private long debitCount;
  private BigDecimal creditTotal = BigDecimal.ZERO.setScale(2);
  private BigDecimal debitTotal = BigDecimal.ZERO.setScale(2);
  private long goodRecords;
  private long badLines;
  private long fileProblems;

  private SettlementFileReader(InputStream in, FixedWidthLayout layout, SettlementBinding binding) {
    this.in = in;
    this.layout = layout;
    this.binding = binding;
    this.decoder = new StrictDecoder(layout.encoding(), layout.recordLength());
    this.line = new byte[layout.recordLength()];
  }

  /** Opens a file; close the reader when done. */
  public static SettlementFileReader open(Path file, FixedWidthLayout layout) {
    SettlementBinding binding = new SettlementBinding(layout);
    try {
      return new SettlementFileReader(Files.newInputStream(file), layout, binding);
    } catch (IOException e) {
      throw SaphanException.wrap(
          ErrorCode.BATCH_FILE_UNREADABLE, "cannot open settlement file " + file.getFileName(), e);
    }
  }

  /** Reads from a stream (the reader buffers it); closing the reader closes the stream. */
  public static SettlementFileReader open(InputStream in, FixedWidthLayout layout) {
    return new SettlementFileReader(in, layout, new SettlementBinding(layout));
  }

  /**
   * Reads a whole file into memory, for small files and tests; jobs stream with {@link #open}
   * instead.
   */
  public static SettlementReadResult readAll(Path file, FixedWidthLayout layout) {
    try (SettlementFileReader reader = open(file, layout)) {
      SettlementHeader header = null;
      SettlementTrailer trailer = null;
      List<SettlementDetail> details = new ArrayList<>();
      List<BadLine> bad = new ArrayList<>();
      while (reader.hasNext()) {
        SettlementLine next = reader.next();
        if (next instanceof SettlementHeader h) {
          header = h;
        } else if (next instanceof SettlementDetail d) {
          details.add(d);
        } else if (next instanceof SettlementTrailer t) {
          trailer = t;
        } else if (next instanceof BadLine b) {
          bad.add(b);
        }
      }
      return new SettlementReadResult(header, details, trailer, bad, reader.linesRead());
    }
  }

  @Override
  public boolean hasNext() {
    while (pending.isEmpty() && !finished) {
      advance();
    }
    return !pending.isEmpty();
  }

  @Override
  public SettlementLine next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending.poll();
  }

  /** Lines read so far. */
  public long linesRead() {
    return lineNumber;
  }

  /** Good header, detail and trailer records yielded so far. */
  public long goodRecords() {
    return goodRecords;
  }

  /** Line-level bad lines yielded so far. */
  public long badLines() {
    return badLines;
  }

  /** File-level problems yielded so far. */
  public long fileProblems() {
    return fileProblems;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw SaphanException.wrap(
          ErrorCode.BATCH_FILE_UNREADABLE, "cannot close settlement file", e);
    }
  }

  private void advance() {
    boolean read;
    try {
      read = readLine();
    } catch (IOException e) {
      throw SaphanException.wrap(
          ErrorCode.BATCH_FILE_UNREADABLE,
          "cannot read settlement file after line " + lineNumber,
          e);
    }
    if (!read) {
      finish();
      finished = true;
      return;
    }
    lineNumber++;
    handleLine();
  }

  /** Reads the next line into {@link #line}; false at end of input with nothing read. */
  private boolean readLine() throws IOException {
    lineLength = 0;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return any;
        }
      }
      if (skipLf) {
        skipLf = false;
        if (buffer[position] == '\n') {
          position++;
          continue;
        }
      }
      // the rest of the line in this buffer, up to CR or LF
      int end = position;
      while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
        end++;
      }
      int n = end - position;
      if (n > 0) {
        // Past the record length only the count matters: memory stays bounded on a huge line.
        if (lineLength < line.length) {
          System.arraycopy(
              buffer, position, line, lineLength, Math.min(n, line.length - lineLength));
        }
        lineLength += n;
        any = true;
      }
      position = end;
      if (end < limit) {
        skipLf = buffer[position++] == '\r';
        return true;
      }
    }
  }

  private void handleLine() {
    int recordLength = layout.recordLength();
    if (lineLength != recordLength) {
      String code = codeOf();
      lastRecordType = code;
      bad(
          Problem.BAD_LENGTH,
          code,
          "bad length " + lineLength + " (expected " + recordLength + " bytes)");
      return;
    }
    String text = decode();
    if (text == null) {
      return;
    }
    int typeStart = layout.recordTypeStart();
    String code = text.substring(typeStart, typeStart + layout.recordTypeLength());
    lastRecordType = code;
    RecordLayout record = binding.record(code);
    if (record == null) {
      bad(Problem.UNKNOWN_RECORD_TYPE, code, "unknown record type '" + code + "'");
      return;
    }
    ParsedRecord parsed = record.parse(text, layout.yearEra());
    if (!parsed.valid()) {
      bad(Problem.BAD_FIELD, code, String.join("; ", parsed.errors()));
      return;
    }
    switch (record.role()) {
      case HEADER -> onHeader(parsed, code);
      case DETAIL -> onDetail(parsed, code);
      case TRAILER -> onTrailer(parsed, code);
    }
  }

  private String decode() {
    String text = decoder.decode(line, lineLength);
    if (text == null) {
      undecodableAt(decoder.failedAt());
    }
    return text;
  }

  private void undecodableAt(int offset) {
    String code = codeOf();
    lastRecordType = code;
    RecordLayout record = binding.record(code);
    String field =
        record == null ? "" : record.fieldAt(offset).map(f -> ", field " + f.label()).orElse("");
    bad(
        Problem.UNDECODABLE,
        code,
        String.format(
            Locale.ROOT,
            "undecodable byte 0x%02X at column %d (offset %d%s): not %s",
            line[offset] & 0xFF,
            offset + 1,
            offset,
            field,
            layout.encoding().name()));
  }

  /** The record-type code of the current line as far as it can be read. */
  private String codeOf() {
    int start = layout.recordTypeStart();
    int end = start + layout.recordTypeLength();
    if (lineLength < end) {
      return lineLength == 0 ? "" : "?";
    }
    for (int i = start; i < end; i++) {
      if (decoder.undecodable(line[i])) {
        return "?";
      }
    }
    return new String(line, start, end - start, layout.encoding());
  }

  private void onHeader(ParsedRecord r, String code) {
    if (trailer != null) {
      bad(
          Problem.RECORD_AFTER_TRAILER,
          code,
          "header after the trailer (line " + trailer.lineNumber() + ")");
    } else if (header != null) {
      bad(
          Problem.DUPLICATE_HEADER,
          code,
          "duplicate header: the header is line " + header.lineNumber());
    } else if (missingHeaderReported) {
      bad(
          Problem.HEADER_NOT_FIRST,
          code,
          "header after other records: the header must be the first record");
    } else {
      header = binding.header(lineNumber, r);
      good(header);
    }
  }

  private void onDetail(ParsedRecord r, String code) {
    if (trailer != null) {
      bad(
          Problem.RECORD_AFTER_TRAILER,
          code,
          "detail after the trailer (line " + trailer.lineNumber() + ")");
      return;
    }
    checkHeaderSeen(code);
    SettlementDetail detail = binding.detail(lineNumber, r);
    if (detail.kind() == SettlementDetail.Kind.CREDIT) {
      creditCount++;
      creditTotal = creditTotal.add(detail.amount());
    } else {
      debitCount++;
      debitTotal = debitTotal.add(detail.amount());
    }
    good(detail);
  }

  private void onTrailer(ParsedRecord r, String code) {
    if (trailer != null) {
      bad(
          Problem.DUPLICATE_TRAILER,
          code,
          "duplicate trailer: the trailer is line " + trailer.lineNumber());
      return;
    }
    checkHeaderSeen(code);
    trailer = binding.trailer(lineNumber, r);
    good(trailer);
    List<String> mismatches = new ArrayList<>();
    compare(mismatches, "credit count", trailer.creditCount(), creditCount, "credit details were");
    compare(mismatches, "debit count", trailer.debitCount(), debitCount, "debit details were");
    compare(mismatches, "credit total", trailer.totalCreditAmount(), creditTotal);
    compare(mismatches, "debit total", trailer.totalDebitAmount(), debitTotal);
    if (header != null
        && !(header.bankCode().equals(trailer.bankCode())
            && header.companyAccount().equals(trailer.companyAccount()))) {
      mismatches.add(
          "trailer account "
              + trailer.bankCode()
              + "/"
              + trailer.companyAccount()
              + " differs from the header's "
              + header.bankCode()
              + "/"
              + header.companyAccount());
    }
    if (!mismatches.isEmpty()) {
      String note =
          badLines == 0
              ? ""
              : " (" + badLines + " bad line" + (badLines == 1 ? "" : "s") + " not counted)";
      problem(Problem.TRAILER_MISMATCH, code, String.join("; ", mismatches) + note);
    }
  }

  private static void compare(
      List<String> out, String what, long expected, long found, String counted) {
    if (expected != found) {
      out.add("trailer " + what + " is " + expected + " but " + found + " " + counted + " read");
    }
  }

  private static void compare(
      List<String> out, String what, BigDecimal expected, BigDecimal found) {
    if (expected.compareTo(found) != 0) {
      out.add(
          "trailer "
              + what
              + " is "
              + expected.toPlainString()
              + " but the details read add up to "
              + found.toPlainString());
    }
  }

  private void checkHeaderSeen(String code) {
    if (header == null && !missingHeaderReported) {
      missingHeaderReported = true;
      problem(
          Problem.MISSING_HEADER,
          code,
          "missing header: no valid '"
              + binding.headerCode
              + "' record before this '"
              + code
              + "' record");
    }
  }

  private void finish() {
    if (header == null && !missingHeaderReported) {
      missingHeaderReported = true;
      problem(
          Problem.MISSING_HEADER,
          lastRecordType,
          lineNumber == 0
              ? "missing header: the file is empty"
              : "missing header: no valid '" + binding.headerCode + "' record in the file");
    }
    if (trailer == null) {
      problem(
          Problem.MISSING_TRAILER,
          lastRecordType,
          lineNumber == 0
              ? "missing trailer: the file is empty"
              : "missing trailer: the file ends at line "
                  + lineNumber
                  + " without a valid '"
                  + binding.trailerCode
                  + "' record");
    }
  }

  private void good(SettlementLine record) {
    goodRecords++;
    pending.add(record);
  }

  private void bad(Problem problem, String code, String reason) {
    badLines++;
    pending.add(new BadLine(lineNumber, code, problem, reason));
  }

  private void problem(Problem problem, String code, String reason) {
    fileProblems++;
    pending.add(new BadLine(lineNumber, code, problem, reason));
  }
}
