package org.saphan.sandbox.epayment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettlementFileTest {

  private static final SettlementFile.Header HEADER =
      new SettlementFile.Header(
          "006", "9870012345", "SAPHAN SANDBOX BILLER", LocalDate.of(2026, 11, 25), "BILLPAY");

  private static final String MALEE = "นางสาวมาลี ศรีสวัสดิ์";

  @Test
  void shouldWrite256ByteRecordsEndingWithCrlfWhenFileHasPayments() {
    // when
    byte[] file = SettlementFile.write(HEADER, List.of(detail("SPH1", "505.00", MALEE)));

    // then
    List<byte[]> records = SettlementRecords.split(file);
    assertThat(records).hasSize(3);
    assertThat(records).allSatisfy(r -> assertThat(r).hasSize(256));
    assertThat(file).hasSize(3 * 258);
    assertThat(SettlementRecords.field(records.get(0), 0, 1)).isEqualTo("H");
    assertThat(SettlementRecords.field(records.get(1), 0, 1)).isEqualTo("D");
    assertThat(SettlementRecords.field(records.get(2), 0, 1)).isEqualTo("T");
  }

  @Test
  void shouldPadThaiNameByBytesAndRoundTripWhenDecodedAsTis620() {
    // when
    byte[] detail = SettlementRecords.split(write(detail("SPH1", "505.00", MALEE))).get(1);

    // then one byte per Thai character: the 21-character name takes 21 of the 50 bytes
    assertThat(MALEE.getBytes(SettlementFile.TIS_620)).hasSize(MALEE.length());
    assertThat(MALEE.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(50);
    String name = SettlementRecords.field(detail, 34, 84);
    assertThat(name).isEqualTo(MALEE + " ".repeat(50 - MALEE.length()));
    assertThat(name.strip()).isEqualTo(MALEE);
  }

  @Test
  void shouldWriteHeaderFieldsAtTheirSlicesWhenFileIsWritten() {
    // when
    byte[] header = SettlementRecords.split(write()).get(0);

    // then
    assertThat(SettlementRecords.field(header, 1, 7)).isEqualTo("000001");
    assertThat(SettlementRecords.field(header, 7, 10)).isEqualTo("006");
    assertThat(SettlementRecords.field(header, 10, 20)).isEqualTo("9870012345");
    assertThat(SettlementRecords.field(header, 20, 60)).isEqualTo(pad("SAPHAN SANDBOX BILLER", 40));
    assertThat(SettlementRecords.field(header, 60, 68)).isEqualTo("25112026");
    assertThat(SettlementRecords.field(header, 68, 76)).isEqualTo("BILLPAY ");
    assertThat(SettlementRecords.field(header, 76, 256).isBlank()).isTrue();
  }

  @Test
  void shouldWriteDetailFieldsAtTheirSlicesWhenPaymentIsWritten() {
    // when
    byte[] d = SettlementRecords.split(write(detail("SPH2026112500001", "1234.50", MALEE))).get(1);

    // then
    assertThat(SettlementRecords.field(d, 1, 7)).isEqualTo("000002");
    assertThat(SettlementRecords.field(d, 7, 10)).isEqualTo("006");
    assertThat(SettlementRecords.field(d, 10, 20)).isEqualTo("9870012345");
    assertThat(SettlementRecords.field(d, 20, 28)).isEqualTo("25112026");
    assertThat(SettlementRecords.field(d, 28, 34)).isEqualTo("141005");
    assertThat(SettlementRecords.field(d, 84, 104)).isEqualTo(pad("SPH2026112500001", 20));
    assertThat(SettlementRecords.field(d, 104, 124)).isEqualTo(pad("DLT", 20));
    assertThat(SettlementRecords.field(d, 124, 144)).isEqualTo(pad("", 20));
    assertThat(SettlementRecords.field(d, 144, 148)).isEqualTo("0001");
    assertThat(SettlementRecords.field(d, 148, 152)).isEqualTo("9999");
    assertThat(SettlementRecords.field(d, 152, 153)).isEqualTo("C");
    assertThat(SettlementRecords.field(d, 153, 156)).isEqualTo("ETF");
    assertThat(SettlementRecords.field(d, 156, 163)).isEqualTo("0000000");
    assertThat(SettlementRecords.field(d, 163, 176)).isEqualTo("0000000123450");
    assertThat(SettlementRecords.field(d, 176, 179)).isEqualTo("000");
    assertThat(SettlementRecords.field(d, 196, 211)).isEqualTo("099400098765001");
    assertThat(SettlementRecords.field(d, 243, 246)).isEqualTo("014");
    assertThat(SettlementRecords.field(d, 246, 256)).isEqualTo("0000000000");
  }

  @Test
  void shouldTotalCreditsInTrailerWhenFileHasSeveralPayments() {
    // when
    byte[] file =
        write(
            detail("SPH1", "505.00", MALEE),
            detail("SPH2", "100.25", "นายสมชาย ใจดี"),
            detail("SPH3", "0.75", "นายวิชัย มีสุข"));

    // then
    byte[] trailer = SettlementRecords.split(file).get(4);
    assertThat(SettlementRecords.field(trailer, 0, 7)).isEqualTo("T000005");
    assertThat(SettlementRecords.field(trailer, 7, 20)).isEqualTo("0069870012345");
    assertThat(SettlementRecords.field(trailer, 20, 33)).isEqualTo("0000000000000");
    assertThat(SettlementRecords.field(trailer, 33, 39)).isEqualTo("000000");
    assertThat(SettlementRecords.field(trailer, 39, 52)).isEqualTo("0000000060600");
    assertThat(SettlementRecords.field(trailer, 52, 58)).isEqualTo("000003");
    assertThat(SettlementRecords.field(trailer, 58, 256).isBlank()).isTrue();
  }

  @Test
  void shouldWriteOnlyHeaderAndTrailerWhenThereIsNoPayment() {
    // when
    List<byte[]> records = SettlementRecords.split(write());

    // then
    assertThat(records).hasSize(2);
    assertThat(SettlementRecords.field(records.get(1), 39, 58)).isEqualTo("0000000000000000000");
  }

  private static byte[] write(SettlementFile.Detail... details) {
    return SettlementFile.write(HEADER, List.of(details));
  }

  private static SettlementFile.Detail detail(String ref1, String amount, String name) {
    return new SettlementFile.Detail(
        LocalDate.of(2026, 11, 25),
        LocalTime.of(14, 10, 5),
        name,
        ref1,
        "DLT",
        "0001",
        "9999",
        'C',
        "ETF",
        new BigDecimal(amount),
        "099400098765001",
        "014");
  }

  private static String pad(String value, int width) {
    return value + " ".repeat(width - value.length());
  }
}
