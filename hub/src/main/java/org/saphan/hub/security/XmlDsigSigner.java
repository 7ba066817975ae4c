package org.saphan.hub.security;

import java.util.Objects;
import java.util.UUID;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Signs XML documents with an enveloped XML-DSig (Apache Santuario): the whole document ({@code
 * Reference URI=""}, enveloped-signature + exclusive C14N transforms), exclusive C14N for
 * SignedInfo, the signer certificate in {@code KeyInfo/X509Data}, the {@code ds:Signature} as the
 * last child of the document element (as ETDA e-Tax places it).
 *
 * <p>RSA-SHA256 by default; RSA-SHA512 (with SHA-512 digests, the ETDA e-Tax profile) or
 * ECDSA-SHA256 by choice.
 */
public final class XmlDsigSigner implements MessageSigner {

  static {
    org.apache.xml.security.Init.init();
  }

  /** How the {@code Id} of the {@code ds:Object} holding the authorisation begins. */
  public static final String AUTHORISATION_ID_PREFIX = "authz-";

  private final KeyRing keyRing;
  private final KeyFamily family;
  private final String signatureMethod;
  private final String digestMethod;

  /**
   * @param keyRing where the current key comes from
   * @param family the key family (RSA_3072 unless a party accepts ECDSA)
   * @param signatureMethod a SignatureMethod URI from {@link Algorithms} matching the family
   */
  public XmlDsigSigner(KeyRing keyRing, KeyFamily family, String signatureMethod) {
    this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
    this.family = Objects.requireNonNull(family, "family");
    this.signatureMethod = Objects.requireNonNull(signatureMethod, "signatureMethod");
    this.digestMethod = digestFor(family, signatureMethod);
  }

  /**
   * The DigestMethod that goes with a SignatureMethod (SHA-512 with RSA-SHA512, else SHA-256).
   *
   * @throws SaphanException {@code ALGORITHM_NOT_ALLOWED} when the method does not fit the family
   */
  static String digestFor(KeyFamily family, String signatureMethod) {
    boolean fits =
        family == KeyFamily.RSA_3072
            ? signatureMethod.equals(Algorithms.XML_RSA_SHA256)
                || signatureMethod.equals(Algorithms.XML_RSA_SHA512)
            : signatureMethod.equals(Algorithms.XML_ECDSA_SHA256);
    if (!fits) {
      throw SaphanException.validation(
          ErrorCode.ALGORITHM_NOT_ALLOWED, signatureMethod + " does not fit key family " + family);
    }
    return signatureMethod.equals(Algorithms.XML_RSA_SHA512)
        ? Algorithms.XML_SHA512
        : Algorithms.XML_SHA256;
  }

  /** RSA-3072 with RSA-SHA256. */
  public XmlDsigSigner(KeyRing keyRing) {
    this(keyRing, KeyFamily.RSA_3072, Algorithms.XML_RSA_SHA256);
  }

  @Override
  public SigningPolicy policy() {
    return SigningPolicy.XMLDSIG;
  }

  /** Parses the XML with {@link SecureXml}, signs it and returns the signed document's bytes. */
  @Override
  public SignedMessage sign(byte[] xml) {
    return sign(xml, null);
  }

  /**
   * Signs as {@link #sign(byte[])}, the authorisation in a {@code ds:Object} of the signature that
   * a second {@code Reference} (by its {@code Id}, exclusive C14N) covers: the request element
   * itself, which the agency's schema defines, stays as the card's mapping made it.
   */
  @Override
  public SignedMessage sign(byte[] xml, Authorisation authorisation) {
    Document document = XmlDocuments.parse(xml);
    SigningKey key = sign(document, authorisation);
    return new SignedMessage(
        SigningPolicy.XMLDSIG, signatureMethod, key.kid(), XmlDocuments.serialize(document), null);
  }

  /**
   * Signs a document in place.
   *
   * @return the key that signed
   */
  public SigningKey sign(Document document) {
    return sign(document, null);
  }

  private SigningKey sign(Document document, Authorisation authorisation) {
    Element root = document.getDocumentElement();
    if (document.getElementsByTagNameNS(Algorithms.XML_DSIG_NS, "Signature").getLength() > 0) {
      throw SaphanException.validation(
          ErrorCode.XML_FORBIDDEN_CONSTRUCT, "document already carries a ds:Signature");
    }
    SigningKey key = keyRing.current(family);
    try {
      XMLSignature signature =
          new XMLSignature(
              document,
              "",
              signatureMethod,
              Algorithms.XML_EXC_C14N,
              CryptoProviders.forSigning(key.privateKey()));
      root.appendChild(signature.getElement());
      Transforms transforms = new Transforms(document);
      transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
      transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
      signature.addDocument("", transforms, digestMethod);
      signature.addKeyInfo(key.certificate());
      if (authorisation != null) {
        String id = AUTHORISATION_ID_PREFIX + UUID.randomUUID();
        ObjectContainer object = new ObjectContainer(document);
        object.setId(id);
        object.appendChild(authorisation.element(document));
        signature.appendObject(object);
        Transforms c14n = new Transforms(document);
        c14n.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
        signature.addDocument("#" + id, c14n, digestMethod);
      }
      signature.sign(key.privateKey());
      return key;
    } catch (XMLSecurityException e) {
      throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "XML signing failed", e);
    }
  }
}
