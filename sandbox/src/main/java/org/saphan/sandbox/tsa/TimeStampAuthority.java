package org.saphan.sandbox.tsa;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.saphan.sandbox.common.PartyKey;

/**
 * An RFC 3161 time-stamping authority with Bouncy Castle, strict like a real one: a malformed
 * request is answered with a rejection ({@code badDataFormat}), an imprint other than SHA-256,
 * SHA-384 or SHA-512 with {@code badAlg}; a granted answer holds a token signed by the party key
 * {@code tsa} (its certificate has the critical extended key usage {@code timeStamping}, which
 * Bouncy Castle's token generator insists on), the request's nonce, and the certificate when asked
 * for.
 */
public class TimeStampAuthority {

  /** The sandbox TSA's policy: an OID under IANA's documentation enterprise number (RFC 5612). */
  static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.32473.3161.1");

  private static final Set<ASN1ObjectIdentifier> DIGESTS =
      Set.of(TSPAlgorithms.SHA256, TSPAlgorithms.SHA384, TSPAlgorithms.SHA512);

  private final Supplier<PartyKey> key;
  private final Clock clock;
  private final AtomicLong serial = new AtomicLong(System.currentTimeMillis());
  private volatile TimeStampResponseGenerator generator;

  /**
   * @param key the TSA's key and certificate chain, read on first use
   * @param clock the TSA's clock (the time it stamps)
   */
  public TimeStampAuthority(Supplier<PartyKey> key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  /** The DER TimeStampResp answering a DER TimeStampReq. */
  public byte[] answer(byte[] der) {
    TimeStampRequest request;
    try {
      request = new TimeStampRequest(der);
    } catch (IOException | RuntimeException e) {
      return failure(PKIFailureInfo.badDataFormat, "the request is not a DER TimeStampReq");
    }
    try {
      // generate() turns an unaccepted algorithm, policy or extension into a rejection
      return generator()
          .generate(
              request, BigInteger.valueOf(serial.incrementAndGet()), Date.from(clock.instant()))
          .getEncoded();
    } catch (TSPException | IOException e) {
      return failure(PKIFailureInfo.systemFailure, "cannot stamp: " + e.getMessage());
    }
  }

  /** A rejection without token, as a TSA in trouble answers. */
  public byte[] rejected(String why) {
    return failure(PKIFailureInfo.systemFailure, why);
  }

  private byte[] failure(int failInfo, String why) {
    try {
      return new TimeStampResponseGenerator(null, DIGESTS)
          .generateFailResponse(PKIStatus.REJECTION, failInfo, why)
          .getEncoded();
    } catch (TSPException | IOException e) {
      throw new IllegalStateException("cannot encode a rejection", e);
    }
  }

  private TimeStampResponseGenerator generator() {
    TimeStampResponseGenerator made = generator;
    if (made == null) {
      made = make(key.get());
      generator = made;
    }
    return made;
  }

  private static TimeStampResponseGenerator make(PartyKey tsa) {
    try {
      String algorithm =
          tsa.privateKey() instanceof ECPrivateKey ? "SHA256withECDSA" : "SHA256withRSA";
      TimeStampTokenGenerator tokens =
          new TimeStampTokenGenerator(
              new JcaSimpleSignerInfoGeneratorBuilder()
                  .build(algorithm, tsa.privateKey(), tsa.certificate()),
              new JcaDigestCalculatorProviderBuilder()
                  .build()
                  .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
              POLICY);
      tokens.addCertificates(new JcaCertStore(List.of(tsa.certificate())));
      return new TimeStampResponseGenerator(tokens, DIGESTS);
    } catch (OperatorCreationException | TSPException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the TSA of party " + tsa.name(), e);
    }
  }
}
