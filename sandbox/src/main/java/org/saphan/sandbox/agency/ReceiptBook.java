package org.saphan.sandbox.agency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Deduplication by message id with bounded memory: a {@link ConcurrentHashMap} of receipts (no
 * global lock; a new id is created under its own bin only) and an insertion-order queue that evicts
 * the oldest receipt once {@code capacity} is exceeded.
 *
 * @param <A> the answer stored with each receipt
 */
public final class ReceiptBook<A> {

  /**
   * The outcome of one arrival.
   *
   * @param receipt the receipt of the message id
   * @param first true when this arrival created it (the message was processed now)
   */
  public record Arrival<A>(Receipt<A> receipt, boolean first) {}

  private final int capacity;
  private final Consumer<Receipt<A>> onEvict;
  private final Map<String, Receipt<A>> receipts = new ConcurrentHashMap<>();
  private final Queue<String> order = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();

  /**
   * @param capacity how many message ids are remembered (older ones are forgotten)
   * @param onEvict called with each forgotten receipt, to drop what hangs off it
   */
  public ReceiptBook(int capacity, Consumer<Receipt<A>> onEvict) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
    this.onEvict = onEvict;
  }

  /**
   * Records one arrival of a message id. The first arrival runs {@code process} (exactly once per
   * id, even under concurrent duplicates) and stores its receipt; later ones only count.
   */
  public Arrival<A> arrive(String messageId, Instant at, Function<String, Receipt<A>> process) {
    return arrive(messageId, at, null, process);
  }

  /**
   * Records one arrival as {@link #arrive(String, Instant, Function)}, with the SHA-256 of the
   * exact bytes received (what the hub's message log must name for that attempt).
   */
  public Arrival<A> arrive(
      String messageId, Instant at, byte[] body, Function<String, Receipt<A>> process) {
    Receipt<A> receipt = receipts.get(messageId);
    boolean first = false;
    if (receipt == null) {
      boolean[] created = {false};
      receipt =
          receipts.computeIfAbsent(
              messageId,
              id -> {
                created[0] = true;
                return process.apply(id);
              });
      first = created[0];
    }
    receipt.touch(at, body);
    if (first) {
      order.add(messageId);
      if (size.incrementAndGet() > capacity) {
        evictOverflow();
      }
    }
    return new Arrival<>(receipt, first);
  }

  public Optional<Receipt<A>> get(String messageId) {
    return Optional.ofNullable(receipts.get(messageId));
  }

  /** Every remembered receipt, oldest first. */
  public List<Receipt<A>> all() {
    List<Receipt<A>> all = new ArrayList<>(receipts.values());
    all.sort(Comparator.comparing(Receipt<A>::firstAt).thenComparing(Receipt::messageId));
    return all;
  }

  public int size() {
    return receipts.size();
  }

  /** Forgets every receipt (control API, tests). */
  public void clear() {
    order.clear();
    receipts.values().forEach(onEvict);
    receipts.clear();
    size.set(0);
  }

  private void evictOverflow() {
    while (size.get() > capacity) {
      String oldest = order.poll();
      if (oldest == null) {
        return;
      }
      Receipt<A> evicted = receipts.remove(oldest);
      if (evicted != null) {
        size.decrementAndGet();
        onEvict.accept(evicted);
      }
    }
  }
}
