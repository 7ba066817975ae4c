package org.saphan.hub.payment.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

class ThaiQrParserTest {

  /** The integration facts' static bill-payment example (a Java library's test, 13-char biller). */
  private static final String FACTS_EXAMPLE =
      "00020101021130530016A00000067701011201130000000000001020412340304234553037645802TH6304E5DA";

  static Stream<Arguments> payloads() {
    return Stream.of(
        Arguments.of(FACTS_EXAMPLE, "11", "0000000000001", "1234", "2345", null, null),
        Arguments.of(
            "00020101021130580016A00000067701011201150994000000022010215PO2026112400001"
                + "53037645802TH63043F2B",
            "11",
            "099400000002201",
            "PO2026112400001",
            null,
            null,
            null),
        Arguments.of(
            "00020101021230710016A00000067701011201150994000000022010215PO2026112400002"
                + "0309APP000124530376454101234567.895802TH62110707KIOSK016304E4A8",
            "12",
            "099400000002201",
            "PO2026112400002",
            "APP000124",
            "KIOSK01",
            "1234567.89"),
        Arguments.of(
            // lowercase CRC digits are accepted: the check is on the value, not the case
            "00020101021230440016A00000067701011201150994000000014010201A530376454040.01"
                + "5802TH63047d55",
            "12",
            "099400000001401",
            "A",
            null,
            null,
            "0.01"));
  }

  @ParameterizedTest
  @MethodSource("payloads")
  void shouldReturnFieldsWhenPayloadIsValid(
      String payload,
      String pointOfInitiation,
      String billerId,
      String ref1,
      String ref2,
      String ref3,
      String amount) {
    // given the payload of the row

    // when
    ParsedThaiQr parsed = ThaiQrParser.parse(payload);

    // then
    assertThat(parsed.pointOfInitiation()).isEqualTo(pointOfInitiation);
    assertThat(parsed.billerId()).isEqualTo(billerId);
    assertThat(parsed.ref1()).isEqualTo(ref1);
    assertThat(parsed.ref2()).isEqualTo(ref2);
    assertThat(parsed.ref3()).isEqualTo(ref3);
    assertThat(parsed.amount()).isEqualTo(amount == null ? null : new BigDecimal(amount));
    assertThat(parsed.crc()).isEqualToIgnoringCase(payload.substring(payload.length() - 4));
  }

  @Test
  void shouldRoundTripWhenPayloadWasBuiltHere() {
    // given
    ThaiQrBillPayment built =
        ThaiQrBillPayment.builder()
            .billerId("099400000002201")
            .ref1("PO2026112400009")
            .ref2("APP000129")
            .ref3("COUNTER2")
            .amount(new BigDecimal("420.25"))
            .build();

    // when
    ThaiQrBillPayment rebuilt = ThaiQrParser.parse(built.payload()).toBillPayment();

    // then
    assertThat(rebuilt).isEqualTo(built);
    assertThat(rebuilt.payload()).isEqualTo(built.payload());
  }

  @Test
  void shouldRefuseStrictRebuildWhenBillerIdHasThirteenCharacters() {
    // given
    ParsedThaiQr parsed = ThaiQrParser.parse(FACTS_EXAMPLE);

    // when
    SaphanException refusal = catchThrowableOfType(SaphanException.class, parsed::toBillPayment);

    // then
    assertThat(refusal.code()).isEqualTo(ErrorCode.BILLER_ID_INVALID);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''| payload is empty",
        "00020101021153| truncated data object at index 12: need a 2-digit id and a 2-digit length",
        // CRC changed from E5DA to E5DB
        "00020101021130530016A00000067701011201130000000000001020412340304234553037645802TH6304E5DB"
            + "| CRC mismatch: payload says E5DB, computed E5DA",
        // ref2 changed from 2345 to 2346, CRC kept
        "00020101021130530016A00000067701011201130000000000001020412340304234653037645802TH6304E5DA"
            + "| CRC mismatch: payload says E5DA, computed E5A8",
        "00020101021130530016A00000067701011201130000000000001020412340304234553037645802TH"
            + "| CRC (tag 63) is missing",
        "00020101021130530016A000000677010112011300000000000010204123403042345530376463040000"
            + "5802TH| CRC (tag 63) must be the last data object",
        "00020101021130530016A00000067701011201130000000000001020412340304234553037645802TH6303E5D"
            + "| CRC (tag 63) must be 4 hex digits, got 3 characters",
        "00020101021130530016A00000067701011201130000000000001020412340304234553037645802TH6304E5"
            + "| tag 63 at index 82 declares length 4 but only 2 characters remain",
        "01021100020130530016A00000067701011201130000000000001020412340304234553037645802TH63040000"
            + "| payload must start with tag 00 (payload format indicator)",
        "00020201021130530016A00000067701011201130000000000001020412340304234553037645802TH630451D5"
            + "| payload format indicator (tag 00) must be 01, got 02",
        "000201AB021130530016A00000067701011201130000000000001020412340304234553037645802TH63040000"
            + "| data object id at index 6 must be 2 digits",
        "00020101021101021130530016A00000067701011201130000000000001020412340304234563041B2C"
            + "| tag 01 appears more than once",
        "00020101021329370016A000000677010111011300668123456785303764540550.005802TH63046B60"
            + "| point of initiation (tag 01) must be 11 or 12, got 13",
        "00020101021129370016A000000677010111011300668123456785303764540550.005802TH63041E8E"
            + "| not a bill payment: tag 30 is missing (tag 29, a PromptPay credit transfer, is"
            + " present)",
        "00020101021130530016A00000067701011101130000000000001020412340304234553037645802TH6304294F"
            + "| tag 30.00 (AID) must be A000000677010112, got A000000677010111",
        "00020101021130270016A000000677010112011300053037645802TH6304EDBC"
            + "| tag 30: tag 01 at index 20 declares length 13 but only 3 characters remain",
        "00020101021130450016A000000677010112011300000000000A10204123453037645802TH63041F52"
            + "| tag 30.01 (biller id) must be digits",
        "00020101021130370016A0000006770101120113000000000000153037645802TH63041CB7"
            + "| tag 30.02 (ref1) is missing",
        "00020101021130530016A00000067701011201130000000000001020412340304234553038405802TH63047325"
            + "| currency (tag 53) must be 764 (THB), got 840",
        "00020101021130530016A000000677010112011300000000000010204123403042345530376454081,000.00"
            + "5802TH63044E39| amount (tag 54) must be digits with up to 2 decimals, got 1,000.00",
        "00020101021130530016A00000067701011201130000000000001020412340304234553037645802US630448DF"
            + "| country (tag 58) must be TH, got US",
        "00020101021130530016A00000067701011201130000000000001020412340304234553037646304EB6D"
            + "| country (tag 58) is missing",
        "00020101021130530016A00000067701011201130000000000001020412340304234553037645802TH6304E5DA"
            + "\u00e9| payload has a non-printable or non-ASCII character at index 90"
      })
  void shouldRefuseWithMessageWhenPayloadIsInvalid(String payload, String message) {
    // given the payload of the row

    // when
    SaphanException refusal =
        catchThrowableOfType(SaphanException.class, () -> ThaiQrParser.parse(payload));

    // then
    assertThat(refusal).isNotNull();
    assertThat(refusal.code()).isEqualTo(ErrorCode.QR_PAYLOAD_INVALID);
    assertThat(refusal.getMessage()).isEqualTo(message.strip());
  }

  @Test
  void shouldRefuseWhenPayloadIsLongerThanEmvcoAllows() {
    // given
    String payload = FACTS_EXAMPLE + "9".repeat(ThaiQrParser.MAX_PAYLOAD_LENGTH);

    // when
    SaphanException refusal =
        catchThrowableOfType(SaphanException.class, () -> ThaiQrParser.parse(payload));

    // then
    assertThat(refusal.code()).isEqualTo(ErrorCode.QR_PAYLOAD_INVALID);
    assertThat(refusal.getMessage()).isEqualTo("payload is longer than 512 characters");
  }
}
