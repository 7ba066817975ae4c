package org.saphan.catalog.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestsTest {

  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void shouldGiveTheFipsVectorWhenHashingAbc() {
    // then
    assertThat(Digests.sha256("abc")).isEqualTo(ABC);
    assertThat(Digests.sha256Prefix("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 8))
        .isEqualTo(ABC.substring(0, 16));
  }

  @Test
  void shouldHashNoBytesWhenGivenNull() {
    // then
    assertThat(Digests.sha256((byte[]) null)).isEqualTo(Digests.sha256(new byte[0]));
  }

  @Test
  void shouldGiveTheFipsVectorWhenHashingAStream() throws java.io.IOException {
    // given
    java.io.InputStream in =
        new java.io.ByteArrayInputStream(
            "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    // then
    assertThat(Digests.sha256(in)).isEqualTo(ABC);
  }
}
