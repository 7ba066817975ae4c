package org.saphan.hub.payment.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

class ThaiQrBillPaymentTest {

  private static final String DSD_BILLER = "099400000002201";

  // Expected payloads were assembled and checksummed outside Java (Python, binascii.crc_hqx).
  static Stream<Arguments> payloads() {
    return Stream.of(
        Arguments.of(
            "static, ref1 only",
            ThaiQrBillPayment.builder().billerId(DSD_BILLER).ref1("PO2026112400001"),
            "00020101021130580016A00000067701011201150994000000022010215PO2026112400001"
                + "53037645802TH63043F2B"),
        Arguments.of(
            "dynamic with ref2",
            ThaiQrBillPayment.builder()
                .billerId(DSD_BILLER)
                .ref1("PO2026112400001")
                .ref2("APP000123")
                .amount(new BigDecimal("100")),
            "00020101021230710016A00000067701011201150994000000022010215PO2026112400001"
                + "0309APP00012353037645406100.005802TH6304E716"),
        Arguments.of(
            "dynamic with ref2 and terminal label",
            ThaiQrBillPayment.builder()
                .billerId(DSD_BILLER)
                .ref1("PO2026112400002")
                .ref2("APP000124")
                .ref3("KIOSK01")
                .amount(new BigDecimal("1234567.89")),
            "00020101021230710016A00000067701011201150994000000022010215PO2026112400002"
                + "0309APP000124530376454101234567.895802TH62110707KIOSK016304E4A8"),
        Arguments.of(
            "largest amount, 20-character ref1",
            ThaiQrBillPayment.builder()
                .billerId("099400000001401")
                .ref1("ABCDEFGHIJ0123456789")
                .ref2("Z9")
                .amount(new BigDecimal("9999999.99")),
            "00020101021230690016A00000067701011201150994000000014010220ABCDEFGHIJ0123456789"
                + "0302Z9530376454109999999.995802TH6304293E"),
        Arguments.of(
            "smallest amount",
            ThaiQrBillPayment.builder()
                .billerId("099400000001401")
                .ref1("A")
                .amount(new BigDecimal("0.01")),
            "00020101021230440016A00000067701011201150994000000014010201A530376454040.01"
                + "5802TH63047D55"),
        Arguments.of(
            "CRC below 0x1000 stays 4 digits",
            ThaiQrBillPayment.builder()
                .billerId(DSD_BILLER)
                .ref1("INV000003")
                .amount(new BigDecimal("100.00")),
            "00020101021230520016A00000067701011201150994000000022010209INV000003"
                + "53037645406100.005802TH63040E2A"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("payloads")
  void shouldBuildKnownPayloadWhenFieldsAreValid(
      String label, ThaiQrBillPayment.Builder builder, String expected) {
    // given the builder of the row

    // when
    ThaiQrBillPayment qr = builder.build();

    // then
    assertThat(qr.payload()).isEqualTo(expected);
  }

  @Test
  void shouldBeDynamicWhenAmountIsGiven() {
    // given
    ThaiQrBillPayment.Builder builder =
        ThaiQrBillPayment.builder().billerId(DSD_BILLER).ref1("PO1").amount(new BigDecimal("5"));

    // when
    ThaiQrBillPayment qr = builder.build();

    // then
    assertThat(qr.dynamic()).isTrue();
    assertThat(qr.payload()).startsWith("000201010212");
    assertThat(qr.amount()).contains(new BigDecimal("5.00"));
  }

  @Test
  void shouldBeStaticWhenNoAmountIsGiven() {
    // given
    ThaiQrBillPayment.Builder builder =
        ThaiQrBillPayment.builder().billerId(DSD_BILLER).ref1("PO1");

    // when
    ThaiQrBillPayment qr = builder.build();

    // then
    assertThat(qr.dynamic()).isFalse();
    assertThat(qr.payload()).startsWith("000201010211");
    assertThat(qr.amount()).isEmpty();
  }

  static Stream<Arguments> barcodes() {
    return Stream.of(
        Arguments.of(
            ThaiQrBillPayment.builder()
                .billerId(DSD_BILLER)
                .ref1("PO2026112400001")
                .ref2("APP000123")
                .amount(new BigDecimal("1500.50")),
            "|099400000002201\rPO2026112400001\rAPP000123\r150050"),
        Arguments.of(
            ThaiQrBillPayment.builder().billerId(DSD_BILLER).ref1("PO2026112400001"),
            "|099400000002201\rPO2026112400001\r\r0"),
        Arguments.of(
            ThaiQrBillPayment.builder()
                .billerId(DSD_BILLER)
                .ref1("A")
                .amount(new BigDecimal("0.01")),
            "|099400000002201\rA\r\r1"));
  }

  @ParameterizedTest
  @MethodSource("barcodes")
  void shouldRenderBotBarcodeWhenAsked(ThaiQrBillPayment.Builder builder, String expected) {
    // given
    ThaiQrBillPayment qr = builder.build();

    // when
    String barcode = qr.botBarcode();

    // then
    assertThat(barcode).isEqualTo(expected);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(valid().billerId(null), ErrorCode.BILLER_ID_INVALID, "biller id is required"),
        Arguments.of(
            valid().billerId("0000000000001"),
            ErrorCode.BILLER_ID_INVALID,
            "biller id must be 15 digits (13-digit tax id + 2-digit suffix), got 13 characters"),
        Arguments.of(
            valid().billerId("0994000000022O1"),
            ErrorCode.BILLER_ID_INVALID,
            "biller id must be 15 digits (13-digit tax id + 2-digit suffix), got a non-digit at"
                + " position 14"),
        Arguments.of(
            valid().billerId("099400000002301"),
            ErrorCode.BILLER_ID_INVALID,
            "biller id does not start with a valid tax id: its check digit (13th digit) should"
                + " be 2"),
        Arguments.of(valid().ref1(null), ErrorCode.PAYMENT_REFERENCE_INVALID, "ref1 is required"),
        Arguments.of(
            valid().ref1(""),
            ErrorCode.PAYMENT_REFERENCE_INVALID,
            "ref1 must be 1 to 20 characters, got 0"),
        Arguments.of(
            valid().ref1("ABCDEFGHIJ01234567890"),
            ErrorCode.PAYMENT_REFERENCE_INVALID,
            "ref1 must be 1 to 20 characters, got 21"),
        Arguments.of(
            valid().ref1("PO2026-1"),
            ErrorCode.PAYMENT_REFERENCE_INVALID,
            "ref1 may contain only A-Z and 0-9, got '-' at position 7"),
        Arguments.of(
            valid().ref1("po1"),
            ErrorCode.PAYMENT_REFERENCE_INVALID,
            "ref1 may contain only A-Z and 0-9, got 'p' at position 1"),
        Arguments.of(
            valid().ref2("สมชาย"),
            ErrorCode.PAYMENT_REFERENCE_INVALID,
            "ref2 may contain only A-Z and 0-9, got a character at position 1"),
        Arguments.of(
            valid().ref3("ABCDEFGHIJ0123456789ABCDEF"),
            ErrorCode.PAYMENT_REFERENCE_INVALID,
            "ref3 (terminal label) must be 1 to 25 characters, got 26"),
        Arguments.of(
            valid().amount(BigDecimal.ZERO),
            ErrorCode.PAYMENT_AMOUNT_INVALID,
            "amount must be greater than 0, got 0.00"),
        Arguments.of(
            valid().amount(new BigDecimal("-1")),
            ErrorCode.PAYMENT_AMOUNT_INVALID,
            "amount must be greater than 0, got -1.00"),
        Arguments.of(
            valid().amount(new BigDecimal("10000000.00")),
            ErrorCode.PAYMENT_AMOUNT_INVALID,
            "amount must not exceed 9999999.99, got 10000000.00"),
        Arguments.of(
            valid().amount(new BigDecimal("1.005")),
            ErrorCode.PAYMENT_AMOUNT_INVALID,
            "amount must have at most 2 decimals, got 1.005"));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void shouldRefuseWithCodeAndMessageWhenFieldIsInvalid(
      ThaiQrBillPayment.Builder builder, ErrorCode code, String message) {
    // given the builder of the row

    // when
    SaphanException refusal = catchThrowableOfType(SaphanException.class, builder::build);

    // then
    assertThat(refusal).isNotNull();
    assertThat(refusal.code()).isEqualTo(code);
    assertThat(refusal.getMessage()).isEqualTo(message);
  }

  @Test
  void shouldKeepReferencesOutOfToStringWhenLogged() {
    // given
    ThaiQrBillPayment qr = valid().ref2("APP000123").build();

    // when
    String text = qr.toString();

    // then
    assertThat(text).doesNotContain("PO2026112400001").doesNotContain("APP000123");
  }

  private static ThaiQrBillPayment.Builder valid() {
    return ThaiQrBillPayment.builder().billerId(DSD_BILLER).ref1("PO2026112400001");
  }
}
