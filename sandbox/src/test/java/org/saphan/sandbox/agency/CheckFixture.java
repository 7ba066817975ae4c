package org.saphan.sandbox.agency;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.saphan.sandbox.MovableClock;
import org.saphan.sandbox.common.DetachedJws;
import org.saphan.sandbox.common.FakeHub;
import org.saphan.sandbox.common.PartyKeys;
import org.saphan.sandbox.common.TestPki;
import org.saphan.sandbox.digitalid.PersonaCatalog;
import org.saphan.sandbox.web.SandboxExceptionHandler;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The check agencies without a Spring context: LED's bankruptcy check and the police's traffic
 * fines as {@link AgencyConfiguration} wires them (the sandbox personas and ticket book, the key
 * directory layout of {@code ./saphan keys init} with parties {@code led} and {@code rtp}, the hub
 * trusted through a {@link FakeHub}'s JWKS), on one {@link MovableClock}, behind their two
 * controllers in a standalone MockMvc.
 */
final class CheckFixture implements AutoCloseable {

  /** citizen-somchai, a persona: NOT_BANKRUPT, two open traffic tickets. */
  static final String SOMCHAI = "3101200456789";

  /** A valid id that is no persona: NOT_FOUND, no ticket. */
  static final String STRANGER = "1101700203450";

  static final Instant START = Instant.parse("2026-12-07T09:15:02Z");

  static final ObjectMapper JSON = new ObjectMapper();

  final TestPki pki = TestPki.shared();
  final MovableClock clock = new MovableClock(START);
  final SignedCheckAgency<LedCheckRequest> agency;
  final SignedCheckAgency<RtpFineQuery> rtp;
  final MockMvc mvc;
  final Path keysDir;
  private final DelayedAnswers delays = new DelayedAnswers();

  CheckFixture(FakeHub hub, Path keysDir) {
    this.keysDir = keysDir;
    try {
      TestPki.writeParty(keysDir, pki.led());
      TestPki.writeParty(keysDir, pki.rtp());
      PersonaCatalog personas;
      try (InputStream in = CheckFixture.class.getResourceAsStream("/personas.json")) {
        personas = PersonaCatalog.read(in);
      }
      SignedCheckAgency.Infrastructure infrastructure =
          new SignedCheckAgency.Infrastructure(
              hub.trust(clock), new PartyKeys(keysDir, () -> TestPki.PASSWORD), JSON, clock);
      agency =
          LedRegister.sandbox(personas)
              .agency(settings("led", Duration.ofHours(24)), infrastructure);
      rtp = RtpTicketBook.sandbox().agency(settings("rtp", Duration.ofHours(12)), infrastructure);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    List<SignedCheckAgency<?>> agencies = List.of(agency, rtp);
    mvc =
        MockMvcBuilders.standaloneSetup(
                new CheckAgencyController(agencies, delays), new CheckControlController(agencies))
            .setControllerAdvice(new SandboxExceptionHandler())
            .build();
  }

  private static CheckAgencyProperties.Check settings(String party, Duration validity) {
    return new CheckAgencyProperties.Check(party, Duration.ofMinutes(10), validity, 100);
  }

  /**
   * Back to the start: the clock at {@link #START}, no fault, no check listed (request ids stay
   * remembered: tests use new ones).
   */
  void reset() {
    clock.set(START);
    for (SignedCheckAgency<?> each : List.of(agency, rtp)) {
      each.faults().clear();
      each.clearChecks();
    }
  }

  /** The contract's request for a citizen, with a new request id. */
  static String request(String citizenId) {
    return request(UUID.randomUUID().toString(), citizenId);
  }

  static String request(String requestId, String citizenId) {
    return """
        {"requestId": "%s", "citizenId": "%s",
         "firstName": "สมชาย", "lastName": "ใจดี", "requestedAt": "2026-12-07T09:15:02Z"}"""
        .formatted(requestId, citizenId);
  }

  /** The police's query for a driver, of one plate or (null) all, with a new request id. */
  static String query(String citizenId, String plateNumber) {
    String plate = plateNumber == null ? "" : ", \"plateNumber\": \"" + plateNumber + "\"";
    return """
        {"requestId": "%s", "citizenId": "%s"%s, "requestedAt": "2026-12-07T09:15:02Z"}"""
        .formatted(UUID.randomUUID(), citizenId, plate);
  }

  static String requestId(String body) {
    try {
      return JSON.readTree(body).path("requestId").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** A check as the hub sends it: JSON UTF-8, X-Message-Id = requestId, signed now by the hub. */
  MockHttpServletRequestBuilder check(String body) {
    return check(CheckAgencyController.LED_PATH, body);
  }

  /** The same to the police's query path. */
  MockHttpServletRequestBuilder query(String body) {
    return check(CheckAgencyController.RTP_PATH, body);
  }

  private MockHttpServletRequestBuilder check(String path, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return send(path, bytes, requestId(body), hubSignature(bytes));
  }

  /** The hub's detached JWS over the bytes, {@code iat} now. */
  String hubSignature(byte[] body) {
    return DetachedJws.sign(body, pki.hubEc(), clock.instant());
  }

  /** A check to LED in JSON UTF-8 with these headers (each omitted when null). */
  static MockHttpServletRequestBuilder send(byte[] body, String messageId, String signature) {
    return send(CheckAgencyController.LED_PATH, body, messageId, signature);
  }

  /** A check to the path in JSON UTF-8 with these headers (each omitted when null). */
  static MockHttpServletRequestBuilder send(
      String path, byte[] body, String messageId, String signature) {
    MockHttpServletRequestBuilder request =
        post(path)
            .contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
            .content(body);
    if (messageId != null) {
      request.header("X-Message-Id", messageId);
    }
    if (signature != null) {
      request.header(DetachedJws.HEADER, signature);
    }
    return request;
  }

  /** LED's public key as the card pins it: the first certificate of {@code party-led.pem}. */
  X509Certificate ledCertificate() {
    return certificate("led");
  }

  /** A party's public key as a card pins it: the first certificate of {@code party-<p>.pem}. */
  X509Certificate certificate(String party) {
    try (InputStream in = Files.newInputStream(keysDir.resolve("public/party-" + party + ".pem"))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The answer's detached JWS with the body re-attached, or null when there is no header. */
  static JWSObject jws(MockHttpServletResponse response) throws ParseException {
    String value = response.getHeader(DetachedJws.HEADER);
    if (value == null) {
      return null;
    }
    String[] parts = value.split("\\.", -1);
    return new JWSObject(
        new Base64URL(parts[0]),
        new Payload(response.getContentAsByteArray()),
        new Base64URL(parts[2]));
  }

  /** True when Nimbus verifies the answer's JWS with LED's pinned certificate key. */
  boolean verifiesWithLedKey(MockHttpServletResponse response)
      throws ParseException, JOSEException {
    return verifiesWith("led", response);
  }

  /** True when Nimbus verifies the answer's JWS with the party's pinned certificate key. */
  boolean verifiesWith(String party, MockHttpServletResponse response)
      throws ParseException, JOSEException {
    JWSObject jws = jws(response);
    return jws != null
        && jws.verify(new ECDSAVerifier((ECPublicKey) certificate(party).getPublicKey()));
  }

  /** The RFC 7638 thumbprint of LED's pinned certificate key. */
  String ledThumbprint() throws JOSEException {
    return thumbprint("led");
  }

  /** The RFC 7638 thumbprint of the party's pinned certificate key. */
  String thumbprint(String party) throws JOSEException {
    return ECKey.parse(certificate(party)).computeThumbprint().toString();
  }

  static JWSHeader header(MockHttpServletResponse response) throws ParseException {
    return jws(response).getHeader();
  }

  static JsonNode body(MockHttpServletResponse response) throws IOException {
    return JSON.readTree(response.getContentAsByteArray());
  }

  @Override
  public void close() {
    delays.destroy();
  }
}
