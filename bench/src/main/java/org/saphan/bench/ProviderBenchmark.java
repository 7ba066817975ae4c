package org.saphan.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JCA provider choice behind {@code CryptoProviders}: the same raw signature (P-256 ECDSA,
 * RSA-3072 PSS) with the JDK's provider and with Bouncy Castle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProviderBenchmark {

  @Param({"EC_JDK", "EC_BC", "RSA_PSS_JDK", "RSA_PSS_BC"})
  public String provider;

  private final byte[] data = SigningFixture.JSON.getBytes(StandardCharsets.UTF_8);
  private KeyPair keys;
  private Signature signer;
  private Signature verifier;
  private byte[] signature;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    boolean ec = provider.startsWith("EC");
    Provider bc = provider.endsWith("BC") ? new BouncyCastleProvider() : null;
    KeyPairGenerator generator = KeyPairGenerator.getInstance(ec ? "EC" : "RSA");
    if (ec) {
      generator.initialize(new ECGenParameterSpec("secp256r1"));
    } else {
      generator.initialize(3072);
    }
    keys = generator.generateKeyPair();
    String algorithm = ec ? "SHA256withECDSA" : "RSASSA-PSS";
    signer = bc == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, bc);
    verifier = bc == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, bc);
    if (!ec) {
      PSSParameterSpec pss =
          new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
      signer.setParameter(pss);
      verifier.setParameter(pss);
    }
    signature = sign();
  }

  @Benchmark
  public byte[] sign() throws Exception {
    signer.initSign(keys.getPrivate());
    signer.update(data);
    return signer.sign();
  }

  @Benchmark
  public boolean verify() throws Exception {
    verifier.initVerify(keys.getPublic());
    verifier.update(data);
    return verifier.verify(signature);
  }
}
