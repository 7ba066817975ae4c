package org.saphan.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.xml.security.signature.XMLSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.keys.InMemoryKeyRing;
import org.saphan.hub.security.keys.ReloadingKeyRing;
import org.saphan.hub.support.HubIntegrationTest;
import org.saphan.hub.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Credentials never outlive their keys (issue 12, item 11), on a clock the test moves: a credential
 * is capped at its certificate's end, keys rotate {@code rotate-before} ahead, a retired key stays
 * in the JWKS until its last credential expires. The test's keys live in the shared key registry
 * under their own node name and are removed afterwards. Also: the JWKS labels each key with what it
 * actually signs.
 */
class CredentialLifetimeIT extends HubIntegrationTest {

  private static final String NODE = "it-credential-lifetime";
  private static final String AUDIENCE = "urn:saphan:test-credential";

  @Autowired JdbcClient jdbc;
  @Autowired JdbcReplayGuard replayGuard;
  @Autowired Signing hubSigning;

  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

  @AfterEach
  void removeTheTestKeys() {
    jdbc.sql("delete from signing_key where registered_by = ?").param(NODE).update();
  }

  @Test
  void shouldCapTheExpiryAtTheCertificatesEndWhenACredentialWouldOutliveItsKey() {
    // given: a key whose certificate ends in 400 days, and a credential meant for five years
    Fixture hub = fixture(Duration.ofDays(400));
    Instant certificateEnd = hub.certificateEnd(KeyFamily.EC_P256);
    // when
    Signing.IssuedCredential issued =
        hub.signing.mintCredential(claims(), "ES256", clock.instant().plus(Duration.ofDays(1826)));
    // then
    assertThat(issued.capped()).isTrue();
    assertThat(issued.expiresAt()).isEqualTo(certificateEnd);
    assertThat(hub.signing.verifyOwnJwt(issued.jwt(), AUDIENCE).getExpirationTime().toInstant())
        .isEqualTo(certificateEnd);
  }

  @Test
  void shouldKeepTheRequestedExpiryWhenTheCertificateCoversIt() {
    // given
    Fixture hub = fixture(Duration.ofDays(400));
    Instant wanted = clock.instant().plus(Duration.ofMinutes(5));
    // when
    Signing.IssuedCredential issued = hub.signing.mintCredential(claims(), "ES256", wanted);
    // then
    assertThat(issued.capped()).isFalse();
    assertThat(issued.expiresAt()).isEqualTo(wanted);
  }

  @Test
  void shouldRefuseToIssueWhenTheActiveCertificateHasEnded() {
    // given: nobody rotated, and the certificate ended
    Fixture hub = fixture(Duration.ofDays(400));
    clock.advance(Duration.ofDays(401));
    // then
    assertThatThrownBy(() -> hub.signing.mintCredential(claims(), "ES256", null))
        .isInstanceOf(SaphanException.class)
        .extracting(e -> ((SaphanException) e).code())
        .isEqualTo(ErrorCode.SIGNING_CERTIFICATE_ENDED);
  }

  @Test
  void shouldRotateOnlyOnceLessThanRotateBeforeIsLeftWhenTheRotationCheckRuns() {
    // given: a key valid for 400 days, rotated 90 days before its end (the rule is per family; EC
    // only here, as RSA-3072 keys take seconds to make)
    Fixture hub = fixture(Duration.ofDays(400));
    String ecKid = hub.ring.current(KeyFamily.EC_P256).kid();
    // when: 300 days on, 100 days are left
    clock.advance(Duration.ofDays(300));
    List<KeyDescriptor> early = hub.maintenance.rotateDue();
    // then
    assertThat(early).isEmpty();
    assertThat(hub.ring.current(KeyFamily.EC_P256).kid()).isEqualTo(ecKid);
    // when: 11 days later, 89 days are left
    clock.advance(Duration.ofDays(11));
    List<KeyDescriptor> due = hub.maintenance.rotateDue();
    // then: a new key covers the next 400 days, published at once; the old one still verifies
    assertThat(due).extracting(KeyDescriptor::family).containsExactly(KeyFamily.EC_P256);
    String newKid = hub.ring.current(KeyFamily.EC_P256).kid();
    assertThat(newKid).isNotEqualTo(ecKid).isEqualTo(due.get(0).kid());
    assertThat(hub.certificateEnd(KeyFamily.EC_P256))
        .isAfter(clock.instant().plus(Duration.ofDays(399)));
    assertThat(hub.ring.status(ecKid)).isEqualTo(KeyStatus.VERIFY_ONLY);
    assertThat(kids(hub.registry.jwks())).contains(ecKid, newKid);
    assertThat(hub.maintenance.rotateDue()).as("a second check rotates nothing").isEmpty();
  }

  @Test
  void shouldKeepARetiredKeyInTheJwksUntilItsLastCredentialExpiresWhenTheClockMoves() {
    // given: a credential valid for 200 days, then the key is rotated out and retired
    Fixture hub = fixture(Duration.ofDays(400));
    String oldKid = hub.ring.current(KeyFamily.EC_P256).kid();
    Signing.IssuedCredential credential =
        hub.signing.mintCredential(claims(), "ES256", clock.instant().plus(Duration.ofDays(200)));
    hub.maintenance.rotate(KeyFamily.EC_P256);
    hub.maintenance.retire(oldKid);
    // when: 199 days on
    clock.advance(Duration.ofDays(199));
    // then: still published, and the credential still verifies
    assertThat(kids(hub.registry.jwks())).contains(oldKid);
    assertThat(hub.signing.verifyOwnJwt(credential.jwt(), AUDIENCE).getJWTID()).isEqualTo("c-1");
    // when: the credential has expired (the registry rounds expiries up to the hour)
    clock.advance(Duration.ofDays(1).plusHours(1));
    // then: the key is gone from the JWKS, and stays in the registry for the record
    assertThat(kids(hub.registry.jwks())).doesNotContain(oldKid);
    assertThat(hub.registry.entries())
        .anySatisfy(
            entry -> {
              assertThat(entry.descriptor().kid()).isEqualTo(oldKid);
              assertThat(entry.descriptor().status()).isEqualTo(KeyStatus.RETIRED);
            });
  }

  @Test
  void shouldDropARetiredKeyFromTheJwksAtOnceWhenItSignedNoCredential() {
    // given
    Fixture hub = fixture(Duration.ofDays(400));
    String oldKid = hub.ring.current(KeyFamily.EC_P256).kid();
    hub.maintenance.rotate(KeyFamily.EC_P256);
    // when
    hub.maintenance.retire(oldKid);
    // then
    assertThat(kids(hub.registry.jwks())).doesNotContain(oldKid);
  }

  @Test
  void shouldVerifyTheHubsXmlSignatureWithTheJwksKeySelectedByAlgWhenAnAgencyFiltersByAlg()
      throws Exception {
    // given: the hub's XML-DSig (RSA-SHA256, PKCS#1 v1.5) and its published JWKS
    byte[] signed =
        hubSigning
            .signer(SigningPolicy.XMLDSIG, "RSA-SHA256")
            .sign(
                "<status xmlns=\"urn:test\"><code>OK</code></status>"
                    .getBytes(StandardCharsets.UTF_8))
            .body();
    String kid = hubSigning.keyRing().current(KeyFamily.RSA_3072).kid();
    JWKSet published = JWKSet.parse(get("/.well-known/jwks.json").body());
    // when: the agency takes the hub key labelled RS256
    List<JWK> rs256 =
        new JWKSelector(
                new JWKMatcher.Builder()
                    .keyID(kid)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyUse(KeyUse.SIGNATURE)
                    .build())
            .select(published);
    // then: exactly one key, and it verifies the signature
    assertThat(rs256).hasSize(1);
    Document document = parse(signed);
    Element signature =
        (Element) document.getElementsByTagNameNS(Algorithms.XML_DSIG_NS, "Signature").item(0);
    XMLSignature xmlSignature = new XMLSignature(signature, "", true);
    assertThat(xmlSignature.getSignedInfo().getSignatureMethodURI())
        .isEqualTo(Algorithms.XML_RSA_SHA256);
    assertThat(xmlSignature.checkSignatureValue(((RSAKey) rs256.get(0)).toRSAPublicKey())).isTrue();
  }

  @Test
  void shouldLabelEveryJwksEntryWithAnAlgorithmItsKeyFamilySignsWhenPublished() throws Exception {
    // when
    JWKSet published = JWKSet.parse(get("/.well-known/jwks.json").body());
    // then: EC keys are ES256 only; RSA keys carry RS256, RS512 and PS256, never PS256 alone
    for (JWK jwk : published.getKeys()) {
      List<String> algorithms =
          published.getKeys().stream()
              .filter(other -> other.getKeyID().equals(jwk.getKeyID()))
              .map(other -> other.getAlgorithm().getName())
              .toList();
      if (jwk instanceof RSAKey) {
        assertThat(algorithms).containsExactly("RS256", "RS512", "PS256");
      } else {
        assertThat(algorithms).containsExactly("ES256");
      }
    }
  }

  /** An EC-only ring: RSA-3072 keys take seconds to make, and the rules are per family. */
  private Fixture fixture(Duration validity) {
    InMemoryKeyRing ring =
        new InMemoryKeyRing(
            Pki.createRootCa(
                "Credential Lifetime Test CA",
                KeyFamily.EC_P256,
                clock.instant().minus(Duration.ofMinutes(5)),
                clock.instant().plus(Duration.ofDays(3650))),
            clock,
            validity);
    ring.rotate(KeyFamily.EC_P256);
    ReloadingKeyRing reloading = new ReloadingKeyRing(() -> ring, null);
    KeyRegistry registry = new KeyRegistry(jdbc, NODE, clock, Duration.ZERO);
    registry.sync(reloading);
    KeysProperties properties = new KeysProperties();
    properties.setKeyValidityDays((int) validity.toDays());
    properties.setRotateBefore(Duration.ofDays(90));
    KeyMaintenance maintenance =
        new KeyMaintenance(
            reloading, registry, replayGuard, new SimpleMeterRegistry(), properties, clock);
    Signing signing =
        new Signing(reloading, registry, replayGuard, () -> "https://" + NODE + ".test", clock);
    return new Fixture(ring, registry, maintenance, signing);
  }

  private record Fixture(
      InMemoryKeyRing ring, KeyRegistry registry, KeyMaintenance maintenance, Signing signing) {
    Instant certificateEnd(KeyFamily family) {
      return ring.current(family).certificate().getNotAfter().toInstant();
    }
  }

  private static JWTClaimsSet claims() {
    return new JWTClaimsSet.Builder().jwtID("c-1").subject("holder").audience(AUDIENCE).build();
  }

  private static List<String> kids(JWKSet jwks) {
    return jwks.getKeys().stream().map(JWK::getKeyID).toList();
  }

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }
}
