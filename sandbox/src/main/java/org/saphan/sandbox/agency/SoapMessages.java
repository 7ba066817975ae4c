package org.saphan.sandbox.agency;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** SOAP 1.1 envelopes of the DLD service: responses and faults, written as UTF-8 bytes. */
final class SoapMessages {

  /** SOAP 1.1 envelope namespace. */
  static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

  /** SOAP 1.2 envelope namespace (answered with a VersionMismatch fault). */
  static final String SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";

  /** The DLD service namespace. */
  static final String DLD_NS = "urn:th:go:dld:movement:v1";

  /** SOAP 1.1 fault codes. */
  enum FaultCode {
    CLIENT("soap:Client"),
    SERVER("soap:Server"),
    MUST_UNDERSTAND("soap:MustUnderstand"),
    VERSION_MISMATCH("soap:VersionMismatch");

    private final String qname;

    FaultCode(String qname) {
      this.qname = qname;
    }
  }

  private SoapMessages() {}

  /**
   * A response envelope whose Body holds {@code <dld:name>} with the given children in order; null
   * values are left out.
   */
  static byte[] response(String name, Map<String, String> children) {
    StringBuilder xml = new StringBuilder(512);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .append("<soap:Envelope xmlns:soap=\"")
        .append(SOAP_NS)
        .append("\"><soap:Body><dld:")
        .append(name)
        .append(" xmlns:dld=\"")
        .append(DLD_NS)
        .append("\">");
    children.forEach(
        (child, value) -> {
          if (value != null) {
            xml.append("<dld:")
                .append(child)
                .append('>')
                .append(escape(value))
                .append("</dld:")
                .append(child)
                .append('>');
          }
        });
    xml.append("</dld:").append(name).append("></soap:Body></soap:Envelope>");
    return xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A SOAP 1.1 Fault with a {@code dld:PermitFault} detail carrying a stable code.
   *
   * @param faultCode Client (the request is at fault) or Server
   * @param code stable code, e.g. {@code SIGNATURE_INVALID}
   * @param faultString human-readable reason (never echoes personal data)
   */
  static byte[] fault(FaultCode faultCode, String code, String faultString) {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<soap:Envelope xmlns:soap=\""
            + SOAP_NS
            + "\"><soap:Body><soap:Fault><faultcode>"
            + faultCode.qname
            + "</faultcode><faultstring xml:lang=\"en\">"
            + escape(faultString)
            + "</faultstring><detail><dld:PermitFault xmlns:dld=\""
            + DLD_NS
            + "\"><dld:code>"
            + escape(code)
            + "</dld:code><dld:message>"
            + escape(faultString)
            + "</dld:message></dld:PermitFault></detail></soap:Fault></soap:Body></soap:Envelope>";
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out.append('?');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
