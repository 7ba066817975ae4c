package org.saphan.catalog;

/**
 * The 13-digit Thai citizen id (and juristic tax id, same check digit): format, check digit, and a
 * masked form for logs.
 */
public final class ThaiCitizenId {

  private ThaiCitizenId() {}

  /** True for 13 digits whose last digit is the check digit of the first 12. */
  public static boolean isValid(String id) {
    if (id == null || id.length() != 13) {
      return false;
    }
    for (int i = 0; i < 13; i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return false;
      }
    }
    return id.charAt(12) - '0' == checkDigit(id.substring(0, 12));
  }

  /** The check digit of the first 12 digits: (11 − Σ dᵢ·(13−i) mod 11) mod 10. */
  public static int checkDigit(String first12) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (first12.charAt(i) - '0') * (13 - i);
    }
    return (11 - sum % 11) % 10;
  }

  /** {@code 1-1037-xxxxx-xx-5}: enough for an operator to tell ids apart, never the id. */
  public static String mask(String id) {
    if (id == null || id.length() != 13) {
      return "x-xxxx-xxxxx-xx-x";
    }
    return id.charAt(0) + "-" + id.substring(1, 5) + "-xxxxx-xx-" + id.charAt(12);
  }
}
