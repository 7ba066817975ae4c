package org.saphan.sandbox.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * The fault a simulator is currently playing, switched by its control API; one per simulator.
 *
 * @param <M> the simulator's fault modes; the constant named {@code NONE} means healthy
 */
public final class FaultSwitch<M extends Enum<M>> {

  /** Longest accepted {@code slow} delay: longer would outlive the servlet async timeout (30 s). */
  public static final Duration MAX_DELAY = Duration.ofSeconds(25);

  /** Delay of a mode named {@code SLOW} when the request gives none. */
  public static final Duration DEFAULT_DELAY = Duration.ofSeconds(3);

  /**
   * The active fault.
   *
   * @param mode the fault mode
   * @param delay how long slow answers wait
   * @param code the optional detail of the fault request
   */
  public record Active<M extends Enum<M>>(M mode, Duration delay, String code) {

    /** The fault as the control API shows it. */
    public FaultRequest toRequest() {
      return new FaultRequest(mode.name().toLowerCase(Locale.ROOT), delay.toMillis(), code);
    }
  }

  private final Class<M> modes;
  private final M none;
  private final AtomicReference<Active<M>> active;

  public FaultSwitch(Class<M> modes) {
    this.modes = modes;
    this.none = Enum.valueOf(modes, "NONE");
    this.active = new AtomicReference<>(new Active<>(none, Duration.ZERO, null));
  }

  /** The fault now in force. */
  public Active<M> current() {
    return active.get();
  }

  /** Replaces the fault; an unknown mode or a delay out of range is refused with a 400. */
  public Active<M> set(FaultRequest request) {
    if (request == null || request.mode() == null || request.mode().isBlank()) {
      throw new SandboxException(HttpStatus.BAD_REQUEST, "fault_mode_missing", "mode is required");
    }
    M mode = parse(request.mode());
    long millis = request.delayMillis() == null ? 0 : request.delayMillis();
    if (millis < 0 || millis > MAX_DELAY.toMillis()) {
      throw new SandboxException(
          HttpStatus.BAD_REQUEST,
          "fault_delay_invalid",
          "delayMillis must be between 0 and " + MAX_DELAY.toMillis());
    }
    Duration delay = Duration.ofMillis(millis);
    if (millis == 0 && mode.name().equals("SLOW")) {
      delay = DEFAULT_DELAY;
    }
    Active<M> fault = new Active<>(mode, mode == none ? Duration.ZERO : delay, request.code());
    active.set(fault);
    return fault;
  }

  /** Back to healthy. */
  public void clear() {
    active.set(new Active<>(none, Duration.ZERO, null));
  }

  /**
   * Completes with the supplier's value after the delay, without holding a request thread while
   * waiting (Spring MVC answers a returned future asynchronously).
   */
  public static <T> CompletableFuture<T> after(Duration delay, Supplier<T> answer) {
    return CompletableFuture.supplyAsync(
        answer, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
  }

  private M parse(String mode) {
    String wanted = mode.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(modes.getEnumConstants())
        .filter(m -> m.name().equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new SandboxException(
                    HttpStatus.BAD_REQUEST,
                    "fault_mode_unknown",
                    "mode must be one of "
                        + Arrays.stream(modes.getEnumConstants())
                            .map(m -> m.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "))));
  }
}
