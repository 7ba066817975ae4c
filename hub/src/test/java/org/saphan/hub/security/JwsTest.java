package org.saphan.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.JwsSigner.Mode;

class JwsTest {

  private static final byte[] BODY =
      "{\"citizenId\":\"1-1037-00000-00-0\",\"amount\":\"100.00\"}"
          .getBytes(StandardCharsets.UTF_8);

  private final TestPki pki = TestPki.get();
  private final InMemoryReplayGuard replay = new InMemoryReplayGuard(TestPki.CLOCK);
  private final JwsVerifier verifier = new JwsVerifier(TestPki.CLOCK, replay);
  private final VerificationRules rules =
      VerificationRules.of(SigningPolicy.JWS, "hub-self", pki.hub.selfTrust());

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "EC_P256, COMPACT",
    "EC_P256, DETACHED",
    "EC_P256, UNENCODED_DETACHED",
    "RSA_3072, COMPACT",
    "RSA_3072, DETACHED",
    "RSA_3072, UNENCODED_DETACHED"
  })
  void shouldVerifyWhenSignedByTheHub(KeyFamily family, Mode mode) {
    // given
    JwsSigner signer = new JwsSigner(pki.hub, family, mode, false, TestPki.CLOCK);
    SignedMessage signed = signer.sign(BODY);

    // when
    VerifiedSignature verified = verifier.verify(signed.body(), signed.detachedSignature(), rules);

    // then
    assertThat(verified.content()).isEqualTo(BODY);
    assertThat(verified.algorithm()).isEqualTo(family.jwsAlgorithm());
    assertThat(verified.kid()).isEqualTo(pki.hub.current(family).kid());
    assertThat(verified.signedAt()).isEqualTo(TestPki.NOW);
    assertThat(verified.jti()).hasSize(22);
    assertThat(verified.subject()).contains("CN=saphan-hub-" + family.shortName());
  }

  @Test
  void shouldCarryKidIatJtiInTheProtectedHeaderWhenSigning() throws Exception {
    // given
    JwsSigner signer = new JwsSigner(pki.hub, TestPki.CLOCK);

    // when
    JWSObject jws = JWSObject.parse(signer.signCompact(BODY));

    // then
    assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jws.getHeader().getKeyID()).isEqualTo(pki.hub.current(KeyFamily.EC_P256).kid());
    assertThat(jws.getHeader().getCustomParam("iat")).isEqualTo(TestPki.NOW.getEpochSecond());
    assertThat(jws.getHeader().getCustomParam("jti")).isInstanceOf(String.class);
    assertThat(jws.getPayload().toBytes()).isEqualTo(BODY);
  }

  @Test
  void shouldCarryTheAuthorisationInTheProtectedHeaderWhenSigningWithOne() throws Exception {
    // given
    JwsSigner signer =
        new JwsSigner(pki.hub, KeyFamily.EC_P256, Mode.DETACHED, false, TestPki.CLOCK);
    UUID grant = UUID.randomUUID();

    // when
    SignedMessage signed = signer.sign(BODY, Authorisation.consent(grant));

    // then: a protected (signed) header parameter, not critical
    String detached = new String(signed.detachedSignature(), StandardCharsets.US_ASCII);
    JWSHeader header =
        JWSHeader.parse(Base64URL.from(detached.substring(0, detached.indexOf('.'))));
    assertThat(header.getCustomParam(Authorisation.JWS_HEADER))
        .isEqualTo(Map.of("lawfulBasis", "consent", "consentRecordId", grant.toString()));
    assertThat(header.getCriticalParams()).isNull();
    assertThat(signed.body()).isEqualTo(BODY);
  }

  @Test
  void shouldMarkB64CriticalWhenSigningUnencodedDetached() throws Exception {
    // given
    JwsSigner signer = new JwsSigner(pki.hub, TestPki.CLOCK);

    // when
    String detached = signer.signUnencodedDetached(BODY);

    // then
    assertThat(detached).contains("..");
    JWSHeader header = JWSHeader.parse(Base64URL.from(detached.split("\\.")[0]));
    assertThat(header.isBase64URLEncodePayload()).isFalse();
    assertThat(header.getCriticalParams()).containsExactly("b64");
  }

  @Test
  void shouldVerifyWhenTrustIsTheCaAndTheJwsCarriesX5c() {
    // given
    JwsSigner signer = new JwsSigner(pki.hub, KeyFamily.EC_P256, Mode.COMPACT, true, TestPki.CLOCK);
    VerificationRules caRules =
        VerificationRules.of(
            SigningPolicy.JWS, "hub-self", Trust.authorities(pki.ca.certificate()));

    // when
    VerifiedSignature verified = verifier.verify(signer.sign(BODY).body(), null, caRules);

    // then
    assertThat(verified.certificate()).isEqualTo(pki.hub.current(KeyFamily.EC_P256).certificate());
  }

  @Test
  void shouldVerifyWhenTrustIsAJwkSet() {
    // given
    JwsSigner signer =
        new JwsSigner(pki.hub, KeyFamily.RSA_3072, Mode.DETACHED, false, TestPki.CLOCK);
    SignedMessage signed = signer.sign(BODY);
    VerificationRules jwksRules =
        VerificationRules.of(SigningPolicy.JWS, "hub-self", Trust.jwks(pki.hub.publicJwks()));

    // when
    VerifiedSignature verified =
        verifier.verify(signed.body(), signed.detachedSignature(), jwksRules);

    // then
    assertThat(verified.kid()).isEqualTo(pki.hub.current(KeyFamily.RSA_3072).kid());
  }

  @Test
  void shouldRefuseWithSignatureInvalidWhenThePayloadIsTampered() {
    // given
    SignedMessage signed = detachedSigner().sign(BODY);
    byte[] tampered =
        "{\"citizenId\":\"1-1037-00000-00-0\",\"amount\":\"900.00\"}"
            .getBytes(StandardCharsets.UTF_8);

    // when / then
    assertCode(
        () -> verifier.verify(tampered, signed.detachedSignature(), rules),
        ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void shouldRefuseWithSignatureInvalidWhenACompactPayloadIsTampered() {
    // given
    String[] parts = new JwsSigner(pki.hub, TestPki.CLOCK).signCompact(BODY).split("\\.");
    String forged = parts[0] + "." + Base64URL.encode("{\"amount\":\"900.00\"}") + "." + parts[2];

    // when / then
    assertCode(() -> verify(forged), ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void shouldRefuseWithSignatureInvalidWhenSignedWithAnotherKeyUnderATrustedKid() throws Exception {
    // given: a stranger signs but claims the hub's kid
    String hubKid = pki.hub.current(KeyFamily.EC_P256).kid();
    JWSObject jws =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(hubKid)
                .customParam("iat", TestPki.NOW.getEpochSecond())
                .customParam("jti", "forged-1")
                .build(),
            new Payload(BODY));
    jws.sign(
        new com.nimbusds.jose.crypto.ECDSASigner(
            (java.security.interfaces.ECPrivateKey) pki.strangerEc.privateKey()));

    // when / then
    assertCode(() -> verify(jws.serialize()), ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void shouldRefuseWithUnknownKeyWhenTheKidIsNotTrusted() {
    // given
    String jws = new JwsSigner(TestPki.ringOf(pki.strangerEc), TestPki.CLOCK).signCompact(BODY);

    // when / then
    assertCode(() -> verify(jws), ErrorCode.UNKNOWN_KEY);
  }

  @Test
  void shouldRefuseWithUnknownKeyWhenTheKidIsNotInTheJwkSet() {
    // given
    String jws = new JwsSigner(TestPki.ringOf(pki.strangerEc), TestPki.CLOCK).signCompact(BODY);
    VerificationRules jwksRules =
        VerificationRules.of(SigningPolicy.JWS, "hub-self", Trust.jwks(pki.hub.publicJwks()));

    // when / then
    assertCode(
        () -> verifier.verify(jws.getBytes(StandardCharsets.US_ASCII), null, jwksRules),
        ErrorCode.UNKNOWN_KEY);
  }

  @Test
  void shouldRefuseWithAlgorithmNotAllowedWhenAlgIsNone() {
    // given: an unsecured JWS claiming a trusted kid
    String header =
        Base64URL.encode(
                "{\"alg\":\"none\",\"kid\":\"" + pki.hub.current(KeyFamily.EC_P256).kid() + "\"}")
            .toString();
    String unsecured = header + "." + Base64URL.encode(BODY) + ".";

    // when / then
    assertCode(() -> verify(unsecured), ErrorCode.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void shouldRefuseWithAlgorithmNotAllowedWhenHs256UsesThePublicKeyAsSecret() throws Exception {
    // given: the classic key-confusion forgery, HMAC keyed with the trusted public key's bytes
    SigningKey hubKey = pki.hub.current(KeyFamily.RSA_3072);
    JWSObject forged =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(hubKey.kid())
                .customParam("iat", TestPki.NOW.getEpochSecond())
                .customParam("jti", "forged-2")
                .build(),
            new Payload(BODY));
    forged.sign(new MACSigner(hubKey.certificate().getPublicKey().getEncoded()));

    // when / then
    assertCode(() -> verify(forged.serialize()), ErrorCode.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void shouldRefuseWithAlgorithmNotAllowedWhenAConfigurationTriesToAllowHmac() {
    // when / then
    assertCode(
        () -> rules.withAllowedAlgorithms(Set.of("ES256", "HS256")),
        ErrorCode.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void shouldRefuseWithAlgorithmNotAllowedWhenTheAlgIsNotOnThePartysList() {
    // given
    String jws =
        new JwsSigner(pki.hub, KeyFamily.RSA_3072, Mode.COMPACT, false, TestPki.CLOCK)
            .signCompact(BODY);
    VerificationRules esOnly = rules.withAllowedAlgorithms(Set.of("ES256"));

    // when / then
    assertCode(
        () -> verifier.verify(jws.getBytes(StandardCharsets.US_ASCII), null, esOnly),
        ErrorCode.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void shouldRefuseWithReplayDetectedWhenTheJtiIsReused() {
    // given
    String jws = new JwsSigner(pki.hub, TestPki.CLOCK).signCompact(BODY);
    verify(jws);

    // when / then
    assertCode(() -> verify(jws), ErrorCode.REPLAY_DETECTED);
  }

  @Test
  void shouldRefuseWithClockSkewWhenIatIsAheadBeyondTheWindow() {
    // given: the sender's clock runs 2 minutes ahead; the window is 60 s
    String jws = new JwsSigner(pki.hub, TestPki.clockAt(Duration.ofMinutes(2))).signCompact(BODY);

    // when / then
    assertCode(() -> verify(jws), ErrorCode.CLOCK_SKEW);
  }

  @Test
  void shouldRefuseWithClockSkewWhenIatIsOlderThanMaxAgePlusSkew() {
    // given
    String jws = new JwsSigner(pki.hub, TestPki.clockAt(Duration.ofMinutes(-7))).signCompact(BODY);

    // when / then
    assertCode(() -> verify(jws), ErrorCode.CLOCK_SKEW);
  }

  @Test
  void shouldVerifyWhenIatIsAheadWithinTheWindow() {
    // given
    String jws = new JwsSigner(pki.hub, TestPki.clockAt(Duration.ofSeconds(45))).signCompact(BODY);

    // when
    VerifiedSignature verified = verify(jws);

    // then
    assertThat(verified.signedAt()).isEqualTo(TestPki.NOW.plusSeconds(45));
  }

  @Test
  void shouldRefuseWithCertificateExpiredWhenThePinnedCertificateExpired() {
    // given
    String jws = new JwsSigner(TestPki.ringOf(pki.expiredEc), TestPki.CLOCK).signCompact(BODY);
    VerificationRules pinned =
        VerificationRules.of(
            SigningPolicy.JWS, "agency", Trust.pinned(pki.expiredEc.certificate()));

    // when / then
    assertCode(() -> verifier.verify(ascii(jws), null, pinned), ErrorCode.CERTIFICATE_EXPIRED);
  }

  @Test
  void shouldRefuseWithCertificateNotYetValidWhenTheX5cCertificateStartsLater() {
    // given
    String jws =
        new JwsSigner(
                TestPki.ringOf(pki.notYetValidEc),
                KeyFamily.EC_P256,
                Mode.COMPACT,
                true,
                TestPki.CLOCK)
            .signCompact(BODY);
    VerificationRules caRules =
        VerificationRules.of(SigningPolicy.JWS, "agency", Trust.authorities(pki.ca.certificate()));

    // when / then
    assertCode(
        () -> verifier.verify(ascii(jws), null, caRules), ErrorCode.CERTIFICATE_NOT_YET_VALID);
  }

  @Test
  void shouldRefuseWithCertificateUntrustedWhenX5cChainsToAnotherCa() {
    // given
    String jws =
        new JwsSigner(
                TestPki.ringOf(pki.strangerEc),
                KeyFamily.EC_P256,
                Mode.COMPACT,
                true,
                TestPki.CLOCK)
            .signCompact(BODY);
    VerificationRules caRules =
        VerificationRules.of(SigningPolicy.JWS, "agency", Trust.authorities(pki.ca.certificate()));

    // when / then
    assertCode(() -> verifier.verify(ascii(jws), null, caRules), ErrorCode.CERTIFICATE_UNTRUSTED);
  }

  @Test
  void shouldRefuseWithSignatureMissingWhenTheSignatureHeaderIsEmpty() {
    // when / then
    assertCode(() -> verifier.verify(BODY, new byte[0], rules), ErrorCode.SIGNATURE_MISSING);
  }

  @Test
  void shouldRefuseWithJwsMalformedWhenTheHeaderIsNotJson() {
    // when / then
    assertCode(() -> verify("bm90LWpzb24.e30.c2ln"), ErrorCode.JWS_MALFORMED);
  }

  @Test
  void shouldRefuseWithJwsMalformedWhenIatAndJtiAreAbsent() throws Exception {
    // given: a valid signature from a trusted key, but without the hub's freshness data
    SigningKey hubKey = pki.hub.current(KeyFamily.EC_P256);
    JWSObject bare =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(hubKey.kid()).build(),
            new Payload(BODY));
    bare.sign(
        new com.nimbusds.jose.crypto.ECDSASigner(
            (java.security.interfaces.ECPrivateKey) hubKey.privateKey()));

    // when / then
    assertCode(() -> verify(bare.serialize()), ErrorCode.JWS_MALFORMED);
  }

  @Test
  void shouldRefuseWithSignatureInvalidWhenAnUnknownHeaderIsCritical() throws Exception {
    // given
    SigningKey hubKey = pki.hub.current(KeyFamily.EC_P256);
    JWSObject jws =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(hubKey.kid())
                .customParam("iat", TestPki.NOW.getEpochSecond())
                .customParam("jti", "crit-1")
                .customParam("exp-policy", "x")
                .criticalParams(Set.of("exp-policy"))
                .build(),
            new Payload(BODY));
    jws.sign(
        new com.nimbusds.jose.crypto.ECDSASigner(
            (java.security.interfaces.ECPrivateKey) hubKey.privateKey()));

    // when / then
    assertCode(() -> verify(jws.serialize()), ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void shouldPublishOnlyPublicKeysWhenExportingTheJwkSet() {
    // when
    String json = pki.hub.publicJwks().toString(true);

    // then
    assertThat(json).doesNotContain("\"d\"").contains("\"x5c\"").contains("\"use\":\"sig\"");
  }

  private JwsSigner detachedSigner() {
    return new JwsSigner(pki.hub, KeyFamily.EC_P256, Mode.UNENCODED_DETACHED, false, TestPki.CLOCK);
  }

  private VerifiedSignature verify(String compact) {
    return verifier.verify(ascii(compact), null, rules);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static void assertCode(Runnable action, ErrorCode code) {
    assertThatThrownBy(action::run)
        .isInstanceOf(SaphanException.class)
        .satisfies(e -> assertThat(((SaphanException) e).code()).isEqualTo(code));
  }
}
