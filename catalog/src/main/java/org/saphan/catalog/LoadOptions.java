package org.saphan.catalog;

import java.util.List;
import java.util.Map;

/**
 * How strictly cards are checked.
 *
 * @param allowHttp plain {@code http://} URLs are accepted silently: the sandbox profile only
 * @param offline the check runs without the deployment's environment ({@code ./saphan validate}):
 *     unset secrets and plain http become warnings instead of errors
 * @param sandboxAddress in the sandbox profile, where the simulated agencies really listen: URLs in
 *     cards that start with {@link #SANDBOX_URL} are re-pointed there (the sandbox may run on
 *     another port, e.g. in tests); {@code null} leaves URLs as written
 * @param egressAllowList the deployment's allow-list of private ranges (CIDR, as {@code
 *     saphan.egress.allowed-private-cidrs}): card URLs whose host is an address in one of them are
 *     accepted. Loopback is accepted only where {@code allowHttp} (the sandbox profile).
 */
public record LoadOptions(
    boolean allowHttp, boolean offline, String sandboxAddress, List<String> egressAllowList) {

  /** The address the sample cards use for the sandbox's simulated agencies. */
  public static final String SANDBOX_URL = "http://localhost:8090";

  public LoadOptions {
    egressAllowList = egressAllowList == null ? List.of() : List.copyOf(egressAllowList);
  }

  public LoadOptions(boolean allowHttp, boolean offline) {
    this(allowHttp, offline, null, List.of());
  }

  public LoadOptions(boolean allowHttp, boolean offline, String sandboxAddress) {
    this(allowHttp, offline, sandboxAddress, List.of());
  }

  /** Production start-up: https only, every secret set. */
  public static LoadOptions runtime() {
    return new LoadOptions(false, false);
  }

  /** Sandbox profile start-up: plain http allowed, every secret set. */
  public static LoadOptions sandbox() {
    return new LoadOptions(true, false);
  }

  /** {@code ./saphan validate}: offline, plain http reported as a warning. */
  public static LoadOptions validate() {
    return new LoadOptions(false, true);
  }

  /** The same options with the sandbox's real address. */
  public LoadOptions withSandboxAddress(String address) {
    return new LoadOptions(allowHttp, offline, address, egressAllowList);
  }

  /** The same options with the deployment's allow-list of private ranges (CIDR). */
  public LoadOptions withEgressAllowList(List<String> cidrs) {
    return new LoadOptions(allowHttp, offline, sandboxAddress, cidrs);
  }

  /** A URL as the hub should use it: re-pointed at the sandbox's real address where asked. */
  public String rewrite(String url) {
    if (sandboxAddress == null
        || sandboxAddress.equals(SANDBOX_URL)
        || url == null
        || !(url.equals(SANDBOX_URL) || url.startsWith(SANDBOX_URL + "/"))) {
      return url;
    }
    return sandboxAddress + url.substring(SANDBOX_URL.length());
  }

  /** The URL properties of a card that {@link #rewrite} applies to, as JSON pointers. */
  static final Map<String, String> URL_POINTERS =
      Map.of(
          "info.source.url", "/info/source/url",
          "linkOut.url", "/linkOut/url",
          "sso.redirectUrl", "/sso/redirectUrl",
          "api.endpoint", "/api/endpoint",
          "api.paymentEndpoint", "/api/paymentEndpoint",
          "api.wsdl", "/api/wsdl",
          "api.statusPolling.url", "/api/statusPolling/url");
}
