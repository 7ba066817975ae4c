package org.saphan.hub.security.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.hub.security.KeyDescriptor;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.KeyStatus;
import org.saphan.hub.security.Pki;
import org.saphan.hub.support.KeyRingTemplate;
import org.saphan.hub.support.TestEnvironment;

/**
 * {@code ./saphan keys}: init, rotate, retire and list on a real key directory.
 *
 * <p>An init makes four RSA-3072 keys (seconds of key generation): the tests that start from an
 * initialised directory get a copy of one made once per JVM ({@link KeyRingTemplate}); the init
 * test still runs its own.
 */
class KeysCommandTest {

  private static final Map<String, String> ENV =
      Map.of(KeysCommand.PASSWORD_ENV, TestEnvironment.KEYSTORE_PASSWORD);

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    return new KeysCommand(env, Clock.systemUTC(), dir)
        .run(args, new PrintStream(out, true), new PrintStream(err, true));
  }

  @Test
  void shouldCreateCaHubAndPartyKeysWhenInitialised() throws Exception {
    // when
    int code = run(ENV, "init");
    // then
    assertThat(code).isZero();
    X509Certificate ca = Pki.readCertificates(dir.resolve("public/sandbox-ca.pem")).get(0);
    assertThat(ca.getBasicConstraints()).as("CA basic constraints").isGreaterThanOrEqualTo(0);
    assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
    for (String party : List.of("agency-rest", "agency-soap", "gdx", "epayment", "tsa")) {
      assertThat(dir.resolve("public/party-" + party + ".pem")).exists();
      assertThat(dir.resolve("private/party-" + party + ".p12")).exists();
    }
    X509Certificate tsa = Pki.readCertificates(dir.resolve("public/party-tsa.pem")).get(0);
    assertThat(tsa.getCriticalExtensionOIDs()).as("critical EKU").contains("2.5.29.37");
    assertThat(tsa.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
    assertThat(Files.readString(dir.resolve("private/.gitignore"))).contains("*");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("EC-P256").contains("RSA-3072");
  }

  @Test
  void shouldIssueOnlyTheMissingPartyWhenADirectoryPredatesIt() throws Exception {
    // given: a key directory made before the sandbox TSA existed
    KeyRingTemplate.copyTo(dir);
    KeyRingIndex index = KeyRingIndex.read(dir);
    new KeyRingIndex(
            index.ca(),
            index.keys(),
            index.parties().stream().filter(p -> !p.name().equals("tsa")).toList())
        .write(dir);
    Files.delete(dir.resolve("public/party-tsa.pem"));
    Files.delete(dir.resolve("private/party-tsa.p12"));
    String gdx = Files.readString(dir.resolve("public/party-gdx.pem"));
    // when
    int code = run(ENV, "parties");
    // then
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Issued the keys of tsa.");
    assertThat(dir.resolve("private/party-tsa.p12")).exists();
    X509Certificate tsa = Pki.readCertificates(dir.resolve("public/party-tsa.pem")).get(0);
    assertThat(tsa.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
    assertThat(KeyRingIndex.read(dir).parties()).extracting(PartyDescriptor::name).contains("tsa");
    assertThat(Files.readString(dir.resolve("public/party-gdx.pem"))).isEqualTo(gdx);
    // when: run again
    assertThat(run(ENV, "parties")).isZero();
    // then
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Every sandbox party has its key.");
  }

  @Test
  void shouldRefuseWithUsageCodeWhenThePasswordIsNotInTheEnvironment() {
    // when
    int code = run(Map.of(), "init");
    // then
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(KeysCommand.PASSWORD_ENV);
  }

  @Test
  void shouldKeepTheOldKeyVerifyOnlyWhenRotatedAndDropItWhenRetired() {
    // given
    KeyRingTemplate.copyTo(dir);
    String oldKid = activeKid(KeyFamily.EC_P256);
    // when
    int rotated = run(ENV, "rotate", "ec");
    // then
    assertThat(rotated).isZero();
    assertThat(status(oldKid)).isEqualTo(KeyStatus.VERIFY_ONLY);
    assertThat(activeKid(KeyFamily.EC_P256)).isNotEqualTo(oldKid);
    // when: retired (a kid may start with '-', which must not be read as an option)
    int retired = run(ENV, "retire", oldKid);
    // then
    assertThat(retired).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(status(oldKid)).isEqualTo(KeyStatus.RETIRED);
    assertThat(dir.resolve("private/" + oldKid + ".p12")).doesNotExist();
  }

  @Test
  void shouldRefuseToRetireTheActiveKeyWhenNotRotatedFirst() {
    // given
    KeyRingTemplate.copyTo(dir);
    // when
    int code = run(ENV, "retire", activeKid(KeyFamily.RSA_3072));
    // then
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("rotate first");
  }

  @Test
  void shouldListKidAlgorithmNotAfterAndStatusWithoutAPassword() {
    // given
    KeyRingTemplate.copyTo(dir);
    // when
    int code = run(Map.of(), "list");
    // then
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("KID")
        .contains("ALGORITHM")
        .contains("NOT-AFTER")
        .contains("STATUS")
        .contains("ACTIVE");
  }

  @Test
  void shouldRefuseASecondInitWhenTheDirectoryHoldsAKeyRing() {
    // given
    KeyRingTemplate.copyTo(dir);
    // when
    int code = run(ENV, "init");
    // then
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("already holds a key ring");
  }

  @Test
  void shouldAnswerUsageWhenTheCommandIsUnknown() {
    assertThat(run(ENV, "explode")).isEqualTo(2);
    assertThat(run(ENV, "--bogus", "list")).isEqualTo(2);
  }

  private String activeKid(KeyFamily family) {
    return KeyRingIndex.read(dir).keys().stream()
        .filter(k -> k.family() == family && k.status() == KeyStatus.ACTIVE)
        .map(KeyDescriptor::kid)
        .findFirst()
        .orElseThrow();
  }

  private KeyStatus status(String kid) {
    return KeyRingIndex.read(dir).keys().stream()
        .filter(k -> k.kid().equals(kid))
        .map(KeyDescriptor::status)
        .findFirst()
        .orElseThrow();
  }
}
