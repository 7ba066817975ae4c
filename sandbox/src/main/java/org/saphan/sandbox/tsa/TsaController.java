package org.saphan.sandbox.tsa;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.saphan.sandbox.web.FaultRequest;
import org.saphan.sandbox.web.FaultSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's RFC 3161 time-stamping authority over HTTP (RFC 3161 section 3.4): {@code POST
 * /tsa} with {@code Content-Type: application/timestamp-query}, answered {@code
 * application/timestamp-reply}; any other content type is refused with 415, as a real TSA does. Its
 * fault switch makes it fail ({@code down}, {@code slow}, {@code reject}, {@code malformed}).
 */
@RestController
public class TsaController {

  static final MediaType QUERY = MediaType.parseMediaType("application/timestamp-query");
  static final MediaType REPLY = MediaType.parseMediaType("application/timestamp-reply");

  private static final Logger log = LoggerFactory.getLogger(TsaController.class);

  private final FaultSwitch<TsaFault> faults = new FaultSwitch<>(TsaFault.class);
  private final TimeStampAuthority tsa;

  public TsaController(TimeStampAuthority tsa) {
    this.tsa = tsa;
  }

  @PostMapping("/tsa")
  public CompletableFuture<ResponseEntity<byte[]>> stamp(
      @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
      @RequestBody(required = false) byte[] body) {
    if (contentType == null || !QUERY.equalsTypeAndSubtype(MediaType.parseMediaType(contentType))) {
      return done(
          ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
              .contentType(MediaType.TEXT_PLAIN)
              .body("expected application/timestamp-query".getBytes(StandardCharsets.US_ASCII)));
    }
    byte[] request = body == null ? new byte[0] : body;
    FaultSwitch.Active<TsaFault> fault = faults.current();
    return switch (fault.mode()) {
      case DOWN ->
          done(
              ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                  .header(HttpHeaders.RETRY_AFTER, "60")
                  .build());
      case REJECT -> done(reply(tsa.rejected("the sandbox TSA is told to refuse")));
      case MALFORMED -> done(reply("not DER".getBytes(StandardCharsets.US_ASCII)));
      case SLOW -> {
        byte[] answer = tsa.answer(request);
        yield FaultSwitch.after(fault.delay(), () -> reply(answer));
      }
      case NONE -> done(reply(tsa.answer(request)));
    };
  }

  @GetMapping("/sandbox/v1/tsa/faults")
  public FaultRequest fault() {
    return faults.current().toRequest();
  }

  @PostMapping("/sandbox/v1/tsa/faults")
  public FaultRequest setFault(@RequestBody FaultRequest request) {
    FaultRequest active = faults.set(request).toRequest();
    log.info("TSA fault now {}", active.mode());
    return active;
  }

  private static ResponseEntity<byte[]> reply(byte[] der) {
    return ResponseEntity.ok().contentType(REPLY).body(der);
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
