package org.saphan.sandbox.agency;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.xml.XMLConstants;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.saphan.sandbox.common.HubAuthorisation;
import org.saphan.sandbox.common.HubTrust;
import org.saphan.sandbox.common.SecureXml;
import org.saphan.sandbox.common.SignatureRejectedException;
import org.saphan.sandbox.common.SignatureRejectedException.Reason;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Verifies the hub's signature on a SOAP request element: the {@link WsSecurityVerifier WS-Security
 * header's} when the envelope carries one (card policy {@code wss-x509}), else the enveloped
 * XML-DSig (card policy {@code xmldsig}).
 *
 * <p>The enveloped XML-DSig is checked the way the contract defines it: the element is signed as a
 * document of its own ({@code Reference URI=""}), exclusive C14N, RSA-SHA256 or RSA-SHA512, the
 * certificate in {@code KeyInfo} whose key must be one of the hub's JWKS keys.
 *
 * <p>Against signature wrapping, the payload is first copied into a fresh document, and the profile
 * is checked before Santuario runs: exactly one {@code ds:Signature}, a child of the payload
 * element, one {@code Reference} with {@code URI=""} and only the enveloped-signature and exclusive
 * C14N transforms. So the signed node is the whole copied document, and the element the agency then
 * reads (the root of the returned document) is the element that was signed: nothing outside it, and
 * nothing beside the signed content, is trusted. The one exception is the hub's authorisation
 * (docs/agency/signing.md): a {@code ds:Object} of the signature holding only an {@code
 * sa:Authorisation}, named by a second Reference by its {@code Id} (exclusive C14N only).
 */
public final class SignedPayloadVerifier {

  static {
    org.apache.xml.security.Init.init();
  }

  /** XML-DSig namespace. */
  public static final String DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

  static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
  static final String ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
  static final Set<String> SIGNATURE_METHODS =
      Set.of(
          "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
          "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512");
  static final Set<String> DIGEST_METHODS =
      Set.of("http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2001/04/xmlenc#sha512");

  private final HubTrust hubTrust;
  private final Clock clock;
  private final WsSecurityVerifier wsSecurity;

  public SignedPayloadVerifier(HubTrust hubTrust, Clock clock) {
    this.hubTrust = Objects.requireNonNull(hubTrust, "hubTrust");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.wsSecurity = new WsSecurityVerifier(this, hubTrust, clock);
  }

  /**
   * Verifies the signature of a payload element (the SOAP Body child): by the envelope's
   * WS-Security header when it has one, else by the signature enveloped in the element.
   *
   * @return the verified payload as a document of its own: process its document element, nothing
   *     else
   * @throws SignatureRejectedException with the reason of the first failed check
   */
  public Document verify(Element payload) {
    return verifySigned(payload).payload();
  }

  /**
   * A verified payload and the hub's authorisation element that the same signature covers.
   *
   * @param payload the payload as a document of its own: process its document element, nothing else
   * @param authorisation the signed {@code sa:Authorisation} ({@link HubAuthorisation#ofXml} reads
   *     it), or null when the signature covers none
   */
  public record Verified(Document payload, Element authorisation) {}

  /**
   * Verifies as {@link #verify(Element)}, and finds the signed authorisation: with WS-Security a
   * {@code soap:Header} element referenced by {@code wsu:Id}; enveloped, a {@code ds:Object} of the
   * signature referenced by its {@code Id} (the request element stays as the schema defines it).
   */
  public Verified verifySigned(Element payload) {
    if (WsSecurityVerifier.securityHeader(payload) != null) {
      return wsSecurity.verify(payload);
    }
    Document document = standalone(payload);
    Element signature = checkProfile(document);
    checkSignature(signature, signerCertificate(signature));
    return new Verified(document, authorisation(signature));
  }

  /**
   * Checks a signature made with the certificate's key: the key must be one of the hub's JWKS keys
   * for the signature's algorithm, the certificate valid now, and the signature (its references
   * resolved in its own document) must match.
   */
  void checkSignature(Element signature, X509Certificate certificate) {
    // Like an agency that selects keys by alg: the JWKS entry must be for this signature method.
    if (!hubTrust.isHubKey(certificate.getPublicKey(), joseAlgorithm(signature))) {
      throw new SignatureRejectedException(
          Reason.UNKNOWN_KEY,
          "the signing certificate's key is not one of the hub's keys for this algorithm");
    }
    try {
      certificate.checkValidity(Date.from(clock.instant()));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new SignatureRejectedException(
          Reason.EXPIRED, "the signing certificate is not valid now");
    }
    boolean valid;
    try {
      XMLSignature xmlSignature = new XMLSignature(signature, "", true);
      valid = xmlSignature.checkSignatureValue(certificate.getPublicKey());
    } catch (XMLSecurityException | RuntimeException e) {
      throw new SignatureRejectedException(
          Reason.BAD_SIGNATURE, "the XML signature cannot be verified");
    }
    if (!valid) {
      throw new SignatureRejectedException(
          Reason.BAD_SIGNATURE, "the XML signature does not match the payload");
    }
  }

  /** The stable code of a refusal in the SOAP fault's detail (e.g. {@code SIGNATURE_INVALID}). */
  static String faultCode(SignatureRejectedException.Reason reason) {
    return switch (reason) {
      case BAD_SIGNATURE -> "SIGNATURE_INVALID";
      case UNKNOWN_KEY -> "SIGNER_NOT_TRUSTED";
      case EXPIRED -> "CERTIFICATE_NOT_VALID";
      case STALE -> "TIMESTAMP_STALE";
      case BODY_NOT_SIGNED, TIMESTAMP_NOT_SIGNED, AUTHORISATION_MISSING -> reason.name();
      default -> "SIGNATURE_" + reason.name();
    };
  }

  /** The JOSE name of the signature's SignatureMethod (RFC 7518: PKCS#1 v1.5 is RS256 / RS512). */
  static String joseAlgorithm(Element signature) {
    org.w3c.dom.NodeList methods =
        signature.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "SignatureMethod");
    String uri =
        methods.getLength() == 0 ? "" : ((Element) methods.item(0)).getAttribute("Algorithm");
    return switch (uri) {
      case "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" -> "RS256";
      case "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" -> "RS512";
      case "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256" -> "ES256";
      default -> "";
    };
  }

  /**
   * Copies the element into a new document, bringing along the namespace declarations it inherits
   * from its ancestors (exclusive C14N keeps only those visibly used, so extras change nothing).
   */
  static Document standalone(Element payload) {
    Document document = SecureXml.newDocument();
    Element copy = (Element) document.importNode(payload, true);
    document.appendChild(copy);
    for (Node n = payload.getParentNode(); n instanceof Element ancestor; n = n.getParentNode()) {
      NamedNodeMap attributes = ancestor.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Attr attribute = (Attr) attributes.item(i);
        if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())
            && !copy.hasAttributeNS(
                XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getLocalName())) {
          copy.setAttributeNS(
              XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getName(), attribute.getValue());
        }
      }
    }
    return document;
  }

  private static Element checkProfile(Document document) {
    NodeList signatures = document.getElementsByTagNameNS(DSIG_NS, "Signature");
    if (signatures.getLength() == 0) {
      throw new SignatureRejectedException(Reason.MISSING, "the request element is not signed");
    }
    if (signatures.getLength() > 1) {
      throw new SignatureRejectedException(Reason.WRAPPING, "more than one ds:Signature");
    }
    Element signature = (Element) signatures.item(0);
    if (signature.getParentNode() != document.getDocumentElement()) {
      throw new SignatureRejectedException(
          Reason.WRAPPING, "the ds:Signature is not a child of the request element");
    }
    Element signedInfo = child(signature, "SignedInfo");
    String c14n = child(signedInfo, "CanonicalizationMethod").getAttribute("Algorithm");
    if (!EXC_C14N.equals(c14n)) {
      throw new SignatureRejectedException(
          Reason.ALGORITHM_NOT_ALLOWED, "SignedInfo must use exclusive C14N");
    }
    String method = child(signedInfo, "SignatureMethod").getAttribute("Algorithm");
    if (!SIGNATURE_METHODS.contains(method)) {
      throw new SignatureRejectedException(
          Reason.ALGORITHM_NOT_ALLOWED, "SignatureMethod must be RSA-SHA256 or RSA-SHA512");
    }
    List<Element> references = children(signedInfo, "Reference");
    List<Element> objects = children(signature, "Object");
    if (objects.size() > 1 || references.size() != 1 + objects.size()) {
      throw new SignatureRejectedException(
          Reason.WRAPPING,
          "exactly one Reference to the request element, and one to the ds:Object if there is one");
    }
    if (objects.size() == 1) {
      checkObjectReference(objects.get(0), references.get(1));
    }
    Element reference = references.get(0);
    if (!reference.hasAttribute("URI") || !reference.getAttribute("URI").isEmpty()) {
      throw new SignatureRejectedException(
          Reason.WRAPPING, "the Reference must cover the whole request element (URI=\"\")");
    }
    boolean enveloped = false;
    for (Element transforms : children(reference, "Transforms")) {
      for (Element transform : children(transforms, "Transform")) {
        String algorithm = transform.getAttribute("Algorithm");
        if (ENVELOPED.equals(algorithm)) {
          enveloped = true;
        } else if (!EXC_C14N.equals(algorithm)) {
          throw new SignatureRejectedException(
              Reason.ALGORITHM_NOT_ALLOWED,
              "only enveloped-signature and exclusive C14N transforms");
        }
      }
    }
    if (!enveloped) {
      throw new SignatureRejectedException(
          Reason.MALFORMED, "the Reference lacks the enveloped-signature transform");
    }
    if (!DIGEST_METHODS.contains(child(reference, "DigestMethod").getAttribute("Algorithm"))) {
      throw new SignatureRejectedException(
          Reason.ALGORITHM_NOT_ALLOWED, "DigestMethod must be SHA-256 or SHA-512");
    }
    return signature;
  }

  /**
   * The second Reference names the one {@code ds:Object} by its {@code Id}, exclusive C14N only,
   * and the object holds the hub's authorisation and nothing else; its {@code Id} is then the only
   * id the document has, so the Reference cannot resolve to anything else.
   */
  private static void checkObjectReference(Element object, Element reference) {
    String id = object.getAttribute("Id");
    if (id.isEmpty() || !reference.getAttribute("URI").equals("#" + id)) {
      throw new SignatureRejectedException(
          Reason.WRAPPING, "the second Reference must name the ds:Object by its Id");
    }
    for (Element transforms : children(reference, "Transforms")) {
      for (Element transform : children(transforms, "Transform")) {
        if (!EXC_C14N.equals(transform.getAttribute("Algorithm"))) {
          throw new SignatureRejectedException(
              Reason.ALGORITHM_NOT_ALLOWED, "the ds:Object is covered with exclusive C14N only");
        }
      }
    }
    if (!DIGEST_METHODS.contains(child(reference, "DigestMethod").getAttribute("Algorithm"))) {
      throw new SignatureRejectedException(
          Reason.ALGORITHM_NOT_ALLOWED, "DigestMethod must be SHA-256 or SHA-512");
    }
    List<Element> content = new ArrayList<>();
    for (Node n = object.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element element) {
        content.add(element);
      }
    }
    if (content.size() != 1
        || !HubAuthorisation.XML_NS.equals(content.get(0).getNamespaceURI())
        || !"Authorisation".equals(content.get(0).getLocalName())) {
      throw new SignatureRejectedException(
          Reason.WRAPPING, "the ds:Object must hold the hub's sa:Authorisation only");
    }
    object.setIdAttributeNS(null, "Id", true);
  }

  /** The authorisation in the signature's ds:Object (checked by the profile), or null. */
  private static Element authorisation(Element signature) {
    List<Element> objects = children(signature, "Object");
    if (objects.isEmpty()) {
      return null;
    }
    for (Node n = objects.get(0).getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element element) {
        return element;
      }
    }
    return null;
  }

  private static X509Certificate signerCertificate(Element signature) {
    List<Element> certificates = new ArrayList<>();
    for (Element keyInfo : children(signature, "KeyInfo")) {
      for (Element data : children(keyInfo, "X509Data")) {
        certificates.addAll(children(data, "X509Certificate"));
      }
    }
    if (certificates.size() != 1) {
      throw new SignatureRejectedException(
          Reason.UNKNOWN_KEY, "KeyInfo must carry exactly one X509Certificate");
    }
    return certificate(certificates.get(0).getTextContent());
  }

  /** A certificate from its base64 DER text (line breaks allowed). */
  static X509Certificate certificate(String base64) {
    try {
      byte[] der = Base64.getMimeDecoder().decode(base64);
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | IllegalArgumentException e) {
      throw new SignatureRejectedException(Reason.MALFORMED, "unreadable X.509 certificate");
    }
  }

  private static Element child(Element parent, String localName) {
    List<Element> found = children(parent, localName);
    if (found.size() != 1) {
      throw new SignatureRejectedException(
          Reason.MALFORMED, "ds:" + parent.getLocalName() + " needs exactly one ds:" + localName);
    }
    return found.get(0);
  }

  private static List<Element> children(Element parent, String localName) {
    return WsSecurityVerifier.children(parent, DSIG_NS, localName);
  }
}
