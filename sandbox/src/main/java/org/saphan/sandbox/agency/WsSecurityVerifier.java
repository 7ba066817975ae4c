package org.saphan.sandbox.agency;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.saphan.sandbox.common.HubAuthorisation;
import org.saphan.sandbox.common.HubTrust;
import org.saphan.sandbox.common.SignatureRejectedException;
import org.saphan.sandbox.common.SignatureRejectedException.Reason;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Verifies a SOAP 1.1 request signed with the OASIS WS-Security X.509 token profile, as strictly as
 * a WSS4J endpoint with a policy demanding a signed Body and Timestamp:
 *
 * <ul>
 *   <li>exactly one {@code wsse:Security} header holding one {@code wsu:Timestamp}, one X509v3
 *       {@code wsse:BinarySecurityToken} and one {@code ds:Signature};
 *   <li>every {@code wsu:Id} in the envelope unique (only the Body, Timestamp and token are taken
 *       as ids), so a reference cannot resolve to a copy planted elsewhere;
 *   <li>exclusive C14N, RSA-SHA256/512 or ECDSA-SHA256, SHA-256/512 digests, one reference each to
 *       the Body and to the Timestamp, and to the hub's {@code sa:Authorisation} header entry when
 *       there is one, and nothing else;
 *   <li>KeyInfo a {@code wsse:SecurityTokenReference} to that token, whose certificate's key must
 *       be one of the hub's JWKS keys (as for the enveloped profile);
 *   <li>the Timestamp fresh by the agency's clock: Created at most {@link #MAX_CLOCK_SKEW} ahead,
 *       Expires not passed and at most {@link #MAX_LIFETIME} after Created;
 *   <li>the signature value used once while its Timestamp is valid (no replays).
 * </ul>
 */
final class WsSecurityVerifier {

  static final String WSSE_NS =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  static final String WSU_NS =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
  static final String X509V3 =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
  static final String BASE64_BINARY =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

  /** How far ahead of the agency's clock a Timestamp's Created may be. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

  /** The longest Expires − Created accepted (the hub stamps 5 minutes). */
  static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

  static final Set<String> SIGNATURE_METHODS =
      Set.of(
          "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
          "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
          "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256");

  private static final String DSIG_NS = SignedPayloadVerifier.DSIG_NS;

  private final SignedPayloadVerifier signatures;
  private final HubTrust hubTrust;
  private final Clock clock;

  WsSecurityVerifier(SignedPayloadVerifier signatures, HubTrust hubTrust, Clock clock) {
    this.signatures = Objects.requireNonNull(signatures, "signatures");
    this.hubTrust = Objects.requireNonNull(hubTrust, "hubTrust");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The envelope's first {@code wsse:Security} header, or null, for a SOAP Body child. */
  static Element securityHeader(Element payload) {
    if (!(payload.getParentNode() instanceof Element body)
        || !(body.getParentNode() instanceof Element envelope)) {
      return null;
    }
    for (Element header : children(envelope, SoapMessages.SOAP_NS, "Header")) {
      List<Element> security = children(header, WSSE_NS, "Security");
      if (!security.isEmpty()) {
        return security.get(0);
      }
    }
    return null;
  }

  /**
   * Verifies the envelope's WS-Security header for its Body child {@code payload}.
   *
   * @return the payload as a document of its own: process its document element, nothing else
   * @throws SignatureRejectedException with the reason of the first failed check
   */
  SignedPayloadVerifier.Verified verify(Element payload) {
    Element body = (Element) payload.getParentNode();
    Element envelope = (Element) body.getParentNode();
    Element security = onlySecurityHeader(envelope);
    Element timestamp = one(security, WSU_NS, "Timestamp", Reason.MALFORMED);
    Element token = one(security, WSSE_NS, "BinarySecurityToken", Reason.MALFORMED);
    Element signature = one(security, DSIG_NS, "Signature", Reason.MISSING);
    Element authorisation = authorisationHeader(envelope);
    requireUniqueIds(envelope);
    List<Element> identifiable = new ArrayList<>(List.of(body, timestamp, token));
    if (authorisation != null) {
      identifiable.add(authorisation);
    }
    for (Element identified : identifiable) {
      if (identified.hasAttributeNS(WSU_NS, "Id")) {
        identified.setIdAttributeNS(WSU_NS, "Id", true);
      }
    }
    boolean authorisationSigned = checkReferences(signature, body, timestamp, authorisation);
    X509Certificate certificate = tokenCertificate(signature, token);
    Instant expires = requireFresh(timestamp);
    signatures.checkSignature(signature, certificate);
    String value = one(signature, DSIG_NS, "SignatureValue", Reason.MALFORMED).getTextContent();
    if (!hubTrust.firstUse("wss:" + value.replaceAll("\\s", ""), expires)) {
      throw new SignatureRejectedException(Reason.REPLAYED, "this signed message was seen before");
    }
    return new SignedPayloadVerifier.Verified(
        SignedPayloadVerifier.standalone(payload), authorisationSigned ? authorisation : null);
  }

  /** The hub's {@code sa:Authorisation} header entry: at most one, or null. */
  private static Element authorisationHeader(Element envelope) {
    List<Element> found = new ArrayList<>();
    for (Element header : children(envelope, SoapMessages.SOAP_NS, "Header")) {
      found.addAll(children(header, HubAuthorisation.XML_NS, "Authorisation"));
    }
    if (found.size() > 1) {
      throw new SignatureRejectedException(Reason.WRAPPING, "more than one sa:Authorisation");
    }
    return found.isEmpty() ? null : found.get(0);
  }

  private static Element onlySecurityHeader(Element envelope) {
    List<Element> found = new ArrayList<>();
    for (Element header : children(envelope, SoapMessages.SOAP_NS, "Header")) {
      found.addAll(children(header, WSSE_NS, "Security"));
    }
    if (found.size() != 1) {
      throw new SignatureRejectedException(Reason.WRAPPING, "more than one wsse:Security header");
    }
    return found.get(0);
  }

  private static void requireUniqueIds(Element envelope) {
    Set<String> seen = new HashSet<>();
    NodeList all = envelope.getElementsByTagNameNS("*", "*");
    for (int i = -1; i < all.getLength(); i++) {
      Element element = i < 0 ? envelope : (Element) all.item(i);
      NamedNodeMap attributes = element.getAttributes();
      for (int a = 0; a < attributes.getLength(); a++) {
        Attr attribute = (Attr) attributes.item(a);
        if (WSU_NS.equals(attribute.getNamespaceURI())
            && "Id".equals(attribute.getLocalName())
            && !seen.add(attribute.getValue())) {
          throw new SignatureRejectedException(
              Reason.WRAPPING, "wsu:Id " + attribute.getValue() + " is not unique");
        }
      }
    }
  }

  /**
   * Only the Body, the Timestamp and the hub's authorisation header (when there is one) are
   * referenced, each by wsu:Id, exclusive C14N only.
   *
   * @return whether the authorisation header is covered
   */
  private static boolean checkReferences(
      Element signature, Element body, Element timestamp, Element authorisation) {
    Element signedInfo = one(signature, DSIG_NS, "SignedInfo", Reason.MALFORMED);
    String c14n =
        one(signedInfo, DSIG_NS, "CanonicalizationMethod", Reason.MALFORMED)
            .getAttribute("Algorithm");
    if (!SignedPayloadVerifier.EXC_C14N.equals(c14n)) {
      throw new SignatureRejectedException(
          Reason.ALGORITHM_NOT_ALLOWED, "SignedInfo must use exclusive C14N");
    }
    String method =
        one(signedInfo, DSIG_NS, "SignatureMethod", Reason.MALFORMED).getAttribute("Algorithm");
    if (!SIGNATURE_METHODS.contains(method)) {
      throw new SignatureRejectedException(
          Reason.ALGORITHM_NOT_ALLOWED,
          "SignatureMethod must be RSA-SHA256, RSA-SHA512 or ECDSA-SHA256");
    }
    String bodyId = "#" + body.getAttributeNS(WSU_NS, "Id");
    String timestampId = "#" + timestamp.getAttributeNS(WSU_NS, "Id");
    String authorisationId =
        authorisation == null || !authorisation.hasAttributeNS(WSU_NS, "Id")
            ? null
            : "#" + authorisation.getAttributeNS(WSU_NS, "Id");
    Set<String> covered = new HashSet<>();
    boolean other = false;
    for (Element reference : children(signedInfo, DSIG_NS, "Reference")) {
      String uri = reference.getAttribute("URI");
      if (!covered.add(uri)) {
        throw new SignatureRejectedException(Reason.WRAPPING, "two References to " + uri);
      }
      other |=
          uri.length() < 2
              || !(uri.equals(bodyId) || uri.equals(timestampId) || uri.equals(authorisationId));
      for (Element transforms : children(reference, DSIG_NS, "Transforms")) {
        for (Element transform : children(transforms, DSIG_NS, "Transform")) {
          if (!SignedPayloadVerifier.EXC_C14N.equals(transform.getAttribute("Algorithm"))) {
            throw new SignatureRejectedException(
                Reason.ALGORITHM_NOT_ALLOWED, "only the exclusive C14N transform");
          }
        }
      }
      String digest =
          one(reference, DSIG_NS, "DigestMethod", Reason.MALFORMED).getAttribute("Algorithm");
      if (!SignedPayloadVerifier.DIGEST_METHODS.contains(digest)) {
        throw new SignatureRejectedException(
            Reason.ALGORITHM_NOT_ALLOWED, "DigestMethod must be SHA-256 or SHA-512");
      }
    }
    if (bodyId.length() < 2 || !covered.contains(bodyId)) {
      throw new SignatureRejectedException(
          Reason.BODY_NOT_SIGNED, "the signature does not cover the SOAP Body");
    }
    if (timestampId.length() < 2 || !covered.contains(timestampId)) {
      throw new SignatureRejectedException(
          Reason.TIMESTAMP_NOT_SIGNED, "the signature does not cover the wsu:Timestamp");
    }
    if (other) {
      throw new SignatureRejectedException(
          Reason.WRAPPING,
          "a Reference names something else than the Body, the Timestamp and the authorisation");
    }
    return authorisationId != null && covered.contains(authorisationId);
  }

  /** The token's certificate, when KeyInfo points at that token and it is an X.509v3 one. */
  private static X509Certificate tokenCertificate(Element signature, Element token) {
    Element keyInfo = one(signature, DSIG_NS, "KeyInfo", Reason.UNKNOWN_KEY);
    Element reference =
        one(
            one(keyInfo, WSSE_NS, "SecurityTokenReference", Reason.UNKNOWN_KEY),
            WSSE_NS,
            "Reference",
            Reason.UNKNOWN_KEY);
    String tokenId = token.getAttributeNS(WSU_NS, "Id");
    if (tokenId.isEmpty() || !reference.getAttribute("URI").equals("#" + tokenId)) {
      throw new SignatureRejectedException(
          Reason.UNKNOWN_KEY, "KeyInfo does not reference the header's BinarySecurityToken");
    }
    String encoding = token.getAttribute("EncodingType");
    if (!X509V3.equals(token.getAttribute("ValueType"))
        || !(encoding.isEmpty() || BASE64_BINARY.equals(encoding))) {
      throw new SignatureRejectedException(
          Reason.MALFORMED, "the BinarySecurityToken must be a base64 X509v3 certificate");
    }
    return SignedPayloadVerifier.certificate(token.getTextContent());
  }

  /** Created not ahead beyond the skew, Expires not passed and not too far out; Expires. */
  private Instant requireFresh(Element timestamp) {
    Instant created = instant(one(timestamp, WSU_NS, "Created", Reason.MALFORMED));
    Instant expires = instant(one(timestamp, WSU_NS, "Expires", Reason.MALFORMED));
    Instant now = clock.instant();
    if (!expires.isAfter(created)
        || Duration.between(created, expires).compareTo(MAX_LIFETIME) > 0) {
      throw new SignatureRejectedException(
          Reason.STALE, "Expires must follow Created by at most " + MAX_LIFETIME);
    }
    if (created.isAfter(now.plus(MAX_CLOCK_SKEW))) {
      throw new SignatureRejectedException(Reason.STALE, "the Timestamp is created in the future");
    }
    if (!now.isBefore(expires)) {
      throw new SignatureRejectedException(Reason.STALE, "the Timestamp has expired");
    }
    return expires;
  }

  private static Instant instant(Element element) {
    try {
      return Instant.parse(element.getTextContent().strip());
    } catch (DateTimeParseException e) {
      throw new SignatureRejectedException(
          Reason.MALFORMED, "wsu:" + element.getLocalName() + " is not a UTC xsd:dateTime");
    }
  }

  private static Element one(Element parent, String namespace, String localName, Reason missing) {
    List<Element> found = children(parent, namespace, localName);
    if (found.isEmpty()) {
      throw new SignatureRejectedException(missing, parent.getLocalName() + " has no " + localName);
    }
    if (found.size() > 1) {
      throw new SignatureRejectedException(
          Reason.WRAPPING, parent.getLocalName() + " has more than one " + localName);
    }
    return found.get(0);
  }

  /** The child elements with this namespace and local name, in document order. */
  static List<Element> children(Element parent, String namespace, String localName) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && namespace.equals(e.getNamespaceURI())
          && localName.equals(e.getLocalName())) {
        found.add(e);
      }
    }
    return found;
  }
}
