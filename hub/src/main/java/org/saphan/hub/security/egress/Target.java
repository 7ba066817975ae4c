package org.saphan.hub.security.egress;

import java.net.IDN;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A URL reduced to what the egress policy checks and the client connects to: scheme, normalised
 * host, effective port, and the raw path and query.
 *
 * <p>Parsed from the raw authority rather than {@link URI#getHost()}, which returns null for hosts
 * such as {@code 127.1} or an internationalised name and would otherwise hide them from the check.
 *
 * @param uri the URL as given
 * @param scheme {@code http} or {@code https}
 * @param host lower-case ASCII (IDN as punycode); IPv6 literals keep their brackets
 * @param port the effective port (80 / 443 when the URL names none)
 * @param pathAndQuery the raw path (at least {@code /}) and query, as sent on the request line
 */
record Target(URI uri, String scheme, String host, int port, String pathAndQuery) {

  private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9._-]+");
  private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-f:.]+");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

  /** Host and port of an authority or an allow-list entry; port -1 when absent. */
  record HostPort(String host, int port) {}

  static Target parse(URI uri) {
    if (uri == null || !uri.isAbsolute()) {
      throw new Refused(RefusalReason.MALFORMED_URL, "not an absolute URL");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new Refused(
          RefusalReason.SCHEME_NOT_ALLOWED, "scheme " + scheme + " is not http or https");
    }
    String authority = uri.getRawAuthority();
    if (uri.isOpaque() || authority == null || authority.isEmpty()) {
      throw new Refused(RefusalReason.MALFORMED_URL, "no host");
    }
    if (uri.getRawUserInfo() != null || authority.indexOf('@') >= 0) {
      throw new Refused(RefusalReason.USERINFO_NOT_ALLOWED, "user information in the URL");
    }
    HostPort hostPort;
    try {
      hostPort = splitHostPort(authority);
    } catch (IllegalArgumentException e) {
      throw new Refused(RefusalReason.MALFORMED_URL, e.getMessage());
    }
    int port = hostPort.port() >= 0 ? hostPort.port() : defaultPort(scheme);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    return new Target(uri, scheme, hostPort.host(), port, pathAndQuery);
  }

  /**
   * Splits {@code host}, {@code host:port} or {@code [v6]:port}, normalising the host.
   *
   * @throws IllegalArgumentException with a reason when the text is not of that shape
   */
  static HostPort splitHostPort(String text) {
    String host;
    String rest;
    if (text.startsWith("[")) {
      int end = text.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("unterminated IPv6 literal");
      }
      host = text.substring(0, end + 1);
      rest = text.substring(end + 1);
    } else {
      int colon = text.lastIndexOf(':');
      host = colon < 0 ? text : text.substring(0, colon);
      rest = colon < 0 ? "" : text.substring(colon);
    }
    int port = -1;
    if (!rest.isEmpty()) {
      String digits = rest.substring(1);
      if (rest.charAt(0) != ':' || (!digits.isEmpty() && !PORT.matcher(digits).matches())) {
        throw new IllegalArgumentException("invalid port in " + text);
      }
      if (!digits.isEmpty()) {
        port = Integer.parseInt(digits);
        if (port < 1 || port > 65_535) {
          throw new IllegalArgumentException("port out of range in " + text);
        }
      }
    }
    return new HostPort(normaliseHost(host), port);
  }

  /**
   * Lower-case ASCII form of a host: IDN to punycode, no percent-encoding, no zone ids. A trailing
   * dot is kept, so {@code localhost.} stays a different name from {@code localhost}.
   */
  static String normaliseHost(String raw) {
    if (raw.isEmpty()) {
      throw new IllegalArgumentException("empty host");
    }
    if (raw.startsWith("[")) {
      String inner = raw.substring(1, raw.length() - 1).toLowerCase(Locale.ROOT);
      if (!raw.endsWith("]") || !IPV6_LITERAL.matcher(inner).matches()) {
        throw new IllegalArgumentException("invalid IPv6 literal " + raw);
      }
      return "[" + inner + "]";
    }
    String ascii;
    try {
      ascii = IDN.toASCII(raw).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid host name " + raw, e);
    }
    if (!HOST_NAME.matcher(ascii).matches()) {
      throw new IllegalArgumentException("invalid host name " + raw);
    }
    return ascii;
  }

  static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }

  /** The host as the socket layer wants it: IPv6 literals without brackets. */
  String connectHost() {
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /** {@code host:port}, the unit the allow-list permits. */
  String hostAndPort() {
    return host + ":" + port;
  }
}
