package org.saphan.sandbox.epayment;

import java.util.concurrent.atomic.AtomicReference;

/** The faults the e-Payment gateway is told to show; all off by default. */
public final class EpaymentFaults {

  /**
   * Faults of the gateway; several may be on at once.
   *
   * @param duplicateNotifications every notification is delivered twice, same {@code
   *     notificationId}
   * @param notificationDelayMillis how long the gateway waits before delivering each notification
   *     (milliseconds)
   * @param wrongAmount the citizen pays 1.00 baht more than asked: payment, notification, receipt
   *     and settlement all carry the amount actually paid
   * @param outOfOrder a PENDING notification for the transaction is delivered after its PAID one
   * @param down the gateway answers 503 to payments and receipt downloads
   * @param tamperReceipt a byte of the receipt's amount is changed after signing
   * @param untrustedReceiptKey receipts are signed with a self-signed key the CA never issued
   */
  public record Faults(
      boolean duplicateNotifications,
      long notificationDelayMillis,
      boolean wrongAmount,
      boolean outOfOrder,
      boolean down,
      boolean tamperReceipt,
      boolean untrustedReceiptKey) {

    /** No fault. */
    public static final Faults NONE = new Faults(false, 0, false, false, false, false, false);
  }

  private final AtomicReference<Faults> current = new AtomicReference<>(Faults.NONE);

  public Faults current() {
    return current.get();
  }

  public void set(Faults faults) {
    current.set(faults);
  }

  public void clear() {
    current.set(Faults.NONE);
  }
}
