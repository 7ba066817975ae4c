package org.saphan.catalog.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which addresses and host names the hub may call out to, whatever a card says: the one policy used
 * offline by {@code ./saphan validate} and at start-up (card URLs as written) and at run time by
 * the hub's guarded DNS resolver (the addresses a name resolves to).
 *
 * <p>Never: unspecified (0.0.0.0/8, ::), link-local (169.254/16, fe80::/10, where cloud metadata
 * lives), cloud metadata addresses and names, multicast, reserved and documentation ranges.
 * Loopback (127/8, ::1, {@code localhost}) only when {@code allowLoopback} (the sandbox profile).
 * Private (RFC 1918), CGNAT (100.64/10), site- and unique-local (fec0::/10, fc00::/7) only inside a
 * range of the deployment's allow-list. IPv6 forms that embed an IPv4 address (mapped, compatible,
 * NAT64, 6to4) are judged by that IPv4 address.
 */
public final class AddressPolicy {

  /** Where the deployment's allow-list of private ranges is set. */
  public static final String ALLOW_LIST_SETTING = "saphan.egress.allowed-private-cidrs";

  /** Host names of cloud instance-metadata services, refused before any lookup. */
  public static final Set<String> METADATA_HOSTS =
      Set.of(
          "metadata.google.internal",
          "metadata.goog",
          "metadata",
          "instance-data",
          "instance-data.ec2.internal",
          "metadata.azure.internal",
          "metadata.tencentyun.com",
          "metadata.platformequinix.com");

  private static final byte[] ALIBABA_METADATA = {100, 100, 100, (byte) 200};
  private static final byte[] AWS_METADATA_V6 = {
    (byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54
  };
  private static final Pattern IPV4_PART = Pattern.compile("0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*");
  private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

  private final boolean allowLoopback;
  private final List<Cidr> allowed;

  /**
   * @param allowLoopback whether loopback may be reached (the sandbox profile only)
   * @param allowedCidrs the deployment's allow-list of private ranges, in CIDR notation
   * @throws IllegalArgumentException when an entry of {@code allowedCidrs} is not CIDR
   */
  public AddressPolicy(boolean allowLoopback, List<String> allowedCidrs) {
    this.allowLoopback = allowLoopback;
    this.allowed = allowedCidrs.stream().map(Cidr::parse).toList();
  }

  /** Whether loopback may be reached. */
  public boolean allowsLoopback() {
    return allowLoopback;
  }

  /** Why the hub must not connect to this address (4 or 16 bytes), or empty when it may. */
  public Optional<String> refusal(byte[] address) {
    return Optional.ofNullable(address.length == 4 ? ipv4(address) : ipv6(address));
  }

  /** Why the hub must not connect to this address, or empty when it may. */
  public Optional<String> refusal(InetAddress address) {
    return refusal(address.getAddress());
  }

  /**
   * Why the hub must not call this host, judged from its text alone (no lookup): a metadata name, a
   * {@code localhost} name, or an address literal in any spelling a resolver accepts ({@code
   * 127.1}, {@code 2130706433}, {@code 0x7f.0.0.1}, {@code 0177.0.0.1}, {@code [::ffff:a9fe:a9fe]})
   * that the address policy refuses. Other names are judged at run time by what they resolve to.
   */
  public Optional<String> hostRefusal(String host) {
    if (host == null || host.isEmpty()) {
      return Optional.empty();
    }
    String name = host.toLowerCase(Locale.ROOT);
    while (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.startsWith("[") && name.endsWith("]")) {
      return ipv6Literal(name.substring(1, name.length() - 1));
    }
    if (name.indexOf(':') >= 0) {
      return ipv6Literal(name);
    }
    if (METADATA_HOSTS.contains(name)) {
      return Optional.of("a cloud metadata host name");
    }
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return allowLoopback ? Optional.empty() : Optional.of("loopback (a localhost name)");
    }
    byte[] v4 = ipv4Literal(name);
    return v4 == null ? Optional.empty() : refusal(v4);
  }

  private Optional<String> ipv6Literal(String text) {
    int zone = text.indexOf('%');
    String bare = zone < 0 ? text : text.substring(0, zone);
    if (!IPV6_LITERAL.matcher(bare).matches()) {
      return Optional.of("not a valid IPv6 literal");
    }
    try {
      // Only hex digits, colons and dots: parsed as a literal, never looked up.
      return refusal(InetAddress.getByName(bare).getAddress());
    } catch (UnknownHostException e) {
      return Optional.of("not a valid IPv6 literal");
    }
  }

  /**
   * The IPv4 address a dotted literal denotes as inet_aton reads it (1 to 4 parts, each decimal,
   * octal with a leading 0 or hex with 0x; the last part fills the remaining bytes), or null when
   * the text is a name.
   */
  static byte[] ipv4Literal(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length > 4) {
      return null;
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (!IPV4_PART.matcher(part).matches()) {
        return null;
      }
      try {
        if (part.startsWith("0x") || part.startsWith("0X")) {
          values[i] = part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
        } else if (part.length() > 1 && part.startsWith("0")) {
          values[i] = Long.parseLong(part.substring(1), 8);
        } else {
          values[i] = Long.parseLong(part);
        }
      } catch (NumberFormatException e) {
        return new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255}; // out of range
      }
    }
    long address = 0;
    for (int i = 0; i < values.length - 1; i++) {
      if (values[i] > 255) {
        return new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255};
      }
      address |= values[i] << (8 * (3 - i));
    }
    long last = values[values.length - 1];
    if (last >= 1L << (8 * (4 - (values.length - 1)))) {
      return new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255};
    }
    address |= last;
    return new byte[] {
      (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address
    };
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
    for (Cidr cidr : allowed) {
      if (cidr.contains(address)) {
        return null;
      }
    }
    return why + ", not in " + ALLOW_LIST_SETTING;
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
