package org.saphan.sandbox.epayment;

import java.io.ByteArrayOutputStream;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.Document;
import xades4j.XAdES4jException;
import xades4j.algorithms.EnvelopedSignatureTransform;
import xades4j.production.BasicSignatureOptions;
import xades4j.production.DataObjectReference;
import xades4j.production.SignatureAlgorithms;
import xades4j.production.SignedDataObjects;
import xades4j.production.SigningCertificateMode;
import xades4j.production.XadesBesSigningProfile;
import xades4j.production.XadesSigner;
import xades4j.properties.DataObjectDesc;
import xades4j.providers.KeyingDataProvider;

/**
 * Signs e-Receipts the way ETDA's reference signer does: XAdES-BES, enveloped ({@code Reference
 * URI=""} with the enveloped-signature transform), RSA-SHA512, SHA-512 digests for the document and
 * the signed properties, the certificate chain in {@code KeyInfo}.
 */
public final class ReceiptSigner {

  /** Signature method of e-Tax documents. */
  public static final String SIGNATURE_ALGORITHM = XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512;

  /** Digest method of the references. */
  public static final String DIGEST_ALGORITHM = MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA512;

  private ReceiptSigner() {}

  /** Appends the signature to the root element of {@code document}. */
  public static void sign(Document document, PartyKey key) {
    try {
      XadesSigner signer =
          new XadesBesSigningProfile(new ChainKeyingDataProvider(key))
              .withSignatureAlgorithms(
                  new SignatureAlgorithms()
                      .withSignatureAlgorithm("RSA", SIGNATURE_ALGORITHM)
                      .withDigestAlgorithmForDataObjectReferences(DIGEST_ALGORITHM)
                      .withDigestAlgorithmForReferenceProperties(DIGEST_ALGORITHM))
              .withBasicSignatureOptions(
                  new BasicSignatureOptions()
                      .includeSigningCertificate(SigningCertificateMode.FULL_CHAIN))
              .newSigner();
      DataObjectDesc whole =
          new DataObjectReference("").withTransform(new EnvelopedSignatureTransform());
      signer.sign(new SignedDataObjects(whole), document.getDocumentElement());
    } catch (XAdES4jException e) {
      throw new IllegalStateException("cannot sign the e-Receipt: " + e.getMessage(), e);
    }
  }

  /** The document as UTF-8 bytes, exactly as signed (no re-indentation). */
  public static byte[] serialize(Document document) {
    try {
      TransformerFactory factory = TransformerFactory.newInstance();
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer transformer = factory.newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.INDENT, "no");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      transformer.transform(new DOMSource(document), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot write the e-Receipt", e);
    }
  }

  /** xades4j's own direct provider takes one certificate; ETDA wants the chain in KeyInfo. */
  private record ChainKeyingDataProvider(PartyKey key) implements KeyingDataProvider {

    @Override
    public List<X509Certificate> getSigningCertificateChain() {
      return key.chain();
    }

    @Override
    public PrivateKey getSigningKey(X509Certificate signingCert) {
      return key.privateKey();
    }
  }
}
