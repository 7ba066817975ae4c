package org.saphan.hub.identity;

import java.util.List;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/** Identity assurance levels in the ETDA / NDID numbering, weakest first. */
public final class IalLevels {

  /** Every level, weakest first. */
  public static final List<String> ORDER = List.of("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3");

  private IalLevels() {}

  /**
   * Negative, zero or positive as {@code a} is weaker than, equal to or stronger than {@code b}.
   */
  public static int compare(String a, String b) {
    return Integer.compare(rank(a), rank(b));
  }

  /** Whether {@code value} is a known level. */
  public static boolean isKnown(String value) {
    return ORDER.contains(value);
  }

  private static int rank(String level) {
    int rank = ORDER.indexOf(level);
    if (rank < 0) {
      throw SaphanException.validation(
          ErrorCode.TOKEN_INVALID, "unknown identity assurance level '" + level + "'");
    }
    return rank;
  }
}
