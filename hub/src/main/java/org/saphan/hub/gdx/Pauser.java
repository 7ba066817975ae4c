package org.saphan.hub.gdx;

import java.time.Duration;

/** Waits between retries; tests replace it to record the pauses instead of waiting. */
@FunctionalInterface
interface Pauser {

  /** Waits for the given time. */
  void pause(Duration duration) throws InterruptedException;

  /** Really waits. */
  static Pauser sleeping() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
