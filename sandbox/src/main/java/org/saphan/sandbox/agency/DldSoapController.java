package org.saphan.sandbox.agency;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * DLD's SOAP 1.1 endpoint and its WSDL: a plain controller over {@link
 * DldAnimalMovementPermitAgency}.
 */
@RestController
public class DldSoapController {

  /** The endpoint path of the wire contract. */
  public static final String PATH = "/agencies/dld/soap/AnimalMovementPermit";

  private static final MediaType TEXT_XML_UTF8 =
      new MediaType(MediaType.TEXT_XML, StandardCharsets.UTF_8);

  private final DldAnimalMovementPermitAgency agency;
  private final DelayedAnswers delays;

  public DldSoapController(DldAnimalMovementPermitAgency agency, DelayedAnswers delays) {
    this.agency = agency;
    this.delays = delays;
  }

  /** {@code GET ...?wsdl}: the WSDL, its address pointing at this endpoint. */
  @GetMapping(path = PATH, params = "wsdl")
  public ResponseEntity<byte[]> wsdl() {
    String location =
        ServletUriComponentsBuilder.fromCurrentRequestUri().replaceQuery(null).toUriString();
    return ResponseEntity.ok().contentType(TEXT_XML_UTF8).body(agency.wsdl(location));
  }

  /** Returns a {@link ResponseEntity}, or a deferred one when a delay applies. */
  @PostMapping(path = PATH, consumes = MediaType.TEXT_XML_VALUE)
  public Object invoke(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(name = "SOAPAction", required = false) String soapAction) {
    AgencyFault fault = agency.faults().current();
    ResponseEntity<byte[]> answer =
        switch (fault.mode()) {
          case DOWN ->
              ResponseEntity.status(503)
                  .contentType(MediaType.TEXT_HTML)
                  .header(HttpHeaders.RETRY_AFTER, "30")
                  .body(
                      "<html><body><h1>503 Service Unavailable</h1></body></html>"
                          .getBytes(StandardCharsets.UTF_8));
          case ERROR_500 ->
              soap(
                  500,
                  SoapMessages.fault(
                      SoapMessages.FaultCode.SERVER,
                      fault.code() == null ? "INTERNAL_ERROR" : fault.code(),
                      "internal error"));
          case MALFORMED ->
              ResponseEntity.ok()
                  .contentType(TEXT_XML_UTF8)
                  .body(
                      "<html><body><h1>Proxy Error<p>upstream closed the connection</body>"
                          .getBytes(StandardCharsets.UTF_8));
          default -> {
            DldAnimalMovementPermitAgency.SoapAnswer a = agency.handle(body, soapAction);
            yield soap(a.status(), a.body());
          }
        };
    return delays.after(fault.answerDelayMillis(), answer);
  }

  private static ResponseEntity<byte[]> soap(int status, byte[] envelope) {
    return ResponseEntity.status(status)
        .contentType(TEXT_XML_UTF8)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(envelope);
  }
}
