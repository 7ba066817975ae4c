package org.saphan.hub.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Signs payloads as JWS with Nimbus: ES256 by default (EC key family), PS256 with the RSA family.
 *
 * <p>The payload is arbitrary bytes (a JSON body, an XML body, a file), so the hub's freshness and
 * replay data travel in the <em>protected header</em>, not in payload claims: {@code kid}, {@code
 * iat} (NumericDate, seconds) and {@code jti} (128 random bits, base64url) are header parameters,
 * as RFC 7519 section 5.3 allows for replicated claims. The payload is signed byte for byte.
 *
 * <p>Three serialisations: compact; detached (RFC 7515 Appendix F, {@code header..signature});
 * detached unencoded (RFC 7797, {@code b64:false} with {@code crit:["b64"]}) for an HTTP body
 * signed in a header, so the receiver verifies the raw body bytes without re-encoding them.
 */
public final class JwsSigner implements MessageSigner {

  /** Which serialisation {@link #sign(byte[])} produces. */
  public enum Mode {
    /** {@code header.payload.signature}; the body is the JWS. */
    COMPACT,
    /** RFC 7515 Appendix F: {@code header..signature} over the base64url payload. */
    DETACHED,
    /** RFC 7797: {@code header..signature} over the raw payload bytes ({@code b64:false}). */
    UNENCODED_DETACHED
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyRing keyRing;
  private final KeyFamily family;
  private final Mode mode;
  private final boolean includeCertificateChain;
  private final Clock clock;
  private final Map<String, JWSSigner> signers = new ConcurrentHashMap<>();

  /**
   * @param keyRing where the current key comes from (looked up on every call, so rotation applies
   *     at once)
   * @param family EC_P256 (ES256) or RSA_3072 (PS256)
   * @param mode the serialisation of {@link #sign(byte[])}
   * @param includeCertificateChain adds {@code x5c} (needed by parties that trust the CA rather
   *     than a pinned key or JWKS; about 1 KiB more per certificate)
   * @param clock the source of {@code iat}
   */
  public JwsSigner(
      KeyRing keyRing, KeyFamily family, Mode mode, boolean includeCertificateChain, Clock clock) {
    this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
    this.family = Objects.requireNonNull(family, "family");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.includeCertificateChain = includeCertificateChain;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** ES256, compact, no {@code x5c}. */
  public JwsSigner(KeyRing keyRing, Clock clock) {
    this(keyRing, KeyFamily.EC_P256, Mode.COMPACT, false, clock);
  }

  @Override
  public SigningPolicy policy() {
    return SigningPolicy.JWS;
  }

  @Override
  public SignedMessage sign(byte[] payload) {
    return sign(payload, null);
  }

  /** Signs with the authorisation as the protected-header parameter {@code saphan_authz}. */
  @Override
  public SignedMessage sign(byte[] payload, Authorisation authorisation) {
    SigningKey key = keyRing.current(family);
    String alg = family.jwsAlgorithm();
    return switch (mode) {
      case COMPACT ->
          new SignedMessage(
              SigningPolicy.JWS,
              alg,
              key.kid(),
              ascii(sign(key, payload, true, false, authorisation)),
              null);
      case DETACHED ->
          new SignedMessage(
              SigningPolicy.JWS,
              alg,
              key.kid(),
              payload,
              ascii(sign(key, payload, true, true, authorisation)));
      case UNENCODED_DETACHED ->
          new SignedMessage(
              SigningPolicy.JWS,
              alg,
              key.kid(),
              payload,
              ascii(sign(key, payload, false, true, authorisation)));
    };
  }

  /** A compact JWS of the payload. */
  public String signCompact(byte[] payload) {
    return sign(keyRing.current(family), payload, true, false, null);
  }

  /** A detached JWS (RFC 7515 Appendix F): {@code header..signature}. */
  public String signDetached(byte[] payload) {
    return sign(keyRing.current(family), payload, true, true, null);
  }

  /** A detached JWS over the raw bytes (RFC 7797, {@code b64:false}): {@code header..signature}. */
  public String signUnencodedDetached(byte[] payload) {
    return sign(keyRing.current(family), payload, false, true, null);
  }

  /**
   * A signed JWT ({@code typ: JWT}, compact) of {@code claims} with the current key; the JOSE
   * header carries only {@code alg}, {@code typ} and {@code kid}, as JWT libraries expect.
   */
  public String signJwt(JWTClaimsSet claims) {
    return signJwt(keyRing.current(family), claims);
  }

  /** A signed JWT with a key of this signer's family that the caller chose (and checked). */
  String signJwt(SigningKey key, JWTClaimsSet claims) {
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.parse(family.jwsAlgorithm()))
            .type(JOSEObjectType.JWT)
            .keyID(key.kid())
            .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signerFor(key));
    } catch (JOSEException e) {
      throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "JWT signing failed", e);
    }
    return jwt.serialize();
  }

  private String sign(
      SigningKey key,
      byte[] payload,
      boolean encodePayload,
      boolean detached,
      Authorisation authorisation) {
    JWSHeader.Builder header =
        new JWSHeader.Builder(JWSAlgorithm.parse(family.jwsAlgorithm()))
            .keyID(key.kid())
            .customParam(JwsVerifier.IAT, clock.instant().getEpochSecond())
            .customParam(JwsVerifier.JTI, newJti());
    if (authorisation != null) {
      header.customParam(Authorisation.JWS_HEADER, authorisation.jwsValue());
    }
    if (!encodePayload) {
      header.base64URLEncodePayload(false).criticalParams(Set.of(JwsVerifier.B64));
    }
    if (includeCertificateChain) {
      header.x509CertChain(x5c(key.chain()));
    }
    JWSObject jws = new JWSObject(header.build(), new Payload(payload));
    try {
      jws.sign(signerFor(key));
    } catch (JOSEException e) {
      throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "JWS signing failed", e);
    }
    return jws.serialize(detached);
  }

  private JWSSigner signerFor(SigningKey key) {
    return signers.computeIfAbsent(
        key.kid(),
        kid -> {
          try {
            JWSSigner signer = newSigner(key);
            Provider provider = CryptoProviders.forSigning(key.privateKey());
            if (provider != null) {
              signer.getJCAContext().setProvider(provider);
            }
            return signer;
          } catch (JOSEException e) {
            throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "unusable signing key", e);
          }
        });
  }

  private static JWSSigner newSigner(SigningKey key) throws JOSEException {
    if (key.family() == KeyFamily.RSA_3072) {
      return new RSASSASigner(key.privateKey());
    }
    if (key.privateKey() instanceof ECPrivateKey ec) {
      return new ECDSASigner(ec);
    }
    // A PKCS#11 handle exposes no EC parameters; the curve is known from the family.
    return new ECDSASigner(key.privateKey(), Curve.P_256);
  }

  private static List<Base64> x5c(List<X509Certificate> chain) {
    List<Base64> out = new ArrayList<>();
    try {
      for (X509Certificate c : chain) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
          out.add(Base64.encode(c.getEncoded()));
        }
      }
    } catch (CertificateEncodingException e) {
      throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "cannot encode certificate", e);
    }
    return out;
  }

  private static String newJti() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64URL.encode(bytes).toString();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
