package org.saphan.catalog;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of which canonical status may follow which, whoever reports it (agency callback,
 * SOAP report, poll, the hub's own delivery, payments, the back office).
 *
 * <p>A status may move up in rank, any non-terminal status may move to {@code rejected} or {@code
 * cancelled}, and the current status may be repeated (nothing new happens). Everything else is a
 * regression and refused. Two stages are cycles rather than ladders, because real processes loop in
 * them: before delivery ({@code submitted}, {@code failed}: a failed delivery is replayed) and the
 * agency's processing ({@code in_review}, {@code correction_requested}, {@code payment_required},
 * {@code paid}: a correction or a fee sends the case back to review).
 */
public final class StatusTransitions {

  /** What a reported status does to the current one. */
  public enum Transition {
    /** The status changes. */
    MOVE,
    /** The report repeats the current status: nothing changes, nothing new is told. */
    REPEAT,
    /** A regression (or a move out of a terminal status): refused, kept only as evidence. */
    REFUSED
  }

  /** Statuses nothing may leave. */
  public static final Set<CanonicalStatus> TERMINAL =
      EnumSet.of(CanonicalStatus.COMPLETED, CanonicalStatus.REJECTED, CanonicalStatus.CANCELLED);

  private static final Set<CanonicalStatus> ENDINGS =
      EnumSet.of(CanonicalStatus.REJECTED, CanonicalStatus.CANCELLED);

  private static final Map<CanonicalStatus, Integer> RANK = new EnumMap<>(CanonicalStatus.class);

  /** Ranks whose statuses may follow each other in any order. */
  private static final Set<Integer> CYCLES = Set.of(0, 3);

  static {
    RANK.put(CanonicalStatus.SUBMITTED, 0);
    RANK.put(CanonicalStatus.FAILED, 0);
    RANK.put(CanonicalStatus.DELIVERED, 1);
    RANK.put(CanonicalStatus.RECEIVED, 2);
    RANK.put(CanonicalStatus.IN_REVIEW, 3);
    RANK.put(CanonicalStatus.CORRECTION_REQUESTED, 3);
    RANK.put(CanonicalStatus.PAYMENT_REQUIRED, 3);
    RANK.put(CanonicalStatus.PAID, 3);
    RANK.put(CanonicalStatus.APPROVED, 4);
    RANK.put(CanonicalStatus.COMPLETED, 5);
    RANK.put(CanonicalStatus.REJECTED, 5);
    RANK.put(CanonicalStatus.CANCELLED, 5);
  }

  private StatusTransitions() {}

  /** The rank of a status: higher is further along. */
  public static int rank(CanonicalStatus status) {
    return RANK.get(status);
  }

  /** What reporting {@code to} does to an application whose current status is {@code from}. */
  public static Transition of(CanonicalStatus from, CanonicalStatus to) {
    if (from == to) {
      return Transition.REPEAT;
    }
    if (TERMINAL.contains(from)) {
      return Transition.REFUSED;
    }
    if (ENDINGS.contains(to)) {
      return Transition.MOVE;
    }
    int before = rank(from);
    int after = rank(to);
    if (after > before || after == before && CYCLES.contains(after)) {
      return Transition.MOVE;
    }
    return Transition.REFUSED;
  }
}
