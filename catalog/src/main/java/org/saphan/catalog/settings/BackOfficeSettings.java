package org.saphan.catalog.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The card's {@code backOffice} block: the steps officers work in the portal's back office (model
 * 4), and the licence the service issues.
 *
 * @param steps the workflow steps, in order
 * @param licence the licence issued on approval
 */
public record BackOfficeSettings(List<Step> steps, Optional<Licence> licence) {

  public BackOfficeSettings {
    steps = List.copyOf(steps);
  }

  /**
   * One step ({@code $defs/backOfficeStep}).
   *
   * @param id the step's id
   * @param name the step's name
   * @param role the officer role that works it
   * @param slaWorkingDays the step's promised time, in working days
   * @param outcomes what the step may decide
   * @param mode whether it runs after the previous step or beside it
   */
  public record Step(
      String id,
      LocalizedText name,
      String role,
      int slaWorkingDays,
      List<String> outcomes,
      Mode mode) {

    public Step {
      outcomes = List.copyOf(outcomes);
    }
  }

  /** How a step runs relative to the previous one. */
  public enum Mode {
    /** After the previous step. */
    @JsonProperty("sequential")
    SEQUENTIAL,
    /** Beside the previous parallel steps (a stage). */
    @JsonProperty("parallel")
    PARALLEL
  }

  /**
   * The card's {@code backOffice.licence}.
   *
   * @param issue whether approval issues a licence
   * @param title the licence's title
   * @param validityDays how long the licence is valid, in days; forever when absent
   * @param expiryNoticeDays how long before expiry the holder is told, in days
   */
  public record Licence(
      boolean issue,
      Optional<LocalizedText> title,
      OptionalInt validityDays,
      int expiryNoticeDays) {}
}
