package org.saphan.hub.api;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.status.AgencyStatusIntake;
import org.saphan.hub.status.StatusRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.HtmlUtils;

/**
 * The hub's status service for SOAP agencies ({@code /agency/soap/v1/status}, SOAP 1.1,
 * document/literal): {@code GET ?wsdl} gives the contract, {@code POST} takes a signed {@code
 * StatusReport}. Refusals are SOAP faults (HTTP 500, as WS-I Basic Profile R1126 asks) whose detail
 * carries the hub's error code: {@code soap:Client} when the agency must change the message, {@code
 * soap:Server} when it should try again later.
 */
@RestController
public class AgencySoapStatusController {

  static final String PATH = "/agency/soap/v1/status";

  /** The response header that names the error code of a fault, for clients that skip the XML. */
  public static final String ERROR_CODE_HEADER = "X-Saphan-Error-Code";

  /** The XML-DSig schema the WSDL imports, served at {@code ?xsd=} this name. */
  static final String XMLDSIG_SCHEMA = "xmldsig-core-schema.xsd";

  private static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
  private static final String NS = "urn:saphan:agency-status:1";
  private static final MediaType TEXT_XML_UTF8 = MediaType.parseMediaType("text/xml;charset=UTF-8");
  private static final Logger log = LoggerFactory.getLogger(AgencySoapStatusController.class);

  private final AgencyStatusIntake intake;
  private final MeterRegistry meters;
  private final String wsdl;
  private final byte[] xmldsigSchema;

  public AgencySoapStatusController(AgencyStatusIntake intake, MeterRegistry meters)
      throws IOException {
    this.intake = intake;
    this.meters = meters;
    try (InputStream in = getClass().getResourceAsStream("/wsdl/SaphanAgencyStatus.wsdl")) {
      this.wsdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (InputStream in = getClass().getResourceAsStream("/wsdl/" + XMLDSIG_SCHEMA)) {
      this.xmldsigSchema = in.readAllBytes();
    }
  }

  /** The WSDL, its address pointing at this hub as the caller reached it. */
  @GetMapping(path = PATH, params = "wsdl")
  ResponseEntity<String> wsdl(HttpServletRequest request) {
    String address =
        ServletUriComponentsBuilder.fromCurrentRequestUri()
            .replaceQuery(null)
            .build()
            .toUriString();
    return ResponseEntity.ok()
        .contentType(TEXT_XML_UTF8)
        .body(wsdl.replace("http://localhost:8080" + PATH, HtmlUtils.htmlEscape(address, "UTF-8")));
  }

  /**
   * The schemas the WSDL imports ({@code ?xsd=xmldsig-core-schema.xsd}, without a DOCTYPE), so SOAP
   * tools that read the WSDL resolve {@code ds:Signature} without fetching w3.org.
   */
  @GetMapping(path = PATH, params = "xsd")
  ResponseEntity<byte[]> xsd(@RequestParam("xsd") String name) {
    if (!XMLDSIG_SCHEMA.equals(name)) {
      throw SaphanException.validation(ErrorCode.NOT_FOUND, "the WSDL imports no schema " + name);
    }
    return ResponseEntity.ok().contentType(TEXT_XML_UTF8).body(xmldsigSchema);
  }

  @PostMapping(path = PATH, consumes = MediaType.TEXT_XML_VALUE)
  ResponseEntity<String> report(@RequestBody byte[] envelope) {
    try {
      AgencyStatusIntake.Outcome outcome = intake.soapReport(envelope);
      count(outcome.result().name().toLowerCase(java.util.Locale.ROOT), "none");
      return ResponseEntity.ok()
          .contentType(TEXT_XML_UTF8)
          .body(
              envelope(
                  "<sst:StatusReportResponse xmlns:sst=\""
                      + NS
                      + "\"><sst:ApplicationId>"
                      + xml(outcome.applicationId())
                      + "</sst:ApplicationId><sst:Status>"
                      + outcome.status().wire()
                      + "</sst:Status><sst:Recorded>"
                      + outcome.recorded()
                      + "</sst:Recorded><sst:Duplicate>"
                      // A repeat of the current status is answered as not recorded, not duplicate.
                      + (outcome.result() == StatusRecorder.Result.DUPLICATE)
                      + "</sst:Duplicate></sst:StatusReportResponse>"));
    } catch (SaphanException e) {
      return fault(e.code(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("SOAP status report failed unexpectedly: {}", SafeErrors.describe(e));
      return fault(ErrorCode.INTERNAL_ERROR, "The hub could not process the report; try again.");
    }
  }

  private ResponseEntity<String> fault(ErrorCode code, String detail) {
    count("refused", code.code());
    boolean client = code.httpStatus() < 500;
    log.warn(
        "SOAP status report refused: {} ({}); the agency {}",
        code.code(),
        detail,
        client ? "must correct the message" : "may send it again later");
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .contentType(TEXT_XML_UTF8)
        .header(ERROR_CODE_HEADER, code.code())
        .body(faultEnvelope(code, detail, MDC.get(CorrelationIdFilter.MDC_KEY)));
  }

  /**
   * The SOAP 1.1 envelope of a refusal: {@code soap:Client} when the agency must change the
   * message, {@code soap:Server} when it may send it again later; the detail carries the hub's
   * error code, title, detail and correlation id. The API description's fault examples are these.
   */
  public static String faultEnvelope(ErrorCode code, String detail, String correlationId) {
    boolean client = code.httpStatus() < 500;
    return envelope(
        "<soap:Fault><faultcode>soap:"
            + (client ? "Client" : "Server")
            + "</faultcode><faultstring xml:lang=\"en\">"
            + xml(code.code() + ": " + detail)
            + "</faultstring><detail><sst:Problem xmlns:sst=\""
            + NS
            + "\"><sst:Code>"
            + code.code()
            + "</sst:Code><sst:Title>"
            + xml(code.title())
            + "</sst:Title><sst:Detail>"
            + xml(detail)
            + "</sst:Detail>"
            + (correlationId == null
                ? ""
                : "<sst:CorrelationId>" + xml(correlationId) + "</sst:CorrelationId>")
            + "</sst:Problem></detail></soap:Fault>");
  }

  private void count(String outcome, String code) {
    meters
        .counter("saphan.status.reports", "via", "soap", "outcome", outcome, "code", code)
        .increment();
  }

  private static String envelope(String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\""
        + SOAP_ENV
        + "\"><soap:Body>"
        + body
        + "</soap:Body></soap:Envelope>";
  }

  private static String xml(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
  }
}
