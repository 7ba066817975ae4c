package org.saphan.hub.gdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/** The one assertion every refusal test makes: exactly this error code. */
final class GdxAssertions {

  private GdxAssertions() {}

  /** Asserts that the call fails with a SaphanException of exactly this code. */
  static AbstractThrowableAssert<?, ? extends Throwable> assertCode(
      ThrowingCallable call, ErrorCode code) {
    return assertThatThrownBy(call)
        .isInstanceOf(SaphanException.class)
        .satisfies(e -> assertThat(((SaphanException) e).code()).isEqualTo(code));
  }
}
