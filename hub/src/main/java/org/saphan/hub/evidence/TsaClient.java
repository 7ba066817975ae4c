package org.saphan.hub.evidence;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.Pki;
import org.saphan.hub.security.egress.EgressClient;
import org.saphan.hub.security.egress.EgressRequest;
import org.saphan.hub.security.egress.EgressResponse;

/**
 * The RFC 3161 client of the message log: one request per manifest (SHA-256 imprint, a random
 * nonce, {@code certReq}) through the hub's {@link EgressClient}, and a strict check of the answer:
 * granted, for this imprint and nonce, signed by the configured TSA certificate, which must hold
 * the critical extended key usage {@code timeStamping}.
 */
public class TsaClient {

  /** The egress party name of the TSA (metrics, problems). */
  public static final String PARTY = "tsa";

  static final String QUERY = "application/timestamp-query";
  static final String REPLY = "application/timestamp-reply";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final EgressClient egress;
  private final EvidenceProperties properties;
  private final Path publicDir;
  private volatile X509Certificate certificate;

  /**
   * @param keysDir the key directory whose {@code public/} folder holds the TSA certificate
   */
  public TsaClient(EgressClient egress, EvidenceProperties properties, Path keysDir) {
    this.egress = egress;
    this.properties = properties;
    this.publicDir = keysDir.resolve("public").toAbsolutePath().normalize();
  }

  /** What the TSA gave: its answer as received (DER) and the time it stamped. */
  public record Stamp(byte[] response, Instant time) {}

  /**
   * Asks the TSA to stamp {@code data} and checks its answer.
   *
   * @throws SaphanException {@code upstream_unavailable} (no TSA configured, unreachable, 503),
   *     {@code egress_refused}, or {@code timestamp_refused} (any answer that does not verify)
   */
  public Stamp stamp(byte[] data) {
    if (properties.getTsa().getUrl() == null) {
      throw SaphanException.system(
          ErrorCode.UPSTREAM_UNAVAILABLE, "no TSA configured (saphan.evidence.tsa.url)", null);
    }
    TimeStampRequest request = request(data);
    EgressResponse response;
    try {
      response =
          egress.send(
              PARTY,
              EgressRequest.post(properties.getTsa().getUrl(), QUERY, request.getEncoded())
                  .withAccept(REPLY)
                  .withTimeout(properties.getTsa().getTimeout()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a time-stamp request", e);
    }
    if (response.status() == 503 || response.status() == 429) {
      throw SaphanException.system(
          ErrorCode.UPSTREAM_UNAVAILABLE, "the TSA answered HTTP " + response.status(), null);
    }
    if (response.status() != 200) {
      throw refused("the TSA answered HTTP " + response.status());
    }
    String type = response.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(REPLY)) {
      throw refused("the TSA answered " + type + ", not " + REPLY);
    }
    byte[] answer = response.body();
    return new Stamp(answer, verify(request, answer));
  }

  /** The request for {@code data}: SHA-256 imprint, a fresh 64-bit nonce, the TSA's certificate. */
  static TimeStampRequest request(byte[] data) {
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    return generator.generate(
        TSPAlgorithms.SHA256, Digests.sha256Bytes(data), new BigInteger(64, RANDOM));
  }

  /**
   * Checks a TSA's answer to {@code request}: granted, the request's imprint and nonce, a token
   * signed by the configured TSA certificate (valid at the stamping time, critical {@code
   * timeStamping} extended key usage). Returns the stamping time.
   *
   * @throws SaphanException {@code timestamp_refused} naming what is wrong
   */
  Instant verify(TimeStampRequest request, byte[] answer) {
    TimeStampResponse response;
    try {
      response = new TimeStampResponse(answer);
    } catch (TSPException | IOException | RuntimeException e) {
      throw refused("the TSA's answer is not a TimeStampResp: " + e.getMessage());
    }
    int status = response.getStatus();
    if (status != PKIStatus.GRANTED && status != PKIStatus.GRANTED_WITH_MODS) {
      throw refused(
          "the TSA did not grant the stamp (status "
              + status
              + (response.getStatusString() == null ? "" : ": " + response.getStatusString())
              + ")");
    }
    TimeStampToken token = response.getTimeStampToken();
    if (token == null) {
      throw refused("the TSA granted the stamp but sent no token");
    }
    try {
      response.validate(request);
    } catch (TSPException e) {
      throw refused("the token does not answer this request: " + e.getMessage());
    }
    X509Certificate tsa = certificate();
    try {
      token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
    } catch (TSPException | OperatorCreationException | RuntimeException e) {
      throw refused("the token does not verify against " + tsaName() + ": " + e.getMessage());
    }
    return token.getTimeStampInfo().getGenTime().toInstant();
  }

  /** The configured TSA certificate, read once; it must be a TSA's (critical timeStamping). */
  X509Certificate certificate() {
    X509Certificate known = certificate;
    if (known == null) {
      known = read();
      certificate = known;
    }
    return known;
  }

  private X509Certificate read() {
    Path path = publicDir.resolve(properties.getTsa().getCertificate()).normalize();
    if (!path.startsWith(publicDir) || !Files.isRegularFile(path)) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE,
          "the TSA certificate " + tsaName() + " is not in the key directory's public folder",
          null);
    }
    List<X509Certificate> chain = Pki.readCertificates(path);
    if (chain.isEmpty()) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE, tsaName() + " holds no certificate", null);
    }
    X509Certificate leaf = chain.get(0);
    requireTimeStamping(leaf, tsaName());
    return leaf;
  }

  /** RFC 3161 2.3: the extended key usage is {@code timeStamping} alone, and critical. */
  static void requireTimeStamping(X509Certificate certificate, String name) {
    List<String> usages;
    try {
      usages = certificate.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      usages = null;
    }
    boolean critical =
        certificate.getCriticalExtensionOIDs() != null
            && certificate.getCriticalExtensionOIDs().contains(Extension.extendedKeyUsage.getId());
    if (usages == null
        || !critical
        || !usages.equals(List.of(KeyPurposeId.id_kp_timeStamping.getId()))) {
      throw refused(
          name
              + " is not a TSA certificate: its extended key usage must be timeStamping alone,"
              + " critical");
    }
  }

  private String tsaName() {
    return properties.getTsa().getCertificate();
  }

  private static SaphanException refused(String detail) {
    return SaphanException.system(ErrorCode.TIMESTAMP_REFUSED, detail, null);
  }
}
