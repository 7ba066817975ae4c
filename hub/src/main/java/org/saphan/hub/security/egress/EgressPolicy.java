package org.saphan.hub.security.egress;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.saphan.catalog.egress.AddressPolicy;

/**
 * Which resolved addresses and host names the hub may connect to, whatever a card says: the
 * catalog's {@link AddressPolicy} (the same rules {@code ./saphan validate} applies to card URLs
 * offline) with the deployment's {@code saphan.egress.*} settings.
 */
public final class EgressPolicy {

  private final AddressPolicy policy;

  /**
   * @throws IllegalArgumentException when an entry of {@code allowedPrivateCidrs} is not CIDR
   */
  public EgressPolicy(boolean allowLoopback, List<String> allowedPrivateCidrs) {
    this.policy = new AddressPolicy(allowLoopback, allowedPrivateCidrs);
  }

  /** The policy of {@code saphan.egress.*}. */
  public static EgressPolicy from(EgressProperties properties) {
    return new EgressPolicy(properties.isAllowLoopback(), properties.getAllowedPrivateCidrs());
  }

  /** Why the hub must not connect to this address, or empty when it may. */
  public Optional<String> refusal(InetAddress address) {
    return policy.refusal(address);
  }

  /**
   * Why the hub must not call this host whatever it resolves to (a metadata or localhost name, an
   * internal address literal), or empty when only its resolved addresses can tell.
   */
  public Optional<String> hostRefusal(String host) {
    return policy.hostRefusal(host);
  }
}
