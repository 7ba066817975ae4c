package org.saphan.evidence.verifier;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The checks an archive and the database share: the chain of manifests ({@code previous} is the
 * SHA-256 of the manifest before) and every record against the manifest that lists it, at its
 * position. A record is deleted, inserted, reordered or edited; each finding names it.
 */
final class Chain {

  /** A record as its source holds it: where it claims to be sealed and its text's SHA-256. */
  record Sealed(long id, Long manifest, Integer position, String sha256) {}

  private Chain() {}

  /**
   * Checks that each manifest names the one before it.
   *
   * @param previous the digest the first manifest must name, or null when it cannot be known
   * @param before the id of the manifest {@code previous} is the digest of, or null
   * @param where where a manifest is, for the findings
   * @return the SHA-256 of the last manifest, or {@code previous} when there is none
   */
  static String links(
      List<Manifest> manifests,
      String previous,
      Long before,
      LongFunction<String> where,
      Findings findings) {
    String expected = previous;
    for (Manifest m : manifests) {
      if (expected != null && !expected.equals(m.previous())) {
        findings.add(
            Finding.CHAIN_BROKEN,
            where.apply(m.id()),
            "manifest "
                + m.id()
                + " names "
                + Sha256.brief(m.previous())
                + " as the previous manifest, but "
                + (before == null ? "the chain before it ends in " : "manifest " + before + " is ")
                + Sha256.brief(expected)
                + (before != null && m.id() != before + 1
                    ? " (manifests " + (before + 1) + ".." + (m.id() - 1) + " are missing)"
                    : ""));
      }
      expected = m.sha256();
      before = m.id();
    }
    return expected;
  }

  /**
   * Checks every record the manifests list against the records a source holds, and every record the
   * source holds against the manifests.
   *
   * @param partial true when the source holds only some of the records (a citizen's bundle): a
   *     listed record it does not hold is no finding
   * @param where where a record is, for the findings
   */
  static void records(
      List<Manifest> manifests,
      Iterable<Sealed> held,
      boolean partial,
      LongFunction<String> where,
      Findings findings) {
    Map<Long, Sealed> byId = new HashMap<>();
    for (Sealed r : held) {
      if (byId.putIfAbsent(r.id(), r) != null) {
        findings.add(
            Finding.RECORD_INSERTED, where.apply(r.id()), "record " + r.id() + " occurs twice");
      }
    }
    Map<Long, Manifest> byManifest = new HashMap<>();
    Set<Long> listed = new HashSet<>();
    for (Manifest m : manifests) {
      byManifest.put(m.id(), m);
      for (int p = 0; p < m.records().size(); p++) {
        Manifest.Entry e = m.records().get(p);
        listed.add(e.id());
        Sealed r = byId.get(e.id());
        String at = " (manifest " + m.id() + ", position " + p + ")";
        if (r == null) {
          if (!partial) {
            findings.add(
                Finding.RECORD_DELETED,
                where.apply(e.id()),
                "record " + e.id() + at + " is missing");
          }
          continue;
        }
        findings.records++;
        if (!e.sha256().equals(r.sha256())) {
          int other = position(m, r.sha256());
          if (other >= 0) {
            findings.add(
                Finding.RECORD_REORDERED,
                where.apply(e.id()),
                "record "
                    + e.id()
                    + at
                    + " holds the text manifest "
                    + m.id()
                    + " lists at "
                    + "position "
                    + other
                    + " (record "
                    + m.records().get(other).id()
                    + ")");
          } else {
            findings.add(
                Finding.RECORD_EDITED,
                where.apply(e.id()),
                "record "
                    + e.id()
                    + at
                    + " has SHA-256 "
                    + Sha256.brief(r.sha256())
                    + ", the manifest lists "
                    + Sha256.brief(e.sha256()));
          }
        } else if (r.manifest() == null || r.position() == null) {
          findings.add(
              Finding.RECORD_REORDERED,
              where.apply(e.id()),
              "record " + e.id() + " claims to be sealed nowhere, but is listed" + at);
        } else if (r.manifest() != m.id() || r.position() != p) {
          findings.add(
              Finding.RECORD_REORDERED,
              where.apply(e.id()),
              "record "
                  + e.id()
                  + " claims manifest "
                  + r.manifest()
                  + ", position "
                  + r.position()
                  + ", but is listed"
                  + at);
        }
      }
    }
    for (Sealed r : byId.values()) {
      if (listed.contains(r.id()) || r.manifest() == null) {
        continue;
      }
      Manifest m = byManifest.get(r.manifest());
      String there =
          m == null
              ? "manifest " + r.manifest() + ", which is not here"
              : r.position() != null && r.position() >= 0 && r.position() < m.records().size()
                  ? "manifest "
                      + m.id()
                      + ", position "
                      + r.position()
                      + ", where record "
                      + m.records().get(r.position()).id()
                      + " is listed"
                  : "manifest "
                      + m.id()
                      + ", position "
                      + r.position()
                      + ", beyond its "
                      + m.records().size()
                      + " records";
      findings.add(
          Finding.RECORD_INSERTED,
          where.apply(r.id()),
          "record " + r.id() + " is listed by no manifest; it claims " + there);
    }
  }

  private static int position(Manifest m, String sha256) {
    for (int p = 0; p < m.records().size(); p++) {
      if (m.records().get(p).sha256().equals(sha256)) {
        return p;
      }
    }
    return -1;
  }
}
