package org.saphan.sandbox.agency;

import java.util.Arrays;

/**
 * DCY's answer to a delivery, kept so a repeated message id gets the same bytes.
 *
 * @param status HTTP status
 * @param body the JSON body
 * @param refNo the registration it created, or null for a refusal
 */
public record DcyAnswer(int status, byte[] body, String refNo) {

  public DcyAnswer {
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DcyAnswer a
        && a.status == status
        && Arrays.equals(a.body, body)
        && java.util.Objects.equals(a.refNo, refNo);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * status + Arrays.hashCode(body)) + java.util.Objects.hashCode(refNo);
  }

  @Override
  public String toString() {
    return "DcyAnswer[status=" + status + ", refNo=" + refNo + "]";
  }
}
