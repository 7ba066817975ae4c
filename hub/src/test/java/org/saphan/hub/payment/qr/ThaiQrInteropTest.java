package org.saphan.hub.payment.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.pheerathach.ThaiQRPromptPay;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our payloads against implementations that are not ours: pheerathach/promptpay 1.0.2 (a Java
 * generator on Maven Central, no parser) must write the same text for the same bill, and {@link
 * IndependentQrReader} (a separate reader in the tests) must read our text back to the same fields.
 */
class ThaiQrInteropTest {

  // billerId, ref1, ref2, ref3, amount. pheerathach caps ref1 at 15 characters (the BOT spec
  // allows 20), so rows stay within 15.
  static Stream<Arguments> bills() {
    return Stream.of(
        Arguments.of("099400000002201", "PO2026112400001", null, null, null),
        Arguments.of("099400000002201", "PO2026112400001", "APP000123", null, "100.00"),
        Arguments.of("099400000002201", "PO2026112400002", "APP000124", "KIOSK01", "1234567.89"),
        Arguments.of("099400000001401", "INV000003", null, null, "100.00"),
        Arguments.of("099400000001401", "A", "B", null, "0.01"),
        Arguments.of(
            "099400000001401", "Z9Z9Z9Z9Z9Z9Z9Z", "ABCDEFGHIJ0123456789", null, "9999999.99"),
        Arguments.of("099400000001401", "0000000000001", "1", "T", null));
  }

  @ParameterizedTest
  @MethodSource("bills")
  void shouldWriteSamePayloadAsPheerathachWhenGivenSameBill(
      String billerId, String ref1, String ref2, String ref3, String amount) {
    // given
    ThaiQrBillPayment ours = build(billerId, ref1, ref2, ref3, amount);

    // when
    String theirs = pheerathach(billerId, ref1, ref2, ref3, amount);

    // then
    assertThat(ours.payload()).isEqualTo(theirs);
    assertThat(ThaiQrParser.parse(theirs).toBillPayment()).isEqualTo(ours);
  }

  @ParameterizedTest
  @MethodSource("bills")
  void shouldBeReadToSameFieldsWhenReadByIndependentReader(
      String billerId, String ref1, String ref2, String ref3, String amount) {
    // given
    ThaiQrBillPayment ours = build(billerId, ref1, ref2, ref3, amount);

    // when
    Map<String, Object> read = IndependentQrReader.read(ours.payload());

    // then
    assertThat(read)
        .containsEntry("aid", "A000000677010112")
        .containsEntry("billerId", billerId)
        .containsEntry("ref1", ref1)
        .containsEntry("ref2", ref2)
        .containsEntry("ref3", ref3)
        .containsEntry("amount", amount == null ? null : new BigDecimal(amount))
        .containsEntry("pointOfInitiation", amount == null ? "11" : "12")
        .containsEntry("currency", "764")
        .containsEntry("country", "TH");
  }

  private static ThaiQrBillPayment build(
      String billerId, String ref1, String ref2, String ref3, String amount) {
    return ThaiQrBillPayment.builder()
        .billerId(billerId)
        .ref1(ref1)
        .ref2(ref2)
        .ref3(ref3)
        .amount(amount == null ? null : new BigDecimal(amount))
        .build();
  }

  private static String pheerathach(
      String billerId, String ref1, String ref2, String ref3, String amount) {
    ThaiQRPromptPay.Builder start = new ThaiQRPromptPay.Builder();
    ThaiQRPromptPay.Builder.BillPaymentBuilderOptionalDetail bill =
        (amount == null ? start.staticQR() : start.dynamicQR())
            .billPayment()
            .billerId(billerId)
            .ref1(ref1);
    if (ref2 != null) {
      bill = bill.ref2(ref2);
    }
    if (ref3 != null) {
      bill = bill.ref3(ref3);
    }
    if (amount != null) {
      bill = bill.amount(new BigDecimal(amount));
    }
    return bill.build().generateContent();
  }
}
