package org.saphan.sandbox.digitalid;

import com.nimbusds.jose.jwk.JWK;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The Digital ID stand-in: a real OpenID Connect provider (mock-oauth2-server) on its own port,
 * issuer {@code http://localhost:<port>/digitalid}, that knows the personas.
 */
@Component
public class DigitalIdServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DigitalIdServer.class);

  private final DigitalIdProperties properties;
  private final KeyProvider keys;
  private final MockOAuth2Server server;
  private volatile boolean running;

  public DigitalIdServer(
      DigitalIdProperties properties,
      PersonaCatalog personas,
      @Value("${sandbox.keys.dir:../keys}") Path keysDir) {
    this.properties = properties;
    // Our own keys, kept across restarts (tokens outlive a restart); the bundled keys of
    // mock-oauth2-server are public.
    this.keys =
        DigitalIdKeys.load(
            keysDir,
            List.of(properties.issuerId(), properties.otherIssuerId()),
            properties.signingAlgorithm());
    OAuth2TokenCallback callback =
        new PersonaTokenCallback(
            properties.issuerId(), properties.audience(), properties.tokenLifetime());
    OAuth2Config config =
        new OAuth2Config(
            true,
            null,
            null,
            false,
            new OAuth2TokenProvider(keys),
            Set.of(callback),
            // Netty rather than MockWebServer: MockWebServer keeps every request in memory.
            new PersonaLoginHttpServer(new NettyWrapper(), properties.issuerId(), personas));
    this.server =
        new MockOAuth2Server(
            config,
            new PersonaUserInfoRoute(
                properties.issuerId(), personas, keys, () -> issuer(properties.issuerId())));
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    try {
      server.start(InetAddress.getByName(properties.bindAddress()), properties.port());
    } catch (IOException e) {
      throw new UncheckedIOException("Digital ID stand-in did not start", e);
    }
    running = true;
    log.info("Digital ID stand-in listening, issuer {}", issuer(properties.issuerId()));
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    try {
      server.shutdown();
    } catch (RuntimeException e) {
      log.warn("Digital ID stand-in did not stop cleanly: {}", e.getMessage());
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** The port the OIDC server listens on (the real one when configured with port 0). */
  public int port() {
    return server.getConfig().getHttpServer().port();
  }

  /** Base URL of the issuers: the configured public one, else {@code http://localhost:<port>}. */
  public String baseUrl() {
    String configured = properties.publicBaseUrl();
    if (configured != null && !configured.isBlank()) {
      return configured.endsWith("/")
          ? configured.substring(0, configured.length() - 1)
          : configured;
    }
    return "http://localhost:" + port();
  }

  /** The issuer URL for an issuer id, e.g. {@code http://localhost:8091/digitalid}. */
  public String issuer(String issuerId) {
    return baseUrl() + "/" + issuerId;
  }

  /** The private signing key of an issuer, the one its JWKS publishes. */
  JWK signingKey(String issuerId) {
    return keys.signingKey(issuerId);
  }
}
