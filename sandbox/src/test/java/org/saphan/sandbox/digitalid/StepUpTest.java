package org.saphan.sandbox.digitalid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StepUpTest {

  @Test
  void shouldIssueAtTheFirstSupportedLevelWhenAcrValuesAreAskedFor() {
    // when
    var claims = StepUp.claims("urn:example:other urn:saphan:ial:2.3 urn:saphan:ial:3");

    // then
    assertThat(claims).contains(Map.of("acr", "urn:saphan:ial:2.3", "ial_level", "2.3"));
  }

  @Test
  void shouldIssueNothingSpecialWhenNoAcrValueIsSupported() {
    // when / then
    assertThat(StepUp.claims("urn:saphan:ial:2.4 loa3")).isEmpty();
    assertThat(StepUp.claims(null)).isEmpty();
  }
}
