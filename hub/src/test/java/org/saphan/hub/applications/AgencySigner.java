package org.saphan.hub.applications;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.UUID;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.KeyIds;
import org.saphan.hub.security.Pki;
import org.saphan.hub.security.SigningKey;
import org.saphan.hub.security.XmlDocuments;
import org.saphan.hub.support.TestEnvironment;
import org.w3c.dom.Document;

/**
 * Signs like a sandbox agency does (detached JWS in X-JWS-Signature, kid = RFC 7638 thumbprint,
 * iat, jti), with the party keys of the test key directory: to send callbacks the test controls.
 */
final class AgencySigner {

  private final SigningKey key;

  private AgencySigner(SigningKey key) {
    this.key = key;
  }

  /** The key of a sandbox party ({@code agency-rest}, {@code agency-soap}). */
  static AgencySigner party(String name) {
    TestEnvironment env = TestEnvironment.get();
    return new AgencySigner(
        Pki.readPkcs12(
            env.keysDir().resolve("private/party-" + name + ".p12"),
            name,
            TestEnvironment.KEYSTORE_PASSWORD.toCharArray()));
  }

  /** A detached JWS over {@code body}, issued now, with a fresh jti. */
  String sign(byte[] body) {
    return sign(body, Instant.now(), UUID.randomUUID().toString());
  }

  /**
   * Signs an XML document as a SOAP agency would, straight with Santuario (not the hub's signer):
   * one enveloped signature over the whole document, exclusive c14n, RSA-SHA256 or ECDSA-SHA256,
   * the certificate in KeyInfo. Answers the signed document's bytes.
   */
  byte[] signXml(String xml) {
    try {
      org.apache.xml.security.Init.init();
      Document document = XmlDocuments.parse(xml);
      boolean ec = key.family() == KeyFamily.EC_P256;
      XMLSignature signature =
          new XMLSignature(
              document,
              "",
              ec
                  ? XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256
                  : XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
              Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
      document.getDocumentElement().appendChild(signature.getElement());
      Transforms transforms = new Transforms(document);
      transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
      transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
      signature.addDocument("", transforms, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256);
      signature.addKeyInfo(key.certificate());
      signature.sign(key.privateKey());
      return XmlDocuments.serialize(document);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String sign(byte[] body, Instant iat, String jti) {
    try {
      boolean ec = key.family() == KeyFamily.EC_P256;
      JWSHeader header =
          new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.PS256)
              .keyID(KeyIds.kid(key.certificate()))
              .customParam("iat", iat.getEpochSecond())
              .customParam("jti", jti)
              .build();
      JWSObject jws = new JWSObject(header, new Payload(body));
      jws.sign(
          ec
              ? new ECDSASigner((ECPrivateKey) key.privateKey())
              : new RSASSASigner(key.privateKey()));
      return jws.serialize(true);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
