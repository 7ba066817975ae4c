package org.saphan.hub.security.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.IDN;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

class AllowListTest {

  private static final URI CARD_URL = URI.create("http://localhost:8090/agencies/dlt/e-learning");

  private final AllowList sandboxCard =
      AllowList.of(
          List.of("localhost", "e-service.example.go.th", "api.example.go.th:8443"), CARD_URL);

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "http://localhost:8090/agencies/dlt/e-learning",
        "http://localhost/",
        "https://localhost:443/",
        "http://LOCALHOST:8090/x?y=1",
        "https://e-service.example.go.th/start",
        "https://E-Service.Example.GO.TH/start",
        "https://api.example.go.th:8443/v1",
        "http://localhost:8090"
      })
  void shouldPermitWhenHostAndPortAreListed(String url) {
    // when / then
    assertThat(sandboxCard.permits(URI.create(url))).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "http://127.0.0.1:8090/, host_not_allowed",
    "http://127.1:8090/, host_not_allowed",
    "http://2130706433:8090/, host_not_allowed",
    "http://0x7f.0.0.1:8090/, host_not_allowed",
    "http://017700000001:8090/, host_not_allowed",
    "'http://[::1]:8090/', host_not_allowed",
    "'http://[::ffff:127.0.0.1]:8090/', host_not_allowed",
    "http://0.0.0.0:8090/, host_not_allowed",
    "http://localhost.:8090/, host_not_allowed",
    "http://evil.example/, host_not_allowed",
    "http://e-service.example.go.th.evil.example/, host_not_allowed",
    "http://localhost:9999/, port_not_allowed",
    "https://e-service.example.go.th:8090/, port_not_allowed",
    "https://api.example.go.th/v1, port_not_allowed",
    "file:///etc/passwd, scheme_not_allowed",
    "ftp://localhost/, scheme_not_allowed",
    "jar:file:/tmp/x.jar!/a, scheme_not_allowed",
    "gopher://localhost:8090/, scheme_not_allowed",
    "http://user:secret@localhost:8090/, userinfo_not_allowed",
    "http://localhost:8090@evil.example/, userinfo_not_allowed",
    "http:/localhost/, malformed_url",
    "/relative/path, malformed_url",
    "http://local%68ost:8090/, malformed_url",
    "http://localhost:99999/, malformed_url"
  })
  void shouldRefuseWithReasonWhenUrlIsNotPermitted(String url, String reason) {
    // given
    URI uri = URI.create(url);

    // when / then
    assertThat(sandboxCard.permits(uri)).isFalse();
    assertThatThrownBy(() -> sandboxCard.requirePermitted(uri))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.EGRESS_REFUSED);
              assertThat(e.properties())
                  .containsEntry(EgressProblems.REASON, reason)
                  .containsEntry(EgressProblems.URL, url);
              assertThat(e.getMessage()).contains(url);
            });
  }

  @Test
  void shouldAllowCardPortOnlyForCardHostWhenEntryIsBare() {
    // given: the card's URL is on localhost:8090
    AllowList allow = AllowList.of(List.of("localhost", "other.example.go.th"), CARD_URL);

    // when / then
    assertThat(allow.hostPorts())
        .containsExactly(
            "localhost:443",
            "localhost:80",
            "localhost:8090",
            "other.example.go.th:443",
            "other.example.go.th:80");
  }

  @Test
  void shouldCompareInternationalisedHostsAsPunycodeWhenEitherSideIsUnicode() {
    // given
    AllowList allow = AllowList.of(List.of("บริการ.ไทย"), null);
    String punycode = IDN.toASCII("บริการ.ไทย");

    // when / then
    assertThat(allow.permits(URI.create("https://" + punycode.toUpperCase() + "/x"))).isTrue();
    assertThat(allow.permits(URI.create("https://บริการ.ไทย/x"))).isTrue();
    assertThat(allow.hostPorts()).contains(punycode + ":443");
  }

  @Test
  void shouldPermitOnlyThatOriginWhenBuiltFromOneUrl() {
    // given
    AllowList allow = AllowList.origin(URI.create("http://localhost:8090/agencies/ldd/info.json"));

    // when / then
    assertThat(allow.permits(URI.create("http://localhost:8090/other"))).isTrue();
    assertThat(allow.permits(URI.create("http://localhost/other"))).isFalse();
    assertThat(allow.permits(URI.create("https://localhost:8090/other"))).isTrue();
  }

  @Test
  void shouldPermitNothingWhenEmpty() {
    // when / then
    assertThat(AllowList.none().permits(CARD_URL)).isFalse();
    assertThat(AllowList.of(List.of(), CARD_URL).permits(CARD_URL)).isFalse();
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", "local host", "host:port", "https://localhost", "[::1", "a/b"})
  void shouldRejectCardWhenAnEntryIsNotAHost(String entry) {
    // when / then
    assertThatThrownBy(() -> AllowList.of(List.of(entry), CARD_URL))
        .isInstanceOfSatisfying(
            SaphanException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CATALOG_INVALID));
  }
}
