package org.saphan.sandbox.agency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DOAE inbox's checks of a complete file: the manifest, the SHA-256s, the hub's signature. */
class DoaeBatchInboxTest {

  private static final Instant NOW = Instant.parse("2026-12-07T14:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] DATA =
      ("H00000001doae      07122569210000\r\n" + "Dapp-1\r\n" + "Dapp-2\r\n" + "T00000002\r\n")
          .getBytes(StandardCharsets.ISO_8859_1);

  private static KeyPair hub;
  private static X509Certificate hubCertificate;
  private static KeyPair stranger;
  private static X509Certificate strangerCertificate;

  @TempDir Path inbox;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    hub = generator.generateKeyPair();
    hubCertificate = certificate(hub, "CN=hub");
    stranger = generator.generateKeyPair();
    strangerCertificate = certificate(stranger, "CN=stranger");
  }

  private DoaeBatchInbox inbox() {
    return new DoaeBatchInbox(key -> key.equals(hub.getPublic()), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void shouldAcceptAFileSignedByTheHubWithItsManifest() throws Exception {
    // given
    Path manifest = upload(DATA, sign(DATA, hub, hubCertificate), 2);

    // when
    DoaeBatchInbox.Received received = inbox().check(manifest);

    // then
    assertThat(received.accepted()).as(received.reason()).isTrue();
    assertThat(received.file()).isEqualTo("doae-farmer-registration-20261207-000001.txt");
    assertThat(received.count()).isEqualTo(2);
    assertThat(received.at()).isEqualTo(NOW);
  }

  @Test
  void shouldRefuseASignatureByAKeyTheHubDoesNotPublish() throws Exception {
    // given
    Path manifest = upload(DATA, sign(DATA, stranger, strangerCertificate), 2);

    // when
    DoaeBatchInbox inbox = inbox();
    DoaeBatchInbox.Received received = inbox.check(manifest);

    // then
    assertThat(received.accepted()).isFalse();
    assertThat(received.reason()).isEqualTo("signer key is not one the hub publishes");
    assertThat(inbox.received()).containsExactly(received);
  }

  @Test
  void shouldRefuseASignatureOverOtherBytes() throws Exception {
    // given
    byte[] other = "Dother\r\n".getBytes(StandardCharsets.ISO_8859_1);
    Path manifest = upload(DATA, sign(other, hub, hubCertificate), 2);

    // when
    DoaeBatchInbox.Received received = inbox().check(manifest);

    // then
    assertThat(received.accepted()).isFalse();
    assertThat(received.reason()).startsWith("signature does not verify over the data file");
  }

  @Test
  void shouldRefuseADataFileWhoseHashIsNotTheManifests() throws Exception {
    // given
    Path manifest = upload(DATA, sign(DATA, hub, hubCertificate), 2);
    Files.write(
        inbox.resolve("doae-farmer-registration-20261207-000001.txt"),
        "Dchanged\r\n".getBytes(StandardCharsets.ISO_8859_1));

    // when
    DoaeBatchInbox.Received received = inbox().check(manifest);

    // then
    assertThat(received.accepted()).isFalse();
    assertThat(received.reason())
        .isEqualTo("SHA-256 of doae-farmer-registration-20261207-000001.txt is not the manifest's");
  }

  @Test
  void shouldRefuseACountThatIsNotTheFilesDetailRecords() throws Exception {
    // given
    Path manifest = upload(DATA, sign(DATA, hub, hubCertificate), 3);

    // when
    DoaeBatchInbox.Received received = inbox().check(manifest);

    // then
    assertThat(received.reason())
        .isEqualTo(
            "file doae-farmer-registration-20261207-000001.txt has 2 detail records, the"
                + " manifest says 3");
  }

  @Test
  void shouldRefuseAMalformedManifest() throws Exception {
    // given
    Path notJson = inbox.resolve("a.txt.manifest.json");
    Files.writeString(notJson, "{not json");
    Path noSignature = upload(DATA, sign(DATA, hub, hubCertificate), 2);
    ObjectNode manifest = (ObjectNode) JSON.readTree(noSignature.toFile());
    manifest.remove("signature");
    Files.write(noSignature, JSON.writeValueAsBytes(manifest));
    Path otherFormat = inbox.resolve("b.txt.manifest.json");
    Files.writeString(otherFormat, "{\"format\":\"something-else/1\"}");
    Path outside = inbox.resolve("c.txt.manifest.json");
    manifest.put("signature", "../elsewhere.p7s");
    Files.write(outside, JSON.writeValueAsBytes(manifest));

    // when
    DoaeBatchInbox inbox = inbox();
    List<String> reasons =
        List.of(notJson, noSignature, otherFormat, outside).stream()
            .map(inbox::check)
            .map(DoaeBatchInbox.Received::reason)
            .toList();

    // then
    assertThat(reasons)
        .containsExactly(
            "manifest is not readable JSON: JsonParseException",
            "manifest has no signature",
            "manifest format is not saphan-batch-export/1",
            "manifest names ../elsewhere.p7s, not a file of this folder");
    assertThat(inbox.received()).noneMatch(DoaeBatchInbox.Received::accepted);
  }

  /** Writes the data file, its signature and its manifest (as the hub does); returns the last. */
  private Path upload(byte[] data, byte[] p7s, long count) throws Exception {
    return DoaeExports.upload(
        inbox, "doae-farmer-registration-20261207-000001.txt", 1, data, p7s, count);
  }

  private static byte[] sign(byte[] data, KeyPair key, X509Certificate certificate)
      throws Exception {
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate());
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
            .build(signer, certificate));
    generator.addCertificates(new JcaCertStore(List.of(certificate)));
    return generator.generate(new CMSProcessableByteArray(data), false).getEncoded();
  }

  private static X509Certificate certificate(KeyPair key, String subject) throws Exception {
    X500Name name = new X500Name(subject);
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.ONE,
                    Date.from(NOW.minus(java.time.Duration.ofDays(3650))),
                    Date.from(NOW.plus(java.time.Duration.ofDays(3650))),
                    name,
                    key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
  }
}
