package org.saphan.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/** CMS/PKCS#7 detached signatures for files: openssl verification and refusals. */
class CmsTest {

  private static final byte[] FILE =
      ("H000001006123456789012สำนักงานตัวอย่าง                  25112026\n"
              + "D000002006123456789012251120261030000000000000000000001\n")
          .getBytes(StandardCharsets.UTF_8);

  private final TestPki pki = TestPki.get();
  private final CmsVerifier verifier = new CmsVerifier(TestPki.CLOCK);
  private final VerificationRules hubTrust =
      VerificationRules.of(SigningPolicy.CMS, "hub", Trust.authorities(pki.ca.certificate()));

  @TempDir Path dir;

  @Test
  void shouldVerifyWithOpensslWhenTheHubSignsAFile() throws Exception {
    // given
    ExternalTools.require("openssl");
    Path file = Files.write(dir.resolve("settlement.txt"), FILE);
    Path p7s = new CmsSigner(pki.hub, TestPki.CLOCK).signFile(file);
    Path ca = dir.resolve("ca.pem");
    Pki.writePem(ca, List.of(pki.ca.certificate()));
    // when
    ExternalTools.Result result =
        ExternalTools.run(
            dir,
            "openssl",
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            p7s.toString(),
            "-content",
            file.toString(),
            "-CAfile",
            ca.toString(),
            "-purpose",
            "any",
            "-out",
            "/dev/null");
    // then
    assertThat(p7s.getFileName().toString()).isEqualTo("settlement.txt.p7s");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("Verification successful");
  }

  @Test
  void shouldVerifyWithOpensslWhenTheHubSignsWithRsa() throws Exception {
    // given
    ExternalTools.require("openssl");
    Path file = Files.write(dir.resolve("batch.txt"), FILE);
    Path p7s = Files.write(dir.resolve("batch.txt.p7s"), rsaSigner().signDetached(FILE));
    Path ca = dir.resolve("ca.pem");
    Pki.writePem(ca, List.of(pki.ca.certificate()));
    // when
    ExternalTools.Result result =
        ExternalTools.run(
            dir,
            "openssl",
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            p7s.toString(),
            "-content",
            file.toString(),
            "-CAfile",
            ca.toString(),
            "-purpose",
            "any",
            "-out",
            "/dev/null");
    // then
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void shouldVerifyAFileWhenSignedByTheHub() throws Exception {
    // given
    Path file = Files.write(dir.resolve("a.txt"), FILE);
    Path p7s = new CmsSigner(pki.hub, TestPki.CLOCK).signFile(file);
    // when
    VerifiedSignature verified = verifier.verifyFile(file, p7s, hubTrust);
    // then
    assertThat(verified.kid()).isEqualTo(pki.hub.current(KeyFamily.EC_P256).kid());
  }

  @Test
  void shouldRefuseWithSignatureInvalidWhenTheSignatureIsOverDifferentContent() {
    // given
    byte[] p7s = new CmsSigner(pki.hub, TestPki.CLOCK).signDetached(FILE);
    byte[] other = Arrays.copyOf(FILE, FILE.length);
    other[10] = '9';
    // then
    assertCode(() -> verifier.verify(other, p7s, hubTrust), ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void shouldRefuseWithCmsMalformedWhenTheSignatureIsTruncated() {
    // given
    byte[] p7s = new CmsSigner(pki.hub, TestPki.CLOCK).signDetached(FILE);
    byte[] truncated = Arrays.copyOf(p7s, p7s.length / 2);
    // then
    assertCode(() -> verifier.verify(FILE, truncated, hubTrust), ErrorCode.CMS_MALFORMED);
  }

  @Test
  void shouldRefuseWithCmsMalformedWhenTheSignatureIsNotCms() {
    assertCode(
        () ->
            verifier.verify(FILE, "not a signature".getBytes(StandardCharsets.US_ASCII), hubTrust),
        ErrorCode.CMS_MALFORMED);
  }

  @Test
  void shouldRefuseWithSignatureMissingWhenTheP7sFileIsAbsent() throws Exception {
    // given
    Path file = Files.write(dir.resolve("unsigned.txt"), FILE);
    // then
    assertCode(
        () -> verifier.verifyFile(file, dir.resolve("unsigned.txt.p7s"), hubTrust),
        ErrorCode.SIGNATURE_MISSING);
  }

  @Test
  void shouldRefuseWithCertificateUntrustedWhenSignedByAStranger() {
    // given
    byte[] p7s = new CmsSigner(TestPki.ringOf(pki.strangerEc), TestPki.CLOCK).signDetached(FILE);
    // then
    assertCode(() -> verifier.verify(FILE, p7s, hubTrust), ErrorCode.CERTIFICATE_UNTRUSTED);
  }

  @Test
  void shouldRefuseWithCertificateExpiredWhenTheSignerCertificateExpired() {
    // given
    byte[] p7s = new CmsSigner(TestPki.ringOf(pki.expiredEc), TestPki.CLOCK).signDetached(FILE);
    // then
    assertCode(() -> verifier.verify(FILE, p7s, hubTrust), ErrorCode.CERTIFICATE_EXPIRED);
  }

  private CmsSigner rsaSigner() {
    return new CmsSigner(pki.hub, KeyFamily.RSA_3072, TestPki.CLOCK);
  }

  private static void assertCode(Runnable action, ErrorCode code) {
    assertThatThrownBy(action::run)
        .isInstanceOf(SaphanException.class)
        .extracting(e -> ((SaphanException) e).code())
        .isEqualTo(code);
  }
}
