package org.saphan.hub.batch.reconciliation;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.saphan.hub.batch.layout.SettlementDetail;

/**
 * Encodes good detail lines as {@code settlement_staging} rows in PostgreSQL's binary COPY format
 * ({@link #COLUMNS}, in order), one {@link StagingBlock} at a time: the server then stores them
 * without parsing text (numbers, dates and times are sent as the server keeps them). Text is sent
 * as UTF-8 (the connection's client encoding). Also sets each line's repeat hint ({@link
 * RepeatFilter}), so one encoder must see the whole file in order.
 */
public final class StagingRows {

  /** The columns, in the order of every encoded row. */
  static final String COLUMNS =
      "run_id, line_no, payment_date, payment_time, customer_name, ref1, ref2, kind, amount,"
          + " biller_id, repeat_hint";

  /** The COPY signature, flags and header extension length that start the binary stream. */
  static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  /** The file trailer: a field count of -1. */
  static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

  private static final short FIELDS = 11;

  /** 2000-01-01, PostgreSQL's date and timestamp epoch, as a Java epoch day. */
  private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

  private final long runId;
  private final RepeatFilter repeats = new RepeatFilter();
  private byte[] buffer = new byte[1 << 16];
  private int length;
  private int lines;
  private Set<String> billers = new TreeSet<>();

  public StagingRows(long runId) {
    this.runId = runId;
  }

  /** Lines in the block being built. */
  public int lines() {
    return lines;
  }

  /** Appends one line to the block being built. */
  public void add(SettlementDetail d) {
    // room for the whole row: the fixed-size fields, the numeric, and four texts of at most three
    // UTF-8 bytes per char (text() and numeric() write without checking)
    ensure(
        128
            + 3
                * (length(d.customerName())
                    + length(d.ref1())
                    + length(d.ref2())
                    + length(d.billerId())));
    int16(FIELDS);
    int32(8);
    int64(runId);
    int32(8);
    int64(d.lineNumber());
    int32(4);
    int32((int) (d.paymentDate().toEpochDay() - PG_EPOCH_DAY));
    int32(8);
    int64(d.time().toNanoOfDay() / 1000);
    text(d.customerName());
    text(d.ref1());
    text(d.ref2());
    int32(1);
    buffer[length++] = (byte) (d.kind() == SettlementDetail.Kind.CREDIT ? 'C' : 'D');
    numeric(d.amount());
    text(d.billerId());
    int32(1);
    buffer[length++] = (byte) (repeats.seenBefore(d.ref1()) ? 1 : 0);
    if (!d.billerId().isEmpty()) {
      billers.add(d.billerId());
    }
    lines++;
  }

  /** The block built so far (the rows only: see {@link #HEADER}); starts a new one. */
  public StagingBlock take() {
    StagingBlock block = new StagingBlock(buffer, length, lines, billers);
    buffer = new byte[Math.max(1 << 16, length + (length >> 3))];
    length = 0;
    lines = 0;
    billers = new TreeSet<>();
    return block;
  }

  /**
   * A numeric in the server's binary form: digit count, weight, sign and display scale, then the
   * base-10,000 digits, most significant first, without leading or trailing zero digits.
   */
  private void numeric(BigDecimal value) {
    int scale = value.scale();
    if (scale >= 0 && scale <= 4 && value.unscaledValue().bitLength() < 63) {
      numeric(value.unscaledValue().longValue(), scale);
    } else {
      numericSlow(value);
    }
  }

  /** The common case: a long of {@code scale} (0 to 4) implied decimals, e.g. satang. */
  private void numeric(long unscaled, int scale) {
    long abs = Math.abs(unscaled);
    long pow = POW10[scale];
    long intPart = abs / pow;
    int frac = (int) ((abs % pow) * POW10[4 - scale]);
    short[] groups = new short[6];
    int n = 0;
    for (long v = intPart; v != 0; v /= 10_000) {
      groups[n++] = (short) (v % 10_000);
    }
    int weight = n - 1;
    // groups holds the integer part least significant first; reverse it, then the fraction
    for (int i = 0, j = n - 1; i < j; i++, j--) {
      short t = groups[i];
      groups[i] = groups[j];
      groups[j] = t;
    }
    int first = 0;
    if (frac != 0) {
      groups[n++] = (short) frac;
    }
    if (intPart == 0) {
      weight = -1;
    }
    while (n > first && groups[n - 1] == 0) {
      n--;
    }
    int count = n - first;
    int32(8 + 2 * count);
    int16((short) count);
    int16((short) (count == 0 ? 0 : weight));
    int16((short) (count != 0 && unscaled < 0 ? 0x4000 : 0));
    int16((short) scale);
    for (int i = first; i < n; i++) {
      int16(groups[i]);
    }
  }

  private static final long[] POW10 = {1, 10, 100, 1_000, 10_000};

  private void numericSlow(BigDecimal value) {
    BigDecimal scaled = value.setScale(Math.max(value.scale(), 0));
    int scale = scaled.scale();
    java.math.BigInteger unscaled = scaled.unscaledValue();
    boolean negative = unscaled.signum() < 0;
    String digits = unscaled.abs().toString();
    // pad so the decimal point falls on a base-10,000 boundary on both sides
    int intDigits = Math.max(digits.length() - scale, 0);
    String intPart = intDigits == 0 ? "" : digits.substring(0, intDigits);
    String fracPart =
        intDigits == 0 ? "0".repeat(scale - digits.length()) + digits : digits.substring(intDigits);
    int intGroups = (intPart.length() + 3) / 4;
    intPart = "0".repeat(intGroups * 4 - intPart.length()) + intPart;
    int fracGroups = (fracPart.length() + 3) / 4;
    fracPart = fracPart + "0".repeat(fracGroups * 4 - fracPart.length());
    short[] groups = new short[intGroups + fracGroups];
    for (int i = 0; i < intGroups; i++) {
      groups[i] = Short.parseShort(intPart.substring(i * 4, i * 4 + 4));
    }
    for (int i = 0; i < fracGroups; i++) {
      groups[intGroups + i] = Short.parseShort(fracPart.substring(i * 4, i * 4 + 4));
    }
    int first = 0;
    while (first < groups.length && groups[first] == 0) {
      first++;
    }
    int last = groups.length;
    while (last > first && groups[last - 1] == 0) {
      last--;
    }
    int n = last - first;
    int weight = n == 0 ? 0 : intGroups - 1 - first;
    ensure(12 + 2 * n);
    int32(8 + 2 * n);
    int16((short) n);
    int16((short) weight);
    int16((short) (n != 0 && negative ? 0x4000 : 0));
    int16((short) scale);
    for (int i = first; i < last; i++) {
      int16(groups[i]);
    }
  }

  private static int length(String value) {
    return value == null ? 0 : value.length();
  }

  private void text(String value) {
    String s = value == null ? "" : value;
    int n = s.length();
    int at = length + 4;
    int i = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      buffer[at++] = (byte) c;
    }
    if (i < n) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      System.arraycopy(utf8, 0, buffer, length + 4, utf8.length);
      at = length + 4 + utf8.length;
    }
    int bytes = at - length - 4;
    int32(bytes);
    length += bytes;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }

  private void int16(int v) {
    buffer[length++] = (byte) (v >>> 8);
    buffer[length++] = (byte) v;
  }

  private void int32(int v) {
    buffer[length++] = (byte) (v >>> 24);
    buffer[length++] = (byte) (v >>> 16);
    buffer[length++] = (byte) (v >>> 8);
    buffer[length++] = (byte) v;
  }

  private void int64(long v) {
    int32((int) (v >>> 32));
    int32((int) v);
  }
}
