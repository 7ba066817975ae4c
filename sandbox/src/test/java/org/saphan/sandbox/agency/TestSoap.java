package org.saphan.sandbox.agency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.saphan.sandbox.common.HubAuthorisation;
import org.saphan.sandbox.common.PartyKey;
import org.saphan.sandbox.common.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SOAP requests as the hub sends them: the payload from a template file, signed as a document of
 * its own (enveloped XML-DSig like the hub's XmlDsigSigner: Reference URI="", enveloped + exclusive
 * C14N, signer certificate in KeyInfo), then put into a SOAP 1.1 envelope.
 */
final class TestSoap {

  static {
    org.apache.xml.security.Init.init();
  }

  static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
  static final String RSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
  static final String ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
  static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
  static final String SHA512 = "http://www.w3.org/2001/04/xmlenc#sha512";
  static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";

  private TestSoap() {}

  /** A SubmitPermitApplication payload (unsigned) with a valid citizen id and a future date. */
  static String submit(String messageId) {
    return submit(messageId, "3101200456789", LocalDate.now(BuddhistEra.BANGKOK).plusDays(7), 12);
  }

  static String submit(String messageId, String citizenId, LocalDate movementDate, int count) {
    return fill(
        template("submit-permit-application.xml"),
        Map.of(
            "messageId",
            messageId,
            "applicationId",
            "APP-" + messageId,
            "citizenId",
            citizenId,
            "movementDate",
            movementDate.toString(),
            "count",
            String.valueOf(count)));
  }

  static String getStatus(String referenceNumber) {
    return fill(template("get-permit-status.xml"), Map.of("referenceNumber", referenceNumber));
  }

  static String newMessageId() {
    return "MSG-" + UUID.randomUUID();
  }

  /** Signs the payload (RSA-SHA256, SHA-256 digest) and returns it without an XML declaration. */
  static String sign(String payload, PartyKey key) {
    return sign(payload, key, RSA_SHA256, SHA256);
  }

  static String sign(String payload, PartyKey key, String signatureMethod, String digestMethod) {
    return new String(
        SecureXml.serialize(signDocument(payload, key, signatureMethod, digestMethod)),
        StandardCharsets.UTF_8);
  }

  /** Signs as the hub does, without the authorisation (a delivery DLD must refuse). */
  static String signWithoutAuthorisation(String payload, PartyKey key) {
    return new String(
        SecureXml.serialize(signDocument(payload, key, RSA_SHA256, SHA256, false)),
        StandardCharsets.UTF_8);
  }

  static Document signDocument(
      String payload, PartyKey key, String signatureMethod, String digestMethod) {
    return signDocument(payload, key, signatureMethod, digestMethod, true);
  }

  /**
   * The hub's enveloped profile: with {@code authorised}, the hub's authorisation (public task) in
   * a ds:Object that a second Reference covers by its Id.
   */
  static Document signDocument(
      String payload,
      PartyKey key,
      String signatureMethod,
      String digestMethod,
      boolean authorised) {
    Document document = SecureXml.parse(payload.getBytes(StandardCharsets.UTF_8));
    Element root = document.getDocumentElement();
    try {
      XMLSignature signature = new XMLSignature(document, "", signatureMethod, EXC_C14N);
      root.appendChild(signature.getElement());
      Transforms transforms = new Transforms(document);
      transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
      transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
      signature.addDocument("", transforms, digestMethod);
      signature.addKeyInfo(key.certificate());
      if (authorised) {
        ObjectContainer object = new ObjectContainer(document);
        object.setId("authz-" + UUID.randomUUID());
        object.appendChild(authorisation(document));
        signature.appendObject(object);
        signature.addDocument("#" + object.getId(), exclusiveC14n(document), digestMethod);
      }
      signature.sign(key.privateKey());
    } catch (XMLSecurityException e) {
      throw new IllegalStateException(e);
    }
    return document;
  }

  /** The hub's {@code sa:Authorisation} for a public-task card. */
  static Element authorisation(Document document) {
    Element element = document.createElementNS(HubAuthorisation.XML_NS, "sa:Authorisation");
    element.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:sa", HubAuthorisation.XML_NS);
    Element basis = document.createElementNS(HubAuthorisation.XML_NS, "sa:LawfulBasis");
    basis.setTextContent("public_task");
    element.appendChild(basis);
    return element;
  }

  /** What a WS-Security signature covers (the hub signs both). */
  enum Covers {
    BODY_AND_TIMESTAMP,
    BODY_ONLY,
    TIMESTAMP_ONLY
  }

  /**
   * The payload in a SOAP 1.1 envelope signed with the WS-Security X.509 token profile as the hub's
   * {@code wss-x509} signer writes it: a {@code wsse:Security} header (mustUnderstand) with a
   * Timestamp (Created, Expires 5 minutes later), the certificate as BinarySecurityToken and a
   * signature (exclusive C14N, RSA-SHA256 or ECDSA-SHA256 by the key) over Body and Timestamp by
   * {@code wsu:Id}, its KeyInfo a SecurityTokenReference to the token.
   */
  static String wssEnvelope(String payload, PartyKey key, Instant created, Covers covers) {
    return wssEnvelope(payload, key, created, covers, true);
  }

  /** With {@code authorised}, the hub's authorisation header entry, signed by a third Reference. */
  static String wssEnvelope(
      String payload, PartyKey key, Instant created, Covers covers, boolean authorised) {
    String suffix = UUID.randomUUID().toString();
    String certificate;
    try {
      certificate = Base64.getEncoder().encodeToString(key.certificate().getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    String xml =
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:wsse=\""
            + WsSecurityVerifier.WSSE_NS
            + "\" xmlns:wsu=\""
            + WsSecurityVerifier.WSU_NS
            + "\"><soap:Header><wsse:Security soap:mustUnderstand=\"1\"><wsu:Timestamp wsu:Id=\"TS-"
            + suffix
            + "\"><wsu:Created>"
            + created
            + "</wsu:Created><wsu:Expires>"
            + created.plus(Duration.ofMinutes(5))
            + "</wsu:Expires></wsu:Timestamp><wsse:BinarySecurityToken EncodingType=\""
            + WsSecurityVerifier.BASE64_BINARY
            + "\" ValueType=\""
            + WsSecurityVerifier.X509V3
            + "\" wsu:Id=\"X509-"
            + suffix
            + "\">"
            + certificate
            + "</wsse:BinarySecurityToken></wsse:Security></soap:Header><soap:Body wsu:Id=\"id-"
            + suffix
            + "\">"
            + payload
            + "</soap:Body></soap:Envelope>";
    Document document = SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8));
    Element security =
        (Element) document.getElementsByTagNameNS(WsSecurityVerifier.WSSE_NS, "Security").item(0);
    for (String[] identified :
        new String[][] {
          {"http://schemas.xmlsoap.org/soap/envelope/", "Body"},
          {WsSecurityVerifier.WSU_NS, "Timestamp"},
          {WsSecurityVerifier.WSSE_NS, "BinarySecurityToken"}
        }) {
      ((Element) document.getElementsByTagNameNS(identified[0], identified[1]).item(0))
          .setIdAttributeNS(WsSecurityVerifier.WSU_NS, "Id", true);
    }
    if (authorised) {
      Element authorisation = authorisation(document);
      authorisation.setAttributeNS(WsSecurityVerifier.WSU_NS, "wsu:Id", "AZ-" + suffix);
      authorisation.setIdAttributeNS(WsSecurityVerifier.WSU_NS, "Id", true);
      security.getParentNode().appendChild(authorisation);
    }
    try {
      XMLSignature signature =
          new XMLSignature(
              document,
              "",
              key.privateKey() instanceof ECPrivateKey ? ECDSA_SHA256 : RSA_SHA256,
              EXC_C14N);
      security.appendChild(signature.getElement());
      if (covers != Covers.TIMESTAMP_ONLY) {
        signature.addDocument("#id-" + suffix, exclusiveC14n(document), SHA256);
      }
      if (covers != Covers.BODY_ONLY) {
        signature.addDocument("#TS-" + suffix, exclusiveC14n(document), SHA256);
      }
      if (authorised) {
        signature.addDocument("#AZ-" + suffix, exclusiveC14n(document), SHA256);
      }
      Element reference =
          document.createElementNS(WsSecurityVerifier.WSSE_NS, "wsse:SecurityTokenReference");
      Element uri = document.createElementNS(WsSecurityVerifier.WSSE_NS, "wsse:Reference");
      uri.setAttribute("URI", "#X509-" + suffix);
      uri.setAttribute("ValueType", WsSecurityVerifier.X509V3);
      reference.appendChild(uri);
      signature.getKeyInfo().addUnknownElement(reference);
      signature.sign(key.privateKey());
    } catch (XMLSecurityException e) {
      throw new IllegalStateException(e);
    }
    return new String(SecureXml.serialize(document), StandardCharsets.UTF_8);
  }

  private static Transforms exclusiveC14n(Document document) throws XMLSecurityException {
    Transforms transforms = new Transforms(document);
    transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
    return transforms;
  }

  /** The payload (signed or not) inside a SOAP 1.1 envelope. */
  static String envelope(String payload) {
    return fill(template("envelope.xml"), Map.of("payload", payload));
  }

  static String template(String name) {
    try (InputStream in = TestSoap.class.getResourceAsStream("/agencies/dld/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fill(String template, Map<String, String> values) {
    String out = template;
    for (Map.Entry<String, String> e : values.entrySet()) {
      out = out.replace("${" + e.getKey() + "}", e.getValue());
    }
    return out;
  }
}
