package org.saphan.hub.security.egress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only way to turn a host into addresses: resolves once per connection and
 * refuses the host when any of its addresses is refused by the policy. The client then connects to
 * exactly the addresses returned here, so a DNS answer cannot change between check and connect.
 */
final class GuardedDnsResolver implements DnsResolver {

  private final HostResolver resolver;
  private final EgressPolicy policy;

  GuardedDnsResolver(HostResolver resolver, EgressPolicy policy) {
    this.resolver = resolver;
    this.policy = policy;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    InetAddress[] addresses = resolver.resolve(host);
    if (addresses == null || addresses.length == 0) {
      throw new UnknownHostException(host + " has no address");
    }
    // All or nothing: a mix of public and internal records is a rebinding attempt, not a fallback.
    for (InetAddress address : addresses) {
      Optional<String> refusal = policy.refusal(address);
      if (refusal.isPresent()) {
        throw new AddressRefusedException(
            host + " resolves to " + address.getHostAddress() + ", which is " + refusal.get());
      }
    }
    return addresses.clone();
  }

  @Override
  public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
    return Arrays.stream(resolve(host)).map(a -> new InetSocketAddress(a, port)).toList();
  }

  @Override
  public String resolveCanonicalHostname(String host) {
    // No reverse lookups: the name the card gave is the name used (SNI, Host, certificates).
    return host;
  }
}
