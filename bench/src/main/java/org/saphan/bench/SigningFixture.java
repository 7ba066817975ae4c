package org.saphan.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.saphan.hub.security.CertificateAuthority;
import org.saphan.hub.security.CmsSigner;
import org.saphan.hub.security.CmsVerifier;
import org.saphan.hub.security.JwsSigner;
import org.saphan.hub.security.JwsVerifier;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.MessageSigner;
import org.saphan.hub.security.Pki;
import org.saphan.hub.security.SignatureVerifier;
import org.saphan.hub.security.SignedMessage;
import org.saphan.hub.security.SigningPolicy;
import org.saphan.hub.security.Trust;
import org.saphan.hub.security.VerificationRules;
import org.saphan.hub.security.XmlDsigSigner;
import org.saphan.hub.security.XmlDsigVerifier;
import org.saphan.hub.security.keys.InMemoryKeyRing;

/**
 * One signing policy and algorithm as the hub runs it, with a realistic payload (an application of
 * about 1 KiB): the signer, the verifier, the party's rules, and a message signed in advance.
 */
public final class SigningFixture {

  /** The policies and algorithms measured, as connector cards name them. */
  public enum Case {
    JWS_ES256(SigningPolicy.JWS, KeyFamily.EC_P256),
    JWS_PS256(SigningPolicy.JWS, KeyFamily.RSA_3072),
    XMLDSIG_RSA_SHA256(SigningPolicy.XMLDSIG, KeyFamily.RSA_3072),
    XMLDSIG_RSA_SHA512(SigningPolicy.XMLDSIG, KeyFamily.RSA_3072),
    CMS_ES256(SigningPolicy.CMS, KeyFamily.EC_P256),
    CMS_RSA(SigningPolicy.CMS, KeyFamily.RSA_3072);

    final SigningPolicy policy;
    final KeyFamily family;

    Case(SigningPolicy policy, KeyFamily family) {
      this.policy = policy;
      this.family = family;
    }
  }

  static final String JSON =
      """
      {"requestRef":"APP-20251125-000123","requestDate":"25681125","applicant":{"pid":"3101200456789",
      "prefix":"นาย","fname":"สมชาย","lname":"ใจดี","birthDate":"25300512","mobile":"0800000000"},
      "address":{"houseNo":"99/1","moo":"4","tambon":"บางรัก","amphur":"บางรัก",
      "province":"กรุงเทพมหานคร","zipcode":"10500"},"child":{"pid":"1101700000010",
      "fname":"ด.ญ. ใจดี","birthDate":"25680201"},"bank":{"bankCode":"006","accountNo":"0000000000"},
      "familyIncome":85000,"documents":["doc-1","doc-2","doc-3"],"remark":"ยื่นคำขอผ่านพอร์ทัล"}
      """;

  static final String XML =
      "<SubmitPermitApplication xmlns=\"urn:th:go:dld:movement:v1\"><messageId>msg-0001</messageId>"
          + "<applicationId>APP-20251125-000123</applicationId><applicant><citizenId>3101200456789"
          + "</citizenId><name>นายสมชาย ใจดี</name></applicant><animal><species>cattle</species>"
          + "<count>12</count></animal><origin>ราชบุรี</origin><destination>นครปฐม</destination>"
          + "<movementDate>2025-11-30</movementDate></SubmitPermitApplication>";

  final Case which;
  final MessageSigner signer;
  final SignatureVerifier verifier;
  final VerificationRules rules;
  final byte[] payload;
  final SignedMessage signed;

  private SigningFixture(Case which) {
    this.which = which;
    Clock clock = Clock.systemUTC();
    Instant now = clock.instant();
    CertificateAuthority ca =
        Pki.createRootCa(
            "Bench CA",
            KeyFamily.EC_P256,
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(30)));
    InMemoryKeyRing ring = new InMemoryKeyRing(ca, clock, Duration.ofDays(30));
    ring.rotate(which.family);
    Trust trust = Trust.authorities(ca.certificate());
    this.payload =
        (which.policy == SigningPolicy.XMLDSIG ? XML : JSON).getBytes(StandardCharsets.UTF_8);
    switch (which) {
      case JWS_ES256, JWS_PS256 -> {
        signer = new JwsSigner(ring, which.family, JwsSigner.Mode.DETACHED, false, clock);
        // Every verification here reuses one message, so the replay store is left out of the loop.
        verifier = new JwsVerifier(clock, (issuer, jti, expiresAt) -> {});
        rules =
            VerificationRules.of(
                SigningPolicy.JWS, "bench", Trust.pinned(ring.current(which.family).certificate()));
      }
      case XMLDSIG_RSA_SHA256 -> {
        signer = new XmlDsigSigner(ring);
        verifier = new XmlDsigVerifier(clock);
        rules = VerificationRules.of(SigningPolicy.XMLDSIG, "bench", trust);
      }
      case XMLDSIG_RSA_SHA512 -> {
        signer =
            new XmlDsigSigner(
                ring, KeyFamily.RSA_3072, org.saphan.hub.security.Algorithms.XML_RSA_SHA512);
        verifier = new XmlDsigVerifier(clock);
        rules = VerificationRules.of(SigningPolicy.XMLDSIG, "bench", trust);
      }
      default -> {
        signer = new CmsSigner(ring, which.family, clock);
        verifier = new CmsVerifier(clock);
        rules = VerificationRules.of(SigningPolicy.CMS, "bench", trust);
      }
    }
    this.signed = signer.sign(payload);
  }

  /** Builds the fixture of one case (key generation included). */
  public static SigningFixture of(Case which) {
    return new SigningFixture(which);
  }

  /** Signs the payload once. */
  public SignedMessage sign() {
    return signer.sign(payload);
  }

  /** Verifies the message signed in advance once; returns the signing kid. */
  public String verify() {
    byte[] body =
        which.policy == SigningPolicy.XMLDSIG || signed.detachedSignature() == null
            ? signed.body()
            : payload;
    return verifier.verify(body, signed.detachedSignature(), rules).kid();
  }
}
