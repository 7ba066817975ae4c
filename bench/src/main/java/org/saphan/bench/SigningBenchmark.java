package org.saphan.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.saphan.hub.security.SignedMessage;

/** Sign and verify throughput of every signing policy and algorithm, as the hub runs them. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigningBenchmark {

  @Param({
    "JWS_ES256",
    "JWS_PS256",
    "XMLDSIG_RSA_SHA256",
    "XMLDSIG_RSA_SHA512",
    "CMS_ES256",
    "CMS_RSA"
  })
  public String policy;

  private SigningFixture fixture;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = SigningFixture.of(SigningFixture.Case.valueOf(policy));
  }

  @Benchmark
  public SignedMessage sign() {
    return fixture.sign();
  }

  @Benchmark
  public String verify() {
    return fixture.verify();
  }
}
