package org.saphan.hub.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
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
 * soap:Server} when it should try again later; {@code Type} is the code's error catalog entry, as a
 * problem's {@code type}.
 */
@RestController
@Tag(name = AgencyCallbackController.TAG, description = AgencyCallbackController.TAG_DESCRIPTION)
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

  private static final String REPORT_EXAMPLE =
      """
      <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
        <soap:Body>
          <sst:StatusReport xmlns:sst="urn:saphan:agency-status:1"
              xmlns:dld="urn:th:go:dld:movement:v1">
            <sst:ApplicationId>APP-20261125-7K3M9QXA</sst:ApplicationId>
            <sst:MessageId>DLD-STATUS-000124-APPROVED</sst:MessageId>
            <sst:SentAt>2026-11-26T14:10:02+07:00</sst:SentAt>
            <sst:Status>
              <dld:GetPermitStatusResponse>
                <dld:referenceNumber>DLD-MP-691125-000124</dld:referenceNumber>
                <dld:statusCode>APPROVED</dld:statusCode>
                <dld:statusDate>2026-11-26T14:10:00+07:00</dld:statusDate>
                <dld:remark>อนุมัติ</dld:remark>
              </dld:GetPermitStatusResponse>
            </sst:Status>
            <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
              <ds:SignedInfo>
                <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
                <ds:SignatureMethod
                    Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
                <ds:Reference URI="">
                  <ds:Transforms>
                    <ds:Transform
                        Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
                    <ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
                  </ds:Transforms>
                  <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
                  <ds:DigestValue>(base64 SHA-256 of the report)</ds:DigestValue>
                </ds:Reference>
              </ds:SignedInfo>
              <ds:SignatureValue>(base64 signature)</ds:SignatureValue>
              <ds:KeyInfo>
                <ds:X509Data>
                  <ds:X509Certificate>(base64 certificate the card registers)</ds:X509Certificate>
                </ds:X509Data>
              </ds:KeyInfo>
            </ds:Signature>
          </sst:StatusReport>
        </soap:Body>
      </soap:Envelope>
      """;

  private static final String ANSWER_EXAMPLE =
      """
      <?xml version="1.0" encoding="UTF-8"?><soap:Envelope       xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>      <sst:StatusReportResponse xmlns:sst="urn:saphan:agency-status:1">      <sst:ApplicationId>APP-20261125-7K3M9QXA</sst:ApplicationId>      <sst:Status>approved</sst:Status><sst:Recorded>true</sst:Recorded>      <sst:Duplicate>false</sst:Duplicate></sst:StatusReportResponse></soap:Body></soap:Envelope>      """;

  private final AgencyStatusIntake intake;
  private final MeterRegistry meters;
  private final Problems problems;
  private final String wsdl;
  private final byte[] xmldsigSchema;

  public AgencySoapStatusController(
      AgencyStatusIntake intake, MeterRegistry meters, Problems problems) throws IOException {
    this.intake = intake;
    this.meters = meters;
    this.problems = problems;
    try (InputStream in = getClass().getResourceAsStream("/wsdl/SaphanAgencyStatus.wsdl")) {
      this.wsdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (InputStream in = getClass().getResourceAsStream("/wsdl/" + XMLDSIG_SCHEMA)) {
      this.xmldsigSchema = in.readAllBytes();
    }
  }

  /**
   * The one description of the two GETs ({@code ?wsdl}, {@code ?xsd=}): an OpenAPI path has one
   * GET, so both handlers describe the same operation.
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @Operation(
      operationId = "getStatusServiceContract",
      summary = "The SOAP status service's WSDL and schemas",
      description =
          "`?wsdl`: the WSDL of the status service (SOAP 1.1, document/literal, WS-I Basic"
              + " Profile), its address pointing at this hub as the caller reached it."
              + " `?xsd=xmldsig-core-schema.xsd`: the XML-DSig schema the WSDL imports (without"
              + " its DOCTYPE), so SOAP tools resolve `ds:Signature` without fetching w3.org; any"
              + " other name is `not_found`. No token is needed.",
      parameters = {
        @Parameter(
            name = "wsdl",
            in = ParameterIn.QUERY,
            description = "Present, without a value, for the WSDL.",
            schema = @Schema(type = "string", maxLength = 0)),
        @Parameter(
            name = "xsd",
            in = ParameterIn.QUERY,
            description = "For a schema the WSDL imports: its name.",
            example = XMLDSIG_SCHEMA,
            schema = @Schema(type = "string"))
      })
  @ApiResponse(
      responseCode = "200",
      description = "The WSDL, or the schema.",
      content = @Content(mediaType = "text/xml", schema = @Schema(type = "string")))
  @interface ContractOperation {}

  /** The WSDL, its address pointing at this hub as the caller reached it. */
  @ContractOperation
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
  @ContractOperation
  @ApiErrors(ErrorCode.NOT_FOUND)
  @GetMapping(path = PATH, params = "xsd")
  ResponseEntity<byte[]> xsd(@Parameter(hidden = true) @RequestParam("xsd") String name) {
    if (!XMLDSIG_SCHEMA.equals(name)) {
      throw SaphanException.validation(ErrorCode.NOT_FOUND, "the WSDL imports no schema " + name);
    }
    return ResponseEntity.ok().contentType(TEXT_XML_UTF8).body(xmldsigSchema);
  }

  @Operation(
      operationId = "reportApplicationStatusSoap",
      summary = "Report an application's status (SOAP)",
      description =
          "SOAP 1.1 operation `ReportStatus` of the WSDL (`?wsdl`), `Content-Type: text/xml`,"
              + " `SOAPAction: \"urn:saphan:agency-status:1:ReportStatus\"`. The body holds one"
              + " `sst:StatusReport` (namespace `urn:saphan:agency-status:1`): `ApplicationId`"
              + " (the hub's application id, as delivered), `MessageId` (new for each status"
              + " message; the same MessageId in a new report is recorded once and answered"
              + " `Duplicate: true`), `SentAt`, and in `Status` the agency's own status message,"
              + " which its connector card's `status` mapping reads (its code must be in the"
              + " card's `api.statusCodes`).\n\n"
              + "**Signature**: one enveloped XML-DSig signature, a child of `StatusReport`,"
              + " `Reference URI=\"\"` with the enveloped-signature and exclusive c14n"
              + " transforms, RSA-SHA256, RSA-SHA512 or ECDSA-SHA256, the signing certificate in"
              + " `KeyInfo/X509Data`: the certificate the application's card registers"
              + " (`api.trust`); another agency's is `forbidden`. `SentAt` must be at most 5"
              + " minutes old with 60 s of clock skew (`clock_skew`); the same signed report"
              + " twice is `replay_detected`. The envelope is parsed hardened: no DOCTYPE, no"
              + " entities (`xml_forbidden_construct`).\n\n"
              + "**Answers**: 200 with `sst:StatusReportResponse` (`ApplicationId`, canonical"
              + " `Status`, `Recorded`, `Duplicate`; the current status again is answered"
              + " `Recorded: false`). Refusals are SOAP faults with HTTP 500 (WS-I BP R1126),"
              + " their code in `detail/sst:Problem/sst:Code` and in the `X-Saphan-Error-Code`"
              + " header: `soap:Client` for a code of 4xx status in the error catalog (correct the"
              + " message; do not resend it as is), `soap:Server` otherwise (send it again later,"
              + " signed anew). The codes a fault can carry are listed with the fault answer."
              + " Refusals before the SOAP layer (body too large, another content type) are"
              + " problem+json.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.TEXT_XML_VALUE,
              schema = @Schema(type = "string", description = "A SOAP 1.1 envelope."),
              examples = @ExampleObject(name = "approved", value = REPORT_EXAMPLE)))
  @ApiResponse(
      responseCode = "200",
      description = "The report was taken (recorded, a duplicate, or the current status again).",
      content =
          @Content(
              mediaType = "text/xml",
              schema = @Schema(type = "string"),
              examples = @ExampleObject(name = "recorded", value = ANSWER_EXAMPLE)))
  @ApiErrors({
    // Answered as SOAP faults (HTTP 500, text/xml), not as problems.
    ErrorCode.XML_MALFORMED,
    ErrorCode.XML_FORBIDDEN_CONSTRUCT,
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.APPLICATION_NOT_FOUND,
    ErrorCode.FORBIDDEN,
    ErrorCode.SIGNATURE_MISSING,
    ErrorCode.SIGNATURE_INVALID,
    ErrorCode.SIGNATURE_WRAPPING,
    ErrorCode.ALGORITHM_NOT_ALLOWED,
    ErrorCode.UNKNOWN_KEY,
    ErrorCode.CERTIFICATE_UNTRUSTED,
    ErrorCode.CERTIFICATE_EXPIRED,
    ErrorCode.CERTIFICATE_NOT_YET_VALID,
    ErrorCode.CLOCK_SKEW,
    ErrorCode.REPLAY_DETECTED,
    ErrorCode.STATUS_UNKNOWN,
    ErrorCode.STATUS_TRANSITION_REFUSED,
    ErrorCode.KEY_NOT_AVAILABLE,
    ErrorCode.SERVICE_UNAVAILABLE
  })
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
        .body(
            faultEnvelope(
                code,
                detail,
                MDC.get(CorrelationIdFilter.MDC_KEY),
                problems.type(code).toString()));
  }

  /**
   * The SOAP 1.1 envelope of a refusal: {@code soap:Client} when the agency must change the
   * message, {@code soap:Server} when it may send it again later; the detail carries the hub's
   * error code, title, detail, correlation id and the type (the code's entry in the error catalog,
   * as a problem+json's {@code type} names it). The API description's fault examples are these.
   */
  public static String faultEnvelope(
      ErrorCode code, String detail, String correlationId, String type) {
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
            + "<sst:Type>"
            + xml(type)
            + "</sst:Type></sst:Problem></detail></soap:Fault>");
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
