package org.saphan.sandbox.gdx;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.saphan.sandbox.ThaiCitizenId;
import org.saphan.sandbox.gdx.GdxFaults.Fault;
import org.saphan.sandbox.gdx.GdxFaults.Mode;
import org.saphan.sandbox.gdx.GdxTokens.Grant;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * What GDX and the DOPA Linkage Center do with a call: the gateway checks the Consumer-Key and the
 * token, the Linkage Center checks the officer's GovAMI session, then the registers answer.
 */
@Service
public class GdxSimulator {

  /** Linkage ServiceID of the person ("pop") record. */
  public static final String SERVICE_PERSON = "001";

  /** Linkage ServiceID of the house record. */
  public static final String SERVICE_HOUSE = "008";

  private static final Set<String> SERVICES = Set.of(SERVICE_PERSON, SERVICE_HOUSE);
  private static final String DEFAULT_500_CODE = "500";

  private final GdxProperties properties;
  private final GdxClock clock;
  private final GdxTokens tokens;
  private final AgentSessions sessions;
  private final GdxFaults faults;
  private final GdxRecords records;

  public GdxSimulator(
      GdxProperties properties,
      @Qualifier(GdxConfiguration.CLOCK) GdxClock clock,
      GdxTokens tokens,
      AgentSessions sessions,
      GdxFaults faults,
      GdxRecords records) {
    this.properties = properties;
    this.clock = clock;
    this.tokens = tokens;
    this.sessions = sessions;
    this.faults = faults;
    this.records = records;
  }

  /**
   * The faults every endpoint shows, before anything else: {@code down} refuses, {@code slow} holds
   * the answer back.
   */
  public void transportFaults() {
    Fault fault = faults.current();
    if (fault.mode() == Mode.DOWN) {
      throw GdxError.unavailable();
    }
    if (fault.mode() == Mode.SLOW) {
      try {
        Thread.sleep(fault.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw GdxError.unavailable();
      }
    }
  }

  /** {@code /ws/auth/validate}: a new token for the agent. */
  public String login(String consumerKey, String consumerSecret, String agentId) {
    if (!properties.consumerKey().equals(consumerKey)
        || !properties.consumerSecret().equals(consumerSecret)) {
      throw GdxError.unauthorized("invalid Consumer-Key or ConsumerSecret");
    }
    if (isBlank(agentId)) {
      throw GdxError.badRequest("AgentID is required");
    }
    return tokens.issue(agentId.trim());
  }

  /**
   * The gateway's check of a data call: the Consumer-Key, then the token (renewed by the call).
   * Fires a {@code token_expired} fault.
   */
  public Grant authenticate(String consumerKey, String token) {
    if (!properties.consumerKey().equals(consumerKey)) {
      throw GdxError.unauthorized("invalid Consumer-Key");
    }
    if (!isBlank(token) && faults.takeTokenExpired()) {
      tokens.expire(token);
    }
    return tokens.use(token);
  }

  /**
   * {@code /ws/dopa/linkage/v1/agent/permission}: the agent's GovAMI session. A token is not
   * required here; one that is presented must be alive, and is renewed.
   */
  public Map<String, Object> permission(String consumer, String agentId, String token) {
    if (!properties.consumerKey().equals(consumer)) {
      throw GdxError.unauthorized("invalid Consumer");
    }
    if (!isBlank(token)) {
      tokens.use(token);
    }
    if (isBlank(agentId)) {
      throw GdxError.badRequest("CitizenID is required");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("AgentID", agentId.trim());
    body.put("CitizenID", agentId.trim());
    body.put("SessionState", sessions.state(agentId).name());
    return body;
  }

  /** {@code /ws/dopa/linkage/v1/link}: the person (001) or house (008) record of a citizen. */
  public Object read(
      Grant grant, String officeId, String serviceId, String version, String citizenId) {
    if (!sessions.state(grant.agentId()).mayRead()) {
      throw GdxError.agentNotAvailable();
    }
    Fault fault = faults.current();
    if (fault.mode() == Mode.ERROR_500) {
      throw serverError(fault);
    }
    if (fault.mode() == Mode.NOT_FOUND) {
      throw GdxError.notFound();
    }
    if (!properties.officeId().equals(officeId)
        || !properties.version().equals(version)
        || !SERVICES.contains(serviceId)) {
      throw GdxError.badRequest(
          "OfficeID, ServiceID and Version do not name a Linkage service this consumer may use");
    }
    if (!ThaiCitizenId.isValid(citizenId)) {
      throw GdxError.badRequest("CitizenID must be 13 digits with a valid check digit");
    }
    GdxRecord record = records.find(citizenId).orElseThrow(GdxError::notFound);
    if (SERVICE_HOUSE.equals(serviceId)) {
      return record.house();
    }
    LinkagePerson person = record.person();
    return person.withAge(BeDate.age(person.dateOfBirth(), today()));
  }

  /**
   * {@code /ws/dopa/verification/personal}: is this card, with these data, a valid card? False for
   * a card reported lost or past its expiry date; error {@code [2]} for a card void since an
   * address change; error {@code [4]} when the laser code is not this citizen's or the data do not
   * match.
   */
  public boolean verify(
      String citizenId, String firstName, String lastName, String beBirthDate, String laserCode) {
    Fault fault = faults.current();
    if (fault.mode() == Mode.ERROR_500) {
      throw serverError(fault);
    }
    if (isBlank(citizenId)
        || isBlank(firstName)
        || isBlank(lastName)
        || isBlank(beBirthDate)
        || isBlank(laserCode)) {
      throw GdxError.serverError(GdxError.INCOMPLETE, "ข้อมูลไม่ครบถ้วน");
    }
    String laser = laserCode.trim().toUpperCase(Locale.ROOT);
    GdxRecord record =
        records
            .find(citizenId.trim())
            .orElseThrow(
                () -> GdxError.serverError(GdxError.LASER_NOT_FOUND, "ไม่พบเลข Laser จาก PID นี้"));
    IdCard card =
        record.cards().stream()
            .filter(c -> c.laserCode().equals(laser))
            .findFirst()
            .orElseThrow(
                () -> GdxError.serverError(GdxError.LASER_NOT_FOUND, "ไม่พบเลข Laser จาก PID นี้"));
    LinkagePerson person = record.person();
    if (!person.firstName().equals(firstName.trim())
        || !person.lastName().equals(lastName.trim())
        || !BeDate.matches(beBirthDate.trim(), person.dateOfBirth())) {
      throw GdxError.serverError(GdxError.LASER_NOT_FOUND, "ข้อมูลไม่ตรง");
    }
    if (card.status() == IdCard.Status.VOIDED_ADDRESS_CHANGE) {
      throw GdxError.serverError(GdxError.CARD_VOID, "บัตรสิ้นสภาพเนื่องจากเปลี่ยนแปลงที่อยู่");
    }
    return card.status() == IdCard.Status.NORMAL
        && !BeDate.toLocalDate(card.expiryDate()).isBefore(today());
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(GdxClock.BANGKOK));
  }

  private static GdxError serverError(Fault fault) {
    String code = isBlank(fault.code()) ? DEFAULT_500_CODE : fault.code();
    return GdxError.serverError(code, "Internal Server Error");
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
