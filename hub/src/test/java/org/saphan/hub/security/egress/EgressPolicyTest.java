package org.saphan.hub.security.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EgressPolicyTest {

  private final EgressPolicy strict = new EgressPolicy(false, List.of());

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "127.0.0.1, loopback",
    "127.255.0.9, loopback",
    "::1, loopback",
    "0.0.0.0, unspecified",
    "0.1.2.3, unspecified",
    "::, unspecified",
    "169.254.169.254, link-local",
    "169.254.0.1, link-local",
    "fe80::1, link-local",
    "10.0.0.5, private",
    "172.16.0.1, private",
    "172.31.255.254, private",
    "192.168.1.1, private",
    "100.64.0.1, CGNAT",
    "100.127.255.254, CGNAT",
    "100.100.100.200, cloud metadata",
    "fc00::1, unique-local",
    "fd00:ec2::254, cloud metadata",
    "fec0::1, site-local",
    "224.0.0.1, multicast",
    "ff02::1, multicast",
    "255.255.255.255, reserved",
    "192.0.2.10, reserved",
    "::ffff:169.254.169.254, link-local",
    "64:ff9b::a00:5, private",
    "2002:7f00:1::, loopback",
    "2001:0:4136:e378::1, Teredo",
    "2001:db8::1, reserved"
  })
  void shouldRefuseWhenAddressIsInternal(String literal, String why) throws Exception {
    // when
    var refusal = strict.refusal(InetAddress.getByName(literal));

    // then
    assertThat(refusal).hasValueSatisfying(r -> assertThat(r).contains(why));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"8.8.8.8", "164.115.1.1", "172.32.0.1", "100.128.0.1", "2001:4860::8888"})
  void shouldAcceptWhenAddressIsPublic(String literal) throws Exception {
    // when / then
    assertThat(strict.refusal(InetAddress.getByName(literal))).isEmpty();
  }

  @Test
  void shouldJudgeEmbeddedAddressWhenIpv6FormIsMappedIpv4() throws Exception {
    // given: ::ffff:127.0.0.1 kept as a 16-byte address (a resolver may return one)
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = 127;
    mapped[15] = 1;
    InetAddress address = Inet6Address.getByAddress(null, mapped, -1);

    // when / then
    assertThat(strict.refusal(address)).hasValueSatisfying(r -> assertThat(r).contains("loopback"));
    assertThat(new EgressPolicy(true, List.of()).refusal(address)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"127.0.0.1", "::1"})
  void shouldAcceptLoopbackWhenAllowLoopbackIsSet(String literal) throws Exception {
    // given
    EgressPolicy sandbox = new EgressPolicy(true, List.of());

    // when / then
    assertThat(sandbox.refusal(InetAddress.getByName(literal))).isEmpty();
  }

  @Test
  void shouldAcceptPrivateAddressWhenItsRangeIsListed() throws Exception {
    // given
    EgressPolicy government = new EgressPolicy(false, List.of("10.0.0.0/8", "fd12:3456::/32"));

    // when / then
    assertThat(government.refusal(InetAddress.getByName("10.0.0.5"))).isEmpty();
    assertThat(government.refusal(InetAddress.getByName("fd12:3456::7"))).isEmpty();
    assertThat(government.refusal(InetAddress.getByName("192.168.1.1"))).isPresent();
    assertThat(government.refusal(InetAddress.getByName("fd12:3457::7"))).isPresent();
  }

  @Test
  void shouldTakeLoopbackAndRangesFromPropertiesWhenBuiltFromThem() throws Exception {
    // given
    EgressProperties properties = new EgressProperties();
    properties.setAllowedPrivateCidrs(List.of("10.0.0.0/8"));

    // when
    EgressPolicy policy = EgressPolicy.from(properties);

    // then: loopback is off by default, the listed range is open
    assertThat(policy.refusal(InetAddress.getByName("127.0.0.1"))).isPresent();
    assertThat(policy.refusal(InetAddress.getByName("10.0.0.5"))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"127.0.0.1", "169.254.169.254", "0.0.0.0", "100.100.100.200"})
  void shouldStillRefuseWhenListedRangeCoversNonPrivateAddress(String literal) throws Exception {
    // given: an operator lists everything
    EgressPolicy careless = new EgressPolicy(false, List.of("0.0.0.0/0", "::/0"));

    // when / then
    assertThat(careless.refusal(InetAddress.getByName(literal))).isPresent();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "intranet.example/8", "10.0.0/8", "::/129"})
  void shouldRejectPolicyWhenCidrIsInvalid(String cidr) {
    // when / then
    assertThatThrownBy(() -> new EgressPolicy(false, List.of(cidr)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseWholeHostWhenAnyAddressIsInternal() {
    // given: a name that answers with one public and one internal record
    TestDns dns = new TestDns().answer("evil.example", "93.184.216.34", "10.0.0.5");
    GuardedDnsResolver resolver = new GuardedDnsResolver(dns, strict);

    // when / then
    assertThatThrownBy(() -> resolver.resolve("evil.example"))
        .isInstanceOf(AddressRefusedException.class)
        .hasMessageContaining("10.0.0.5");
  }

  @Test
  void shouldReturnValidatedAddressesWhenPrivateRangeIsListed() throws UnknownHostException {
    // given
    TestDns dns = new TestDns().answer("agency.intranet.go.th", "10.0.0.5");
    GuardedDnsResolver resolver =
        new GuardedDnsResolver(dns, new EgressPolicy(false, List.of("10.0.0.0/8")));

    // when
    InetAddress[] addresses = resolver.resolve("agency.intranet.go.th");

    // then
    assertThat(addresses).extracting(InetAddress::getHostAddress).containsExactly("10.0.0.5");
    assertThat(resolver.resolve("agency.intranet.go.th", 8443))
        .singleElement()
        .satisfies(a -> assertThat(a.getPort()).isEqualTo(8443));
  }
}
