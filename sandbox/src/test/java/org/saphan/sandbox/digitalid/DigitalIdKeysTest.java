package org.saphan.sandbox.digitalid;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import no.nav.security.mock.oauth2.token.KeyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Digital ID stand-in keeps its signing keys across restarts (issue 12, item 15). */
class DigitalIdKeysTest {

  private static final List<String> ISSUERS = List.of("digitalid", "other-idp");

  @TempDir Path keysDir;

  @Test
  void shouldSignWithTheSameKidAndKeyWhenTheKeyProviderStartsTwice() throws Exception {
    // given: a first start that generates the keys
    KeyProvider first = DigitalIdKeys.load(keysDir, ISSUERS, "RS256");
    JWK before = first.signingKey("digitalid");
    // when: the sandbox restarts
    KeyProvider second = DigitalIdKeys.load(keysDir, ISSUERS, "RS256");
    JWK after = second.signingKey("digitalid");
    // then: same kid, same key pair; each issuer keeps its own key
    assertThat(after.getKeyID()).isEqualTo(before.getKeyID()).isEqualTo("digitalid");
    assertThat(after.computeThumbprint()).isEqualTo(before.computeThumbprint());
    assertThat(after.toRSAKey().toPrivateKey()).isEqualTo(before.toRSAKey().toPrivateKey());
    assertThat(second.signingKey("other-idp").computeThumbprint())
        .isEqualTo(first.signingKey("other-idp").computeThumbprint())
        .isNotEqualTo(after.computeThumbprint());
  }

  @Test
  void shouldKeepTheKeysOwnerOnlyUnderThePrivateKeysDirWhenGenerated() throws Exception {
    // when
    DigitalIdKeys.load(keysDir, ISSUERS, "RS256");
    // then
    Path file = keysDir.resolve(DigitalIdKeys.FILE);
    assertThat(file).exists().startsWith(keysDir.resolve("private"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void shouldReplaceTheKeysWhenTheSigningAlgorithmNeedsAnotherKeyType() throws Exception {
    // given
    JWK rsa = DigitalIdKeys.load(keysDir, ISSUERS, "RS256").signingKey("digitalid");
    // when
    JWK ec = DigitalIdKeys.load(keysDir, ISSUERS, "ES256").signingKey("digitalid");
    // then
    assertThat(rsa.getKeyType()).isEqualTo(KeyType.RSA);
    assertThat(ec.getKeyType()).isEqualTo(KeyType.EC);
    assertThat(DigitalIdKeys.load(keysDir, ISSUERS, "ES256").signingKey("digitalid")).isEqualTo(ec);
  }
}
