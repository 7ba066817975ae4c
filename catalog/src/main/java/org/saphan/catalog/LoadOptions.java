package org.saphan.catalog;

/**
 * How strictly cards are checked.
 *
 * @param allowHttp plain {@code http://} URLs are accepted silently: the sandbox profile only
 * @param offline the check runs without the deployment's environment ({@code ./saphan validate}):
 *     unset secrets and plain http become warnings instead of errors
 */
public record LoadOptions(boolean allowHttp, boolean offline) {

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
}
