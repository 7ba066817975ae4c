package org.saphan.hub.security.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/** The one outbound client: refusals name the party and are counted; POSTs go out once. */
class EgressClientTest {

  private static final URI AGENCY = URI.create("https://api.dcy.example.go.th/v1/applications");

  private final TestDns dns = new TestDns();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private TestServer agency;
  private EgressClient strict;
  private EgressClient sandbox;

  @BeforeEach
  void setUp() throws IOException {
    agency = TestServer.onLoopback();
    strict =
        new EgressClient(new SafeHttpClient(SafeHttpClientTest.properties(false), dns), meters);
    sandbox =
        new EgressClient(new SafeHttpClient(SafeHttpClientTest.properties(true), dns), meters);
  }

  @AfterEach
  void tearDown() {
    agency.close();
  }

  @Test
  void shouldRefuseNamingPartyAndHostWhenAgencyHostResolvesToMetadata() {
    // given: the agency's DNS name answers the cloud metadata address
    dns.answer("api.dcy.example.go.th", "169.254.169.254");
    EgressRequest post =
        EgressRequest.post(AGENCY, "application/json", "{}".getBytes(StandardCharsets.UTF_8));

    // when / then
    assertThatThrownBy(() -> strict.send("dcy-newborn-grant", post))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.EGRESS_REFUSED);
              assertThat(e.properties())
                  .containsEntry(EgressClient.PARTY, "dcy-newborn-grant")
                  .containsEntry(EgressProblems.REASON, "address_not_allowed");
              assertThat(e.getMessage())
                  .startsWith("dcy-newborn-grant: ")
                  .contains("api.dcy.example.go.th resolves to 169.254.169.254");
            });
    assertThat(
            meters
                .counter(
                    "saphan.egress.refused",
                    "party",
                    "dcy-newborn-grant",
                    "reason",
                    "address_not_allowed")
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldRefuseBeforeAnyLookupWhenHostIsAMetadataName() {
    // given
    EgressRequest get = EgressRequest.get(URI.create("http://metadata.google.internal/v1/"));

    // when / then
    assertThatThrownBy(() -> sandbox.send("gdx", get))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.EGRESS_REFUSED);
              assertThat(e.properties()).containsEntry(EgressClient.PARTY, "gdx");
            });
    assertThat(dns.lookups()).isEmpty();
  }

  @Test
  void shouldPostBodyAndHeadersOnceWhenAgencyIsAllowed() {
    // given
    List<String> seen = new CopyOnWriteArrayList<>();
    agency.route(
        "/soap",
        exchange -> {
          seen.add(exchange.getRequestHeaders().getFirst("SOAPAction"));
          seen.add(exchange.getRequestHeaders().getFirst("Content-Type"));
          seen.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          TestServer.text(200, "text/xml", "<ok/>").handle(exchange);
        });
    EgressRequest post =
        EgressRequest.post(
                agency.url("/soap"),
                "text/xml; charset=utf-8",
                "<a/>".getBytes(StandardCharsets.UTF_8))
            .withHeaders(Map.of("SOAPAction", "\"urn:x:Submit\""));

    // when
    EgressResponse response = sandbox.send("dld-animal-movement-permit", post);

    // then
    assertThat(response.status()).isEqualTo(200);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("<ok/>");
    assertThat(seen).containsExactly("\"urn:x:Submit\"", "text/xml; charset=utf-8", "<a/>");
  }

  @Test
  void shouldReturnRedirectWithoutFollowingItWhenAPostIsRedirected() {
    // given
    agency.route("/moved", TestServer.redirect("/elsewhere"));
    agency.route("/elsewhere", TestServer.status(200));
    EgressRequest post =
        EgressRequest.post(agency.url("/moved"), "application/json", new byte[] {'{', '}'});

    // when
    EgressResponse response = sandbox.send("dcy-newborn-grant", post);

    // then
    assertThat(response.status()).isEqualTo(302);
    assertThat(agency.requests()).containsExactly("POST /moved");
  }

  @Test
  void shouldRefuseHeaderWhenCallerSetsOneTheClientOwns() {
    // when / then
    assertThatThrownBy(() -> EgressRequest.get(AGENCY).withHeaders(Map.of("Host", "internal")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
