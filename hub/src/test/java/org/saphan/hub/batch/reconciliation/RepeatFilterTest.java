package org.saphan.hub.batch.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepeatFilterTest {

  @Test
  void shouldNeverMissARepeatedReferenceWhenAMillionLinesRepeatSomeOfThem() {
    // given: a million ref1s shaped like the bank's, about 1 in 50 a repeat of an earlier one
    RepeatFilter filter = new RepeatFilter();
    Random random = new Random(20261124);
    Set<String> seen = new HashSet<>();
    List<String> earlier = new ArrayList<>();
    long repeats = 0;
    long falsePositives = 0;
    for (int i = 0; i < 1_000_000; i++) {
      String ref1 =
          !earlier.isEmpty() && random.nextInt(50) == 0
              ? earlier.get(random.nextInt(earlier.size()))
              : "PO" + (20261124_0000000L + random.nextInt(900_000_000));
      // when
      boolean hint = filter.seenBefore(ref1);
      // then: a repeat is always flagged (the match relies on it), a new one rarely
      if (!seen.add(ref1)) {
        repeats++;
        assertThat(hint).as("line %d repeats %s", i, ref1).isTrue();
      } else {
        earlier.add(ref1);
        if (hint) {
          falsePositives++;
        }
      }
    }
    assertThat(repeats).isGreaterThan(10_000);
    assertThat(falsePositives).as("new references flagged").isLessThan(1_000);
  }

  @Test
  void shouldFlagOnlyTheLaterLinesWhenTheSameReferenceComesThreeTimes() {
    RepeatFilter filter = new RepeatFilter();
    assertThat(filter.seenBefore("PO2026112400004")).isFalse();
    assertThat(filter.seenBefore("PO2026112400005")).isFalse();
    assertThat(filter.seenBefore("PO2026112400004")).isTrue();
    assertThat(filter.seenBefore("PO2026112400004")).isTrue();
    // Thai, empty and very long references hash like any other
    assertThat(filter.seenBefore("อ้างอิง๑")).isFalse();
    assertThat(filter.seenBefore("อ้างอิง๑")).isTrue();
    assertThat(filter.seenBefore("")).isFalse();
    assertThat(filter.seenBefore("")).isTrue();
    String longRef = "X".repeat(10_000);
    assertThat(filter.seenBefore(longRef)).isFalse();
    assertThat(filter.seenBefore(longRef)).isTrue();
  }
}
