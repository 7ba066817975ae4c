package org.saphan.hub.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.saphan.catalog.common.Digests;
import org.saphan.catalog.common.SecureXml;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.KeyIds;
import org.saphan.hub.security.Pki;
import org.saphan.hub.security.XmlDocuments;
import org.w3c.dom.DOMException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The {@code StatusReport} of the hub's SOAP status service ({@code wsdl/SaphanAgencyStatus.wsdl}):
 * how it is found in a SOAP envelope, cut out as the document the agency signed, and read once
 * verified.
 *
 * @param applicationId the hub's application id
 * @param messageId the agency's id of this status message (a re-sent message keeps it)
 * @param sentAt when the agency signed the report
 * @param status the agency's own status message, as XML text for the card's status mapping
 */
record SoapStatusReport(String applicationId, String messageId, Instant sentAt, String status) {

  static final String NAMESPACE = "urn:saphan:agency-status:1";
  static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
  private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

  /** The single {@code StatusReport} in the envelope's body. */
  static Element reportOf(Document envelope) {
    Element root = envelope.getDocumentElement();
    if (!"Envelope".equals(root.getLocalName()) || !SOAP11.equals(root.getNamespaceURI())) {
      throw invalid("the message is not a SOAP 1.1 Envelope (the service's binding is SOAP 1.1)");
    }
    Element body = null;
    for (Element child : elements(root)) {
      if (!root.getNamespaceURI().equals(child.getNamespaceURI())) {
        throw invalid("unexpected element " + child.getLocalName() + " in the Envelope");
      }
      if ("Header".equals(child.getLocalName()) && body == null) {
        refuseMustUnderstand(child, root.getNamespaceURI());
      } else if ("Body".equals(child.getLocalName()) && body == null) {
        body = child;
      } else {
        throw invalid("unexpected or repeated " + child.getLocalName() + " in the Envelope");
      }
    }
    if (body == null) {
      throw invalid("the Envelope has no Body");
    }
    List<Element> content = elements(body);
    if (content.size() != 1
        || !"StatusReport".equals(content.get(0).getLocalName())
        || !NAMESPACE.equals(content.get(0).getNamespaceURI())) {
      throw invalid("the Body must hold exactly one {" + NAMESPACE + "}StatusReport");
    }
    return content.get(0);
  }

  /** A child's text, before verification: only to find which agency's key must have signed. */
  static String text(Element report, String name) {
    Element child = single(report, name);
    String value = child.getTextContent().strip();
    if (value.isEmpty()) {
      throw invalid(name + " is empty");
    }
    return value;
  }

  /** The report as the document the agency signed (outside its SOAP envelope). */
  static Document standalone(Element report) {
    Document document = SecureXml.newDocumentBuilder().newDocument();
    try {
      document.appendChild(document.importNode(report, true));
    } catch (DOMException e) {
      // The parser lets a name such as the attribute ":a" through, DOM refuses to copy it: an
      // unsigned envelope gave a 500 (found by SoapStatusReportFuzzTest).
      throw invalid("the StatusReport has a name that is not namespace-well-formed");
    }
    return document;
  }

  /** The kid of the certificate the signature presents, or null if it presents none readable. */
  static String signerKid(Document report) {
    try {
      Element certificate =
          (Element) report.getElementsByTagNameNS(DSIG, "X509Certificate").item(0);
      if (certificate == null) {
        return null;
      }
      return KeyIds.kid(
          Pki.parseCertificate(
              Base64.getMimeDecoder().decode(certificate.getTextContent().strip())));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** SHA-256 of the signature value: the same signed report twice is a replay. */
  static String signatureDigest(Document verified) {
    Node value = verified.getElementsByTagNameNS(DSIG, "SignatureValue").item(0);
    String compact = value.getTextContent().replaceAll("\\s+", "");
    // base64 is ASCII: its UTF-8 bytes are its ASCII bytes
    return Digests.sha256(compact);
  }

  /** Reads a verified report. */
  static SoapStatusReport read(Element report) {
    Instant sentAt;
    try {
      sentAt = OffsetDateTime.parse(text(report, "SentAt")).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid("SentAt must be an xs:dateTime with an offset, e.g. 2026-11-25T14:10:00+07:00");
    }
    List<Element> status = elements(single(report, "Status"));
    if (status.size() != 1) {
      throw invalid("Status must hold exactly one element: the agency's status message");
    }
    for (Element child : elements(report)) {
      boolean known =
          NAMESPACE.equals(child.getNamespaceURI())
                  && Set.of("ApplicationId", "MessageId", "SentAt", "Status")
                      .contains(child.getLocalName())
              || DSIG.equals(child.getNamespaceURI()) && "Signature".equals(child.getLocalName());
      if (!known) {
        throw invalid("unexpected element " + child.getLocalName() + " in the StatusReport");
      }
    }
    return new SoapStatusReport(
        text(report, "ApplicationId"),
        text(report, "MessageId"),
        sentAt,
        new String(XmlDocuments.serialize(standalone(status.get(0))), StandardCharsets.UTF_8));
  }

  private static void refuseMustUnderstand(Element header, String soap) {
    for (Element entry : elements(header)) {
      String value = entry.getAttributeNS(soap, "mustUnderstand");
      if ("1".equals(value) || "true".equals(value)) {
        throw invalid(
            "header {"
                + entry.getNamespaceURI()
                + "}"
                + entry.getLocalName()
                + " must be understood, and the hub does not understand it");
      }
    }
  }

  private static Element single(Element parent, String name) {
    Element found = null;
    for (Element child : elements(parent)) {
      if (name.equals(child.getLocalName()) && NAMESPACE.equals(child.getNamespaceURI())) {
        if (found != null) {
          throw invalid("more than one " + name + " in the StatusReport");
        }
        found = child;
      }
    }
    if (found == null) {
      throw invalid("the StatusReport has no " + name);
    }
    return found;
  }

  private static List<Element> elements(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  private static SaphanException invalid(String detail) {
    return SaphanException.validation(ErrorCode.VALIDATION_FAILED, detail);
  }
}
