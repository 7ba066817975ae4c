package org.saphan.sandbox.gdx;

/**
 * A smart ID card issued to a person, as the laser-code check sees it.
 *
 * @param laserCode the code on the back of the card: 2 letters then 10 digits, no dashes
 * @param issueDate BE {@code yyyyMMdd}
 * @param expiryDate BE {@code yyyyMMdd}; a card past it is not valid
 * @param status the card's state in the register
 */
public record IdCard(String laserCode, int issueDate, int expiryDate, Status status) {

  /** Laser code format: 2 letters and 10 digits. */
  public static final String LASER_CODE_PATTERN = "[A-Z]{2}\\d{10}";

  /** State of a card in the register. */
  public enum Status {
    /** In use. */
    NORMAL,
    /** Reported lost or stolen: the check answers {@code false}. */
    LOST,
    /** Void since the holder's address changed: the check answers error {@code [2]}. */
    VOIDED_ADDRESS_CHANGE
  }
}
