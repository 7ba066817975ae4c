package org.saphan.sandbox.agency;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The police's open traffic tickets as the sandbox plays them (invented data): {@code
 * citizen-somchai} ({@value #SOMCHAI}) has two, one per plate; any other driver has none.
 */
public final class RtpTicketBook {

  /** citizen-somchai, the driver with open tickets. */
  public static final String SOMCHAI = "3101200456789";

  /** The police's Thai QR biller id (15 digits) every ticket is paid to. */
  public static final String BILLER_ID = "099400016550100";

  /** How long after it is issued a ticket is due. */
  static final int DAYS_TO_PAY = 30;

  /**
   * One open ticket.
   *
   * @param ticketNo the ticket number, also the Thai QR {@code ref1}
   * @param offence what the driver did
   * @param issuedAt when the ticket was written (Bangkok time)
   * @param location where
   * @param plateNumber the vehicle's plate
   * @param amount the fine in baht, two decimals
   * @param citizenId the driver, also the Thai QR {@code ref2}
   */
  public record Ticket(
      String ticketNo,
      String offence,
      OffsetDateTime issuedAt,
      String location,
      String plateNumber,
      BigDecimal amount,
      String citizenId) {

    /** When it must be paid: {@value #DAYS_TO_PAY} days after it was issued. */
    public LocalDate dueDate() {
      return issuedAt.toLocalDate().plusDays(DAYS_TO_PAY);
    }

    /** True when the plate is this ticket's, spaces aside. */
    boolean ofPlate(String plate) {
      return plate == null || normalised(plate).equals(normalised(plateNumber));
    }
  }

  private final Map<String, List<Ticket>> tickets;

  /**
   * @param tickets the open tickets by driver's citizen id
   */
  public RtpTicketBook(Map<String, List<Ticket>> tickets) {
    this.tickets = Map.copyOf(tickets);
  }

  /** The sandbox book: citizen-somchai's two tickets. */
  public static RtpTicketBook sandbox() {
    return new RtpTicketBook(
        Map.of(
            SOMCHAI,
            List.of(
                new Ticket(
                    "BK6701234567",
                    "ขับรถเร็วเกินกว่าที่กฎหมายกำหนด",
                    OffsetDateTime.parse("2026-11-20T08:42:00+07:00"),
                    "ถนนวิภาวดีรังสิต กรุงเทพมหานคร",
                    "1กข 1234",
                    new BigDecimal("500.00"),
                    SOMCHAI),
                new Ticket(
                    "BK6701245678",
                    "ฝ่าฝืนสัญญาณไฟจราจรแสดงสีแดง",
                    OffsetDateTime.parse("2026-11-28T17:25:00+07:00"),
                    "แยกอโศกมนตรี ถนนสุขุมวิท กรุงเทพมหานคร",
                    "2ขค 5678",
                    new BigDecimal("1000.00"),
                    SOMCHAI))));
  }

  /** The driver's open tickets, only those of the plate when one is given, oldest first. */
  public List<Ticket> open(String citizenId, String plateNumber) {
    return tickets.getOrDefault(citizenId, List.of()).stream()
        .filter(t -> t.ofPlate(plateNumber))
        .toList();
  }

  private static String normalised(String plate) {
    return plate.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
  }
}
