package org.saphan.sandbox.gdx;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The fault the simulator is told to show; one at a time, {@code none} by default. */
public final class GdxFaults {

  /** Fault modes of the control API. */
  public enum Mode {
    /** Normal service. */
    NONE,
    /** Every GDX endpoint answers 503. */
    DOWN,
    /** Every GDX endpoint answers late, then normally. */
    SLOW,
    /** The next data call answers 401 "token expired" and kills the token it presented. */
    TOKEN_EXPIRED,
    /** Linkage reads answer 404 {@code 00001}. */
    NOT_FOUND,
    /** Data calls answer 500 with the fault's code. */
    ERROR_500;

    /** The mode as written in the control API: lower case. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The mode with this control-API name, if any. */
    public static Optional<Mode> parse(String value) {
      if (value == null) {
        return Optional.empty();
      }
      for (Mode m : values()) {
        if (m.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return Optional.of(m);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * A fault.
   *
   * @param mode what goes wrong
   * @param delay how late a {@code slow} answer is
   * @param code the {@code Code} of an {@code error_500} answer
   */
  public record Fault(Mode mode, Duration delay, String code) {

    /** No fault. */
    public static final Fault NONE = new Fault(Mode.NONE, Duration.ZERO, null);
  }

  private final AtomicReference<Fault> current = new AtomicReference<>(Fault.NONE);

  public Fault current() {
    return current.get();
  }

  public void set(Fault fault) {
    current.set(fault);
  }

  public void clear() {
    current.set(Fault.NONE);
  }

  /**
   * True, once, when a {@code token_expired} fault is set: the fault fires on one call and then
   * clears itself, so that the client's re-login and retry succeed.
   */
  public boolean takeTokenExpired() {
    Fault fault = current.get();
    return fault.mode() == Mode.TOKEN_EXPIRED && current.compareAndSet(fault, Fault.NONE);
  }
}
