package org.saphan.hub.batch.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.saphan.catalog.layout.FieldDefinition;
import org.saphan.catalog.layout.RecordRole;
import org.saphan.catalog.layout.YearEra;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

class FixedWidthLayoutTest {

  /** A small valid layout the refusal rows break one way each. */
  private static final String MINIMAL =
      """
      name: mini
      recordLength: 20
      encoding: TIS-620
      recordType: {start: 0, length: 1}
      records:
        - code: D
          role: detail
          fields:
            - {name: recordType, start: 0, length: 1, type: text, values: [D]}
            - {name: amount, start: 1, length: 10, type: amount2}
            - {name: paid, start: 11, length: 8, type: date-ddmmyyyy}
            - {name: spare, start: 19, length: 1, type: spare}
      """;

  // Every slice of the shipped layout, as in the integration facts section 3.2 (0-based start:end).
  @ParameterizedTest(name = "{0}.{1} = {2}:{3} {4}")
  @CsvSource({
    "H, recordType, 0, 1, text",
    "H, seq, 1, 7, number",
    "H, bankCode, 7, 10, text",
    "H, companyAccount, 10, 20, text",
    "H, companyName, 20, 60, text",
    "H, effectiveDate, 60, 68, date-ddmmyyyy",
    "H, serviceCode, 68, 76, text",
    "H, spare, 76, 256, spare",
    "D, recordType, 0, 1, text",
    "D, seq, 1, 7, number",
    "D, bankCode, 7, 10, text",
    "D, companyAccount, 10, 20, text",
    "D, paymentDate, 20, 28, date-ddmmyyyy",
    "D, time, 28, 34, time-hhmmss",
    "D, customerName, 34, 84, text",
    "D, ref1, 84, 104, text",
    "D, ref2, 104, 124, text",
    "D, ref3, 124, 144, text",
    "D, branch, 144, 148, text",
    "D, teller, 148, 152, text",
    "D, kind, 152, 153, text",
    "D, transactionCode, 153, 156, text",
    "D, chequeNo, 156, 163, text",
    "D, amount, 163, 176, amount2",
    "D, chequeBankCode, 176, 179, text",
    "D, spare1, 179, 196, spare",
    "D, billerId, 196, 211, text",
    "D, spare2, 211, 243, spare",
    "D, payerBankCode, 243, 246, text",
    "D, newChequeNo, 246, 256, text",
    "T, recordType, 0, 1, text",
    "T, seq, 1, 7, number",
    "T, bankCode, 7, 10, text",
    "T, companyAccount, 10, 20, text",
    "T, totalDebitAmount, 20, 33, amount2",
    "T, debitCount, 33, 39, number",
    "T, totalCreditAmount, 39, 52, amount2",
    "T, creditCount, 52, 58, number",
    "T, spare, 58, 256, spare"
  })
  void shouldMatchFactsSlicesWhenShippedLayoutIsLoaded(
      String code, String name, int start, int end, String type) {
    // given
    FixedWidthLayout layout = Layouts.settlement();

    // when
    FieldDefinition field =
        layout.record(code).orElseThrow().fields().stream()
            .filter(f -> f.name().equals(name))
            .findFirst()
            .orElseThrow();

    // then
    assertThat(field.start()).isEqualTo(start);
    assertThat(field.end()).isEqualTo(end);
    assertThat(field.type().yamlName()).isEqualTo(type);
  }

  @Test
  void shouldDeclareRecordShapeWhenShippedLayoutIsLoaded() {
    // given
    Path file = Layouts.settlementLayoutFile();

    // when
    FixedWidthLayout layout = FixedWidthLayout.load(file);

    // then
    assertThat(layout.name()).isEqualTo("bill-payment-settlement");
    assertThat(layout.recordLength()).isEqualTo(256);
    assertThat(layout.encoding().name()).isEqualTo("TIS-620");
    assertThat(layout.yearEra()).isEqualTo(YearEra.CE);
    assertThat(layout.records()).extracting(RecordLayout::code).containsExactly("H", "D", "T");
    assertThat(layout.record(RecordRole.DETAIL).orElseThrow().code()).isEqualTo("D");
  }

  @Test
  void shouldDefaultToChristianEraWhenYearEraIsAbsent() {
    // given
    String yaml = MINIMAL;

    // when
    FixedWidthLayout layout = FixedWidthLayout.parse(yaml, "mini");

    // then
    assertThat(layout.yearEra()).isEqualTo(YearEra.CE);
  }

  @Test
  void shouldReadBuddhistEraWhenLayoutFileDeclaresIt(@TempDir Path dir) throws Exception {
    // given
    Path file = dir.resolve("be.yaml");
    Files.writeString(file, "yearEra: BE\n" + MINIMAL, StandardCharsets.UTF_8);
    FixedWidthLayout layout = FixedWidthLayout.load(file);
    RecordLayout record = layout.record("D").orElseThrow();

    // when
    ParsedRecord parsed = record.parse("D000001234524112569 ", layout.yearEra());

    // then
    assertThat(layout.yearEra()).isEqualTo(YearEra.BE);
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.value("paid")).isEqualTo(java.time.LocalDate.of(2026, 11, 24));
    assertThat(parsed.value("amount")).isEqualTo(new java.math.BigDecimal("123.45"));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "start: 11, length: 8, type: date-ddmmyyyy|start: 12, length: 7, type: date-ddmmyyyy"
            + "|records[D].fields[paid].length: a date-ddmmyyyy field is 8 long",
        "start: 11, length: 8, type: date-ddmmyyyy|start: 12, length: 8, type: date-ddmmyyyy"
            + "|records[D].fields[paid].start: gap: starts at 12, previous field ends at 11",
        "start: 11, length: 8, type: date-ddmmyyyy|start: 10, length: 8, type: date-ddmmyyyy"
            + "|records[D].fields[paid].start: overlap: starts at 10, previous field ends at 11",
        "start: 19, length: 1, type: spare|start: 19, length: 2, type: spare"
            + "|records[D].fields: must cover the record exactly: they end at 21, recordLength is 20",
        "type: amount2|type: money"
            + "|records[D].fields[amount].type: must be one of text, number, amount2,"
            + " date-ddmmyyyy, time-hhmmss, spare, got money",
        "type: amount2}|type: amount2, lenght: 3}|records[D].fields[amount]: unknown key 'lenght'",
        "encoding: TIS-620|encoding: UTF-8|encoding: UTF-8 is not a single-byte charset",
        "encoding: TIS-620|encoding: EBCDIC-THAI-X|encoding: unknown charset EBCDIC-THAI-X",
        "name: mini|name: mini\\nyearEra: AD|yearEra: must be CE or BE, got AD",
        "name: amount|name: paid|records[D].fields[paid].name: declared twice",
        "type: spare}|type: spare, required: true}"
            + "|records[D].fields[spare].required: a spare field cannot be required",
        "type: amount2}|type: amount2, values: [X]}"
            + "|records[D].fields[amount]: values and pattern apply to text fields only",
        "values: [D]}|values: [D], pattern: '[0-9'}"
            + "|records[D].fields[recordType].pattern: not a valid regex: Unclosed character class",
        "role: detail|role: body|records[D].role: must be header, detail or trailer, got body",
        "code: D|code: DD|records[DD].code: must be 1 character(s), as recordType",
        "recordLength: 20|recordLength: zero|layout.recordLength: must be an integer",
        "name: mini|description: no name|layout.name: required"
      })
  void shouldRefuseLayoutWhenItIsInvalid(String find, String replace, String problem) {
    // given
    String yaml = MINIMAL.replace(find, replace.replace("\\n", "\n"));

    // when
    SaphanException refusal =
        catchThrowableOfType(SaphanException.class, () -> FixedWidthLayout.parse(yaml, "mini"));

    // then
    assertThat(refusal).isNotNull();
    assertThat(refusal.code()).isEqualTo(ErrorCode.BATCH_LAYOUT_INVALID);
    assertThat(problems(refusal)).contains(problem);
    assertThat(refusal.getMessage()).contains(problem);
  }

  @Test
  void shouldListEveryProblemWhenLayoutHasSeveral() {
    // given
    String yaml =
        MINIMAL.replace("encoding: TIS-620", "encoding: UTF-8").replace("type: spare", "type: x");

    // when
    SaphanException refusal =
        catchThrowableOfType(SaphanException.class, () -> FixedWidthLayout.parse(yaml, "mini"));

    // then
    assertThat(problems(refusal))
        .contains(
            "encoding: UTF-8 is not a single-byte charset",
            "records[D].fields[spare].type: must be one of text, number, amount2, date-ddmmyyyy,"
                + " time-hhmmss, spare, got x");
  }

  @Test
  void shouldRefuseLayoutWhenFileIsNotYaml(@TempDir Path dir) throws Exception {
    // given
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "name: [unclosed\n", StandardCharsets.UTF_8);

    // when
    SaphanException refusal =
        catchThrowableOfType(SaphanException.class, () -> FixedWidthLayout.load(file));

    // then
    assertThat(refusal.code()).isEqualTo(ErrorCode.BATCH_LAYOUT_INVALID);
    assertThat(refusal.getMessage()).startsWith("layout broken.yaml is not valid YAML");
  }

  @Test
  void shouldRefuseLayoutWhenFileIsMissing(@TempDir Path dir) {
    // given
    Path file = dir.resolve("absent.yaml");

    // when
    SaphanException refusal =
        catchThrowableOfType(SaphanException.class, () -> FixedWidthLayout.load(file));

    // then
    assertThat(refusal.code()).isEqualTo(ErrorCode.BATCH_LAYOUT_INVALID);
    assertThat(refusal.getMessage()).isEqualTo("cannot read layout absent.yaml");
  }

  @Test
  void shouldRefuseSettlementReaderWhenLayoutLacksSettlementFields() {
    // given
    FixedWidthLayout mini = FixedWidthLayout.parse(MINIMAL, "mini");

    // when
    SaphanException refusal =
        catchThrowableOfType(
            SaphanException.class,
            () -> SettlementFileReader.open(new java.io.ByteArrayInputStream(new byte[0]), mini));

    // then
    assertThat(refusal.code()).isEqualTo(ErrorCode.BATCH_LAYOUT_INVALID);
    assertThat(problems(refusal))
        .contains(
            "records: no record has role header",
            "records: no record has role trailer",
            "records[D].fields[seq]: missing",
            "records[D].fields[paymentDate]: missing");
  }

  @SuppressWarnings("unchecked")
  private static List<String> problems(SaphanException refusal) {
    return (List<String>) refusal.properties().get("problems");
  }
}
