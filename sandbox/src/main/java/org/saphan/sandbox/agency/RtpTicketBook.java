package org.saphan.sandbox.agency;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The police's open traffic tickets as the sandbox plays them (invented data): {@code
 * citizen-somchai} ({@value #SOMCHAI}) has two, one per plate; any other driver has none. {@link
 * #agency} makes it the Royal Thai Police's traffic-fine check (docs/agency/checks.md, service
 * 1-042): the open tickets of a driver (of one plate when asked), each with its amount and Thai QR
 * bill references, and their total, signed by party {@code rtp} under the rules of {@link
 * SignedCheckAgency}.
 */
public final class RtpTicketBook {

  /** Agency code in URLs, logs and (unless set) the signing party. */
  public static final String AGENCY = "rtp";

  /** How long an answer may be relied on (the contract's 12 hours). */
  static final Duration ANSWER_VALIDITY = Duration.ofHours(12);

  /** What the query log lists for an answer with tickets and for one without. */
  static final String OPEN_TICKETS = "OPEN_TICKETS";

  static final String NO_OPEN_TICKETS = "NO_OPEN_TICKETS";

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

    /** The ticket as the answer lists it, with its Thai QR bill references. */
    Map<String, Object> view() {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("ticketNo", ticketNo);
      view.put("offence", offence);
      view.put("issuedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(issuedAt));
      view.put("location", location);
      view.put("plateNumber", plateNumber);
      view.put("amount", amount.setScale(2).toPlainString());
      view.put("dueDate", dueDate().toString());
      view.put("billerId", BILLER_ID);
      view.put("ref1", ticketNo);
      view.put("ref2", citizenId);
      return view;
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

  /** The traffic-fine check answering from this book. */
  public SignedCheckAgency<RtpFineQuery> agency(
      CheckAgencyProperties.Check settings, SignedCheckAgency.Infrastructure infrastructure) {
    return new SignedCheckAgency<>(
        AGENCY, ANSWER_VALIDITY, RtpFineQuery::parse, this::answer, settings, infrastructure);
  }

  /** The answer's {@code tickets} and {@code totalDue} (decimal strings, two decimals). */
  SignedCheckAgency.Answer answer(RtpFineQuery question) {
    List<Ticket> open = open(question.citizenId(), question.plateNumber());
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    List<Map<String, Object>> views = new ArrayList<>();
    for (Ticket ticket : open) {
      total = total.add(ticket.amount());
      views.add(ticket.view());
    }
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("tickets", views);
    members.put("totalDue", total.toPlainString());
    return new SignedCheckAgency.Answer(open.isEmpty() ? NO_OPEN_TICKETS : OPEN_TICKETS, members);
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
