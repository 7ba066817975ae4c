package org.saphan.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyIdsTest {

  private static String header(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldReadTheKidOfADetachedJwsWithoutVerifyingIt() {
    String jws = header("{\"alg\":\"ES256\",\"kid\":\"k-2026\"}") + "..c2ln";
    assertThat(KeyIds.ofJws(jws)).isEqualTo("k-2026");
  }

  @Test
  void shouldGiveNullWhenTheJwsHasNoKidOrNoReadableHeader() {
    assertThat(KeyIds.ofJws(header("{\"alg\":\"ES256\"}") + "..c2ln")).isNull();
    assertThat(KeyIds.ofJws(header("{\"kid\":7}") + "..c2ln")).isNull();
    assertThat(KeyIds.ofJws("not-base64!..x")).isNull();
    assertThat(KeyIds.ofJws(".x.y")).isNull();
    assertThat(KeyIds.ofJws("nodots")).isNull();
    assertThat(KeyIds.ofJws(null)).isNull();
  }
}
