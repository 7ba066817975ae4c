package org.saphan.hub.security.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/** A DNS of the test's own: fixed answers, and a record of every name looked up. */
final class TestDns implements HostResolver {

  private static final Pattern LITERAL =
      Pattern.compile("[0-9]+(\\.[0-9]+){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

  private final Map<String, InetAddress[]> answers = new ConcurrentHashMap<>();
  private final List<String> lookups = new CopyOnWriteArrayList<>();

  TestDns() {
    answer("localhost", "127.0.0.1");
  }

  /** Makes {@code host} resolve to these literal addresses. */
  TestDns answer(String host, String... literals) {
    InetAddress[] addresses = new InetAddress[literals.length];
    for (int i = 0; i < literals.length; i++) {
      try {
        addresses[i] =
            InetAddress.getByAddress(host, InetAddress.getByName(literals[i]).getAddress());
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(literals[i], e);
      }
    }
    answers.put(host, addresses);
    return this;
  }

  List<String> lookups() {
    return List.copyOf(lookups);
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    lookups.add(host);
    InetAddress[] addresses = answers.get(host);
    if (addresses == null && LITERAL.matcher(host).matches()) {
      return new InetAddress[] {InetAddress.getByName(host)}; // a literal: parsed, not looked up
    }
    if (addresses == null) {
      throw new UnknownHostException(host);
    }
    return addresses.clone();
  }
}
