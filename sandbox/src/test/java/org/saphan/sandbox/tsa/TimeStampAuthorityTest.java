package org.saphan.sandbox.tsa;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.saphan.sandbox.common.PartyKey;

/** The sandbox TSA: granted tokens a client can verify, and a real TSA's refusals. */
class TimeStampAuthorityTest {

  private static final Instant NOW = Instant.parse("2026-12-07T10:15:30Z");
  private static final byte[] DATA = "manifest".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private static PartyKey key;
  private static TimeStampAuthority tsa;

  @BeforeAll
  static void makeTsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=Test TSA");
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.TEN,
                        Date.from(NOW.minus(Duration.ofDays(1))),
                        Date.from(NOW.plus(Duration.ofDays(1))),
                        name,
                        pair.getPublic())
                    .addExtension(
                        Extension.extendedKeyUsage,
                        true,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
                    .build(
                        new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    key = new PartyKey("tsa", pair.getPrivate(), List.of(certificate), "test-kid");
    tsa = new TimeStampAuthority(() -> key, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void shouldGrantATokenForTheImprintAndNonceSignedByTheTsaKeyWhenTheRequestIsSound()
      throws Exception {
    // given
    TimeStampRequest request = request(TSPAlgorithms.SHA256, sha("SHA-256"));
    // when
    TimeStampResponse response = new TimeStampResponse(tsa.answer(request.getEncoded()));
    // then
    assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
    response.validate(request);
    response
        .getTimeStampToken()
        .validate(new JcaSimpleSignerInfoVerifierBuilder().build(key.certificate()));
    assertThat(response.getTimeStampToken().getTimeStampInfo().getGenTime().toInstant())
        .isEqualTo(NOW);
    assertThat(response.getTimeStampToken().getCertificates().getMatches(null)).hasSize(1);
  }

  @Test
  void shouldRejectWithBadDataFormatWhenTheRequestIsNotDer() throws Exception {
    // when
    TimeStampResponse response = new TimeStampResponse(tsa.answer(new byte[] {1, 2, 3}));
    // then
    assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
    assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);
    assertThat(response.getTimeStampToken()).isNull();
  }

  @Test
  void shouldRejectWithBadAlgWhenTheImprintIsSha1() throws Exception {
    // given
    TimeStampRequest request = request(TSPAlgorithms.SHA1, sha("SHA-1"));
    // when
    TimeStampResponse response = new TimeStampResponse(tsa.answer(request.getEncoded()));
    // then
    assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
    assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badAlg);
  }

  @Test
  void shouldAnswerARejectionWithoutTokenWhenToldToRefuse() throws Exception {
    // when
    TimeStampResponse response = new TimeStampResponse(tsa.rejected("told to"));
    // then
    assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
    assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.systemFailure);
    assertThat(response.getTimeStampToken()).isNull();
  }

  private static TimeStampRequest request(
      org.bouncycastle.asn1.ASN1ObjectIdentifier algorithm, byte[] digest) {
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    return generator.generate(algorithm, digest, BigInteger.valueOf(42));
  }

  private static byte[] sha(String algorithm) throws Exception {
    return MessageDigest.getInstance(algorithm).digest(DATA);
  }
}
