package org.saphan.hub.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.Algorithms;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.Pki;
import org.saphan.hub.security.SigningPolicy;
import org.saphan.hub.security.VerificationRules;
import org.saphan.hub.security.VerifiedXml;
import org.saphan.hub.security.XmlDocuments;
import org.saphan.hub.security.XmlDsigSigner;
import org.saphan.hub.security.XmlDsigVerifier;
import org.saphan.hub.security.keys.InMemoryKeyRing;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Fuzz target for a SOAP status report's way in, step by step as {@code
 * AgencyStatusIntake.soapReport} takes it: {@link SecureXml} parsing, {@link SoapStatusReport}
 * finding and reading the report, and {@link XmlDsigVerifier}. Every step either succeeds or throws
 * a {@link SaphanException} with a code (the service answers it as a SOAP fault).
 *
 * <p>An input is an envelope as received; one that starts with {@code sign:} is an envelope whose
 * report the harness signs with the trusted key (replacing nothing: a report that already carries a
 * signature is refused), so hostile reports also reach the reading after verification. Regression
 * inputs: {@code SoapStatusReportFuzzTestInputs/<method>/}. Fuzzing: {@code ./saphan fuzz soap}.
 */
class SoapStatusReportFuzzTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T07:10:00Z"), ZoneOffset.UTC);
  private static final InMemoryKeyRing RING = ecRing();
  private static final XmlDsigSigner SIGNER =
      new XmlDsigSigner(RING, KeyFamily.EC_P256, Algorithms.XML_ECDSA_SHA256);
  private static final XmlDsigVerifier VERIFIER = new XmlDsigVerifier(CLOCK);
  private static final VerificationRules RULES =
      VerificationRules.of(SigningPolicy.XMLDSIG, "agency:fuzz", RING.selfTrust());
  private static final byte[] SIGN = "sign:".getBytes(StandardCharsets.US_ASCII);

  @FuzzTest(maxDuration = "5m")
  void shouldReadOrRefuseWithACodeWhenGivenAnyEnvelope(byte[] input) {
    // given
    boolean sign = startsWith(input, SIGN);
    byte[] envelope = sign ? Arrays.copyOfRange(input, SIGN.length, input.length) : input;

    // when
    try {
      Element report = SoapStatusReport.reportOf(XmlDocuments.parse(envelope));
      SoapStatusReport.text(report, "ApplicationId");
      Document standalone = SoapStatusReport.standalone(report);
      SoapStatusReport.signerKid(standalone);
      if (sign) {
        SIGNER.sign(standalone);
      }
      VerifiedXml verified = VERIFIER.verifyDocument(XmlDocuments.serialize(standalone), RULES);
      SoapStatusReport read = SoapStatusReport.read(verified.document().getDocumentElement());

      // then
      assertThat(read.applicationId()).isNotBlank();
      assertThat(read.messageId()).isNotBlank();
      assertThat(read.sentAt()).isNotNull();
      assertThat(SoapStatusReport.signatureDigest(verified.document())).hasSize(64);
    } catch (SaphanException e) {
      assertThat(e.code()).isNotNull();
    }
  }

  private static boolean startsWith(byte[] input, byte[] prefix) {
    return input.length >= prefix.length
        && Arrays.equals(input, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** An EC-only ring: RSA key generation would cost seconds on every regression run. */
  private static InMemoryKeyRing ecRing() {
    Instant now = CLOCK.instant();
    InMemoryKeyRing ring =
        new InMemoryKeyRing(
            Pki.createRootCa(
                "Saphan Fuzz Root CA",
                KeyFamily.EC_P256,
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3650))),
            CLOCK,
            Duration.ofDays(365));
    ring.rotate(KeyFamily.EC_P256);
    return ring;
  }
}
