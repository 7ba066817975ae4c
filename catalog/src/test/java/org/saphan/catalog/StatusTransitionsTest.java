package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.saphan.catalog.StatusTransitions.Transition;

class StatusTransitionsTest {

  /**
   * The expected table, written out by hand so the test does not re-derive the rule: rows are the
   * current status, columns the reported one, in {@link #ORDER}; {@code M} move, {@code =} repeat,
   * {@code x} refused.
   */
  private static final List<CanonicalStatus> ORDER =
      List.of(
          CanonicalStatus.SUBMITTED,
          CanonicalStatus.FAILED,
          CanonicalStatus.DELIVERED,
          CanonicalStatus.RECEIVED,
          CanonicalStatus.IN_REVIEW,
          CanonicalStatus.CORRECTION_REQUESTED,
          CanonicalStatus.PAYMENT_REQUIRED,
          CanonicalStatus.PAID,
          CanonicalStatus.APPROVED,
          CanonicalStatus.COMPLETED,
          CanonicalStatus.REJECTED,
          CanonicalStatus.CANCELLED);

  private static final String TABLE =
      """
      current \\ reported    SUB FAI DEL REC REV COR PRQ PAI APP COM REJ CAN
      submitted              =   M   M   M   M   M   M   M   M   M   M   M
      failed                 M   =   M   M   M   M   M   M   M   M   M   M
      delivered              x   x   =   M   M   M   M   M   M   M   M   M
      received               x   x   x   =   M   M   M   M   M   M   M   M
      in_review              x   x   x   x   =   M   M   M   M   M   M   M
      correction_requested   x   x   x   x   M   =   M   M   M   M   M   M
      payment_required       x   x   x   x   M   M   =   M   M   M   M   M
      paid                   x   x   x   x   M   M   M   =   M   M   M   M
      approved               x   x   x   x   x   x   x   x   =   M   M   M
      completed              x   x   x   x   x   x   x   x   x   =   x   x
      rejected               x   x   x   x   x   x   x   x   x   x   =   x
      cancelled              x   x   x   x   x   x   x   x   x   x   x   =
      """;

  private static Map<CanonicalStatus, String[]> rows() {
    Map<CanonicalStatus, String[]> rows = new java.util.EnumMap<>(CanonicalStatus.class);
    TABLE
        .lines()
        .skip(1)
        .map(line -> line.trim().split("\\s+"))
        .forEach(
            cells ->
                rows.put(
                    CanonicalStatus.fromWire(cells[0]).orElseThrow(),
                    java.util.Arrays.copyOfRange(cells, 1, cells.length)));
    return rows;
  }

  static Stream<Arguments> everyPair() {
    List<Arguments> pairs = new ArrayList<>();
    for (CanonicalStatus from : CanonicalStatus.values()) {
      String[] row = rows().get(from);
      for (CanonicalStatus to : CanonicalStatus.values()) {
        Transition expected =
            switch (row[ORDER.indexOf(to)]) {
              case "M" -> Transition.MOVE;
              case "=" -> Transition.REPEAT;
              default -> Transition.REFUSED;
            };
        pairs.add(Arguments.of(from, to, expected));
      }
    }
    return pairs.stream();
  }

  @Test
  void shouldCoverEveryCanonicalStatusWhenTheTableIsWrittenOut() {
    // given // when // then
    assertThat(ORDER).containsExactlyInAnyOrder(CanonicalStatus.values());
    assertThat(rows().keySet()).containsExactlyInAnyOrder(CanonicalStatus.values());
    assertThat(rows().values()).allSatisfy(row -> assertThat(row).hasSize(ORDER.size()));
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("everyPair")
  void shouldGiveTheTablesTransitionWhenAStatusFollowsAnother(
      CanonicalStatus from, CanonicalStatus to, Transition expected) {
    // given: the current status `from`
    // when
    Transition transition = StatusTransitions.of(from, to);
    // then
    assertThat(transition).isEqualTo(expected);
  }
}
