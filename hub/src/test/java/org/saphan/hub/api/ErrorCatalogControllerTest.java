package org.saphan.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCatalog;
import org.saphan.hub.error.ErrorCode;
import org.springframework.http.MediaType;

/** The catalog answers JSON by default, a page to a browser, Markdown on request; pages escape. */
class ErrorCatalogControllerTest {

  @Test
  void shouldAnswerJsonWhenAcceptIsAbsentOrAnything() {
    assertThat(ErrorCatalogController.preferred(null)).isEqualTo(MediaType.APPLICATION_JSON);
    assertThat(ErrorCatalogController.preferred("*/*")).isEqualTo(MediaType.APPLICATION_JSON);
    assertThat(ErrorCatalogController.preferred("application/json"))
        .isEqualTo(MediaType.APPLICATION_JSON);
    assertThat(ErrorCatalogController.preferred("application/problem+json, */*;q=0.1"))
        .isEqualTo(MediaType.APPLICATION_JSON);
  }

  @Test
  void shouldAnswerHtmlWhenABrowserAsks() {
    // given: what browsers send
    String firefox = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    // then
    assertThat(ErrorCatalogController.preferred(firefox)).isEqualTo(MediaType.TEXT_HTML);
    assertThat(ErrorCatalogController.preferred("application/json;q=0.5, text/html"))
        .isEqualTo(MediaType.TEXT_HTML);
  }

  @Test
  void shouldAnswerMarkdownWhenMarkdownIsPreferred() {
    assertThat(ErrorCatalogController.preferred("text/markdown"))
        .isEqualTo(ErrorCatalogController.TEXT_MARKDOWN);
    assertThat(ErrorCatalogController.preferred("text/markdown, application/json;q=0.9"))
        .isEqualTo(ErrorCatalogController.TEXT_MARKDOWN);
  }

  @Test
  void shouldEscapeEveryTextWhenRenderingAPage() {
    // given: an entry whose texts carry markup
    ErrorCatalog.Entry entry =
        new ErrorCatalog.Entry(
            ErrorCode.NOT_FOUND,
            "<b>group</b>",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            ErrorCatalog.Retry.NEVER,
            List.of(ErrorCatalog.Audience.OPERATOR));
    // when
    String html = ErrorCatalogHtml.entry(entry, URI.create("/errors/not_found"));
    // then
    assertThat(html)
        .doesNotContain("<script>")
        .doesNotContain("<img")
        .doesNotContain("<b>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("<code>/errors/not_found</code>");
  }
}
