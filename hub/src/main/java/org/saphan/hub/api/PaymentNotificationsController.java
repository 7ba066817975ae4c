package org.saphan.hub.api;

import java.util.LinkedHashMap;
import java.util.Map;
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
public class PaymentNotificationsController {

  private final PaymentNotifications notifications;

  public PaymentNotificationsController(PaymentNotifications notifications) {
    this.notifications = notifications;
  }

  @PostMapping(
      path = "/payment/v1/notifications",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> notification(
      @RequestBody byte[] body,
      @RequestHeader(name = "X-JWS-Signature", required = false) String signature) {
    PaymentNotifications.Outcome outcome = notifications.receive(body, signature);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("notificationId", outcome.notificationId());
    answer.put("paymentId", outcome.paymentId());
    answer.put("result", outcome.result());
    answer.put("status", outcome.status());
    return answer;
  }
}
