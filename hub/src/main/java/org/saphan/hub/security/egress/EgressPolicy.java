package org.saphan.hub.security.egress;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which resolved addresses the hub may connect to, whatever a card says: never unspecified,
 * link-local (cloud metadata), multicast or reserved addresses; loopback only when {@code
 * allowLoopback}; private, CGNAT and unique-local ranges only when listed in {@code
 * allowedPrivateCidrs}. IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are
 * judged by that IPv4 address.
 */
public final class EgressPolicy {

  private static final byte[] ALIBABA_METADATA = {100, 100, 100, (byte) 200};
  private static final byte[] AWS_METADATA_V6 = {
    (byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54
  };

  private final boolean allowLoopback;
  private final List<Cidr> allowedPrivate;

  /**
   * @throws IllegalArgumentException when an entry of {@code allowedPrivateCidrs} is not CIDR
   */
  public EgressPolicy(boolean allowLoopback, List<String> allowedPrivateCidrs) {
    this.allowLoopback = allowLoopback;
    this.allowedPrivate = allowedPrivateCidrs.stream().map(Cidr::parse).toList();
  }

  /** The policy of {@code saphan.egress.*}. */
  public static EgressPolicy from(EgressProperties properties) {
    return new EgressPolicy(properties.isAllowLoopback(), properties.getAllowedPrivateCidrs());
  }

  /** Why the hub must not connect to this address, or empty when it may. */
  public Optional<String> refusal(InetAddress address) {
    byte[] bytes = address.getAddress();
    return Optional.ofNullable(bytes.length == 4 ? ipv4(bytes) : ipv6(bytes));
  }

  private String ipv4(byte[] a) {
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    int b2 = a[2] & 0xff;
    if (b0 == 0) {
      return "unspecified (0.0.0.0/8)";
    }
    if (b0 == 127) {
      return allowLoopback ? null : "loopback";
    }
    if (b0 == 169 && b1 == 254) {
      return "link-local (169.254.0.0/16, cloud metadata)";
    }
    if (b0 >= 224) {
      return b0 < 240 ? "multicast" : "reserved (240.0.0.0/4)";
    }
    if (Arrays.equals(a, ALIBABA_METADATA)) {
      return "cloud metadata";
    }
    if (b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168)) {
      return privateUnlessListed(a, "private (RFC 1918)");
    }
    if (b0 == 100 && (b1 & 0xc0) == 64) {
      return privateUnlessListed(a, "shared address space (CGNAT 100.64.0.0/10)");
    }
    if ((b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2))
        || (b0 == 198 && (b1 & 0xfe) == 18)
        || (b0 == 198 && b1 == 51 && b2 == 100)
        || (b0 == 203 && b1 == 0 && b2 == 113)) {
      return "reserved (special-purpose or documentation range)";
    }
    return null;
  }

  private String ipv6(byte[] a) {
    int w0 = word(a, 0);
    int w1 = word(a, 2);
    if (allZero(a, 0, 10)) {
      if (word(a, 10) == 0xffff) {
        return embedded(a, 12, "IPv4-mapped");
      }
      if (word(a, 10) == 0) {
        if (allZero(a, 10, 16)) {
          return "unspecified (::)";
        }
        if (allZero(a, 10, 15) && a[15] == 1) {
          return allowLoopback ? null : "loopback";
        }
        return embedded(a, 12, "IPv4-compatible");
      }
    }
    if (w0 == 0x0064 && w1 == 0xff9b) {
      return allZero(a, 4, 12) ? embedded(a, 12, "NAT64") : "reserved (NAT64 local use)";
    }
    if (w0 == 0x2002) {
      return embedded(a, 2, "6to4");
    }
    if (w0 == 0x2001 && w1 == 0x0000) {
      return "Teredo tunnel (2001::/32)";
    }
    if (w0 == 0x2001 && w1 == 0x0db8) {
      return "reserved (documentation 2001:db8::/32)";
    }
    if (w0 == 0x0100 && allZero(a, 2, 8)) {
      return "reserved (discard-only 100::/64)";
    }
    if ((a[0] & 0xff) == 0xff) {
      return "multicast";
    }
    if ((a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0x80) {
      return "link-local (fe80::/10)";
    }
    if (Arrays.equals(a, AWS_METADATA_V6)) {
      return "cloud metadata";
    }
    if ((a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0xc0) {
      return privateUnlessListed(a, "site-local (fec0::/10)");
    }
    if ((a[0] & 0xfe) == 0xfc) {
      return privateUnlessListed(a, "unique-local (fc00::/7)");
    }
    return null;
  }

  private String embedded(byte[] a, int offset, String form) {
    byte[] v4 = Arrays.copyOfRange(a, offset, offset + 4);
    String why = ipv4(v4);
    return why == null ? null : form + " IPv4 address that is " + why;
  }

  private String privateUnlessListed(byte[] address, String why) {
    for (Cidr cidr : allowedPrivate) {
      if (cidr.contains(address)) {
        return null;
      }
    }
    return why + ", not in saphan.egress.allowed-private-cidrs";
  }

  private static int word(byte[] a, int offset) {
    return ((a[offset] & 0xff) << 8) | (a[offset + 1] & 0xff);
  }

  private static boolean allZero(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
