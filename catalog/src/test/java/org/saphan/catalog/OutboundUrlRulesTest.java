package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.saphan.catalog.cli.ValidateCommand;

/**
 * Card URLs that would send the hub to internal addresses: refused offline and at start-up, in
 * every URL property of the schema, unless the sandbox or the deployment's allow-list opens them.
 * Every spelling of every address class is in {@code AddressPolicyTest}; here one card per class.
 */
class OutboundUrlRulesTest {

  private static final String API_FILE = "connectors/dcy-newborn-grant.connector.yaml";
  private static final String ENDPOINT =
      "endpoint: https://api.dcy.example.go.th/newborn-grant/v1/applications";

  @TempDir Path dir;

  private TestHome homeWithEndpoint(String url) {
    return new TestHome(dir).withApiCard(TestHome.API_CARD.replace(ENDPOINT, "endpoint: " + url));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://169.254.169.254/latest/meta-data/ | link-local (169.254.0.0/16, cloud metadata)",
        "http://metadata.google.internal/computeMetadata/v1/ | a cloud metadata host name",
        "http://100.100.100.200/latest/meta-data/ | cloud metadata",
        "http://0.0.0.0:8080/ | unspecified (0.0.0.0/8)",
        "http://2852039166/ | link-local (169.254.0.0/16, cloud metadata)"
      })
  void shouldRefuseUrlEvenWithAllowListWhenHostIsNeverCallable(String url, String why) {
    // given
    TestHome home = homeWithEndpoint(url);

    // when: even an allow-list naming the range does not open these
    LoadResult result =
        home.load(
            LoadOptions.sandbox().withEgressAllowList(List.of("169.254.0.0/16", "100.64.0.0/10")));

    // then
    assertThat(TestHome.lines(result))
        .contains(
            "ERROR "
                + API_FILE
                + ":18: dcy-newborn-grant.api.endpoint: host '"
                + host(url)
                + "' is "
                + why
                + ": the hub never calls it");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://127.0.0.1:8080/actuator/jolokia | loopback",
        "http://2130706433/ | loopback",
        "http://localhost:8080/actuator/jolokia | loopback (a localhost name)",
        "https://10.1.2.3/v1 | private (RFC 1918), not in saphan.egress.allowed-private-cidrs",
        "https://100.64.0.1/v1 | shared address space (CGNAT 100.64.0.0/10), not in"
            + " saphan.egress.allowed-private-cidrs"
      })
  void shouldRefuseInternalUrlWhenOutsideTheSandboxWithoutAllowList(String url, String why) {
    // given
    TestHome home = homeWithEndpoint(url);

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .contains(
            "ERROR "
                + API_FILE
                + ":18: dcy-newborn-grant.api.endpoint: host '"
                + host(url)
                + "' is "
                + why
                + ": outside the sandbox profile the hub calls such an address only when the"
                + " deployment's allow-list (saphan.egress.allowed-private-cidrs, validate"
                + " --egress-allow) names its range");
  }

  @ParameterizedTest
  @CsvSource({"https://10.1.2.3/v1, 10.0.0.0/8", "https://100.64.0.1/v1, 100.64.0.0/10"})
  void shouldAcceptPrivateUrlWhenTheDeploymentAllowListNamesItsRange(String url, String cidr) {
    // given
    TestHome home = homeWithEndpoint(url);

    // when
    LoadResult result = home.load(LoadOptions.runtime().withEgressAllowList(List.of(cidr)));

    // then
    assertThat(result.findings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8090/agency", "http://localhost:8090/agency"})
  void shouldAcceptLoopbackUrlWhenInTheSandboxProfile(String url) {
    // given
    TestHome home = homeWithEndpoint(url);

    // when
    LoadResult result = home.load(LoadOptions.sandbox());

    // then
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void shouldWarnOfflineWhenUrlIsTheSampleSandboxAddress() {
    // given: the sample cards point at the sandbox, like their plain http
    TestHome home = homeWithEndpoint("http://localhost:8090/agencies/dcy/v1/applications");

    // when
    LoadResult result = home.load(LoadOptions.validate());

    // then
    assertThat(result.errors()).isEmpty();
    assertThat(TestHome.lines(result))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "WARNING "
                            + API_FILE
                            + ":18: dcy-newborn-grant.api.endpoint: host 'localhost' is loopback"));
  }

  @Test
  void shouldRefuseEveryUrlPropertyWhenItPointsAtMetadata() {
    // given: the info source (a property no rule names by hand) points at the metadata service
    TestHome home = new TestHome(dir);
    home.card(
        "led-bankruptcy-check",
        TestHome.LINK_OUT_CARD.replace(
            "  channels: [agency_website]\n",
            "  channels: [agency_website]\n  source:\n    url: http://169.254.169.254/latest/\n"));

    // when
    LoadResult result = home.load(LoadOptions.sandbox());

    // then
    assertThat(TestHome.lines(result))
        .contains(
            "ERROR connectors/led-bankruptcy-check.connector.yaml:17:"
                + " led-bankruptcy-check.info.source.url: host '169.254.169.254' is link-local"
                + " (169.254.0.0/16, cloud metadata): the hub never calls it");
  }

  @Test
  void shouldFindEveryUrlPropertyWhenReadingTheSchema() {
    // when
    List<String> properties = OutboundUrlRules.urlProperties();

    // then
    assertThat(properties)
        .contains(
            "info.source.url",
            "linkOut.url",
            "sso.redirectUrl",
            "api.endpoint",
            "api.paymentEndpoint",
            "api.wsdl",
            "api.trust.jwksUrl");
  }

  @Test
  void shouldWarnWhenJwksUrlUsesPlainHttp() {
    // given
    TestHome home =
        new TestHome(dir)
            .withApiCard(
                TestHome.API_CARD.replace(
                    "    algorithm: ES256\n",
                    "    algorithm: ES256\n  trust:\n"
                        + "    jwksUrl: http://keys.dcy.example.go.th/jwks.json\n"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(result.errors()).isEmpty();
    assertThat(TestHome.lines(result))
        .containsExactly(
            "WARNING "
                + API_FILE
                + ":29: dcy-newborn-grant.api.trust.jwksUrl: "
                + OutboundUrlRules.JWKS_HTTP_REASON);
  }

  @Test
  void shouldPassValidateWhenEgressAllowNamesThePrivateRange() {
    // given
    TestHome home = homeWithEndpoint("https://10.20.0.7/v1");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ValidateCommand command = home.validateCommand(out);

    // when
    int without = command.run("validate");
    int with = command.run("validate", "--egress-allow", "10.20.0.0/16");

    // then
    assertThat(without).isEqualTo(ValidateCommand.INVALID);
    assertThat(with).isEqualTo(ValidateCommand.VALID);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("error: " + API_FILE + ":18: dcy-newborn-grant.api.endpoint: host '10.20.0.7'");
  }

  @Test
  void shouldRefuseUsageWhenEgressAllowIsNotCidr() {
    // given
    ValidateCommand command =
        new ValidateCommand(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            TestHome.SECRETS,
            dir.toString());

    // when
    int status = command.run("validate", "--egress-allow", "intranet.example");

    // then
    assertThat(status).isEqualTo(ValidateCommand.USAGE);
  }

  private static String host(String url) {
    String rest = url.substring(url.indexOf("://") + 3);
    int end = rest.length();
    for (char c : new char[] {'/', ':', '?'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return rest.substring(0, end);
  }
}
