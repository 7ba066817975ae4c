package org.saphan.hub.security.egress;

/** Internal signal of a refusal, turned into a {@code SaphanException} by whoever knows the URL. */
final class Refused extends RuntimeException {

  private final RefusalReason reason;

  Refused(RefusalReason reason, String why) {
    super(why, null, false, false);
    this.reason = reason;
  }

  RefusalReason reason() {
    return reason;
  }
}
