package org.saphan.hub.batch.reconciliation;

/**
 * A fixed-size Bloom filter over the ref1s of one settlement file, read in file order: {@link
 * #seenBefore} is true for every ref1 an earlier line had, and for a new one only rarely (under 1
 * in 50,000 at a million lines, about 1 in 1,000 at five million: 2^27 bits = 16 MB, three probes).
 * The load stores it on each staged line as a hint ({@code settlement_staging.repeat_hint}); the
 * match checks the flagged lines' references exactly, so a false positive costs a lookup, never a
 * wrong class. Memory does not grow with the file.
 */
final class RepeatFilter {

  private static final int BITS_LOG2 = 27;
  private static final long MASK = (1L << BITS_LOG2) - 1;

  private final long[] bits = new long[1 << (BITS_LOG2 - 6)];

  /** Adds a ref1; true when it may have been added before. */
  boolean seenBefore(String ref1) {
    long h = hash(ref1);
    long h1 = h;
    long h2 = (h >>> 32) | (h << 32) | 1;
    boolean seen = true;
    for (int i = 0; i < 3; i++) {
      long bit = (h1 + i * h2) & MASK;
      int word = (int) (bit >>> 6);
      long m = 1L << (bit & 63);
      if ((bits[word] & m) == 0) {
        seen = false;
        bits[word] |= m;
      }
    }
    return seen;
  }

  /** 64-bit FNV-1a over the chars, then a murmur3 finalizer to spread the bits. */
  private static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
