package org.saphan.hub.batch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.saphan.catalog.layout.YearEra;
import org.saphan.hub.batch.layout.BadLine.Problem;
import org.saphan.hub.batch.layout.SettlementDetail.Kind;

class SettlementFileReaderTest {

  private static final String GOLDEN = "golden-2026-11-24.txt";
  private static final String BILLER = "099400000002201";
  private static final FixedWidthLayout LAYOUT = Layouts.settlement();

  private static final SettlementHeader HEADER =
      new SettlementHeader(
          1, 1, "006", "1234567890", "กรมพัฒนาฝีมือแรงงาน", LocalDate.of(2026, 11, 24), "DSDFEE01");

  private static final SettlementTrailer TRAILER =
      new SettlementTrailer(
          12, 12, "006", "1234567890", new BigDecimal("0.00"), 0, new BigDecimal("13375.49"), 10);

  /** The golden file's details, line by line, as hub/src/test/resources/settlement/README.md. */
  private static final List<SettlementDetail> DETAILS =
      List.of(
          detail(
              2,
              "23112026",
              "235930",
              "นายสมชาย ใจดี",
              "PO2026112400001",
              "APP0000101",
              "",
              "",
              "",
              "QR",
              "100.00",
              "014"),
          detail(
              3,
              "24112026",
              "081502",
              "นางสาวสุดารัตน์ แก้วประเสริฐ",
              "PO2026112400002",
              "APP0000102",
              "",
              "",
              "",
              "QR",
              "250.00",
              "002"),
          detail(
              4,
              "24112026",
              "091245",
              "นางมาลี ศรีสุข",
              "PO2026112400003",
              "APP0000103",
              "",
              "0101",
              "T017",
              "CSH",
              "50.00",
              "006"),
          detail(
              5,
              "24112026",
              "101010",
              "นายณัฐวุฒิ ผู้ใหญ่บ้าน",
              "PO2026112400004",
              "APP0000104",
              "",
              "",
              "",
              "QR",
              "1200.00",
              "004"),
          detail(
              6,
              "24112026",
              "113000",
              "น.ส.กัญญ์ณัฏฐ์ สุขเกษม",
              "PO2026112400005",
              "APP0000105",
              "",
              "",
              "",
              "QR",
              "100.00",
              "025"),
          detail(
              7,
              "24112026",
              "114501",
              "นายณัฐวุฒิ ผู้ใหญ่บ้าน",
              "PO2026112400004",
              "APP0000104",
              "",
              "",
              "",
              "QR",
              "1200.00",
              "004"),
          detail(
              8,
              "24112026",
              "130000",
              "นายวีระ ทองดี",
              "PO2026112400099",
              "APP0000199",
              "",
              "",
              "",
              "QR",
              "300.00",
              "014"),
          detail(
              9,
              "24112026",
              "142233",
              "นางบุญเรือน ปิ่นทอง",
              "PO2026112400006",
              "APP0000106",
              "",
              "",
              "",
              "QR",
              "75.50",
              "011"),
          detail(
              10,
              "24112026",
              "153344",
              "บริษัท ไทยพัฒนา จำกัด",
              "PO2026112400007",
              "APP0000107",
              "KIOSK01",
              "",
              "",
              "QR",
              "9999.99",
              "014"),
          detail(
              11,
              "24112026",
              "165959",
              "นายอนันต์ ฤทธิ์เดช",
              "PO2026112400008",
              "APP0000108",
              "",
              "0205",
              "T003",
              "CSH",
              "100.00",
              "006"));

  @Test
  void shouldParseExactlyTheExpectedRecordsWhenGoldenFileIsRead() {
    // given
    var file = Layouts.settlementFile(GOLDEN);

    // when
    SettlementReadResult result = SettlementFileReader.readAll(file, LAYOUT);

    // then
    assertThat(result.badLines()).isEmpty();
    assertThat(result.clean()).isTrue();
    assertThat(result.lineCount()).isEqualTo(12);
    assertThat(result.header()).isEqualTo(HEADER);
    assertThat(result.details()).containsExactlyElementsOf(DETAILS);
    assertThat(result.trailer()).isEqualTo(TRAILER);
  }

  @Test
  void shouldDecodeThaiNamesWhenFileIsTis620() throws IOException {
    // given
    byte[] bytes = Files.readAllBytes(Layouts.settlementFile(GOLDEN));
    byte[] nameOfLine6 = Arrays.copyOfRange(bytes, 5 * 258 + 34, 5 * 258 + 84);

    // when
    SettlementDetail detail =
        SettlementFileReader.readAll(Layouts.settlementFile(GOLDEN), LAYOUT).details().get(4);

    // then: TIS-620 bytes of "น.ส.กัญญ์ณัฏฐ์" (no=0xB9, dot, so sua=0xCA...), one byte a character
    assertThat(nameOfLine6[0] & 0xFF).isEqualTo(0xB9);
    assertThat(nameOfLine6[2] & 0xFF).isEqualTo(0xCA);
    assertThat(detail.customerName()).isEqualTo("น.ส.กัญญ์ณัฏฐ์ สุขเกษม");
    assertThat(detail.customerName().codePoints())
        .allMatch(c -> c < 0x80 || (c >= 0x0E01 && c <= 0x0E5B));
  }

  static Stream<Arguments> malformedFiles() {
    return Stream.of(
        Arguments.of(
            "bad-length-2026-11-24.txt",
            List.of(
                new BadLine(4, "D", Problem.BAD_LENGTH, "bad length 255 (expected 256 bytes)"),
                new BadLine(
                    12,
                    "T",
                    Problem.TRAILER_MISMATCH,
                    "trailer credit count is 10 but 9 credit details were read; trailer credit"
                        + " total is 13375.49 but the details read add up to 13325.49 (1 bad line"
                        + " not counted)")),
            4),
        Arguments.of(
            "bad-amount-2026-11-24.txt",
            List.of(
                new BadLine(
                    5,
                    "D",
                    Problem.BAD_FIELD,
                    "bad amount \"000000012A400\" in field amount [163:176]"),
                new BadLine(
                    12,
                    "T",
                    Problem.TRAILER_MISMATCH,
                    "trailer credit count is 10 but 9 credit details were read; trailer credit"
                        + " total is 13375.49 but the details read add up to 12175.49 (1 bad line"
                        + " not counted)")),
            5),
        Arguments.of(
            "undecodable-2026-11-24.txt",
            List.of(
                new BadLine(
                    3,
                    "D",
                    Problem.UNDECODABLE,
                    "undecodable byte 0xFF at column 35 (offset 34, field customerName [34:84]):"
                        + " not TIS-620"),
                new BadLine(
                    12,
                    "T",
                    Problem.TRAILER_MISMATCH,
                    "trailer credit count is 10 but 9 credit details were read; trailer credit"
                        + " total is 13375.49 but the details read add up to 13125.49 (1 bad line"
                        + " not counted)")),
            3),
        Arguments.of(
            "bad-trailer-2026-11-24.txt",
            List.of(
                new BadLine(
                    12,
                    "T",
                    Problem.TRAILER_MISMATCH,
                    "trailer credit count is 11 but 10 credit details were read")),
            -1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedFiles")
  void shouldReportBadLineAndKeepGoodLinesWhenVariantIsRead(
      String file, List<BadLine> expectedBad, int badDetailLine) {
    // given
    var path = Layouts.settlementFile(file);

    // when
    SettlementReadResult result = SettlementFileReader.readAll(path, LAYOUT);

    // then
    assertThat(result.badLines()).containsExactlyElementsOf(expectedBad);
    assertThat(result.header()).isEqualTo(HEADER);
    assertThat(result.details())
        .containsExactlyElementsOf(
            DETAILS.stream().filter(d -> d.lineNumber() != badDetailLine).toList());
    assertThat(result.trailer()).isNotNull();
    assertEveryLineAccountedFor(result);
  }

  @Test
  void shouldReadBuddhistEraDatesWhenLayoutSaysBe() {
    // given
    FixedWidthLayout be = LAYOUT.withYearEra(YearEra.BE);

    // when
    SettlementReadResult result =
        SettlementFileReader.readAll(Layouts.settlementFile("golden-2026-11-24-be.txt"), be);

    // then
    assertThat(result.badLines()).isEmpty();
    assertThat(result.header()).isEqualTo(HEADER);
    assertThat(result.details()).containsExactlyElementsOf(DETAILS);
    assertThat(result.trailer()).isEqualTo(TRAILER);
  }

  @Test
  void shouldRefuseBuddhistEraYearWhenLayoutSaysCe() {
    // given
    var file = Layouts.settlementFile("golden-2026-11-24-be.txt");

    // when
    SettlementReadResult result = SettlementFileReader.readAll(file, LAYOUT);

    // then
    assertThat(result.details()).isEmpty();
    assertThat(result.badLines().get(1))
        .isEqualTo(
            new BadLine(
                2,
                "D",
                Problem.BAD_FIELD,
                "bad date \"23112569\" in field paymentDate [20:28]: year 2569 is outside"
                    + " 1900-2199 for yearEra CE (a Buddhist-era year?)"));
    assertThat(result.badLines())
        .filteredOn(b -> !b.problem().fileLevel())
        .hasSize(11)
        .allMatch(b -> b.problem() == Problem.BAD_FIELD);
  }

  @Test
  void shouldRefuseChristianEraYearWhenLayoutSaysBe() {
    // given
    FixedWidthLayout be = LAYOUT.withYearEra(YearEra.BE);

    // when
    SettlementReadResult result = SettlementFileReader.readAll(Layouts.settlementFile(GOLDEN), be);

    // then
    assertThat(result.badLines().get(0).reason())
        .isEqualTo(
            "bad date \"24112026\" in field effectiveDate [60:68]: year 2026 is outside"
                + " 2443-2742 for yearEra BE (a Christian-era year?)");
  }

  // Structural cases, made in memory from the golden lines (line n = golden line n).

  @Test
  void shouldReportUnknownRecordTypeWhenCodeIsNotInLayout() throws IOException {
    // given
    List<byte[]> lines = goldenLines();
    lines.get(6)[0] = 'X';

    // when
    SettlementReadResult result = read(lines, "\r\n");

    // then
    assertThat(result.badLines())
        .first()
        .isEqualTo(new BadLine(7, "X", Problem.UNKNOWN_RECORD_TYPE, "unknown record type 'X'"));
    assertThat(result.details()).hasSize(9);
    assertEveryLineAccountedFor(result);
  }

  @Test
  void shouldReportMissingHeaderWhenFileStartsWithDetail() throws IOException {
    // given
    List<byte[]> lines = goldenLines();
    lines.remove(0);

    // when
    SettlementReadResult result = read(lines, "\r\n");

    // then
    assertThat(result.badLines())
        .containsExactly(
            new BadLine(
                1,
                "D",
                Problem.MISSING_HEADER,
                "missing header: no valid 'H' record before this 'D' record"));
    assertThat(result.details()).hasSize(10);
    assertThat(result.trailer()).isNotNull();
  }

  @Test
  void shouldReportMissingTrailerWhenFileEndsWithDetail() throws IOException {
    // given
    List<byte[]> lines = goldenLines();
    lines.remove(11);

    // when
    SettlementReadResult result = read(lines, "\r\n");

    // then
    assertThat(result.badLines())
        .containsExactly(
            new BadLine(
                11,
                "D",
                Problem.MISSING_TRAILER,
                "missing trailer: the file ends at line 11 without a valid 'T' record"));
    assertThat(result.details()).hasSize(10);
  }

  @Test
  void shouldReportDuplicateTrailerWhenTrailerRepeats() throws IOException {
    // given
    List<byte[]> lines = goldenLines();
    lines.add(lines.get(11).clone());

    // when
    SettlementReadResult result = read(lines, "\r\n");

    // then
    assertThat(result.badLines())
        .containsExactly(
            new BadLine(
                13, "T", Problem.DUPLICATE_TRAILER, "duplicate trailer: the trailer is line 12"));
    assertThat(result.trailer()).isEqualTo(TRAILER);
  }

  @Test
  void shouldReportDetailAfterTrailerWhenDetailFollowsTrailer() throws IOException {
    // given
    List<byte[]> lines = goldenLines();
    lines.add(lines.get(1).clone());

    // when
    SettlementReadResult result = read(lines, "\r\n");

    // then
    assertThat(result.badLines())
        .containsExactly(
            new BadLine(
                13, "D", Problem.RECORD_AFTER_TRAILER, "detail after the trailer (line 12)"));
    assertThat(result.details()).containsExactlyElementsOf(DETAILS);
  }

  @Test
  void shouldReportDuplicateHeaderWhenHeaderRepeats() throws IOException {
    // given
    List<byte[]> lines = goldenLines();
    lines.add(1, lines.get(0).clone());

    // when
    SettlementReadResult result = read(lines, "\r\n");

    // then
    assertThat(result.badLines())
        .containsExactly(
            new BadLine(
                2, "H", Problem.DUPLICATE_HEADER, "duplicate header: the header is line 1"));
    assertThat(result.details()).hasSize(10);
  }

  @Test
  void shouldReportEveryMismatchWhenTrailerDisagreesOnTotalsAndAccount() throws IOException {
    // given
    List<byte[]> lines = goldenLines();
    byte[] trailer = lines.get(11);
    System.arraycopy("9999999999".getBytes(), 0, trailer, 10, 10);
    System.arraycopy("0000000000100000001".getBytes(), 0, trailer, 20, 19);

    // when
    SettlementReadResult result = read(lines, "\r\n");

    // then
    assertThat(result.badLines())
        .containsExactly(
            new BadLine(
                12,
                "T",
                Problem.TRAILER_MISMATCH,
                "trailer debit count is 1 but 0 debit details were read; trailer debit total is"
                    + " 1.00 but the details read add up to 0.00; trailer account"
                    + " 006/9999999999 differs from the header's 006/1234567890"));
  }

  @ParameterizedTest(name = "line ending {0}")
  @ValueSource(strings = {"\n", "\r", "\r\n"})
  void shouldSplitRecordsWhenLinesEndWithCrLfOrEither(String ending) throws IOException {
    // given
    String escaped = ending.replace("\r", "\\r").replace("\n", "\\n");
    List<byte[]> lines = goldenLines();

    // when
    SettlementReadResult result = read(lines, ending);

    // then
    assertThat(result.badLines()).as(escaped).isEmpty();
    assertThat(result.details()).containsExactlyElementsOf(DETAILS);
  }

  @Test
  void shouldReadLastLineWhenFileHasNoFinalLineEnd() throws IOException {
    // given
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<byte[]> lines = goldenLines();
    for (int i = 0; i < lines.size(); i++) {
      out.write(lines.get(i));
      if (i < lines.size() - 1) {
        out.write("\r\n".getBytes());
      }
    }

    // when
    SettlementReadResult result = read(out.toByteArray());

    // then
    assertThat(result.badLines()).isEmpty();
    assertThat(result.trailer()).isEqualTo(TRAILER);
  }

  @Test
  void shouldReportBlankLineWhenFileHasOne() throws IOException {
    // given
    List<byte[]> lines = goldenLines();
    lines.add(5, new byte[0]);

    // when
    SettlementReadResult result = read(lines, "\r\n");

    // then
    assertThat(result.badLines())
        .containsExactly(
            new BadLine(6, "", Problem.BAD_LENGTH, "bad length 0 (expected 256 bytes)"));
    assertThat(result.details()).hasSize(10);
    assertEveryLineAccountedFor(result);
  }

  @Test
  void shouldReportMissingHeaderAndTrailerWhenFileIsEmpty() {
    // given
    byte[] empty = new byte[0];

    // when
    SettlementReadResult result = read(empty);

    // then
    assertThat(result.lineCount()).isZero();
    assertThat(result.badLines())
        .containsExactly(
            new BadLine(0, "", Problem.MISSING_HEADER, "missing header: the file is empty"),
            new BadLine(0, "", Problem.MISSING_TRAILER, "missing trailer: the file is empty"));
  }

  @Test
  void shouldReportMissingRequiredFieldWhenAmountIsBlank() throws IOException {
    // given
    List<byte[]> lines = goldenLines();
    Arrays.fill(lines.get(2), 163, 176, (byte) ' ');
    Arrays.fill(lines.get(2), 20, 28, (byte) '9');

    // when
    SettlementReadResult result = read(lines, "\r\n");

    // then
    assertThat(result.badLines().get(0))
        .isEqualTo(
            new BadLine(
                3,
                "D",
                Problem.BAD_FIELD,
                "bad date \"99999999\" in field paymentDate [20:28]: year 9999 is outside"
                    + " 1900-2199 for yearEra CE (a Buddhist-era year?); missing required field"
                    + " amount [163:176]"));
  }

  @Test
  void shouldKeepPayerNameOutOfReasonsAndToStringWhenReported() {
    // given
    var path = Layouts.settlementFile("bad-amount-2026-11-24.txt");

    // when
    SettlementReadResult result = SettlementFileReader.readAll(path, LAYOUT);

    // then
    assertThat(result.badLines()).allMatch(b -> !b.toString().contains("นาย"));
    assertThat(result.details()).allMatch(d -> !d.toString().contains(d.customerName()));
  }

  @Test
  void shouldStreamLinesInFileOrderWhenIterated() throws IOException {
    // given
    byte[] bytes = Files.readAllBytes(Layouts.settlementFile("bad-amount-2026-11-24.txt"));

    // when
    List<Long> order = new ArrayList<>();
    try (SettlementFileReader reader =
        SettlementFileReader.open(new ByteArrayInputStream(bytes), LAYOUT)) {
      reader.forEachRemaining(line -> order.add(line.lineNumber()));

      // then
      assertThat(reader.linesRead()).isEqualTo(12);
      assertThat(reader.goodRecords()).isEqualTo(11);
      assertThat(reader.badLines()).isEqualTo(1);
      assertThat(reader.fileProblems()).isEqualTo(1);
    }
    assertThat(order).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 12L);
  }

  /** Every line is exactly one good record or one line-level bad line: none is dropped. */
  private static void assertEveryLineAccountedFor(SettlementReadResult result) {
    long good =
        (result.header() == null ? 0 : 1)
            + result.details().size()
            + (result.trailer() == null ? 0 : 1);
    long bad = result.badLines().stream().filter(b -> !b.problem().fileLevel()).count();
    assertThat(good + bad).isEqualTo(result.lineCount());
  }

  private static List<byte[]> goldenLines() throws IOException {
    byte[] bytes = Files.readAllBytes(Layouts.settlementFile(GOLDEN));
    List<byte[]> lines = new ArrayList<>();
    for (int at = 0; at < bytes.length; at += 258) {
      lines.add(Arrays.copyOfRange(bytes, at, at + 256));
    }
    return lines;
  }

  private static SettlementReadResult read(List<byte[]> lines, String ending) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] line : lines) {
      out.write(line);
      out.write(ending.getBytes());
    }
    return read(out.toByteArray());
  }

  private static SettlementReadResult read(byte[] bytes) {
    SettlementHeader header = null;
    SettlementTrailer trailer = null;
    List<SettlementDetail> details = new ArrayList<>();
    List<BadLine> bad = new ArrayList<>();
    try (SettlementFileReader reader =
        SettlementFileReader.open(new ByteArrayInputStream(bytes), LAYOUT)) {
      while (reader.hasNext()) {
        SettlementLine next = reader.next();
        if (next instanceof SettlementHeader h) {
          header = h;
        } else if (next instanceof SettlementDetail d) {
          details.add(d);
        } else if (next instanceof SettlementTrailer t) {
          trailer = t;
        } else {
          bad.add((BadLine) next);
        }
      }
      return new SettlementReadResult(header, details, trailer, bad, reader.linesRead());
    }
  }

  private static SettlementDetail detail(
      long line,
      String date,
      String time,
      String name,
      String ref1,
      String ref2,
      String ref3,
      String branch,
      String teller,
      String transactionCode,
      String amount,
      String payerBank) {
    return new SettlementDetail(
        line,
        line,
        "006",
        "1234567890",
        LocalDate.of(
            Integer.parseInt(date.substring(4)),
            Integer.parseInt(date.substring(2, 4)),
            Integer.parseInt(date.substring(0, 2))),
        LocalTime.of(
            Integer.parseInt(time.substring(0, 2)),
            Integer.parseInt(time.substring(2, 4)),
            Integer.parseInt(time.substring(4))),
        name,
        ref1,
        ref2,
        ref3,
        branch,
        teller,
        Kind.CREDIT,
        transactionCode,
        "",
        new BigDecimal(amount),
        "",
        BILLER,
        payerBank,
        "");
  }
}
