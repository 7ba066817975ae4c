package org.saphan.sandbox.agency;

import java.time.Instant;
import java.util.Objects;

/** A newborn grant application DCY registered; its status changes through the control API. */
public final class DcyRegistration {

  private final String refNo;
  private final String requestRef;
  private final String messageId;
  private final Instant receivedAt;
  private volatile DcyStatus status = DcyStatus.RECEIVED;

  DcyRegistration(String refNo, String requestRef, String messageId, Instant receivedAt) {
    this.refNo = Objects.requireNonNull(refNo, "refNo");
    this.requestRef = Objects.requireNonNull(requestRef, "requestRef");
    this.messageId = Objects.requireNonNull(messageId, "messageId");
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** DCY's reference, {@code DCY-<BE yyMMdd>-<6 digits>}. */
  public String refNo() {
    return refNo;
  }

  /** The hub's application id. */
  public String requestRef() {
    return requestRef;
  }

  /** The delivery's {@code X-Message-Id}. */
  public String messageId() {
    return messageId;
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  public DcyStatus status() {
    return status;
  }

  void status(DcyStatus status) {
    this.status = Objects.requireNonNull(status, "status");
  }
}
