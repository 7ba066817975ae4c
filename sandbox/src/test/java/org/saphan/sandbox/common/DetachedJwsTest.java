package org.saphan.sandbox.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.saphan.sandbox.common.SignatureRejectedException.Reason;

class DetachedJwsTest {

  static TestPki pki;

  static final byte[] BODY =
      "{\"requestRef\":\"APP-1\",\"name\":\"สมชาย\"}".getBytes(StandardCharsets.UTF_8);

  @BeforeAll
  static void generateKeys() {
    pki = TestPki.shared();
  }

  @Test
  void shouldVerifyWhenSignedWithNimbusDetachedSerialisation() throws Exception {
    // given: the hub's way (JWSObject.serialize(true)), independent of DetachedJws.sign
    JWSObject jws =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(pki.hubEc().kid())
                .customParam("iat", Instant.now().getEpochSecond())
                .customParam("jti", "jti-1")
                .build(),
            new Payload(BODY));
    jws.sign(new ECDSASigner((ECPrivateKey) pki.hubEc().privateKey()));
    String detached = jws.serialize(true);

    // when
    DetachedJws.Parsed parsed = DetachedJws.parse(detached);

    // then
    assertThat(parsed.kid()).isEqualTo(pki.hubEc().kid());
    assertThat(parsed.jti()).isEqualTo("jti-1");
    assertThat(
            DetachedJws.verifies(parsed, BODY, new ECDSAVerifier((ECKey) pki.hubEc().publicJwk())))
        .isTrue();
  }

  @Test
  void shouldSignHeaderWithAlgKidIatAndJtiWhenSigningWithPartyKey() throws Exception {
    // given
    Instant now = Instant.ofEpochSecond(1_743_577_800L);

    // when
    String detached = DetachedJws.sign(BODY, pki.hubRsa(), now);

    // then: header..signature, verifiable by Nimbus over base64url(body)
    String[] parts = detached.split("\\.", -1);
    assertThat(parts).hasSize(3);
    assertThat(parts[1]).isEmpty();
    JWSObject jws =
        new JWSObject(new Base64URL(parts[0]), new Payload(BODY), new Base64URL(parts[2]));
    assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
    assertThat(jws.getHeader().getKeyID()).isEqualTo(pki.hubRsa().kid());
    assertThat(jws.getHeader().getCustomParam("iat")).isEqualTo(1_743_577_800L);
    assertThat((String) jws.getHeader().getCustomParam("jti")).hasSizeGreaterThanOrEqualTo(22);
    assertThat(jws.verify(new RSASSAVerifier((RSAKey) pki.hubRsa().publicJwk()))).isTrue();
  }

  @Test
  void shouldNotVerifyWhenBodyChangedAfterSigning() throws Exception {
    // given
    String detached = DetachedJws.sign(BODY, pki.hubEc(), Instant.now());
    byte[] changed = "{\"requestRef\":\"APP-2\"}".getBytes(StandardCharsets.UTF_8);

    // when
    boolean verifies =
        DetachedJws.verifies(
            DetachedJws.parse(detached),
            changed,
            new ECDSAVerifier((ECKey) pki.hubEc().publicJwk()));

    // then
    assertThat(verifies).isFalse();
  }

  @Test
  void shouldRefuseAsMalformedWhenPayloadIsAttached() {
    // given
    String compact =
        DetachedJws.sign(BODY, pki.hubEc(), Instant.now())
            .replace("..", "." + Base64URL.encode(BODY) + ".");

    // when / then
    assertThatThrownBy(() -> DetachedJws.parse(compact))
        .isInstanceOfSatisfying(
            SignatureRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
  }

  @Test
  void shouldRefuseAsMalformedWhenUnencodedPayloadRequested() throws Exception {
    // given: RFC 7797 b64=false, which the contract does not use
    JWSObject jws =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(pki.hubEc().kid())
                .base64URLEncodePayload(false)
                .criticalParams(Set.of("b64"))
                .build(),
            new Payload(BODY));
    jws.sign(new ECDSASigner((ECPrivateKey) pki.hubEc().privateKey()));

    // when / then
    assertThatThrownBy(() -> DetachedJws.parse(jws.serialize(true)))
        .isInstanceOfSatisfying(
            SignatureRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
  }

  @Test
  void shouldRefuseAsMissingWhenHeaderEmpty() {
    // when / then
    assertThatThrownBy(() -> DetachedJws.parse(" "))
        .isInstanceOfSatisfying(
            SignatureRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING));
  }
}
