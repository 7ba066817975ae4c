package org.saphan.sandbox.agency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
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

  static Document signDocument(
      String payload, PartyKey key, String signatureMethod, String digestMethod) {
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
      signature.sign(key.privateKey());
    } catch (XMLSecurityException e) {
      throw new IllegalStateException(e);
    }
    return document;
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
