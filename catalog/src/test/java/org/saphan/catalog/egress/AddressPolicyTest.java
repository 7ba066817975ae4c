package org.saphan.catalog.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one address policy: hosts judged by their text (offline) in every spelling. */
class AddressPolicyTest {

  private static final AddressPolicy STRICT = new AddressPolicy(false, List.of());

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "169.254.169.254 | link-local",
        "2852039166 | link-local",
        "0xa9.0xfe.0xa9.0xfe | link-local",
        "0251.0376.0251.0376 | link-local",
        "169.254.43518 | link-local",
        "[::ffff:169.254.169.254] | link-local",
        "[::ffff:a9fe:a9fe] | link-local",
        "[fe80::1] | link-local (fe80::/10)",
        "[fd00:ec2::254] | cloud metadata",
        "metadata.google.internal | a cloud metadata host name",
        "METADATA.GOOGLE.INTERNAL. | a cloud metadata host name",
        "metadata | a cloud metadata host name",
        "100.100.100.200 | cloud metadata",
        "0.0.0.0 | unspecified",
        "0 | unspecified",
        "[::] | unspecified",
        "127.0.0.1 | loopback",
        "127.1 | loopback",
        "2130706433 | loopback",
        "0x7f000001 | loopback",
        "0177.0.0.1 | loopback",
        "[::1] | loopback",
        "localhost | loopback",
        "localhost. | loopback",
        "api.localhost | loopback",
        "10.0.0.1 | private (RFC 1918)",
        "172.31.255.255 | private (RFC 1918)",
        "192.168.0.1 | private (RFC 1918)",
        "100.64.0.1 | CGNAT",
        "[fc00::1] | unique-local",
        "224.0.0.1 | multicast",
        "255.255.255.255 | reserved"
      })
  void shouldRefuseHostWhenItsTextIsAnInternalAddress(String host, String why) {
    // when / then
    assertThat(STRICT.hostRefusal(host)).hasValueSatisfying(r -> assertThat(r).contains(why));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "api.dcy.example.go.th",
        "8.8.8.8",
        "1.1.1.1",
        "[2001:4860:4860::8888]",
        "metadata.example.go.th",
        "127-0-0-1.example.go.th"
      })
  void shouldLeaveHostToRunTimeWhenItsTextIsPublicOrAName(String host) {
    // when / then
    assertThat(STRICT.hostRefusal(host)).isEmpty();
  }

  @Test
  void shouldOpenOnlyListedRangesWhenAllowListIsGiven() {
    // given
    AddressPolicy policy = new AddressPolicy(false, List.of("10.20.0.0/16", "fd12::/16"));

    // when / then
    assertThat(policy.hostRefusal("10.20.3.4")).isEmpty();
    assertThat(policy.hostRefusal("[fd12::1]")).isEmpty();
    assertThat(policy.hostRefusal("10.21.3.4")).isPresent();
  }

  @Test
  void shouldNeverOpenMetadataLoopbackOrUnspecifiedWhenAllowListNamesTheirRange() {
    // given
    AddressPolicy policy =
        new AddressPolicy(false, List.of("169.254.0.0/16", "127.0.0.0/8", "0.0.0.0/0"));

    // when / then
    assertThat(policy.hostRefusal("169.254.169.254")).isPresent();
    assertThat(policy.hostRefusal("127.0.0.1")).isPresent();
    assertThat(policy.hostRefusal("0.0.0.0")).isPresent();
    assertThat(policy.hostRefusal("100.100.100.200")).isPresent();
  }

  @Test
  void shouldAcceptLoopbackWhenLoopbackIsAllowed() {
    // given
    AddressPolicy sandbox = new AddressPolicy(true, List.of());

    // when / then
    assertThat(sandbox.hostRefusal("localhost")).isEmpty();
    assertThat(sandbox.hostRefusal("127.0.0.1")).isEmpty();
    assertThat(sandbox.hostRefusal("[::1]")).isEmpty();
    assertThat(sandbox.hostRefusal("169.254.169.254")).isPresent();
  }

  @Test
  void shouldRefusePolicyWhenAllowListEntryIsNotCidr() {
    // when / then
    assertThatThrownBy(() -> new AddressPolicy(false, List.of("intranet.example/8")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
