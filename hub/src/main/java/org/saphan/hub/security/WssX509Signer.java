package org.saphan.hub.security;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Signs a SOAP 1.1 request with the OASIS WS-Security X.509 token profile (WSS 1.0/1.1), which
 * stock WSS4J and WCF endpoints verify, built with Apache Santuario (WSS4J does not resolve here).
 * The payload goes into the Body byte for byte; the {@code soap:Header} carries a {@code
 * wsse:Security} header ({@code mustUnderstand="1"}, strict layout) holding:
 *
 * <ul>
 *   <li>a {@code wsu:Timestamp}: Created from the hub's clock, Expires {@link #FRESHNESS} later;
 *   <li>the signer certificate as a {@code wsse:BinarySecurityToken} (X509v3, Base64Binary);
 *   <li>a {@code ds:Signature} (exclusive C14N) whose two References name the Body and the
 *       Timestamp by {@code wsu:Id}, its KeyInfo a {@code wsse:SecurityTokenReference} to the
 *       token.
 * </ul>
 *
 * <p>Key and algorithm are chosen as for {@link XmlDsigSigner}: RSA-SHA256 by default, RSA-SHA512
 * (SHA-512 digests) or ECDSA-SHA256 by choice.
 */
public final class WssX509Signer implements MessageSigner {

  static {
    org.apache.xml.security.Init.init();
  }

  /** How long a signed message is fresh: Expires = Created + this. */
  public static final Duration FRESHNESS = Duration.ofMinutes(5);

  private static final String HEADER_START = "<soap:Header>";
  private static final String HEADER_END = "</soap:Header>";

  private static final DateTimeFormatter XSD_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final KeyRing keyRing;
  private final KeyFamily family;
  private final String signatureMethod;
  private final String digestMethod;
  private final Clock clock;

  /**
   * @param keyRing where the current key comes from
   * @param family the key family (RSA_3072 unless the agency accepts ECDSA)
   * @param signatureMethod a SignatureMethod URI from {@link Algorithms} matching the family
   * @param clock the hub's clock, for the Timestamp
   */
  public WssX509Signer(KeyRing keyRing, KeyFamily family, String signatureMethod, Clock clock) {
    this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
    this.family = Objects.requireNonNull(family, "family");
    this.signatureMethod = Objects.requireNonNull(signatureMethod, "signatureMethod");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.digestMethod = XmlDsigSigner.digestFor(family, signatureMethod);
  }

  @Override
  public SigningPolicy policy() {
    return SigningPolicy.WSS_X509;
  }

  /**
   * Wraps the payload (one XML element, checked by {@link SecureXml}) in a signed envelope.
   *
   * @return the complete envelope as {@link SignedMessage#body()}
   * @throws SaphanException {@code XML_MALFORMED} for a payload that is not XML, {@code
   *     XML_FORBIDDEN_CONSTRUCT} for one with a DOCTYPE or one that already is a SOAP envelope
   */
  @Override
  public SignedMessage sign(byte[] payload) {
    return sign(payload, null);
  }

  /**
   * Signs as {@link #sign(byte[])}, with the authorisation as a {@code soap:Header} element of its
   * own ({@code sa:Authorisation}, beside {@code wsse:Security}, with a {@code wsu:Id}) that a
   * third {@code Reference} covers.
   */
  @Override
  public SignedMessage sign(byte[] payload, Authorisation authorisation) {
    if (SoapEnvelope.isEnvelope(XmlDocuments.parse(payload).getDocumentElement())) {
      throw SaphanException.validation(
          ErrorCode.XML_FORBIDDEN_CONSTRUCT, "the payload already is a SOAP envelope");
    }
    SigningKey key = keyRing.current(family);
    String suffix = UUID.randomUUID().toString();
    String bodyId = "id-" + suffix;
    String timestampId = "TS-" + suffix;
    String tokenId = "X509-" + suffix;
    String namespaces =
        " xmlns:wsse=\"" + Algorithms.WSSE_NS + "\" xmlns:wsu=\"" + Algorithms.WSU_NS + "\"";
    String bodyAttributes = " wsu:Id=\"" + bodyId + "\"";
    Document envelope =
        XmlDocuments.parse(
            SoapEnvelope.wrap(
                namespaces, unsignedHeader(key, timestampId, tokenId), bodyAttributes, payload));
    Element header =
        SoapEnvelope.child(envelope.getDocumentElement(), SoapEnvelope.SOAP_NS, "Header");
    Element security = SoapEnvelope.child(header, Algorithms.WSSE_NS, "Security");
    Element body = SoapEnvelope.child(envelope.getDocumentElement(), SoapEnvelope.SOAP_NS, "Body");
    Element timestamp = SoapEnvelope.child(security, Algorithms.WSU_NS, "Timestamp");
    Element token = SoapEnvelope.child(security, Algorithms.WSSE_NS, "BinarySecurityToken");
    for (Element identified : new Element[] {body, timestamp, token}) {
      identified.setIdAttributeNS(Algorithms.WSU_NS, "Id", true);
    }
    String authorisationId = "AZ-" + suffix;
    if (authorisation != null) {
      Element element = authorisation.element(envelope);
      element.setAttributeNS(Algorithms.WSU_NS, "wsu:Id", authorisationId);
      element.setIdAttributeNS(Algorithms.WSU_NS, "Id", true);
      header.appendChild(element);
    }
    try {
      XMLSignature signature =
          new XMLSignature(
              envelope,
              "",
              signatureMethod,
              Algorithms.XML_EXC_C14N,
              CryptoProviders.forSigning(key.privateKey()));
      security.appendChild(signature.getElement());
      signature.addDocument("#" + bodyId, exclusiveC14n(envelope), digestMethod);
      signature.addDocument("#" + timestampId, exclusiveC14n(envelope), digestMethod);
      if (authorisation != null) {
        signature.addDocument("#" + authorisationId, exclusiveC14n(envelope), digestMethod);
      }
      signature.getKeyInfo().addUnknownElement(tokenReference(envelope, tokenId));
      signature.sign(key.privateKey());
    } catch (XMLSecurityException e) {
      throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "WS-Security signing failed", e);
    }
    // The signed header is written out; the Body keeps the payload's own bytes.
    byte[] signed = SoapEnvelope.wrap(namespaces, headerContent(envelope), bodyAttributes, payload);
    return new SignedMessage(SigningPolicy.WSS_X509, signatureMethod, key.kid(), signed, null);
  }

  private String unsignedHeader(SigningKey key, String timestampId, String tokenId) {
    Instant created = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String certificate;
    try {
      certificate = Base64.getEncoder().encodeToString(key.certificate().getEncoded());
    } catch (CertificateEncodingException e) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE, "the signing certificate cannot be encoded", e);
    }
    return "<wsse:Security soap:mustUnderstand=\"1\">"
        + "<wsu:Timestamp wsu:Id=\""
        + timestampId
        + "\"><wsu:Created>"
        + XSD_DATE_TIME.format(created)
        + "</wsu:Created><wsu:Expires>"
        + XSD_DATE_TIME.format(created.plus(FRESHNESS))
        + "</wsu:Expires></wsu:Timestamp>"
        + "<wsse:BinarySecurityToken EncodingType=\""
        + Algorithms.WSS_BASE64_BINARY
        + "\" ValueType=\""
        + Algorithms.WSS_X509V3
        + "\" wsu:Id=\""
        + tokenId
        + "\">"
        + certificate
        + "</wsse:BinarySecurityToken></wsse:Security>";
  }

  private static Transforms exclusiveC14n(Document document) throws XMLSecurityException {
    Transforms transforms = new Transforms(document);
    transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
    return transforms;
  }

  private static Element tokenReference(Document document, String tokenId) {
    Element reference = document.createElementNS(Algorithms.WSSE_NS, "wsse:SecurityTokenReference");
    Element uri = document.createElementNS(Algorithms.WSSE_NS, "wsse:Reference");
    uri.setAttribute("URI", "#" + tokenId);
    uri.setAttribute("ValueType", Algorithms.WSS_X509V3);
    reference.appendChild(uri);
    return reference;
  }

  /**
   * The Header's content as the serialiser writes the whole envelope (so with no namespace
   * declarations beyond the Envelope's): everything between the first Header tags, which precede
   * the Body and so any payload text.
   */
  private static String headerContent(Document envelope) {
    String xml = new String(XmlDocuments.serialize(envelope), StandardCharsets.UTF_8);
    int start = xml.indexOf(HEADER_START);
    int end = xml.indexOf(HEADER_END, start);
    if (start < 0 || end < 0) {
      throw new IllegalStateException("the serialised envelope lost its soap:Header");
    }
    return xml.substring(start + HEADER_START.length(), end);
  }
}
