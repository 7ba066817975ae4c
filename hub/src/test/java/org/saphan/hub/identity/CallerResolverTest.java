package org.saphan.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.egress.TestEgress;

/** Claims a token lacks come from userinfo (cached per token); a citizen id must be there. */
class CallerResolverTest {

  private static final String ISSUER = "https://digitalid.test";

  private final AtomicInteger userinfoCalls = new AtomicInteger();
  private volatile String userinfoBody = "{}";
  private HttpServer userinfoServer;
  private ECKey key;
  private CallerResolver resolver;

  @BeforeEach
  void setUp() throws Exception {
    key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
    userinfoServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    userinfoServer.createContext(
        "/userinfo",
        exchange -> {
          userinfoCalls.incrementAndGet();
          byte[] body = userinfoBody.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    userinfoServer.start();
    IdentityProperties properties = new IdentityProperties();
    properties.setIssuer(URI.create(ISSUER));
    Clock clock = Clock.systemUTC();
    AccessTokenValidator validator =
        new AccessTokenValidator(
            new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())),
            ISSUER,
            "saphan-hub",
            List.of("ES256"),
            Duration.ofSeconds(30),
            clock);
    UserinfoClient userinfo =
        new UserinfoClient(
            URI.create("http://127.0.0.1:" + userinfoServer.getAddress().getPort() + "/userinfo"),
            Duration.ofSeconds(2),
            clock,
            TestEgress.loopback());
    AgencyRoles noRoles =
        new AgencyRoles(null) {
          @Override
          public Map<String, java.util.Set<String>> of(String citizenId) {
            return Map.of();
          }
        };
    resolver = new CallerResolver(validator, userinfo, noRoles, properties);
  }

  @AfterEach
  void tearDown() {
    userinfoServer.stop(0);
  }

  @Test
  void shouldTakeMissingClaimsFromUserinfoOnceWhenTheTokenLacksThem() throws Exception {
    // given
    userinfoBody = "{\"sub\":\"s1\",\"citizen_id\":\"3101200456789\",\"ial_level\":\"2.2\"}";
    String token = token(new JWTClaimsSet.Builder().subject("s1"));
    // when
    Caller first = resolver.resolve(token);
    Caller second = resolver.resolve(token);
    // then
    assertThat(first.citizenId()).isEqualTo("3101200456789");
    assertThat(second.ialLevel()).isEqualTo("2.2");
    assertThat(userinfoCalls).hasValue(1);
  }

  @Test
  void shouldRefuseWithCitizenIdMissingWhenNeitherTokenNorUserinfoHasOne() throws Exception {
    // given
    userinfoBody = "{\"sub\":\"s1\",\"ial_level\":\"2.3\"}";
    String token = token(new JWTClaimsSet.Builder().subject("s1"));
    // then
    assertCode(() -> resolver.resolve(token), ErrorCode.CITIZEN_ID_MISSING);
  }

  @Test
  void shouldRefuseWithTokenInvalidWhenUserinfoAnswersForAnotherSubject() throws Exception {
    // given
    userinfoBody = "{\"sub\":\"someone-else\",\"citizen_id\":\"3101200456789\"}";
    String token = token(new JWTClaimsSet.Builder().subject("s1"));
    // then
    assertCode(() -> resolver.resolve(token), ErrorCode.TOKEN_INVALID);
  }

  @Test
  void shouldRefuseWithCitizenIdInvalidWhenTheIdIsNotThirteenDigits() throws Exception {
    String token =
        token(
            new JWTClaimsSet.Builder()
                .subject("s1")
                .claim("citizen_id", "31012004567")
                .claim("ial_level", "2.3"));
    assertCode(() -> resolver.resolve(token), ErrorCode.CITIZEN_ID_INVALID);
  }

  @Test
  void shouldRecognisePortalClientWhenTheTokenIsAClientCredentialsToken() throws Exception {
    // when
    Caller portal = resolver.resolve(token(new JWTClaimsSet.Builder().subject("citizen-portal")));
    // then
    assertThat(portal.kind()).isEqualTo(Caller.Kind.PORTAL_CLIENT);
    assertThat(userinfoCalls).hasValue(0);
    assertCode(portal::requireCitizen, ErrorCode.FORBIDDEN);
  }

  @Test
  void shouldRefuseWithInsufficientAssuranceNamingTheRequiredLevelWhenIalIsTooLow()
      throws Exception {
    // given
    Caller caller =
        resolver.resolve(
            token(
                new JWTClaimsSet.Builder()
                    .subject("s1")
                    .claim("citizen_id", "3101200456789")
                    .claim("ial_level", "1.2")));
    // then
    assertThatThrownBy(() -> caller.requireIal("2.3"))
        .isInstanceOf(SaphanException.class)
        .satisfies(
            e -> {
              assertThat(((SaphanException) e).code()).isEqualTo(ErrorCode.INSUFFICIENT_ASSURANCE);
              assertThat(((SaphanException) e).properties()).containsEntry("requiredIal", "2.3");
            });
  }

  private String token(JWTClaimsSet.Builder claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(),
            claims
                .issuer(ISSUER)
                .audience("saphan-hub")
                .expirationTime(new Date(System.currentTimeMillis() + 600_000))
                .build());
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  private static void assertCode(Runnable action, ErrorCode code) {
    assertThatThrownBy(action::run)
        .isInstanceOf(SaphanException.class)
        .extracting(e -> ((SaphanException) e).code())
        .isEqualTo(code);
  }
}
