package org.saphan.sandbox.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultSwitchTest {

  enum Mode {
    NONE,
    DOWN,
    SLOW,
    HEAD_NOT_ALLOWED
  }

  private final FaultSwitch<Mode> faults = new FaultSwitch<>(Mode.class);

  @Test
  void shouldWaitDefaultDelayWhenSlowGivesNoDelay() {
    // given
    FaultRequest request = new FaultRequest("slow", null, null);

    // when
    FaultSwitch.Active<Mode> fault = faults.set(request);

    // then
    assertThat(fault.mode()).isEqualTo(Mode.SLOW);
    assertThat(fault.delay()).isEqualTo(FaultSwitch.DEFAULT_DELAY);
  }

  @Test
  void shouldTakeSnakeCaseModeWhenModeHasUnderscores() {
    // given
    FaultRequest request = new FaultRequest("head_not_allowed", 0L, null);

    // when
    FaultSwitch.Active<Mode> fault = faults.set(request);

    // then
    assertThat(fault.mode()).isEqualTo(Mode.HEAD_NOT_ALLOWED);
    assertThat(fault.delay()).isEqualTo(Duration.ZERO);
  }

  @Test
  void shouldRefuseWithCodeWhenModeIsUnknown() {
    // given
    FaultRequest request = new FaultRequest("on_fire", null, null);

    // when / then
    assertThatThrownBy(() -> faults.set(request))
        .isInstanceOfSatisfying(
            SandboxException.class, e -> assertThat(e.code()).isEqualTo("fault_mode_unknown"));
    assertThat(faults.current().mode()).isEqualTo(Mode.NONE);
  }

  @Test
  void shouldRefuseWithCodeWhenDelayIsBeyondMaximum() {
    // given
    FaultRequest request = new FaultRequest("slow", FaultSwitch.MAX_DELAY.toMillis() + 1, null);

    // when / then
    assertThatThrownBy(() -> faults.set(request))
        .isInstanceOfSatisfying(
            SandboxException.class, e -> assertThat(e.code()).isEqualTo("fault_delay_invalid"));
  }
}
