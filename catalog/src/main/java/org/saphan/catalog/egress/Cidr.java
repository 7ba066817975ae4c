package org.saphan.catalog.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An address range in CIDR notation ({@code 10.0.0.0/8}, {@code fd12::/16}). */
public record Cidr(byte[] network, int prefix, String text) {

  private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

  /**
   * Parses CIDR notation; the address part must be a literal, so parsing never queries DNS.
   *
   * @throws IllegalArgumentException when the text is not a CIDR range
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR range (address/prefix): " + text);
    }
    String address = text.substring(0, slash);
    if (!LITERAL.matcher(address).matches() || (address.indexOf(':') < 0 && !isDotted(address))) {
      throw new IllegalArgumentException("not an IP address literal: " + text);
    }
    byte[] network;
    try {
      network = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address literal: " + text, e);
    }
    int prefix;
    try {
      prefix = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid prefix length: " + text, e);
    }
    if (prefix < 0 || prefix > network.length * 8) {
      throw new IllegalArgumentException("prefix length out of range: " + text);
    }
    return new Cidr(network, prefix, text);
  }

  private static boolean isDotted(String address) {
    return address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  }

  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (address[full] & mask) == (network[full] & mask);
  }

  @Override
  public String toString() {
    return text;
  }
}
