package org.saphan.hub.gdx;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.saphan.catalog.Secret;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.gdx.GdxHttp.Answer;
import org.saphan.hub.platform.Json;
import org.saphan.hub.security.egress.EgressClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's client of GDX and the DOPA Linkage Center: the token login, the officer's GovAMI
 * session check, the person (001) and house (008) records, the laser-code card check, and the
 * minimised read of data categories.
 *
 * <p>Thread-safe; one instance is shared. The token is cached and renewed before GDX would drop it
 * for idleness, and once more, transparently, when a call is answered 401. Every failure reaches
 * the caller as a {@link SaphanException} with a {@code GDX_*} code.
 */
public class GdxClient {

  /** Linkage ServiceID of the person ("pop") record. */
  public static final String SERVICE_PERSON = "001";

  /** Linkage ServiceID of the house record. */
  public static final String SERVICE_HOUSE = "008";

  static final String VALIDATE = "/ws/auth/validate";
  static final String PERMISSION = "/ws/dopa/linkage/v1/agent/permission";
  static final String LINK = "/ws/dopa/linkage/v1/link";
  static final String VERIFICATION = "/ws/dopa/verification/personal";

  /** The officer has not confirmed DOPA access in GovAMI. */
  static final String CODE_OFFICER_NOT_CONFIRMED = "90001";

  /** Laser check: the card is void since the holder's address changed. */
  static final String CODE_CARD_VOIDED = "[2]";

  /** Laser check: no such laser code for this id, or the data do not match. */
  static final String CODE_CARD_MISMATCH = "[4]";

  /** Codes the Linkage Center and the older profile API use for "no such record". */
  static final Set<String> NOT_FOUND_CODES =
      Set.of("00001", "00410", "00815", "00870", "99706", "99707");

  /** A laser code: 2 letters then 10 digits, without the dashes printed on the card. */
  private static final Pattern LASER_CODE = Pattern.compile("[A-Z]{2}\\d{10}");

  private static final String FORM_CONTENT_TYPE =
      "application/x-www-form-urlencoded; charset=utf-8";

  private static final Logger log = LoggerFactory.getLogger(GdxClient.class);

  private final GdxHttp http;
  private final TokenCache tokens;
  private final Clock clock;
  private final Secret consumerKey;
  private final Secret consumerSecret;
  private final String agentId;
  private final String officeId;
  private final String version;

  /**
   * A client for the configured GDX.
   *
   * @param consumerKey the resolved Consumer-Key
   * @param consumerSecret the resolved ConsumerSecret
   * @param clock the hub clock: token idleness and the circuit breaker read it
   */
  public GdxClient(
      GdxProperties properties,
      Secret consumerKey,
      Secret consumerSecret,
      Clock clock,
      EgressClient egress) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.consumerKey = Objects.requireNonNull(consumerKey, "consumerKey");
    this.consumerSecret = Objects.requireNonNull(consumerSecret, "consumerSecret");
    this.agentId = properties.getAgentId();
    this.officeId = properties.getOfficeId();
    this.version = properties.getVersion();
    GdxResilience resilience =
        new GdxResilience(
            "gdx",
            clock,
            properties.getBreakerFailureThreshold(),
            properties.getBreakerOpenDuration(),
            properties.getRetries(),
            properties.getRetryBackoff());
    this.http =
        new GdxHttp(
            egress,
            Objects.requireNonNull(properties.getBaseUrl(), "saphan.gdx.base-url"),
            consumerKey,
            properties.getConnectTimeout(),
            properties.getReadTimeout(),
            resilience,
            Json.strict());
    this.tokens =
        new TokenCache(
            clock,
            properties.getTokenIdleLifetime(),
            properties.getTokenRenewMargin(),
            this::login);
  }

  /**
   * Checks that the officer whose card is the hub's AgentID is logged in to GovAMI with DOPA access
   * confirmed ({@code /ws/dopa/linkage/v1/agent/permission}).
   *
   * @return {@link GdxSessionState#AGENT_AVAILABLE} or {@link GdxSessionState#CITIZEN_AVAILABLE}
   * @throws SaphanException {@link ErrorCode#GDX_OFFICER_NOT_CONFIRMED} when the session state is
   *     AgentNotAvailable
   */
  public GdxSessionState checkOfficerSession() {
    String op = "permission";
    Answer answer =
        authorized(op, PERMISSION, params("Consumer", consumerKey.reveal(), "CitizenID", agentId));
    if (!answer.isSuccess() || answer.code() != null) {
      throw refusal(op, answer);
    }
    String wire = LinkageRecords.text(answer.json(), "SessionState");
    GdxSessionState state =
        GdxSessionState.fromWire(wire)
            .orElseThrow(() -> badResponse(op, "an unknown SessionState", answer, null));
    if (!state.mayRead()) {
      throw officerNotConfirmed(state.wireName());
    }
    return state;
  }

  /**
   * The person record (Linkage service 001).
   *
   * @throws SaphanException {@link ErrorCode#VALIDATION_FAILED} for an invalid citizen id, {@link
   *     ErrorCode#GDX_NOT_FOUND}, {@link ErrorCode#GDX_OFFICER_NOT_CONFIRMED}, {@link
   *     ErrorCode#GDX_UNAVAILABLE}, {@link ErrorCode#GDX_REFUSED} or {@link
   *     ErrorCode#GDX_BAD_RESPONSE}
   */
  public LinkagePerson person(String citizenId) {
    return person(citizenId, new ArrayList<>());
  }

  private LinkagePerson person(String citizenId, List<LinkageExtract.Exchange> exchanges) {
    requireCitizenId(citizenId);
    String op = "link:" + SERVICE_PERSON;
    JsonNode r = linkRecord(op, SERVICE_PERSON, citizenId, exchanges);
    try {
      return LinkageRecords.person(citizenId, r);
    } catch (LinkageRecords.InvalidField e) {
      throw badResponse(op, "an invalid " + e.getMessage(), null, e.getCause());
    }
  }

  /**
   * The house record (Linkage service 008) of the house the citizen is registered in.
   *
   * @throws SaphanException as {@link #person(String)}
   */
  public LinkageHouse house(String citizenId) {
    return house(citizenId, new ArrayList<>());
  }

  private LinkageHouse house(String citizenId, List<LinkageExtract.Exchange> exchanges) {
    requireCitizenId(citizenId);
    String op = "link:" + SERVICE_HOUSE;
    JsonNode r = linkRecord(op, SERVICE_HOUSE, citizenId, exchanges);
    try {
      return LinkageRecords.house(r);
    } catch (LinkageRecords.InvalidField e) {
      throw badResponse(op, "an invalid " + e.getMessage(), null, e.getCause());
    }
  }

  /**
   * The laser-code check of a smart ID card ({@code /ws/dopa/verification/personal}).
   *
   * @param birth the birth date as the citizen knows it; unknown parts are sent as {@code 00}
   * @param laserCode the code on the back of the card: 2 letters and 10 digits (dashes and spaces
   *     are ignored)
   * @return true when the card is valid with these data; false when it is not (lost, expired)
   * @throws SaphanException {@link ErrorCode#VALIDATION_FAILED} for a malformed input (GDX is not
   *     called), {@link ErrorCode#GDX_CARD_VOIDED} (code [2]: the card is void since the holder's
   *     address changed), {@link ErrorCode#GDX_CARD_MISMATCH} (code [4]: no such laser code for
   *     this id, or the names or birth date do not match), or the transport codes of {@link
   *     #person(String)}
   */
  public boolean verifyCard(
      String citizenId, String firstName, String lastName, PartialDate birth, String laserCode) {
    requireCitizenId(citizenId);
    if (isBlank(firstName) || isBlank(lastName)) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "First and last name are required for the card check");
    }
    if (birth == null) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED,
          "A birth date is required for the card check (unknown month or day allowed)");
    }
    String laser = normaliseLaserCode(laserCode);
    String op = "verification";
    Answer answer =
        authorized(
            op,
            VERIFICATION,
            params(
                "CitizenID", citizenId,
                "FirstName", firstName.trim(),
                "LastName", lastName.trim(),
                "BEBirthDate", BuddhistDates.format(birth),
                "LaserCode", laser));
    if (CODE_CARD_VOIDED.equals(answer.code())) {
      throw SaphanException.business(
          ErrorCode.GDX_CARD_VOIDED,
          "The ID card is void: the holder's address changed after it was issued (DOPA code"
              + " [2]); a new card is needed",
          Map.of("gdxCode", CODE_CARD_VOIDED));
    }
    if (CODE_CARD_MISMATCH.equals(answer.code())) {
      throw SaphanException.business(
          ErrorCode.GDX_CARD_MISMATCH,
          "DOPA found no card with this laser code for this id, or the names or birth date do not"
              + " match the register (DOPA code [4])",
          Map.of("gdxCode", CODE_CARD_MISMATCH));
    }
    if (!answer.isSuccess() || answer.code() != null) {
      throw refusal(op, answer);
    }
    JsonNode result = answer.json() == null ? null : answer.json().get("Result");
    if (result != null && result.isBoolean()) {
      return result.booleanValue();
    }
    if (result != null && result.isTextual() && result.asText().matches("(?i)true|false")) {
      return Boolean.parseBoolean(result.asText());
    }
    throw badResponse(op, "no boolean Result", answer, null);
  }

  /**
   * Reads the data categories of a citizen and releases only their fields (see {@link GdxFields}).
   * The house record (008) is read only when {@value GdxFields#HOUSEHOLD} is asked.
   *
   * @throws SaphanException {@link ErrorCode#VALIDATION_FAILED} for an unknown category or an
   *     invalid id (GDX is not called), or the codes of {@link #person(String)}
   */
  public LinkageExtract read(String citizenId, Set<String> categories) {
    Set<String> wanted = GdxFields.requireKnown(categories);
    requireCitizenId(citizenId);
    List<LinkageExtract.Exchange> exchanges = new ArrayList<>();
    LinkagePerson person = person(citizenId, exchanges);
    LinkageExtract.Provenance personSource =
        new LinkageExtract.Provenance(GdxFields.SOURCE_PERSON, clock.instant());
    LinkageHouse house = null;
    LinkageExtract.Provenance houseSource = null;
    if (GdxFields.needsHouse(wanted)) {
      house = house(citizenId, exchanges);
      houseSource = new LinkageExtract.Provenance(GdxFields.SOURCE_HOUSE, clock.instant());
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    Map<String, LinkageExtract.Provenance> provenance = new LinkedHashMap<>();
    for (GdxFields.Released released : GdxFields.release(wanted, person, house)) {
      String name = released.field().name();
      fields.put(name, released.value());
      provenance.put(
          name, SERVICE_HOUSE.equals(released.field().serviceId()) ? houseSource : personSource);
    }
    return new LinkageExtract(citizenId, wanted, fields, provenance, exchanges);
  }

  /**
   * The circuit breaker's state in lower case ({@code closed}, {@code open}, {@code half_open}).
   */
  public String circuitState() {
    return http.circuitState().name().toLowerCase(Locale.ROOT);
  }

  /** {@code /ws/auth/validate}: a new token for the AgentID. */
  private String login() {
    String op = "validate";
    Answer answer =
        http.get(
            op,
            VALIDATE,
            params("ConsumerSecret", consumerSecret.reveal(), "AgentID", agentId),
            Map.of("Content-Type", FORM_CONTENT_TYPE));
    if (answer.status() == 401 || answer.status() == 403) {
      throw SaphanException.business(
          ErrorCode.GDX_REFUSED,
          "GDX refused the hub's login (HTTP "
              + answer.status()
              + "): check the Consumer-Key and ConsumerSecret",
          Map.of("gdxStatus", answer.status()));
    }
    if (!answer.isSuccess()) {
      throw refusal(op, answer);
    }
    String token = LinkageRecords.text(answer.json(), "Result");
    if (token == null) {
      throw badResponse(op, "no token in Result", answer, null);
    }
    log.info("GDX login for agent {}: new token", ThaiCitizenId.mask(agentId));
    return token;
  }

  /**
   * A call with the token. A 401 means GDX dropped the token: log in again, once, and repeat the
   * call, once; a second 401 is a refusal.
   */
  private Answer authorized(String op, String path, Map<String, String> query) {
    String token = tokens.token();
    Answer answer = http.get(op, path, query, Map.of(GdxHttp.TOKEN, token));
    if (answer.status() != 401) {
      acknowledge(token, answer);
      return answer;
    }
    log.info("GDX {}: token refused (401), logging in again", op);
    tokens.invalidate(token);
    String fresh = tokens.token();
    Answer retried = http.get(op, path, query, Map.of(GdxHttp.TOKEN, fresh));
    if (retried.status() == 401) {
      tokens.invalidate(fresh);
      throw SaphanException.business(
          ErrorCode.GDX_REFUSED,
          "GDX refused a fresh token for " + op + " (401 again after a new login)",
          Map.of("gdxStatus", 401));
    }
    acknowledge(fresh, retried);
    return retried;
  }

  /** An answer past the gateway's token check renews the token's idle time, as on GDX. */
  private void acknowledge(String token, Answer answer) {
    if (answer.status() < 500 || answer.hasDecisionCode()) {
      tokens.touched(token);
    }
  }

  private JsonNode linkRecord(
      String op, String serviceId, String citizenId, List<LinkageExtract.Exchange> exchanges) {
    Answer answer =
        authorized(
            op,
            LINK,
            params(
                "OfficeID", officeId,
                "ServiceID", serviceId,
                "Version", version,
                "CitizenID", citizenId));
    exchanges.add(
        new LinkageExtract.Exchange(
            op,
            answer.requestSha256(),
            answer.status(),
            Digests.sha256(answer.body()),
            clock.instant(),
            answer.body()));
    if (answer.isSuccess() && answer.code() == null) {
      if (answer.json() == null || !answer.json().isObject()) {
        throw badResponse(op, "a body that is not a JSON object", answer, null);
      }
      return answer.json();
    }
    throw refusal(op, answer);
  }

  /**
   * A GDX answer that is not the expected record: 90001 (whatever the status) is the officer's
   * missing GovAMI confirmation; 404, a known not-found code, or any other code on a 200 is "no
   * record"; anything else is a refusal.
   */
  private SaphanException refusal(String op, Answer answer) {
    if (CODE_OFFICER_NOT_CONFIRMED.equals(answer.code())) {
      return officerNotConfirmed(null);
    }
    if (answer.status() == 404
        || NOT_FOUND_CODES.contains(answer.code())
        || (answer.isSuccess() && answer.code() != null)) {
      return SaphanException.business(
          ErrorCode.GDX_NOT_FOUND,
          "DOPA has no record for this citizen (" + op + ")",
          codeProperties(answer));
    }
    return SaphanException.business(
        ErrorCode.GDX_REFUSED,
        "GDX answered " + answer.status() + " to " + op,
        codeProperties(answer));
  }

  private SaphanException officerNotConfirmed(String sessionState) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("gdxCode", CODE_OFFICER_NOT_CONFIRMED);
    if (sessionState != null) {
      properties.put("sessionState", sessionState);
    }
    return SaphanException.business(
        ErrorCode.GDX_OFFICER_NOT_CONFIRMED,
        "DOPA Linkage is not open to the hub's officer (AgentID "
            + ThaiCitizenId.mask(agentId)
            + "): the officer must log in to GovAMI with their smart card and confirm DOPA"
            + " access",
        properties);
  }

  private static Map<String, Object> codeProperties(Answer answer) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("gdxStatus", answer.status());
    GdxHttp.safeCode(answer.code()).ifPresent(c -> properties.put("gdxCode", c));
    return properties;
  }

  /** Unreadable answer; the body is named by a hash so support can match it, never quoted. */
  private static SaphanException badResponse(
      String op, String what, Answer answer, Throwable cause) {
    String hash = answer == null ? "" : ", body sha256 " + Digests.sha256Prefix(answer.body(), 8);
    return SaphanException.system(
        ErrorCode.GDX_BAD_RESPONSE, "GDX answered " + what + " to " + op + hash, cause);
  }

  private static void requireCitizenId(String citizenId) {
    if (!ThaiCitizenId.isValid(citizenId)) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED,
          "The citizen id must be 13 digits with a valid check digit",
          Map.of("field", "citizenId"));
    }
  }

  private static String normaliseLaserCode(String laserCode) {
    String laser =
        laserCode == null ? "" : laserCode.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    if (!LASER_CODE.matcher(laser).matches()) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED,
          "The laser code must be 2 letters and 10 digits, as on the back of the ID card",
          Map.of("field", "laserCode"));
    }
    return laser;
  }

  private static Map<String, String> params(String... namesAndValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return params;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
