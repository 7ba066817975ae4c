package org.saphan.sandbox.epayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BillPaymentQrTest {

  /** Facts §3.1 worked example (static bill payment, 13-character biller id), CRC E5DA. */
  private static final String WORKED_EXAMPLE =
      "000201"
          + "010211"
          + "3053"
          + "0016A000000677010112"
          + "0113"
          + "0000000000001"
          + "0204"
          + "1234"
          + "0304"
          + "2345"
          + "5303764"
          + "5802TH"
          + "6304E5DA";

  /** Facts §3.1 PromptPay example; its CRC is written XXXX there and computed here. */
  private static final String PROMPTPAY_WITHOUT_CRC =
      "00020101021129370016A000000677010111011300668123456785303764540550.005802TH6304";

  private static final String BILLER = "099400098765001";

  @Test
  void shouldComputeTheStandardCheckValueWhenInputIs123456789() {
    // given
    byte[] input = "123456789".getBytes(StandardCharsets.US_ASCII);

    // when
    int crc = Crc16.ccittFalse(input);

    // then
    assertThat(crc).isEqualTo(0x29B1);
  }

  @Test
  void shouldComputeE5daWhenPayloadIsTheWorkedExample() {
    // given
    String beforeCrc = WORKED_EXAMPLE.substring(0, WORKED_EXAMPLE.length() - 4);

    // when
    String crc = Crc16.hex(beforeCrc);

    // then
    assertThat(crc).isEqualTo("E5DA");
  }

  @Test
  void shouldParseTag30WhenPayloadIsTheWorkedExample() {
    // when
    EmvQr qr = EmvQr.parse(WORKED_EXAMPLE);

    // then
    assertThat(qr.tag("00")).contains("01");
    assertThat(qr.tag("01")).contains("11");
    assertThat(qr.template("30"))
        .containsEntry("00", BillPaymentQr.AID)
        .containsEntry("01", "0000000000001")
        .containsEntry("02", "1234")
        .containsEntry("03", "2345");
    assertThat(qr.tag("53")).contains("764");
    assertThat(qr.tag("58")).contains("TH");
    assertThat(qr.tag("63")).contains("E5DA");
  }

  @Test
  void shouldRefuseWithBillerIdInvalidWhenBillerIdHas13Characters() {
    // given the worked example's biller id is 13 characters; the contract wants 15

    // when / then
    assertThatThrownBy(() -> BillPaymentQr.parse(WORKED_EXAMPLE))
        .isInstanceOf(QrException.class)
        .extracting(e -> ((QrException) e).code())
        .isEqualTo("qr_biller_id_invalid");
  }

  @Test
  void shouldRefuseWithNotBillPaymentWhenPayloadIsPromptPayTransfer() {
    // given
    String promptPay = PROMPTPAY_WITHOUT_CRC + Crc16.hex(PROMPTPAY_WITHOUT_CRC);

    // when
    EmvQr qr = EmvQr.parse(promptPay);

    // then
    assertThat(qr.template("29")).containsEntry("01", "0066812345678");
    assertThat(qr.tag("54")).contains("50.00");
    assertThatThrownBy(() -> BillPaymentQr.of(qr))
        .extracting(e -> ((QrException) e).code())
        .isEqualTo("qr_not_bill_payment");
  }

  @Test
  void shouldRoundTripWhenDynamicBillPaymentIsGenerated() {
    // given
    BillPaymentQr bill =
        new BillPaymentQr(BILLER, "SPH2026112500001", "DLT", new BigDecimal("505"));

    // when
    String payload = bill.toPayload();
    BillPaymentQr parsed = BillPaymentQr.parse(payload);

    // then
    assertThat(payload)
        .startsWith("000201010212")
        .contains("5406505.00")
        .endsWith(Crc16.hex(payload.substring(0, payload.length() - 4)));
    assertThat(parsed)
        .isEqualTo(new BillPaymentQr(BILLER, "SPH2026112500001", "DLT", new BigDecimal("505.00")));
  }

  @Test
  void shouldParseWithoutAmountWhenQrIsStatic() {
    // given
    String payload = new BillPaymentQr(BILLER, "REF1", null, null).toPayload();

    // when
    BillPaymentQr parsed = BillPaymentQr.parse(payload);

    // then
    assertThat(payload).startsWith("000201010211");
    assertThat(parsed.amount()).isNull();
    assertThat(parsed.ref2()).isNull();
  }

  @Test
  void shouldRefuseWithCrcMismatchWhenCrcIsWrong() {
    // given
    String bad = WORKED_EXAMPLE.substring(0, WORKED_EXAMPLE.length() - 4) + "E5DB";

    // when / then
    assertThatThrownBy(() -> EmvQr.parse(bad))
        .extracting(e -> ((QrException) e).code())
        .isEqualTo("qr_crc_mismatch");
  }

  @Test
  void shouldRefuseWithCrcMismatchWhenAByteOfThePayloadChanged() {
    // given a ref1 changed after the CRC was computed
    String good = new BillPaymentQr(BILLER, "REF1", null, new BigDecimal("100.00")).toPayload();
    String bad = good.replace("REF1", "REF2");

    // when / then
    assertThatThrownBy(() -> EmvQr.parse(bad))
        .extracting(e -> ((QrException) e).code())
        .isEqualTo("qr_crc_mismatch");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "truncated, 000201010211305, qr_malformed",
    "letters in length, 00020101AB11, qr_malformed",
    "no crc, 000201010211, qr_crc_missing"
  })
  void shouldRefuseWhenPayloadIsNotTlv(String name, String payload, String code) {
    // when / then
    assertThatThrownBy(() -> EmvQr.parse(payload))
        .extracting(e -> ((QrException) e).code())
        .isEqualTo(code);
  }

  @Test
  void shouldRefuseWithCurrencyUnsupportedWhenCurrencyIsNotBaht() {
    // given
    String thb = new BillPaymentQr(BILLER, "REF1", null, new BigDecimal("1.00")).toPayload();
    String usdWithoutCrc = thb.substring(0, thb.length() - 4).replace("5303764", "5303840");
    String usd = usdWithoutCrc + Crc16.hex(usdWithoutCrc);

    // when / then
    assertThatThrownBy(() -> BillPaymentQr.parse(usd))
        .extracting(e -> ((QrException) e).code())
        .isEqualTo("qr_currency_unsupported");
  }

  @Test
  void shouldRefuseWithAidUnsupportedWhenTag30CarriesCrossBorderAid() {
    // given
    String domestic = new BillPaymentQr(BILLER, "REF1", null, new BigDecimal("1.00")).toPayload();
    String crossBorderWithoutCrc =
        domestic.substring(0, domestic.length() - 4).replace(BillPaymentQr.AID, "A000000677012006");
    String crossBorder = crossBorderWithoutCrc + Crc16.hex(crossBorderWithoutCrc);

    // when / then
    assertThatThrownBy(() -> BillPaymentQr.parse(crossBorder))
        .extracting(e -> ((QrException) e).code())
        .isEqualTo("qr_aid_unsupported");
  }
}
