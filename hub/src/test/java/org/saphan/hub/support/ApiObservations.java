package org.saphan.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.saphan.hub.api.AgencySoapStatusController;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Test-only: records every answer the integration suite gets from the hub's API port as (method,
 * path template, status, error code), for {@code ApiDescriptionIT} to hold against {@code
 * /openapi.json}. The template is the handler's ({@link
 * HandlerMapping#BEST_MATCHING_PATTERN_ATTRIBUTE}); a request a filter refused before dispatch is
 * looked up in the handler mapping. The code is the problem's {@code code}, or a SOAP fault's
 * {@code X-Saphan-Error-Code}. Outermost filter; it reads a copy of the first bytes of each answer
 * and changes nothing the client sees.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiObservations extends OncePerRequestFilter {

  /**
   * One kind of answer seen.
   *
   * @param method the HTTP method
   * @param template the handler's path template, or {@code null} when no handler matched
   * @param status the HTTP status
   * @param code the error code, or {@code null}
   */
  public record Observation(String method, String template, int status, String code) {

    /** The order of the TSV and of failure messages. */
    public static final Comparator<Observation> ORDER =
        Comparator.comparing((Observation o) -> String.valueOf(o.template()))
            .thenComparing(Observation::method)
            .thenComparingInt(Observation::status)
            .thenComparing(o -> String.valueOf(o.code()));
  }

  /** The first bytes of an answer kept for its code: a problem is far smaller. */
  private static final int KEPT = 16 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<Observation, AtomicLong> seen = new ConcurrentHashMap<>();
  private final RequestMappingHandlerMapping mappings;

  public ApiObservations(
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
    this.mappings = mappings;
  }

  /** Every answer seen so far, with how often. */
  public Map<Observation, Long> seen() {
    Map<Observation, Long> copy = new ConcurrentHashMap<>();
    seen.forEach((o, n) -> copy.put(o, n.get()));
    return copy;
  }

  /** The distinct answers seen so far. */
  public Set<Observation> observations() {
    return Set.copyOf(seen.keySet());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Copying copying = new Copying(response);
    try {
      chain.doFilter(request, copying);
    } finally {
      record(request, copying);
    }
  }

  private void record(HttpServletRequest request, Copying response) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    String template = pattern instanceof String p ? p : lookUp(request);
    Observation observation =
        new Observation(request.getMethod(), template, response.getStatus(), codeOf(response));
    seen.computeIfAbsent(observation, o -> new AtomicLong()).incrementAndGet();
  }

  /** The template of the handler a request refused before dispatch would have reached. */
  private String lookUp(HttpServletRequest request) {
    try {
      ServletRequestPathUtils.parseAndCache(request);
      HandlerExecutionChain chain = mappings.getHandler(request);
      Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
      return chain != null && pattern instanceof String p ? p : null;
    } catch (Exception e) {
      // No handler for it (wrong method, malformed path): nothing the description declares.
      return null;
    }
  }

  private static String codeOf(Copying response) {
    String header = response.getHeader(AgencySoapStatusController.ERROR_CODE_HEADER);
    if (header != null) {
      return header;
    }
    // Only a problem document carries an error code: a 200 JSON answer may have a `code` field of
    // its own (an error catalog entry, GET /errors/{code}).
    String type = response.getContentType();
    if (type == null || !type.contains("problem+json") || response.kept.size() == 0) {
      return null;
    }
    try {
      JsonNode body = JSON.readTree(response.kept.toByteArray());
      return body != null && body.path("code").isTextual() ? body.path("code").asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The response, with a copy of the first {@value #KEPT} bytes written to it. */
  private static final class Copying extends HttpServletResponseWrapper {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private ServletOutputStream stream;
    private PrintWriter writer;

    Copying(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (stream == null) {
        ServletOutputStream delegate = super.getOutputStream();
        stream =
            new ServletOutputStream() {
              @Override
              public void write(int b) throws IOException {
                delegate.write(b);
                keep(new byte[] {(byte) b}, 0, 1);
              }

              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                delegate.write(b, off, len);
                keep(b, off, len);
              }

              @Override
              public void flush() throws IOException {
                delegate.flush();
              }

              @Override
              public boolean isReady() {
                return delegate.isReady();
              }

              @Override
              public void setWriteListener(WriteListener listener) {
                delegate.setWriteListener(listener);
              }
            };
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (writer == null) {
        PrintWriter delegate = super.getWriter();
        writer =
            new PrintWriter(delegate) {
              @Override
              public void write(char[] buf, int off, int len) {
                super.write(buf, off, len);
                keep(new String(buf, off, len).getBytes(StandardCharsets.UTF_8), 0, -1);
              }

              @Override
              public void write(String s, int off, int len) {
                super.write(s, off, len);
                keep(s.substring(off, off + len).getBytes(StandardCharsets.UTF_8), 0, -1);
              }

              @Override
              public void write(int c) {
                super.write(c);
                keep(String.valueOf((char) c).getBytes(StandardCharsets.UTF_8), 0, -1);
              }
            };
      }
      return writer;
    }

    @Override
    public void resetBuffer() {
      super.resetBuffer();
      kept.reset();
    }

    @Override
    public void reset() {
      super.reset();
      kept.reset();
    }

    private void keep(byte[] bytes, int off, int len) {
      int length = len < 0 ? bytes.length : len;
      int room = KEPT - kept.size();
      if (room > 0) {
        kept.write(bytes, off, Math.min(room, length));
      }
    }
  }
}
