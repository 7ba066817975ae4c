package org.saphan.sandbox.epayment;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.saphan.sandbox.sftp.BankSftpServer;
import org.saphan.sandbox.web.SandboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * The biller's bank: writes the day's settlement file of a biller's paid transactions to its SFTP
 * server, with the discrepancies a reconciliation must find.
 */
public final class Settlements {

  /** Discrepancies the bank can put in a file. */
  public enum Discrepancy {
    /** One paid transaction is written with another amount (10.00 baht more). */
    AMOUNT_MISMATCH,
    /** An extra line with a ref1 the hub never issued. */
    UNKNOWN_REFERENCE,
    /** One paid transaction is left out. */
    MISSING_AT_BANK,
    /** One paid transaction is written twice. */
    DUPLICATE;

    /** The name in the control API: lower case. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The discrepancy with this control-API name, if any. */
    public static Optional<Discrepancy> parse(String value) {
      return Arrays.stream(values())
          .filter(d -> value != null && d.wireName().equals(value.strip().toLowerCase(Locale.ROOT)))
          .findFirst();
    }
  }

  /**
   * What the bank wrote.
   *
   * @param fileName the file's name
   * @param path the path SFTP clients see
   * @param date the settlement day
   * @param billerId the biller
   * @param lineCount records in the file (header and trailer included)
   * @param creditCount detail lines (all credits)
   * @param creditAmount their total, 2 decimals
   * @param discrepancies what each requested discrepancy touched
   */
  public record SettlementResult(
      String fileName,
      String path,
      String date,
      String billerId,
      int lineCount,
      int creditCount,
      String creditAmount,
      List<Map<String, String>> discrepancies) {}

  private static final Logger log = LoggerFactory.getLogger(Settlements.class);
  private static final BigDecimal MISMATCH_EXTRA = new BigDecimal("10.00");
  private static final BigDecimal UNKNOWN_AMOUNT = new BigDecimal("100.00");
  private static final String UNKNOWN_PAYER = "นายสมปอง ไม่มีรายการ";
  private static final String UNKNOWN_PAYER_BANK = "002";
  private static final LocalTime UNKNOWN_TIME = LocalTime.of(23, 59);
  private static final DateTimeFormatter FILE_DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Transactions transactions;
  private final BankSftpServer sftp;
  private final EpaymentProperties.Bank bank;
  private final Clock clock;

  public Settlements(
      Transactions transactions, BankSftpServer sftp, EpaymentProperties.Bank bank, Clock clock) {
    this.transactions = transactions;
    this.sftp = sftp;
    this.bank = bank;
    this.clock = clock;
  }

  /** The file's name: {@code BILLPAY_<billerId>_<yyyyMMdd>.txt}. */
  public static String fileName(String billerId, LocalDate date) {
    return "BILLPAY_" + billerId + "_" + FILE_DAY.format(date) + ".txt";
  }

  /**
   * Writes the settlement file of {@code billerId} for {@code date} and publishes it on SFTP.
   * Discrepancies that touch a transaction each take a different one, in payment order.
   *
   * @throws SandboxException 422 {@code settlement_not_enough_transactions} when there are fewer
   *     paid transactions than the discrepancies need
   */
  public SettlementResult settle(LocalDate date, String billerId, Set<Discrepancy> requested) {
    List<Transaction> paid = transactions.paidOn(date, billerId);
    Set<Discrepancy> wanted =
        requested.isEmpty() ? EnumSet.noneOf(Discrepancy.class) : EnumSet.copyOf(requested);
    long needed = wanted.stream().filter(d -> d != Discrepancy.UNKNOWN_REFERENCE).count();
    if (needed > paid.size()) {
      throw new SandboxException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "settlement_not_enough_transactions",
          "the discrepancies need "
              + needed
              + " paid transactions of this biller on "
              + date
              + ", there are "
              + paid.size());
    }
    Iterator<Transaction> victims = paid.iterator();
    Transaction missing = wanted.contains(Discrepancy.MISSING_AT_BANK) ? victims.next() : null;
    Transaction mismatched = wanted.contains(Discrepancy.AMOUNT_MISMATCH) ? victims.next() : null;
    Transaction duplicated = wanted.contains(Discrepancy.DUPLICATE) ? victims.next() : null;

    List<SettlementFile.Detail> details = new ArrayList<>();
    List<Map<String, String>> touched = new ArrayList<>();
    for (Transaction t : paid) {
      if (t == missing) {
        touched.add(
            touched(Discrepancy.MISSING_AT_BANK, t.ref1(), t, "paidAmount", t.amountText()));
        continue;
      }
      BigDecimal amount = t.amount();
      if (t == mismatched) {
        amount = amount.add(MISMATCH_EXTRA);
        Map<String, String> entry =
            touched(Discrepancy.AMOUNT_MISMATCH, t.ref1(), t, "paidAmount", t.amountText());
        entry.put("fileAmount", amount.toPlainString());
        touched.add(entry);
      }
      details.add(detail(t, amount));
      if (t == duplicated) {
        details.add(detail(t, amount));
        touched.add(touched(Discrepancy.DUPLICATE, t.ref1(), t, "paidAmount", t.amountText()));
      }
    }
    if (wanted.contains(Discrepancy.UNKNOWN_REFERENCE)) {
      String ref1 = String.format(Locale.ROOT, "NOORDER%08d", RANDOM.nextInt(100_000_000));
      details.add(unknown(date, billerId, ref1));
      touched.add(
          touched(
              Discrepancy.UNKNOWN_REFERENCE,
              ref1,
              null,
              "fileAmount",
              UNKNOWN_AMOUNT.toPlainString()));
    }

    SettlementFile.Header header =
        new SettlementFile.Header(
            bank.code(), bank.companyAccount(), bank.companyName(), date, bank.serviceCode());
    byte[] file = SettlementFile.write(header, details);
    String name = fileName(billerId, date);
    String path = BankSftpServer.OUTBOUND + "/" + name;
    sftp.publish(path, file);
    BigDecimal credit =
        details.stream()
            .map(SettlementFile.Detail::amount)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    log.info(
        "settlement file {} written: {} payments, {} THB, discrepancies {}",
        path,
        details.size(),
        credit.setScale(2).toPlainString(),
        wanted);
    return new SettlementResult(
        name,
        path,
        date.toString(),
        billerId,
        details.size() + 2,
        details.size(),
        credit.setScale(2).toPlainString(),
        touched);
  }

  /** Today in the bank's clock (Bangkok). */
  public LocalDate today() {
    return LocalDate.now(clock);
  }

  private SettlementFile.Detail detail(Transaction t, BigDecimal amount) {
    return new SettlementFile.Detail(
        t.paidAt().toLocalDate(),
        t.paidAt().toLocalTime(),
        t.payer().nameTh(),
        t.ref1(),
        t.ref2(),
        bank.branch(),
        bank.teller(),
        'C',
        bank.transactionCode(),
        amount,
        t.billerId(),
        t.payer().bankCode());
  }

  private SettlementFile.Detail unknown(LocalDate date, String billerId, String ref1) {
    return new SettlementFile.Detail(
        date,
        UNKNOWN_TIME,
        UNKNOWN_PAYER,
        ref1,
        null,
        bank.branch(),
        bank.teller(),
        'C',
        bank.transactionCode(),
        UNKNOWN_AMOUNT,
        billerId,
        UNKNOWN_PAYER_BANK);
  }

  private static Map<String, String> touched(
      Discrepancy type, String ref1, Transaction t, String amountKey, String amount) {
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put("type", type.wireName());
    entry.put("ref1", ref1);
    entry.put("transactionId", t == null ? null : t.transactionId());
    entry.put(amountKey, amount);
    return entry;
  }
}
