package org.saphan.hub.evidence;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.saphan.hub.security.CertificateAuthority;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.Pki;
import org.saphan.hub.security.SigningKey;

/** A time-stamping authority of the test's own: a test CA and a key with critical timeStamping. */
final class TestTsa {

  final CertificateAuthority ca;
  final SigningKey key;

  private TestTsa(CertificateAuthority ca, SigningKey key) {
    this.ca = ca;
    this.key = key;
  }

  /** A fresh CA and TSA key (EC P-256: cheap to make). */
  static TestTsa create() {
    Instant now = Instant.now();
    CertificateAuthority ca =
        Pki.createRootCa(
            "Test TSA CA", KeyFamily.EC_P256, now.minusSeconds(300), now.plus(Duration.ofDays(1)));
    SigningKey key =
        Pki.issueSigningKey(
            ca,
            KeyFamily.EC_P256,
            "Test TSA",
            now.minusSeconds(300),
            now.plus(Duration.ofDays(1)),
            KeyPurposeId.id_kp_timeStamping);
    return new TestTsa(ca, key);
  }

  X509Certificate certificate() {
    return key.certificate();
  }

  /** The DER TimeStampResp a TSA gives for {@code request}. */
  byte[] answer(TimeStampRequest request) throws Exception {
    TimeStampTokenGenerator tokens =
        new TimeStampTokenGenerator(
            new JcaSimpleSignerInfoGeneratorBuilder()
                .build("SHA256withECDSA", key.privateKey(), key.certificate()),
            new JcaDigestCalculatorProviderBuilder()
                .build()
                .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
            new ASN1ObjectIdentifier("1.3.6.1.4.1.32473.1"));
    tokens.addCertificates(new JcaCertStore(List.of(key.certificate())));
    return new TimeStampResponseGenerator(tokens, Set.of(TSPAlgorithms.SHA256))
        .generate(request, BigInteger.ONE, Date.from(Instant.now()))
        .getEncoded();
  }
}
