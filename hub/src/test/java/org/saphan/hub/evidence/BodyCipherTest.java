package org.saphan.hub.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.common.Digests;

/** The sealed body: AES-256-GCM bound to its record's SHA-256 (docs/evidence.md). */
class BodyCipherTest {

  private static final byte[] BODY =
      "<soap:Envelope>ใบอนุญาต 12 cattle</soap:Envelope>".getBytes(StandardCharsets.UTF_8);
  private static final String RECORD = Digests.sha256("{\"v\":1,\"kind\":\"delivery_attempt\"}");

  @Test
  void shouldOpenTheExactBytesWhenSealedForTheSameRecord() throws Exception {
    // given
    SecretKey key = key();

    // when
    byte[] sealed = BodyCipher.seal(key, BODY, RECORD);

    // then
    assertThat(sealed[0]).isEqualTo(BodyCipher.VERSION);
    assertThat(sealed).hasSize(1 + 12 + BODY.length + 16);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("cattle");
    assertThat(BodyCipher.open(key, sealed, RECORD)).isEqualTo(BODY);
  }

  @Test
  void shouldUseAFreshIvForEveryBody() throws Exception {
    // given
    SecretKey key = key();

    // when
    byte[] first = BodyCipher.seal(key, BODY, RECORD);
    byte[] second = BodyCipher.seal(key, BODY, RECORD);

    // then
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void shouldRefuseToOpenABodyForAnotherRecord() throws Exception {
    // given: the body moved to another record
    SecretKey key = key();
    byte[] sealed = BodyCipher.seal(key, BODY, RECORD);

    // when / then
    assertThatThrownBy(() -> BodyCipher.open(key, sealed, Digests.sha256("another record")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the body does not open for this record and key");
  }

  @Test
  void shouldRefuseToOpenWithAnotherCitizensKey() throws Exception {
    // given
    byte[] sealed = BodyCipher.seal(key(), BODY, RECORD);

    // when / then
    assertThatThrownBy(() -> BodyCipher.open(key(), sealed, RECORD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the body does not open for this record and key");
  }

  @Test
  void shouldRefuseAnAlteredBody() throws Exception {
    // given
    SecretKey key = key();
    byte[] sealed = BodyCipher.seal(key, BODY, RECORD);
    sealed[20] ^= 1;

    // when / then
    assertThatThrownBy(() -> BodyCipher.open(key, sealed, RECORD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the body does not open for this record and key");
  }

  @Test
  void shouldRefuseWhatIsNotASealedBody() throws Exception {
    // given
    byte[] plain = new byte[40];

    // when / then
    assertThatThrownBy(() -> BodyCipher.open(key(), plain, RECORD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a sealed evidence body (format 1)");
  }

  private static SecretKey key() throws Exception {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    return generator.generateKey();
  }
}
