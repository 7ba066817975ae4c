package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IalLevelsTest {

  @Test
  void shouldOrderLevelsFromWeakestToStrongestWhenCompared() {
    // when / then
    assertThat(IalLevels.compare("1.2", "2.3")).isNegative();
    assertThat(IalLevels.compare("3", "2.3")).isPositive();
    assertThat(IalLevels.compare("2.2", "2.2")).isZero();
  }

  @Test
  void shouldTakeTheStricterFloorWhenBothAreSet() {
    // when / then
    assertThat(IalLevels.stricter("2.1", "2.3")).contains("2.3");
    assertThat(IalLevels.stricter("3", "2.3")).contains("3");
    assertThat(IalLevels.stricter(null, "1.2")).contains("1.2");
    assertThat(IalLevels.stricter("2.2", "")).contains("2.2");
    assertThat(IalLevels.stricter(null, null)).isEmpty();
  }

  @Test
  void shouldListEveryAcrValueAtOrAboveTheMinimumWhenAskedForAChallenge() {
    // when / then: the minimum first, space-separated as in acr_values
    assertThat(IalLevels.acrValuesAtLeast("2.3")).isEqualTo("urn:saphan:ial:2.3 urn:saphan:ial:3");
    assertThat(IalLevels.acrValuesAtLeast("3")).isEqualTo("urn:saphan:ial:3");
    assertThat(IalLevels.acr("1.1")).isEqualTo("urn:saphan:ial:1.1");
  }

  @Test
  void shouldRefuseALevelOutsideTheNumberingWhenCompared() {
    // when / then
    assertThatThrownBy(() -> IalLevels.compare("2.4", "2.3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown identity assurance level '2.4'");
  }
}
