package org.saphan.catalog;

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
 */
public record LoadOptions(boolean allowHttp, boolean offline, String sandboxAddress) {

  /** The address the sample cards use for the sandbox's simulated agencies. */
  public static final String SANDBOX_URL = "http://localhost:8090";

  public LoadOptions(boolean allowHttp, boolean offline) {
    this(allowHttp, offline, null);
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
    return new LoadOptions(allowHttp, offline, address);
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
