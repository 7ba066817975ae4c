package org.saphan.sandbox.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartyKeysTest {

  @TempDir static Path keysDir;

  static TestPki pki;

  @BeforeAll
  static void generateKeys() {
    pki = TestPki.shared();
    pki.writeTo(keysDir);
  }

  @Test
  void shouldLoadKeyChainAndThumbprintKidWhenPartyKeystoreExists() throws Exception {
    // given
    PartyKeys keys = new PartyKeys(keysDir, () -> TestPki.PASSWORD);

    // when
    PartyKey key = keys.get("agency-rest");

    // then
    assertThat(key.chain()).hasSize(2);
    assertThat(key.publicKey()).isEqualTo(pki.agencyRest().publicKey());
    assertThat(key.kid())
        .isEqualTo(JWK.parse(key.certificate()).computeThumbprint().toString())
        .isEqualTo(pki.agencyRest().kid());
    assertThat(key.jwsAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
  }

  @Test
  void shouldRefuseNamingTheVariableWhenPasswordNotSet() {
    // given
    PartyKeys keys = new PartyKeys(keysDir, () -> null);

    // when / then
    assertThatThrownBy(() -> keys.get("agency-rest"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(PartyKeys.PASSWORD_ENV);
  }

  @Test
  void shouldRefuseWhenPasswordIsWrong() {
    // given
    PartyKeys keys = new PartyKeys(keysDir, () -> "not-the-password");

    // when / then
    assertThatThrownBy(() -> keys.get("agency-rest"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("party-agency-rest.p12");
  }

  @Test
  void shouldRefuseWhenPartyHasNoKeystore() {
    // given
    PartyKeys keys = new PartyKeys(keysDir, () -> TestPki.PASSWORD);

    // when / then
    assertThatThrownBy(() -> keys.get("agency-soap"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keys init");
  }

  @Test
  void shouldRefuseWhenPartyNameLeavesTheKeyDirectory() {
    // given
    PartyKeys keys = new PartyKeys(keysDir, () -> TestPki.PASSWORD);

    // when / then
    assertThatThrownBy(() -> keys.get("../agency-rest"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
