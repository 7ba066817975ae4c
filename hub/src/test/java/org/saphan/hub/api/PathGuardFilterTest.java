package org.saphan.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathGuardFilterTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api;x/v1/consents",
        "/api/v1;jsessionid=1/consents",
        "/api%2Fv1",
        "/api%2fv1",
        "/api%5Cv1",
        "/api%5cv1",
        "/api\\v1",
        "/api/v1%00",
        "/api//v1",
        "/api/./v1",
        "/api/x/../v1",
        "/api/x/..",
        "/api/%2E%2E/v1",
        "/api/%2e/v1",
        "/.",
        ""
      })
  void shouldRefuseWhenRawPathIsAmbiguous(String raw) {
    assertThat(PathGuardFilter.isMalformed(raw)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/api/v1/consents",
        "/.well-known/jwks.json",
        "/api/v1/services/1-037/go",
        "/api/v1/files/a.b..c",
        "/api/v1/%E0%B8%AA"
      })
  void shouldAcceptWhenRawPathIsPlain(String raw) {
    assertThat(PathGuardFilter.isMalformed(raw)).isFalse();
  }
}
