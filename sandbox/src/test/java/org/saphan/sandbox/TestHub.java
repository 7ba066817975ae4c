package org.saphan.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.JWKGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The hub as the sandbox sees it in tests: a JWKS on a random loopback port, and the keys to mint
 * SSO assertions with. Keys are generated per test run.
 *
 * <p>It is the only hub of the shared test context ({@link SandboxTestBase}): every simulator calls
 * it back at {@code sandbox.hub.base-url}. Test fixtures that stand in for other hub endpoints
 * (payment notifications, status callbacks) are {@linkplain #route routed} on it, and keys of other
 * test PKIs are {@linkplain #publish published} in its JWKS.
 */
public final class TestHub {

  /** The audience of the DLT e-service. */
  public static final String DLT_AUDIENCE = "dlt-driving-licence-renewal";

  private static final TestHub INSTANCE = new TestHub();

  private final HttpServer server;
  private final ECKey es256;
  private final RSAKey ps256;
  private final AtomicInteger jwksFetches = new AtomicInteger();
  private volatile JWKSet published;

  private TestHub() {
    try {
      es256 = signingKey(new ECKeyGenerator(Curve.P_256)).generate();
      ps256 = signingKey(new RSAKeyGenerator(2048)).generate();
      published = new JWKSet(List.<JWK>of(es256.toPublicJWK(), ps256.toPublicJWK()));
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(
          Executors.newFixedThreadPool(
              4,
              runnable -> {
                Thread thread = new Thread(runnable, "test-hub");
                thread.setDaemon(true);
                return thread;
              }));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    server.createContext(
        "/.well-known/jwks.json",
        exchange -> {
          jwksFetches.incrementAndGet();
          byte[] body = published.toString(true).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
  }

  public static TestHub get() {
    return INSTANCE;
  }

  /** Base URL of the hub, also the issuer of its assertions. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public ECKey es256() {
    return es256;
  }

  public RSAKey ps256() {
    return ps256;
  }

  public int jwksFetches() {
    return jwksFetches.get();
  }

  /**
   * Serves another hub endpoint here: requests whose path starts with {@code path} go to the
   * handler (the longest matching path wins, {@code /} takes what no other path does).
   *
   * @throws IllegalArgumentException when a handler is already routed at this path
   */
  public synchronized void route(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  /** Adds a key to the published JWKS, as a hub does when it rotates. */
  public synchronized void publish(JWK key) {
    List<JWK> keys = new ArrayList<>(published.getKeys());
    keys.add(key.toPublicJWK());
    published = new JWKSet(keys);
  }

  /** A fresh EC P-256 key, not published. */
  public static ECKey newEcKey() {
    try {
      return signingKey(new ECKeyGenerator(Curve.P_256)).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims of a valid assertion for the DLT e-service: lifetime 60 s, fresh jti. */
  public JWTClaimsSet.Builder validClaims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(baseUrl())
        .audience(DLT_AUDIENCE)
        .subject("17f3a4e9-aead-555a-8380-cf6996a84cbc")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(60)))
        .jwtID(UUID.randomUUID().toString())
        .claim("citizen_id", "3101200456789")
        .claim("given_name", "สมชาย")
        .claim("family_name", "ใจดี");
  }

  /** A valid ES256 assertion signed with the hub's published key. */
  public String assertion() {
    return sign(es256, JWSAlgorithm.ES256, validClaims().build());
  }

  /** A valid ES256 assertion with some claims changed. */
  public String assertion(Consumer<JWTClaimsSet.Builder> change) {
    JWTClaimsSet.Builder claims = validClaims();
    change.accept(claims);
    return sign(es256, JWSAlgorithm.ES256, claims.build());
  }

  /** Signs the claims with any key, published or not. */
  public static String sign(JWK key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
    try {
      JWSSigner signer =
          key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(algorithm)
                  .keyID(key.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <K extends JWK> JWKGenerator<K> signingKey(JWKGenerator<K> generator) {
    return generator.keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true);
  }
}
