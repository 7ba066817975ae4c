package org.saphan.hub.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Encrypts files to a recipient's certificate as CMS EnvelopedData (Bouncy Castle, streaming: the
 * file never sits whole in memory): AES-256-CBC content encryption, the key wrapped to the
 * recipient's RSA key (key transport). {@code openssl cms -decrypt -inform DER} opens it with the
 * recipient's key.
 */
public final class CmsEncryptor {

  /** The file name suffix of an encrypted file. */
  public static final String P7M_SUFFIX = ".p7m";

  private CmsEncryptor() {}

  /**
   * Writes {@code plain} encrypted to {@code recipient} into {@code encrypted}.
   *
   * @throws SaphanException {@code key_not_available} when the certificate cannot be used
   */
  public static void encrypt(Path plain, X509Certificate recipient, Path encrypted) {
    CMSEnvelopedDataStreamGenerator generator = new CMSEnvelopedDataStreamGenerator();
    try {
      generator.addRecipientInfoGenerator(
          new JceKeyTransRecipientInfoGenerator(recipient)
              .setProvider(CryptoProviders.bouncyCastle()));
      try (OutputStream file = Files.newOutputStream(encrypted);
          OutputStream out =
              generator.open(
                  file,
                  new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                      .setProvider(CryptoProviders.bouncyCastle())
                      .build());
          InputStream in = Files.newInputStream(plain)) {
        in.transferTo(out);
      }
    } catch (CertificateEncodingException | CMSException | IOException | RuntimeException e) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE,
          "cannot encrypt "
              + plain.getFileName()
              + " to "
              + recipient.getSubjectX500Principal().getName()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
