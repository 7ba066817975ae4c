package org.saphan.sandbox.epayment;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.saphan.sandbox.common.FixedWidthRecord;

/**
 * The cross-bank bill-payment settlement file (facts §3.2): one {@code H}, the {@code D} records,
 * one {@code T}; 256 bytes a record in TIS-620 (a Thai character is one byte), CRLF after each.
 * Text fields are left-aligned and space-padded, numbers right-aligned and zero-padded, amounts in
 * satang (2 implied decimals), dates {@code DDMMYYYY} (Christian era).
 */
public final class SettlementFile {

  /** Bytes per record, without the line break. */
  public static final int RECORD_LENGTH = 256;

  /** The file's character set. */
  public static final Charset TIS_620 = FixedWidthRecord.TIS_620;

  /** Record separator. */
  public static final byte[] CRLF = {'\r', '\n'};

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("ddMMyyyy", Locale.ROOT);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);

  private SettlementFile() {}

  /**
   * The file's header fields.
   *
   * @param bankCode 3-digit code of the biller's bank
   * @param companyAccount 10-digit account of the biller
   * @param companyName account name (40 bytes)
   * @param effectiveDate the day the file settles
   * @param serviceCode 8 characters
   */
  public record Header(
      String bankCode,
      String companyAccount,
      String companyName,
      LocalDate effectiveDate,
      String serviceCode) {}

  /**
   * One payment line.
   *
   * @param paymentDate day of payment
   * @param paymentTime time of payment
   * @param customerName the payer's name (50 bytes in TIS-620)
   * @param ref1 reference 1 (20)
   * @param ref2 reference 2 (20) or null
   * @param branch 4-digit branch
   * @param teller 4-digit teller
   * @param kind {@code C} (credit, a payment) or {@code D}
   * @param transactionCode 3 characters
   * @param amount baht, at most 2 decimals
   * @param billerId 15-digit biller id
   * @param sendingBankCode the payer's bank, 3 digits
   */
  public record Detail(
      LocalDate paymentDate,
      LocalTime paymentTime,
      String customerName,
      String ref1,
      String ref2,
      String branch,
      String teller,
      char kind,
      String transactionCode,
      BigDecimal amount,
      String billerId,
      String sendingBankCode) {}

  /** The whole file: header, details in order, trailer with the credit and debit totals. */
  public static byte[] write(Header header, List<Detail> details) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int seq = 1;
    line(out, header(header, seq++));
    BigDecimal credit = BigDecimal.ZERO;
    BigDecimal debit = BigDecimal.ZERO;
    int credits = 0;
    int debits = 0;
    for (Detail d : details) {
      line(out, detail(header, d, seq++));
      if (d.kind() == 'C') {
        credit = credit.add(d.amount());
        credits++;
      } else {
        debit = debit.add(d.amount());
        debits++;
      }
    }
    line(out, trailer(header, seq, debit, debits, credit, credits));
    return out.toByteArray();
  }

  static byte[] header(Header h, int seq) {
    return record()
        .text("H", 1)
        .number(seq, 6)
        .digits(h.bankCode(), 3)
        .digits(h.companyAccount(), 10)
        .text(h.companyName(), 40)
        .text(DATE.format(h.effectiveDate()), 8)
        .text(h.serviceCode(), 8)
        .text("", 180)
        .bytes();
  }

  static byte[] detail(Header h, Detail d, int seq) {
    return record()
        .text("D", 1)
        .number(seq, 6)
        .digits(h.bankCode(), 3)
        .digits(h.companyAccount(), 10)
        .text(DATE.format(d.paymentDate()), 8)
        .text(TIME.format(d.paymentTime()), 6)
        .text(d.customerName(), 50)
        .text(d.ref1(), 20)
        .text(d.ref2(), 20)
        .text("", 20)
        .digits(d.branch(), 4)
        .digits(d.teller(), 4)
        .text(String.valueOf(d.kind()), 1)
        .text(d.transactionCode(), 3)
        .number(0, 7)
        .amount(d.amount(), 13)
        .number(0, 3)
        .text("", 17)
        .digits(d.billerId(), 15)
        .text("", 32)
        .digits(d.sendingBankCode(), 3)
        .number(0, 10)
        .bytes();
  }

  static byte[] trailer(
      Header h, int seq, BigDecimal debit, int debits, BigDecimal credit, int credits) {
    return record()
        .text("T", 1)
        .number(seq, 6)
        .digits(h.bankCode(), 3)
        .digits(h.companyAccount(), 10)
        .amount(debit, 13)
        .number(debits, 6)
        .amount(credit, 13)
        .number(credits, 6)
        .text("", 198)
        .bytes();
  }

  private static void line(ByteArrayOutputStream out, byte[] record) {
    if (record.length != RECORD_LENGTH) {
      throw new IllegalStateException("record of " + record.length + " bytes");
    }
    out.writeBytes(record);
    out.writeBytes(CRLF);
  }

  private static FixedWidthRecord record() {
    return new FixedWidthRecord(TIS_620, RECORD_LENGTH);
  }
}
