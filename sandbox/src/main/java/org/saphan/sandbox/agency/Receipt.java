package org.saphan.sandbox.agency;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.saphan.sandbox.common.Sha256;

/**
 * One message id as an agency saw it: the first answer (repeated to every duplicate), how often it
 * came, and when it came first and last.
 *
 * @param <A> the stored answer
 */
public final class Receipt<A> {

  private final String messageId;
  private final String requestRef;
  private final Instant firstAt;
  private final A answer;
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicReference<Instant> lastAt;
  private final List<String> bodySha256 = new CopyOnWriteArrayList<>();

  public Receipt(String messageId, String requestRef, Instant firstAt, A answer) {
    this.messageId = Objects.requireNonNull(messageId, "messageId");
    this.requestRef = requestRef;
    this.firstAt = Objects.requireNonNull(firstAt, "firstAt");
    this.answer = Objects.requireNonNull(answer, "answer");
    this.lastAt = new AtomicReference<>(firstAt);
  }

  /** Counts one more arrival, with the exact bytes received when they are known. */
  void touch(Instant at, byte[] body) {
    count.incrementAndGet();
    lastAt.accumulateAndGet(at, (a, b) -> b.isAfter(a) ? b : a);
    if (body != null) {
      bodySha256.add(Sha256.hex(body));
    }
  }

  /**
   * SHA-256 (lowercase hex) of the exact bytes of each arrival, in order: an agency's check of the
   * hub's message log ({@code sha256sum} of the request body it received).
   */
  public List<String> bodySha256() {
    return List.copyOf(bodySha256);
  }

  public String messageId() {
    return messageId;
  }

  /** The sender's application reference, when the message carried a readable one. */
  public String requestRef() {
    return requestRef;
  }

  public Instant firstAt() {
    return firstAt;
  }

  public Instant lastAt() {
    return lastAt.get();
  }

  /** How many times this message id arrived (authenticated deliveries only). */
  public int count() {
    return count.get();
  }

  public A answer() {
    return answer;
  }
}
