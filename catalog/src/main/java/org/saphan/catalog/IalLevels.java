package org.saphan.catalog;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Identity assurance levels (IAL) in the ETDA / NDID numbering, weakest first, and the Digital ID
 * {@code acr} value of each: the one place where a card's {@code minimumIal} and a token's {@code
 * ial_level} are compared, and where an RFC 9470 step-up challenge finds the {@code acr_values} to
 * ask for.
 */
public final class IalLevels {

  /** Every level, weakest first. */
  public static final List<String> ORDER = List.of("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3");

  /**
   * Prefix of the authentication context class ({@code acr}) of a level: {@code urn:saphan:ial:2.3}
   * asks Digital ID (and its sandbox stand-in) for a login at IAL 2.3. Digital ID publishes no
   * standard acr for IAL, so the hub and the sandbox agree on this one; a deployment whose Digital
   * ID names its levels otherwise changes it here, and only here.
   */
  public static final String ACR_PREFIX = "urn:saphan:ial:";

  private IalLevels() {}

  /**
   * Negative, zero or positive as {@code a} is weaker than, equal to or stronger than {@code b}.
   *
   * @throws IllegalArgumentException when either is not a known level
   */
  public static int compare(String a, String b) {
    return Integer.compare(rank(a), rank(b));
  }

  /** Whether {@code value} is a known level. */
  public static boolean isKnown(String value) {
    return ORDER.contains(value);
  }

  /** The stricter of two floors, either of which may be absent ({@code null} or blank). */
  public static Optional<String> stricter(String a, String b) {
    if (a == null || a.isBlank()) {
      return b == null || b.isBlank() ? Optional.empty() : Optional.of(b);
    }
    if (b == null || b.isBlank()) {
      return Optional.of(a);
    }
    return Optional.of(compare(a, b) >= 0 ? a : b);
  }

  /** The {@code acr} value of a level, such as {@code urn:saphan:ial:2.3}. */
  public static String acr(String level) {
    rank(level);
    return ACR_PREFIX + level;
  }

  /**
   * The {@code acr_values} that satisfy {@code minimum}, space-separated as in OpenID Connect and
   * RFC 9470, the minimum first: {@code urn:saphan:ial:2.3 urn:saphan:ial:3} for 2.3.
   */
  public static String acrValuesAtLeast(String minimum) {
    return ORDER.subList(rank(minimum), ORDER.size()).stream()
        .map(l -> ACR_PREFIX + l)
        .collect(Collectors.joining(" "));
  }

  private static int rank(String level) {
    int rank = ORDER.indexOf(level);
    if (rank < 0) {
      throw new IllegalArgumentException("unknown identity assurance level '" + level + "'");
    }
    return rank;
  }
}
