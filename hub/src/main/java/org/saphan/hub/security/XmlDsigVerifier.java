package org.saphan.hub.security;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Verifies enveloped XML-DSig documents against a party's rules, with a fixed, wrapping-proof
 * profile checked <em>before</em> Santuario touches the signature:
 *
 * <ul>
 *   <li>the document is parsed by {@link SecureXml} (no DTD, so no XXE or entity bombs);
 *   <li>exactly one {@code ds:Signature} in the whole document, a child of the document element;
 *   <li>exactly one {@code Reference}, with {@code URI=""}, and the enveloped-signature transform:
 *       the signed node is the whole document, so the element a caller processes (the document
 *       element of the returned {@link VerifiedXml}) is the element that was signed;
 *   <li>only canonicalisation transforms besides it (no XPath, no XSLT, no external URIs);
 *   <li>SignatureMethod on the party's allow-list, digests SHA-256/384/512 only;
 *   <li>the key comes from the trusted certificate, never from an unchecked {@code KeyInfo}.
 * </ul>
 */
public final class XmlDsigVerifier implements SignatureVerifier {

  static {
    org.apache.xml.security.Init.init();
  }

  private final Clock clock;

  public XmlDsigVerifier(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public SigningPolicy policy() {
    return SigningPolicy.XMLDSIG;
  }

  /** Verifies an enveloped signature; {@code detachedSignature} must be {@code null}. */
  @Override
  public VerifiedSignature verify(byte[] body, byte[] detachedSignature, VerificationRules rules) {
    if (detachedSignature != null) {
      throw SaphanException.validation(
          ErrorCode.SIGNATURE_INVALID, "xmldsig signatures are enveloped, not detached");
    }
    return verifyDocument(body, rules).signature();
  }

  /**
   * Verifies a signed document and returns the verified DOM, which is what callers must process.
   */
  public VerifiedXml verifyDocument(byte[] xml, VerificationRules rules) {
    if (rules.policy() != SigningPolicy.XMLDSIG) {
      throw new IllegalArgumentException("rules are for " + rules.policy().cardName());
    }
    Document document = XmlDocuments.parse(xml);
    Element signatureElement = checkProfile(document, rules);
    String signatureMethod =
        child(child(signatureElement, "SignedInfo"), "SignatureMethod").getAttribute("Algorithm");

    Instant now = clock.instant();
    List<X509Certificate> presented = TrustChecks.leafFirst(keyInfoCertificates(signatureElement));
    X509Certificate signer = TrustChecks.trustedCertificate(rules.trust(), presented, now);
    PublicKey key = signer.getPublicKey();

    boolean valid;
    try {
      XMLSignature signature =
          new XMLSignature(signatureElement, "", true, CryptoProviders.forVerifying(key));
      valid = signature.checkSignatureValue(key);
    } catch (XMLSecurityException | RuntimeException e) {
      throw SaphanException.validation(
          ErrorCode.SIGNATURE_INVALID, "XML signature cannot be verified: " + e.getMessage());
    }
    if (!valid) {
      throw SaphanException.validation(ErrorCode.SIGNATURE_INVALID, "XML signature invalid");
    }
    VerifiedSignature verified =
        new VerifiedSignature(
            SigningPolicy.XMLDSIG, signatureMethod, KeyIds.kid(key), signer, null, null, xml);
    return new VerifiedXml(document, verified);
  }

  private static Element checkProfile(Document document, VerificationRules rules) {
    var signatures = document.getElementsByTagNameNS(Algorithms.XML_DSIG_NS, "Signature");
    if (signatures.getLength() == 0) {
      throw SaphanException.validation(ErrorCode.SIGNATURE_MISSING, "no ds:Signature in document");
    }
    if (signatures.getLength() > 1) {
      throw SaphanException.validation(
          ErrorCode.SIGNATURE_WRAPPING, "more than one ds:Signature in document");
    }
    Element signature = (Element) signatures.item(0);
    if (signature.getParentNode() != document.getDocumentElement()) {
      throw SaphanException.validation(
          ErrorCode.SIGNATURE_WRAPPING, "ds:Signature is not a child of the document element");
    }
    Element signedInfo = child(signature, "SignedInfo");
    String c14n = child(signedInfo, "CanonicalizationMethod").getAttribute("Algorithm");
    if (!Algorithms.XML_CANONICALIZATIONS.contains(c14n)) {
      throw SaphanException.validation(
          ErrorCode.ALGORITHM_NOT_ALLOWED, "canonicalisation " + c14n + " not allowed");
    }
    rules.requireAllowed(child(signedInfo, "SignatureMethod").getAttribute("Algorithm"));

    List<Element> references = children(signedInfo, "Reference");
    if (references.size() != 1) {
      throw SaphanException.validation(
          ErrorCode.SIGNATURE_WRAPPING,
          "exactly one Reference expected, found " + references.size());
    }
    Element reference = references.get(0);
    if (!reference.hasAttribute("URI") || !reference.getAttribute("URI").isEmpty()) {
      throw SaphanException.validation(
          ErrorCode.SIGNATURE_WRAPPING, "the Reference must cover the whole document (URI=\"\")");
    }
    boolean enveloped = false;
    Element transforms = optionalChild(reference, "Transforms");
    if (transforms != null) {
      for (Element transform : children(transforms, "Transform")) {
        String algorithm = transform.getAttribute("Algorithm");
        if (Algorithms.XML_ENVELOPED_SIGNATURE.equals(algorithm)) {
          enveloped = true;
        } else if (!Algorithms.XML_CANONICALIZATIONS.contains(algorithm)) {
          throw SaphanException.validation(
              ErrorCode.ALGORITHM_NOT_ALLOWED, "transform " + algorithm + " not allowed");
        }
      }
    }
    if (!enveloped) {
      throw SaphanException.validation(
          ErrorCode.SIGNATURE_INVALID, "the Reference lacks the enveloped-signature transform");
    }
    String digest = child(reference, "DigestMethod").getAttribute("Algorithm");
    if (!Algorithms.XML_DIGESTS.contains(digest)) {
      throw SaphanException.validation(
          ErrorCode.ALGORITHM_NOT_ALLOWED, "digest " + digest + " not allowed");
    }
    return signature;
  }

  private static List<X509Certificate> keyInfoCertificates(Element signature) {
    List<X509Certificate> certs = new ArrayList<>();
    Element keyInfo = optionalChild(signature, "KeyInfo");
    if (keyInfo != null) {
      for (Element x509Data : children(keyInfo, "X509Data")) {
        for (Element cert : children(x509Data, "X509Certificate")) {
          byte[] der;
          try {
            der = Base64.getMimeDecoder().decode(cert.getTextContent().strip());
          } catch (IllegalArgumentException e) {
            throw SaphanException.validation(
                ErrorCode.SIGNATURE_INVALID, "KeyInfo certificate is not base64");
          }
          certs.add(Pki.parseCertificate(der));
        }
      }
    }
    if (certs.isEmpty()) {
      throw SaphanException.validation(
          ErrorCode.UNKNOWN_KEY, "no X509Certificate in the signature's KeyInfo");
    }
    return certs;
  }

  private static Element child(Element parent, String localName) {
    Element found = optionalChild(parent, localName);
    if (found == null) {
      throw SaphanException.validation(
          ErrorCode.SIGNATURE_INVALID,
          "ds:" + localName + " missing in ds:" + parent.getLocalName());
    }
    return found;
  }

  private static Element optionalChild(Element parent, String localName) {
    List<Element> found = children(parent, localName);
    if (found.size() > 1) {
      throw SaphanException.validation(
          ErrorCode.SIGNATURE_WRAPPING, "more than one ds:" + localName);
    }
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String localName) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && Algorithms.XML_DSIG_NS.equals(e.getNamespaceURI())
          && localName.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }
}
