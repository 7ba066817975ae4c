package org.saphan.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.payment.PaymentNotifications;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The e-Payment gateway reports payments here: authenticated by the body's detached JWS with the
 * gateway's pinned certificate, replay-protected, each notification applied once. A 2xx or 4xx
 * answer stops the gateway's retries; 4xx codes are exact.
 */
@RestController
@Tag(
    name = "Payment gateway",
    description =
        "Called by the central e-Payment gateway, not by the portal: notifications of payments"
            + " to the hub's payment orders.")
public class PaymentNotificationsController {

  /** The notification as the gateway sends it (the handler verifies the exact bytes). */
  @Schema(name = "PaymentNotification", description = "A payment notification of the gateway.")
  record NotificationBody(
      @Schema(
              description =
                  "Unique per notification, at most 100 characters; a redelivery repeats it.",
              requiredMode = Schema.RequiredMode.REQUIRED,
              example = "NTF-20261125-000981-PAID")
          String notificationId,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "TXN-20261125-000981")
          String transactionId,
      @Schema(
              description = "The biller id of the payment order (its QR's).",
              requiredMode = Schema.RequiredMode.REQUIRED,
              example = "099400000003101")
          String billerId,
      @Schema(
              description = "The payment order's reference 1, by which the order is found.",
              requiredMode = Schema.RequiredMode.REQUIRED,
              example = "PO202611254HT8ZP2NQW")
          String ref1,
      @Schema(
              description = "Reference 2; when given it must be the order's.",
              example = "APP202611257K3M9QXA")
          String ref2,
      @Schema(
              description = "The amount paid, a decimal string; must equal the order's.",
              requiredMode = Schema.RequiredMode.REQUIRED,
              example = "505.00")
          String amount,
      @Schema(description = "Only THB.", defaultValue = "THB", example = "THB") String currency,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              allowableValues = {"PAID", "PENDING", "FAILED", "REFUNDED"})
          String status,
      @Schema(
              description = "When the gateway saw the event; orders the notifications.",
              requiredMode = Schema.RequiredMode.REQUIRED,
              format = "date-time",
              example = "2026-11-25T14:10:05+07:00")
          String eventAt,
      @Schema(format = "date-time", example = "2026-11-25T14:10:05+07:00") String paidAt,
      @Schema(description = "Bank code of the payer's bank.", example = "004") String payerBank,
      @Schema(example = "KBANK0098127") String bankRef,
      @Schema(
              description = "Where the hub fetches the e-Receipt of a PAID transaction.",
              format = "uri")
          String receiptUrl) {}

  private final PaymentNotifications notifications;

  public PaymentNotificationsController(PaymentNotifications notifications) {
    this.notifications = notifications;
  }

  @Operation(
      operationId = "receivePaymentNotification",
      summary = "Notify a payment",
      description =
          "The gateway reports a payment event of one of the hub's payment orders (found by"
              + " `billerId` and `ref1`).\\n\\n"
              + "**Signature**: `X-JWS-Signature` is a detached JWS (RFC 7515 appendix F, `b64`"
              + " true) over the exact body bytes, signed with the gateway's key whose"
              + " certificate the hub pins (PS256); its protected header carries `alg`, `kid`,"
              + " `iat` (epoch seconds, at most 5 minutes old, 60 s clock skew allowed:"
              + " `clock_skew`) and `jti`, unique per message (the same `jti` again:"
              + " `replay_detected`).\\n\\n"
              + "**Idempotency and order**: each `notificationId` is applied once; a redelivery"
              + " answers `result: duplicate` with the order's current status (or the same"
              + " refusal as the first time). A notification for a state the order has left is"
              + " kept without effect (`result: stale`); one that arrived too early (REFUNDED"
              + " before its PAID) is applied once the order gets there. A PAID order moves its"
              + " application on to the agency or back office.\\n\\n"
              + "**Answers**: 200 with `result` `applied`, `duplicate` or `stale` and the order's"
              + " `status`. Retry on 5xx only: a 4xx is final (a refused notification is raised"
              + " to the hub's operators), and a 2xx or 4xx stops the retries.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = NotificationBody.class)))
  @ApiErrors({
    ErrorCode.KEY_NOT_AVAILABLE,
    ErrorCode.PAYMENT_NOTIFICATION_INVALID,
    ErrorCode.PAYMENT_REFERENCE_UNKNOWN,
    ErrorCode.PAYMENT_REFERENCE_MISMATCH,
    ErrorCode.PAYMENT_AMOUNT_MISMATCH
  })
  @PostMapping(
      path = "/payment/v1/notifications",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> notification(
      @RequestBody byte[] body,
      @Parameter(
              description =
                  "Detached JWS over the exact body: `<protected header>..<signature>`"
                      + " (empty payload part).",
              required = true,
              example = "eyJhbGciOiJQUzI1NiIsImtpZCI6Ii4uLiJ9..c2lnbmF0dXJl")
          @RequestHeader(name = "X-JWS-Signature", required = false)
          String signature) {
    PaymentNotifications.Outcome outcome = notifications.receive(body, signature);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("notificationId", outcome.notificationId());
    answer.put("paymentId", outcome.paymentId());
    answer.put("result", outcome.result());
    answer.put("status", outcome.status());
    return answer;
  }
}
