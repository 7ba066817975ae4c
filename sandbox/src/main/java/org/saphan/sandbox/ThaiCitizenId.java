package org.saphan.sandbox;

/** Thai 13-digit citizen id: check digit and the masked form used in logs and pages. */
public final class ThaiCitizenId {

  private static final int LENGTH = 13;

  private ThaiCitizenId() {}

  /**
   * The check digit for the first 12 digits: weights 13..2, then {@code (11 - sum mod 11) mod 10}.
   */
  public static int checkDigit(String first12) {
    if (first12 == null || first12.length() != LENGTH - 1 || !allDigits(first12)) {
      throw new IllegalArgumentException("expected 12 digits");
    }
    int sum = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      sum += (first12.charAt(i) - '0') * (LENGTH - i);
    }
    return (11 - sum % 11) % 10;
  }

  /** True when the value is 13 digits whose last digit is the check digit of the first 12. */
  public static boolean isValid(String citizenId) {
    if (citizenId == null || citizenId.length() != LENGTH || !allDigits(citizenId)) {
      return false;
    }
    return checkDigit(citizenId.substring(0, LENGTH - 1)) == citizenId.charAt(LENGTH - 1) - '0';
  }

  /**
   * The masked form {@code 1-2345-xxxxx-xx-1}: registration category, office, and check digit stay;
   * the serial is hidden. Anything that is not 13 digits is hidden entirely.
   */
  public static String mask(String citizenId) {
    if (citizenId == null || citizenId.length() != LENGTH || !allDigits(citizenId)) {
      return "x-xxxx-xxxxx-xx-x";
    }
    return citizenId.charAt(0)
        + "-"
        + citizenId.substring(1, 5)
        + "-xxxxx-xx-"
        + citizenId.charAt(12);
  }

  private static boolean allDigits(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
