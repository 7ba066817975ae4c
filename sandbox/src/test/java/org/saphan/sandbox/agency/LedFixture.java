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
import java.time.Instant;
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
 * The LED bankruptcy check without a Spring context: the agency as {@link AgencyConfiguration}
 * wires it (the sandbox personas, the key directory layout of {@code ./saphan keys init} with party
 * {@code led}, the hub trusted through a {@link FakeHub}'s JWKS), on a {@link MovableClock}, behind
 * its two controllers in a standalone MockMvc.
 */
final class LedFixture implements AutoCloseable {

  /** citizen-somchai, a persona: NOT_BANKRUPT. */
  static final String SOMCHAI = "3101200456789";

  /** A valid id that is no persona: NOT_FOUND. */
  static final String STRANGER = "1101700203450";

  static final Instant START = Instant.parse("2026-12-07T09:15:02Z");

  static final ObjectMapper JSON = new ObjectMapper();

  final TestPki pki = TestPki.shared();
  final MovableClock clock = new MovableClock(START);
  final LedBankruptcyCheckAgency agency;
  final MockMvc mvc;
  final Path keysDir;
  private final DelayedAnswers delays = new DelayedAnswers();

  LedFixture(FakeHub hub, Path keysDir) {
    this.keysDir = keysDir;
    try {
      TestPki.writeParty(keysDir, pki.led());
      PersonaCatalog personas;
      try (InputStream in = LedFixture.class.getResourceAsStream("/personas.json")) {
        personas = PersonaCatalog.read(in);
      }
      agency =
          new LedBankruptcyCheckAgency(
              new LedProperties(
                  "led", java.time.Duration.ofMinutes(10), java.time.Duration.ofHours(24), 100),
              hub.trust(clock),
              new PartyKeys(keysDir, () -> TestPki.PASSWORD),
              LedRegister.sandbox(personas),
              JSON,
              clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    mvc =
        MockMvcBuilders.standaloneSetup(
                new LedBankruptcyCheckController(agency, delays), new LedControlController(agency))
            .setControllerAdvice(new SandboxExceptionHandler())
            .build();
  }

  /**
   * Back to the start: the clock at {@link #START}, no fault, no check listed (request ids stay
   * remembered: tests use new ones).
   */
  void reset() {
    clock.set(START);
    agency.faults().clear();
    agency.clearChecks();
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

  static String requestId(String body) {
    try {
      return JSON.readTree(body).path("requestId").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** A check as the hub sends it: JSON UTF-8, X-Message-Id = requestId, signed now by the hub. */
  MockHttpServletRequestBuilder check(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return send(bytes, requestId(body), hubSignature(bytes));
  }

  /** The hub's detached JWS over the bytes, {@code iat} now. */
  String hubSignature(byte[] body) {
    return DetachedJws.sign(body, pki.hubEc(), clock.instant());
  }

  /** A check in JSON UTF-8 with these headers (each omitted when null). */
  static MockHttpServletRequestBuilder send(byte[] body, String messageId, String signature) {
    MockHttpServletRequestBuilder request =
        post(LedBankruptcyCheckController.PATH)
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
    try (InputStream in = Files.newInputStream(keysDir.resolve("public/party-led.pem"))) {
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
    JWSObject jws = jws(response);
    return jws != null
        && jws.verify(new ECDSAVerifier((ECPublicKey) ledCertificate().getPublicKey()));
  }

  /** The RFC 7638 thumbprint of LED's pinned certificate key. */
  String ledThumbprint() throws JOSEException {
    return ECKey.parse(ledCertificate()).computeThumbprint().toString();
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
