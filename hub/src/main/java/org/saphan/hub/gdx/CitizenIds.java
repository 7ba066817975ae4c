package org.saphan.hub.gdx;

/**
 * Thai 13-digit citizen ids: the check digit and the masked form for logs.
 *
 * <p>Kept here because the catalog module has no such helper yet; move it there when it has.
 */
final class CitizenIds {

  private static final int LENGTH = 13;
  private static final String HIDDEN = "x-xxxx-xxxxx-xx-x";

  private CitizenIds() {}

  /** True for 13 digits whose last is {@code (11 - sum(d[i] * (13 - i)) mod 11) mod 10}. */
  static boolean isValid(String id) {
    if (!isThirteenDigits(id)) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      sum += (id.charAt(i) - '0') * (LENGTH - i);
    }
    return (11 - sum % 11) % 10 == id.charAt(LENGTH - 1) - '0';
  }

  /**
   * {@code 1-2345-xxxxx-xx-1}: registration category, office and check digit stay, the serial is
   * hidden; anything that is not 13 digits is hidden entirely.
   */
  static String mask(String id) {
    if (!isThirteenDigits(id)) {
      return HIDDEN;
    }
    return id.charAt(0) + "-" + id.substring(1, 5) + "-xxxxx-xx-" + id.charAt(LENGTH - 1);
  }

  private static boolean isThirteenDigits(String id) {
    return id != null && id.length() == LENGTH && id.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
