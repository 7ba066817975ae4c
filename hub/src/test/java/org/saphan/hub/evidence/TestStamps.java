package org.saphan.hub.evidence;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.security.CertificateAuthority;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.Pki;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seals and stamps the message log in tests, as the hub's timestamper does (docs/evidence.md,
 * "Manifests"), with a TSA of the test's own: a Bouncy Castle token generator whose certificate,
 * issued by the test CA, has the critical extended key usage timeStamping.
 */
final class TestStamps {

  private final KeyPair key;
  final X509Certificate certificate;
  private long serial = 1;

  TestStamps(CertificateAuthority ca, Instant now) {
    try {
      key = Pki.generateKeyPair(KeyFamily.EC_P256);
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  ca.certificate(),
                  BigInteger.valueOf(now.toEpochMilli()),
                  Date.from(now.minus(Duration.ofDays(1))),
                  Date.from(now.plus(Duration.ofDays(3650))),
                  Pki.sandboxName("Test TSA"),
                  key.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(
                  Extension.extendedKeyUsage,
                  true,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
      certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An RFC 3161 answer (DER) over the SHA-256 of {@code data}, at {@code time}. */
  byte[] stamp(byte[] data, Instant time) {
    try {
      TimeStampRequestGenerator request = new TimeStampRequestGenerator();
      request.setCertReq(true);
      TimeStampRequest tsq =
          request.generate(
              TSPAlgorithms.SHA256, Digests.sha256Bytes(data), BigInteger.valueOf(serial + 1000));
      TimeStampTokenGenerator tokens =
          new TimeStampTokenGenerator(
              new JcaSimpleSignerInfoGeneratorBuilder()
                  .build("SHA256withECDSA", key.getPrivate(), certificate),
              new JcaDigestCalculatorProviderBuilder()
                  .build()
                  .get(
                      new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                          NISTObjectIdentifiers.id_sha256)),
              new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.16.1"));
      tokens.addCertificates(new JcaCertStore(List.of(certificate)));
      return new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
          .generate(tsq, BigInteger.valueOf(serial++), Date.from(time))
          .getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Seals every unsealed record in one manifest, stamped at {@code time} (created then); returns
   * the manifest's id, or -1 when nothing waits.
   */
  long seal(JdbcClient jdbc, Instant time) {
    List<Map<String, Object>> records =
        jdbc.sql("select id, record_sha256 from evidence where manifest_id is null order by id")
            .query()
            .listOfRows();
    if (records.isEmpty()) {
      return -1;
    }
    long id =
        jdbc.sql("select coalesce(max(id), 0) + 1 from evidence_manifest")
            .query(Long.class)
            .single();
    String previous =
        jdbc.sql("select manifest_sha256 from evidence_manifest order by id desc limit 1")
            .query(String.class)
            .optional()
            .orElse(EvidenceZip.NO_PREVIOUS);
    List<Object> listed = new ArrayList<>();
    for (Map<String, Object> r : records) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", ((Number) r.get("id")).longValue());
      entry.put("sha256", r.get("record_sha256"));
      listed.add(entry);
    }
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("format", "saphan-evidence-manifest/1");
    manifest.put("id", id);
    manifest.put("created", EvidenceZip.time(time));
    manifest.put("previous", previous);
    manifest.put("records", listed);
    byte[] bytes = EvidenceZip.json(manifest);
    jdbc.sql(
            "insert into evidence_manifest (id, created_at, previous_sha256, manifest,"
                + " manifest_sha256, records, first_record, last_record, tsa_response, tsa_time)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            java.sql.Timestamp.from(time),
            previous,
            bytes,
            Digests.sha256(bytes),
            records.size(),
            ((Number) records.get(0).get("id")).longValue(),
            ((Number) records.get(records.size() - 1).get("id")).longValue(),
            stamp(bytes, time),
            java.sql.Timestamp.from(time))
        .update();
    for (int i = 0; i < records.size(); i++) {
      jdbc.sql("update evidence set manifest_id = ?, position = ? where id = ?")
          .params(id, i, ((Number) records.get(i).get("id")).longValue())
          .update();
    }
    return id;
  }
}
