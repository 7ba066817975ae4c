package org.saphan.sandbox.agency;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Royal Thai Police's traffic-fine check (docs/agency/checks.md, service 1-042): the open
 * tickets of a driver (of one plate when asked), each with its amount and Thai QR bill references,
 * and their total, signed by party {@code rtp}; the rules, the signature and the faults are {@link
 * SignedCheckAgency}'s.
 */
public class RtpTrafficFineAgency extends SignedCheckAgency<RtpFineQuery> {

  /** Agency code in control URLs and logs. */
  public static final String AGENCY = "rtp";

  /** The query path of the wire contract. */
  public static final String PATH = "/agencies/rtp/v1/traffic-fines/queries";

  /** What the query log lists for an answer with tickets and for one without. */
  static final String OPEN_TICKETS = "OPEN_TICKETS";

  static final String NO_OPEN_TICKETS = "NO_OPEN_TICKETS";

  /** How long an answer may be relied on (the contract's 12 hours). */
  static final Duration ANSWER_VALIDITY = Duration.ofHours(12);

  private final RtpTicketBook book;

  /**
   * @param settings {@code sandbox.agencies.rtp.*}
   * @param infrastructure the hub's JWKS, the keys, the JSON configuration, the clock
   * @param book the open tickets
   */
  public RtpTrafficFineAgency(
      CheckAgencyProperties.Check settings, Infrastructure infrastructure, RtpTicketBook book) {
    super(AGENCY, ANSWER_VALIDITY, RtpFineQuery::parse, settings, infrastructure);
    this.book = Objects.requireNonNull(book, "book");
  }

  @Override
  protected Verdict verdict(RtpFineQuery question, Instant checkedAt) {
    List<RtpTicketBook.Ticket> open = book.open(question.citizenId(), question.plateNumber());
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    List<Map<String, Object>> tickets = new ArrayList<>();
    for (RtpTicketBook.Ticket ticket : open) {
      total = total.add(ticket.amount());
      tickets.add(ticket(ticket));
    }
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("tickets", tickets);
    members.put("totalDue", total.toPlainString());
    return new Verdict(open.isEmpty() ? NO_OPEN_TICKETS : OPEN_TICKETS, members);
  }

  private static Map<String, Object> ticket(RtpTicketBook.Ticket ticket) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("ticketNo", ticket.ticketNo());
    view.put("offence", ticket.offence());
    view.put("issuedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ticket.issuedAt()));
    view.put("location", ticket.location());
    view.put("plateNumber", ticket.plateNumber());
    view.put("amount", ticket.amount().setScale(2).toPlainString());
    view.put("dueDate", ticket.dueDate().toString());
    view.put("billerId", RtpTicketBook.BILLER_ID);
    view.put("ref1", ticket.ticketNo());
    view.put("ref2", ticket.citizenId());
    return view;
  }
}
