package org.saphan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A short smoke run of every benchmarked case: it signs and verifies (numbers come from JMH). */
class SigningBenchmarkSmokeTest {

  @ParameterizedTest
  @EnumSource(SigningFixture.Case.class)
  void shouldSignAndVerifyWhenTheBenchmarkCaseRuns(SigningFixture.Case which) {
    // given
    SigningFixture fixture = SigningFixture.of(which);
    // when
    for (int i = 0; i < 3; i++) {
      fixture.sign();
    }
    String kid = fixture.verify();
    // then
    assertThat(kid).isNotBlank();
  }
}
