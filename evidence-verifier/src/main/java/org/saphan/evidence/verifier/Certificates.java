package org.saphan.evidence.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The published certificates (a folder of PEM files, e.g. {@code keys/public/}): the self-signed
 * ones are the trust anchors, the others the chains a signer's certificate is built through.
 */
final class Certificates {

  /** id-kp-timeStamping (RFC 3161). */
  static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

  private final Set<TrustAnchor> anchors = new HashSet<>();
  private final List<X509Certificate> all = new ArrayList<>();

  private Certificates() {}

  /**
   * Every certificate of every {@code *.pem}, {@code *.crt} and {@code *.cer} file in {@code dir}.
   */
  static Certificates load(Path dir) throws IOException {
    Certificates certificates = new Certificates();
    CertificateFactory factory = factory();
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(p -> p.getFileName().toString().matches(".*\\.(pem|crt|cer)$"))
              .sorted()
              .toList();
    }
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        for (Certificate c : factory.generateCertificates(in)) {
          certificates.add((X509Certificate) c);
        }
      } catch (GeneralSecurityException e) {
        throw new IOException(file.getFileName() + " is not a PEM certificate file", e);
      }
    }
    if (certificates.anchors.isEmpty()) {
      throw new IOException(dir + " holds no self-signed CA certificate to trust");
    }
    return certificates;
  }

  private void add(X509Certificate c) {
    all.add(c);
    if (c.getSubjectX500Principal().equals(c.getIssuerX500Principal())
        && c.getBasicConstraints() >= 0) {
      try {
        c.verify(c.getPublicKey());
        anchors.add(new TrustAnchor(c, null));
      } catch (GeneralSecurityException e) {
        // not self-signed after all: an ordinary certificate of the folder
      }
    }
  }

  List<X509Certificate> all() {
    return all;
  }

  /**
   * Builds and validates the path from {@code signer} to a trust anchor as it was at {@code at}
   * (archives are verified years later, against certificates that have since expired; there is no
   * revocation information offline), through the published certificates and {@code more}.
   *
   * @param extendedKeyUsage an extended key usage the signer must have, or null
   * @return null when it validates, else why not
   */
  String validate(
      X509Certificate signer, Collection<X509Certificate> more, Date at, String extendedKeyUsage) {
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(signer);
      if (extendedKeyUsage != null) {
        target.setExtendedKeyUsage(Set.of(extendedKeyUsage));
      }
      PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
      parameters.setRevocationEnabled(false);
      parameters.setDate(at);
      List<X509Certificate> store = new ArrayList<>(all);
      store.addAll(more);
      store.add(signer);
      parameters.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
      CertPathBuilder.getInstance("PKIX").build(parameters);
      return null;
    } catch (GeneralSecurityException | IOException e) {
      return "certificate '"
          + signer.getSubjectX500Principal().getName()
          + "' does not chain to a published CA at "
          + at.toInstant()
          + " ("
          + e.getMessage()
          + ")";
    }
  }

  static CertificateFactory factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
    }
  }
}
