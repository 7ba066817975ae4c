package org.saphan.hub.batch.reconciliation;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.saphan.catalog.layout.RecordRole;
import org.saphan.hub.batch.layout.FixedWidthLayout;
import org.saphan.hub.batch.layout.SettlementFileWriter;

/**
 * A synthetic settlement day for benchmarks and restart tests (never for the golden tests, which
 * are hand-built): a settlement file and the payment ledger it reconciles against, with known
 * discrepancies, so the expected classification is known without running the job.
 *
 * <p>For order {@code i} of {@code 1..orders} (ref1 {@code <prefix><i, 8 digits>}, ledger amount
 * {@code 100.25 + i % 50}): every 1000th has no line ({@code missing_at_bank}); every 700th is paid
 * 1.00 more at the bank ({@code amount_mismatch}); every 900th has a second line ({@code
 * duplicate}); after every 500th an extra line names no order ({@code unknown_reference}). Payer
 * names are Thai (TIS-620). Sequence numbers wrap at 1,000,000 (6 digits).
 */
public final class SyntheticSettlement {

  private static final String[] NAMES = {
    "นายสมชาย ใจดี", "นางสาวสุดารัตน์ แก้วประเสริฐ", "นายณัฐวุฒิ ผู้ใหญ่บ้าน", "นางบุญเรือน ปิ่นทอง"
  };

  /** What the job must find in the file, and its trailer. */
  public record Expected(
      long details,
      long matchedLines,
      long amountMismatch,
      long unknownReference,
      long duplicateLines,
      long missingAtBank,
      BigDecimal creditTotal) {}

  private SyntheticSettlement() {}

  /** The ledger amount of order {@code i}. */
  public static BigDecimal amount(int i) {
    return new BigDecimal("100.25").add(BigDecimal.valueOf(i % 50));
  }

  /** The ref1 of order {@code i}. */
  public static String ref1(String prefix, int i) {
    return prefix + String.format(Locale.ROOT, "%08d", i);
  }

  /** Writes the file; returns what reconciling it against {@link #copyLedger} must give. */
  public static Expected write(
      FixedWidthLayout layout,
      Path file,
      String billerId,
      String prefix,
      int orders,
      LocalDate day) {
    long details = 0;
    long matched = 0;
    long mismatch = 0;
    long unknown = 0;
    long duplicates = 0;
    long missing = 0;
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      SettlementFileWriter writer = new SettlementFileWriter(layout, out);
      Map<String, Object> header = new HashMap<>();
      header.put("seq", 1);
      header.put("bankCode", "006");
      header.put("companyAccount", "1234567890");
      header.put("companyName", "กรมทดสอบระบบ");
      header.put("effectiveDate", day);
      header.put("serviceCode", "BENCH");
      writer.write(RecordRole.HEADER, header);
      long seq = 1;
      Map<String, Object> d = new HashMap<>();
      d.put("bankCode", "006");
      d.put("companyAccount", "1234567890");
      d.put("paymentDate", day);
      d.put("kind", "C");
      d.put("transactionCode", "QR");
      d.put("billerId", billerId);
      d.put("payerBankCode", "014");
      for (int i = 1; i <= orders; i++) {
        if (i % 1000 == 0) {
          missing++;
          continue;
        }
        BigDecimal amount = i % 700 == 0 ? amount(i).add(BigDecimal.ONE) : amount(i);
        int copies = i % 900 == 0 ? 2 : 1;
        for (int c = 0; c < copies; c++) {
          d.put("seq", ++seq % 1_000_000);
          d.put("time", LocalTime.ofSecondOfDay((i * 7L + c) % 86_400));
          d.put("customerName", NAMES[i % NAMES.length]);
          d.put("ref1", ref1(prefix, i));
          d.put("ref2", "APP" + i);
          d.put("amount", amount);
          writer.write(RecordRole.DETAIL, d);
          details++;
          total = total.add(amount);
          if (c > 0) {
            duplicates++;
          } else if (i % 700 == 0) {
            mismatch++;
          } else {
            matched++;
          }
        }
        if (i % 500 == 0) {
          d.put("seq", ++seq % 1_000_000);
          d.put("ref1", prefix + "X" + String.format(Locale.ROOT, "%07d", i));
          d.put("ref2", "");
          d.put("amount", new BigDecimal("99.00"));
          writer.write(RecordRole.DETAIL, d);
          details++;
          unknown++;
          total = total.add(new BigDecimal("99.00"));
        }
      }
      Map<String, Object> trailer = new HashMap<>();
      trailer.put("seq", ++seq % 1_000_000);
      trailer.put("bankCode", "006");
      trailer.put("companyAccount", "1234567890");
      trailer.put("totalDebitAmount", BigDecimal.ZERO);
      trailer.put("debitCount", 0);
      trailer.put("totalCreditAmount", total);
      // The layout's counts have 6 digits: a day of a million lines or more cannot be told in the
      // trailer (the run then reports a trailer mismatch, as it must).
      trailer.put("creditCount", details % 1_000_000);
      writer.write(RecordRole.TRAILER, trailer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Expected(details, matched, mismatch, unknown, duplicates, missing, total);
  }

  /**
   * COPYs the ledger of the synthetic day: orders {@code 1..orders}, all paid at {@code paidAt}.
   */
  public static void copyLedger(
      Connection connection, String billerId, String prefix, int orders, Instant paidAt)
      throws SQLException {
    CopyIn copy =
        connection
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn(
                "COPY payment_order (id, application_id, connector, model, agency, biller_id, ref1,"
                    + " amount, amount_source, status, finished, qr_payload, bot_barcode,"
                    + " message_id, created_at, expires_at, updated_at, paid_at)"
                    + " FROM STDIN WITH (FORMAT csv)");
    try {
      String at = paidAt.toString();
      StringBuilder csv = new StringBuilder(1 << 20);
      for (int i = 1; i <= orders; i++) {
        String ref1 = ref1(prefix, i);
        csv.append("PAY-SYN-")
            .append(ref1)
            .append(",APP-SYN-")
            .append(ref1)
            .append(",synthetic,4,syn,")
            .append(billerId)
            .append(',')
            .append(ref1)
            .append(',')
            .append(amount(i).toPlainString())
            .append(",card_default,paid,true,synthetic,synthetic,")
            .append(UUID.randomUUID())
            .append(',')
            .append(at)
            .append(',')
            .append(at)
            .append(',')
            .append(at)
            .append(',')
            .append(at)
            .append('\n');
        if (csv.length() > (1 << 20) - 512 || i == orders) {
          byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
          copy.writeToCopy(bytes, 0, bytes.length);
          csv.setLength(0);
        }
      }
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }
}
