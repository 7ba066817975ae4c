package org.saphan.sandbox.epayment;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/** What the gateway sent to the hub, oldest first; a duplicate is a delivery of its own. */
public final class NotificationLog {

  /** Where a delivery stands. */
  public enum Outcome {
    /** Not yet answered with 2xx or 4xx; retries may follow. */
    PENDING,
    /** The hub answered 2xx. */
    DELIVERED,
    /** The hub answered 4xx; not retried. */
    REFUSED,
    /** Every attempt failed (5xx, no answer); the gateway stopped trying. */
    GAVE_UP;

    /** The outcome as the control API writes it: lower case. */
    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One attempt.
   *
   * @param at when it was made
   * @param httpStatus the hub's answer, or 0 when there was none
   * @param error why there was no answer, or null
   */
  public record Attempt(Instant at, int httpStatus, String error) {}

  /**
   * One delivery of a notification, as the control API shows it.
   *
   * @param notificationId the notification's id (twice in the log for a duplicate)
   * @param transactionId the transaction
   * @param ref1 reference 1
   * @param status PAID, PENDING, ...
   * @param amount the notified amount
   * @param copy 1, or 2 for the repeat of a duplicated notification
   * @param outcome where the delivery stands
   * @param attempts every attempt so far, oldest first
   */
  public record Delivery(
      String notificationId,
      String transactionId,
      String ref1,
      String status,
      String amount,
      int copy,
      Outcome outcome,
      List<Attempt> attempts) {}

  private final int capacity;
  private final Deque<Entry> entries = new ArrayDeque<>();

  public NotificationLog(int capacity) {
    this.capacity = capacity;
  }

  /** Starts the record of a delivery. */
  public synchronized Entry start(PaymentNotification notification, int copy) {
    Entry entry = new Entry(notification, copy);
    entries.addLast(entry);
    while (entries.size() > capacity) {
      entries.removeFirst();
    }
    return entry;
  }

  public synchronized List<Delivery> all() {
    List<Delivery> result = new ArrayList<>();
    for (Entry e : entries) {
      result.add(e.snapshot());
    }
    return result;
  }

  public synchronized void clear() {
    entries.clear();
  }

  /** The record of one delivery, updated as attempts are made. */
  public final class Entry {

    private final PaymentNotification notification;
    private final int copy;
    private final List<Attempt> attempts = new ArrayList<>();
    private Outcome outcome = Outcome.PENDING;

    private Entry(PaymentNotification notification, int copy) {
      this.notification = notification;
      this.copy = copy;
    }

    /** Records an attempt and the outcome it led to. */
    public void record(Attempt attempt, Outcome newOutcome) {
      synchronized (NotificationLog.this) {
        attempts.add(attempt);
        outcome = newOutcome;
      }
    }

    private Delivery snapshot() {
      return new Delivery(
          notification.notificationId(),
          notification.transactionId(),
          notification.ref1(),
          notification.status(),
          notification.amount(),
          copy,
          outcome,
          List.copyOf(attempts));
    }
  }
}
