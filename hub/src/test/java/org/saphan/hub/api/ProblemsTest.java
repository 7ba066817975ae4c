package org.saphan.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.platform.StartupRefusedException;
import org.springframework.http.ProblemDetail;

/** The problem type is the URL of the code's error catalog entry. */
class ProblemsTest {

  private static Problems problems(String publicUrl) {
    SaphanProperties properties = new SaphanProperties();
    properties.getApi().setPublicUrl(publicUrl == null ? null : URI.create(publicUrl));
    return new Problems(new ObjectMapper(), properties);
  }

  @Test
  void shouldUseRelativeCatalogUrlAsTypeWhenNoPublicUrlIsSet() {
    // when
    ProblemDetail problem = problems(null).problem(ErrorCode.CONSENT_REQUIRED, "d", Map.of());
    // then: resolved against the URL called, it is that host's catalog entry
    assertThat(problem.getType()).isEqualTo(URI.create("/errors/consent_required"));
    assertThat(URI.create("https://hub.example/api/v1/applications").resolve(problem.getType()))
        .isEqualTo(URI.create("https://hub.example/errors/consent_required"));
    assertThat(problem.getProperties()).containsEntry("code", "consent_required");
  }

  @Test
  void shouldUseAbsoluteCatalogUrlAsTypeWhenPublicUrlIsSet() {
    // when
    Problems problems = problems("https://hub.example.go.th/saphan/");
    // then: a trailing slash does not double
    assertThat(problems.type(ErrorCode.NOT_FOUND))
        .isEqualTo(URI.create("https://hub.example.go.th/saphan/errors/not_found"));
  }

  @Test
  void shouldRefuseToStartWhenPublicUrlIsNotAnAbsoluteHttpUrl() {
    assertThatThrownBy(() -> problems("hub.example.go.th"))
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("saphan.api.public-url");
    assertThatThrownBy(() -> problems("ftp://hub.example.go.th"))
        .isInstanceOf(StartupRefusedException.class);
    assertThatThrownBy(() -> problems("https://hub.example.go.th/?x=1"))
        .isInstanceOf(StartupRefusedException.class);
  }
}
