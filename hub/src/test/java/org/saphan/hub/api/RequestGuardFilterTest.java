package org.saphan.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.saphan.hub.platform.SaphanProperties;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

class RequestGuardFilterTest {

  private final SaphanProperties properties = new SaphanProperties();

  private RequestGuardFilter filter() {
    return new RequestGuardFilter(properties, new Problems(new ObjectMapper(), properties));
  }

  private static MockHttpServletRequest post(String path, String body) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
    request.setServletPath(path);
    request.setContentType("application/json");
    request.setCharacterEncoding("UTF-8");
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    return request;
  }

  /** A request whose length is not declared (HTTP/1.1 chunked or HTTP/2). */
  private static HttpServletRequest undeclared(HttpServletRequest request) {
    return new HttpServletRequestWrapper(request) {
      @Override
      public long getContentLengthLong() {
        return -1;
      }

      @Override
      public int getContentLength() {
        return -1;
      }
    };
  }

  @Test
  void shouldAnswerPayloadTooLargeWhenUndeclaredBodyExceedsLimitOnAPathNobodyReads()
      throws Exception {
    // given
    properties.getApi().setMaxBodySize(DataSize.ofBytes(10));
    MockHttpServletResponse response = new MockHttpServletResponse();
    // when
    filter()
        .doFilter(
            undeclared(post("/actuator/health", "{\"a\":\"0123456789\"}")),
            response,
            (req, res) -> {});
    // then
    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getContentAsString()).contains("\"code\":\"payload_too_large\"");
  }

  @Test
  void shouldRefuseThroughTheReaderWhenHandlerReadsPastTheLimit() {
    // given: a declared length that lies (the container would cut it; the count does not trust it)
    properties.getApi().setMaxBodySize(DataSize.ofBytes(10));
    HttpServletRequest lying =
        new HttpServletRequestWrapper(post("/api/v1/consents", "{\"a\":\"0123456789\"}")) {
          @Override
          public long getContentLengthLong() {
            return 5;
          }
        };
    // when / then
    assertThatThrownBy(
            () ->
                filter()
                    .doFilter(
                        lying,
                        new MockHttpServletResponse(),
                        (req, res) -> ((HttpServletRequest) req).getReader().lines().count()))
        .hasRootCauseInstanceOf(RequestGuardFilter.BodyTooLargeException.class);
  }

  @Test
  void shouldAllowLargerBodyWhenTheTableNamesTheNormalisedPath() throws Exception {
    // given
    properties.getApi().setMaxBodySize(DataSize.ofBytes(10));
    SaphanProperties.BodyLimit upload = new SaphanProperties.BodyLimit();
    upload.setPath("/ops/v1/uploads/**");
    upload.setMaxSize(DataSize.ofKilobytes(1));
    properties.getApi().setBodyLimits(List.of(upload));
    AtomicReference<String> read = new AtomicReference<>();
    MockHttpServletResponse response = new MockHttpServletResponse();
    // when
    filter()
        .doFilter(
            undeclared(post("/ops/v1/uploads/a", "{\"a\":\"0123456789\"}")),
            response,
            (req, res) ->
                read.set(
                    ((HttpServletRequest) req).getReader().lines().reduce("", String::concat)));
    // then
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(read.get()).isEqualTo("{\"a\":\"0123456789\"}");
    assertThat(filter().limitFor("/ops/v1/other")).isEqualTo(10);
  }
}
