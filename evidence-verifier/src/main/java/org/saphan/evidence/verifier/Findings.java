package org.saphan.evidence.verifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a verification found, and what it counted on the way (for the summary). */
final class Findings {

  private final List<Finding> found = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  Instant firstStamp;
  Instant lastStamp;
  int archives;
  int manifests;
  int stamped;
  long records;
  long unsealed;

  void add(String code, String where, String message) {
    found.add(new Finding(code, where, message));
  }

  /** A line of the summary: what was verified, by whom it was signed or stamped. */
  void note(String line) {
    notes.add(line);
  }

  List<String> notes() {
    return List.copyOf(notes);
  }

  void stamped(Instant at) {
    stamped++;
    firstStamp = firstStamp == null || at.isBefore(firstStamp) ? at : firstStamp;
    lastStamp = lastStamp == null || at.isAfter(lastStamp) ? at : lastStamp;
  }

  List<Finding> all() {
    return List.copyOf(found);
  }

  boolean ok() {
    return found.isEmpty();
  }

  boolean has(String code) {
    return found.stream().anyMatch(f -> f.code().equals(code));
  }
}
