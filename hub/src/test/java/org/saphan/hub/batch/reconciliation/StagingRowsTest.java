package org.saphan.hub.batch.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.saphan.hub.batch.layout.SettlementDetail;
import org.saphan.hub.batch.layout.SettlementDetail.Kind;

/**
 * The binary COPY rows, read back by an independent reader of PostgreSQL's binary format (the round
 * trip through a real server is in ReconciliationIT).
 */
class StagingRowsTest {

  private static final String BILLER = "099400000002201";
  private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);

  /** One decoded row, column by column as {@link StagingRows#COLUMNS}. */
  record Row(
      long runId,
      long lineNo,
      LocalDate paymentDate,
      LocalTime paymentTime,
      String customerName,
      String ref1,
      String ref2,
      String kind,
      BigDecimal amount,
      String billerId,
      boolean repeatHint) {}

  @Test
  void shouldEncodeEveryColumnWhenTheLinesHoldThaiTextBlanksAndAmounts() {
    // given
    StagingRows rows = new StagingRows(42);
    rows.add(
        detail(
            2,
            LocalDate.of(2026, 11, 23),
            LocalTime.of(23, 59, 30),
            "นายณัฐวุฒิ ผู้ใหญ่บ้าน",
            "PO2026112400001",
            "APP0000101",
            Kind.CREDIT,
            "100.00",
            BILLER));
    rows.add(
        detail(
            3,
            LocalDate.of(1999, 12, 31),
            LocalTime.MIDNIGHT,
            "บริษัท ไทยพัฒนา จำกัด, \"สาขา\"\t1",
            "PO2026112400002",
            null,
            Kind.DEBIT,
            "0.00",
            ""));
    rows.add(
        detail(
            4,
            LocalDate.of(2026, 11, 24),
            LocalTime.of(12, 0, 1),
            null,
            "PO2026112400001",
            "",
            Kind.CREDIT,
            "12345678901.23",
            BILLER));
    // when
    StagingBlock block = rows.take();
    // then
    assertThat(block.lines()).isEqualTo(3);
    assertThat(block.billers()).containsExactly(BILLER);
    assertThat(decode(block))
        .containsExactly(
            new Row(
                42,
                2,
                LocalDate.of(2026, 11, 23),
                LocalTime.of(23, 59, 30),
                "นายณัฐวุฒิ ผู้ใหญ่บ้าน",
                "PO2026112400001",
                "APP0000101",
                "C",
                new BigDecimal("100.00"),
                BILLER,
                false),
            new Row(
                42,
                3,
                LocalDate.of(1999, 12, 31),
                LocalTime.MIDNIGHT,
                "บริษัท ไทยพัฒนา จำกัด, \"สาขา\"\t1",
                "PO2026112400002",
                "",
                "D",
                new BigDecimal("0.00"),
                "",
                false),
            new Row(
                42,
                4,
                LocalDate.of(2026, 11, 24),
                LocalTime.of(12, 0, 1),
                "",
                "PO2026112400001",
                "",
                "C",
                new BigDecimal("12345678901.23"),
                BILLER,
                true));
  }

  @Test
  void shouldStartANewBlockAndKeepTheRepeatHintsWhenABlockIsTaken() {
    // given
    StagingRows rows = new StagingRows(7);
    rows.add(detail(2, "PO1", "1.00"));
    StagingBlock first = rows.take();
    // when
    rows.add(detail(3, "PO2", "2.00"));
    rows.add(detail(4, "PO1", "3.00"));
    StagingBlock second = rows.take();
    // then: the hint spans blocks (one encoder per file)
    assertThat(decode(first)).extracting(Row::lineNo).containsExactly(2L);
    assertThat(decode(second))
        .extracting(Row::lineNo, Row::repeatHint)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, false),
            org.assertj.core.groups.Tuple.tuple(4L, true));
    assertThat(rows.lines()).isZero();
    assertThat(rows.take().length()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.00",
        "0.01",
        "0.10",
        "1.00",
        "9.99",
        "75.50",
        "9999.99",
        "10000.00",
        "10000.01",
        "10000.50",
        "100000000.00",
        "99999999999.99",
        "-50.00",
        "-0.01",
        "5",
        "12.3456",
        "0.00001",
        "123456789012345678901234.5",
        "1E+3"
      })
  void shouldEncodeTheExactAmountWhenItIsAnyNumeric(String amount) {
    StagingRows rows = new StagingRows(1);
    rows.add(detail(2, "PO1", amount));
    BigDecimal decoded = decode(rows.take()).get(0).amount();
    BigDecimal expected = new BigDecimal(amount);
    assertThat(decoded).isEqualByComparingTo(expected);
    assertThat(decoded.scale()).isEqualTo(Math.max(expected.scale(), 0));
  }

  @Test
  void shouldEncodeTheExactAmountWhenTheAmountsAreRandomSatang() {
    Random random = new Random(11);
    StagingRows rows = new StagingRows(1);
    List<BigDecimal> amounts = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      long satang =
          switch (i % 3) {
            case 0 -> random.nextInt(100_000);
            case 1 -> (long) (random.nextDouble() * 9_999_999_999_999L);
            default -> random.nextInt(1_000) * 10_000L;
          };
      BigDecimal amount = BigDecimal.valueOf(satang, 2);
      amounts.add(amount);
      rows.add(detail(i + 2, "PO" + i, amount.toPlainString()));
    }
    assertThat(decode(rows.take())).extracting(Row::amount).containsExactlyElementsOf(amounts);
  }

  @Test
  void shouldFrameTheStreamWhenHeaderAndTrailerAreSent() {
    ByteBuffer header = ByteBuffer.wrap(StagingRows.HEADER);
    byte[] signature = new byte[11];
    header.get(signature);
    assertThat(signature).isEqualTo("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(header.getInt()).as("flags").isZero();
    assertThat(header.getInt()).as("header extension").isZero();
    assertThat(header.hasRemaining()).isFalse();
    assertThat(ByteBuffer.wrap(StagingRows.TRAILER).getShort()).isEqualTo((short) -1);
    assertThat(StagingRows.COLUMNS.split(",")).hasSize(11);
  }

  // --- an independent reader of the binary COPY rows ---

  static List<Row> decode(StagingBlock block) {
    ByteBuffer in = ByteBuffer.wrap(block.rows(), 0, block.length());
    List<Row> rows = new ArrayList<>();
    while (in.hasRemaining()) {
      assertThat(in.getShort()).as("field count").isEqualTo((short) 11);
      rows.add(
          new Row(
              int64(in),
              int64(in),
              date(in),
              time(in),
              text(in),
              text(in),
              text(in),
              text(in),
              numeric(in),
              text(in),
              bool(in)));
    }
    assertThat(rows).hasSize(block.lines());
    return rows;
  }

  private static long int64(ByteBuffer in) {
    assertThat(in.getInt()).isEqualTo(8);
    return in.getLong();
  }

  private static LocalDate date(ByteBuffer in) {
    assertThat(in.getInt()).isEqualTo(4);
    return PG_EPOCH.plusDays(in.getInt());
  }

  private static LocalTime time(ByteBuffer in) {
    assertThat(in.getInt()).isEqualTo(8);
    return LocalTime.ofNanoOfDay(in.getLong() * 1000);
  }

  private static String text(ByteBuffer in) {
    int length = in.getInt();
    assertThat(length).as("not null").isNotNegative();
    byte[] bytes = new byte[length];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static boolean bool(ByteBuffer in) {
    assertThat(in.getInt()).isEqualTo(1);
    byte b = in.get();
    assertThat(b).isIn((byte) 0, (byte) 1);
    return b == 1;
  }

  /** PostgreSQL's numeric_send: ndigits, weight, sign, dscale, then base-10,000 digits. */
  private static BigDecimal numeric(ByteBuffer in) {
    int length = in.getInt();
    int ndigits = in.getShort();
    int weight = in.getShort();
    int sign = in.getShort() & 0xFFFF;
    int dscale = in.getShort();
    assertThat(length).isEqualTo(8 + 2 * ndigits);
    assertThat(sign).isIn(0, 0x4000);
    BigInteger value = BigInteger.ZERO;
    for (int i = 0; i < ndigits; i++) {
      int digit = in.getShort();
      assertThat(digit).isBetween(0, 9999);
      if (i == 0) {
        assertThat(digit).as("no leading zero digit").isNotZero();
      }
      if (i == ndigits - 1) {
        assertThat(digit).as("no trailing zero digit").isNotZero();
      }
      value = value.multiply(BigInteger.valueOf(10_000)).add(BigInteger.valueOf(digit));
    }
    // value * 10000^(weight - ndigits + 1)
    BigDecimal result = new BigDecimal(value).scaleByPowerOfTen(4 * (weight - ndigits + 1));
    if (sign == 0x4000) {
      result = result.negate();
    }
    return result.setScale(dscale);
  }

  // --- lines ---

  private static SettlementDetail detail(long line, String ref1, String amount) {
    return detail(
        line,
        LocalDate.of(2026, 11, 24),
        LocalTime.NOON,
        "นายสมชาย ใจดี",
        ref1,
        "APP",
        Kind.CREDIT,
        amount,
        BILLER);
  }

  static SettlementDetail detail(
      long line,
      LocalDate date,
      LocalTime time,
      String name,
      String ref1,
      String ref2,
      Kind kind,
      String amount,
      String billerId) {
    return new SettlementDetail(
        line,
        line,
        "006",
        "1234567890",
        date,
        time,
        name,
        ref1,
        ref2,
        "",
        "",
        "",
        kind,
        "QR",
        "",
        new BigDecimal(amount),
        "",
        billerId,
        "014",
        "");
  }
}
