package org.saphan.sandbox.agency;

import java.nio.charset.StandardCharsets;
import org.saphan.sandbox.common.DetachedJws;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** DCY's delivery endpoint, as the hub sees it: faults first, then the agency. */
@RestController
public class DcyNewbornGrantController {

  /** The delivery path of the wire contract. */
  public static final String PATH = "/agencies/dcy/newborn-grant/v1/applications";

  /** The payment-notice path of the wire contract. */
  public static final String PAYMENTS_PATH = "/agencies/dcy/newborn-grant/v1/payments";

  private static final MediaType JSON_UTF8 =
      new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8);

  private final DcyNewbornGrantAgency agency;
  private final DelayedAnswers delays;

  public DcyNewbornGrantController(DcyNewbornGrantAgency agency, DelayedAnswers delays) {
    this.agency = agency;
    this.delays = delays;
  }

  /**
   * Returns a {@link ResponseEntity}, or a deferred one when a delay applies (see {@link
   * DelayedAnswers}).
   */
  @PostMapping(path = PATH)
  public Object deliver(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(name = "X-Api-Key", required = false) String apiKey,
      @RequestHeader(name = "X-Message-Id", required = false) String messageId,
      @RequestHeader(name = "X-Correlation-Id", required = false) String correlationId,
      @RequestHeader(name = DetachedJws.HEADER, required = false) String signature) {
    return withFaults(correlationId, () -> agency.deliver(apiKey, signature, messageId, body));
  }

  /** A paid fee, from the hub: same faults, authentication and deduplication as deliveries. */
  @PostMapping(path = PAYMENTS_PATH)
  public Object pay(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(name = "X-Api-Key", required = false) String apiKey,
      @RequestHeader(name = "X-Message-Id", required = false) String messageId,
      @RequestHeader(name = "X-Correlation-Id", required = false) String correlationId,
      @RequestHeader(name = DetachedJws.HEADER, required = false) String signature) {
    return withFaults(correlationId, () -> agency.pay(apiKey, signature, messageId, body));
  }

  private Object withFaults(String correlationId, java.util.function.Supplier<DcyAnswer> work) {
    AgencyFault fault = agency.faults().current();
    ResponseEntity<byte[]> answer =
        switch (fault.mode()) {
          case DOWN ->
              json(
                  503,
                  "{\"resultCode\":\"E503\",\"resultDesc\":\"ระบบไม่พร้อมให้บริการ\"}",
                  correlationId);
          case ERROR_500 ->
              json(
                  500,
                  "{\"resultCode\":\""
                      + (fault.code() == null ? "E500" : fault.code())
                      + "\",\"resultDesc\":\"ระบบขัดข้อง\"}",
                  correlationId);
          case BAD_REQUEST ->
              json(
                  400,
                  "{\"resultCode\":\""
                      + (fault.code() == null ? "E400" : fault.code())
                      + "\",\"resultDesc\":\"รูปแบบคำขอไม่ถูกต้อง\"}",
                  correlationId);
          case UNPROCESSABLE ->
              json(
                  422,
                  "{\"resultCode\":\""
                      + (fault.code() == null ? "E103" : fault.code())
                      + "\",\"resultDesc\":\"ข้อมูลไม่ครบถ้วน\"}",
                  correlationId);
          case MALFORMED ->
              ResponseEntity.ok()
                  .contentType(MediaType.TEXT_HTML)
                  .body(
                      "<html><body><h1>Service Temporarily Unavailable</h1></body></html>"
                          .getBytes(StandardCharsets.UTF_8));
          default -> {
            DcyAnswer a = work.get();
            yield withCorrelation(ResponseEntity.status(a.status()), correlationId)
                .contentType(JSON_UTF8)
                .body(a.body());
          }
        };
    return delays.after(fault.answerDelayMillis(), answer);
  }

  private static ResponseEntity<byte[]> json(int status, String body, String correlationId) {
    return withCorrelation(ResponseEntity.status(status), correlationId)
        .contentType(JSON_UTF8)
        .body(body.getBytes(StandardCharsets.UTF_8));
  }

  private static ResponseEntity.BodyBuilder withCorrelation(
      ResponseEntity.BodyBuilder builder, String correlationId) {
    if (correlationId != null && correlationId.matches("[A-Za-z0-9._:-]{1,64}")) {
      builder.header("X-Correlation-Id", correlationId);
    }
    return builder.header(HttpHeaders.CACHE_CONTROL, "no-store");
  }
}
