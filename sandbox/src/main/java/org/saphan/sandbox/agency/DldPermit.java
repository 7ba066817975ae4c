package org.saphan.sandbox.agency;

import java.time.Instant;
import java.util.Objects;

/** A permit application DLD registered; its status is polled by the hub, set by the control API. */
public final class DldPermit {

  /**
   * One status with its date and remark, swapped as a whole so a poll never sees a torn update.
   *
   * @param status the status
   * @param at when it was set
   * @param remark the officer's remark (optional)
   */
  public record State(DldPermitStatus status, Instant at, String remark) {}

  private final String referenceNumber;
  private final String applicationId;
  private final String messageId;
  private volatile State state;

  DldPermit(String referenceNumber, String applicationId, String messageId, Instant receivedAt) {
    this.referenceNumber = Objects.requireNonNull(referenceNumber, "referenceNumber");
    this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
    this.messageId = Objects.requireNonNull(messageId, "messageId");
    this.state = new State(DldPermitStatus.RECEIVED, receivedAt, null);
  }

  public String referenceNumber() {
    return referenceNumber;
  }

  /** The hub's application id. */
  public String applicationId() {
    return applicationId;
  }

  public String messageId() {
    return messageId;
  }

  public State state() {
    return state;
  }

  void state(State next) {
    this.state = Objects.requireNonNull(next, "next");
  }
}
