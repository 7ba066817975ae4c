package org.saphan.hub.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.platform.SaphanProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized bodies and wrong content types on every API endpoint before anything parses the
 * body: a declared length over the limit is refused at once, an undeclared (chunked) body is cut
 * off at the limit while it is read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestGuardFilter extends OncePerRequestFilter {

  /** Path prefixes of the hub's HTTP API (public, agency, operator, payment and back office). */
  static final List<String> API_PREFIXES =
      List.of("/api/", "/agency/", "/ops/", "/payment/", "/backoffice/");

  /** Path prefixes that take SOAP 1.1 ({@code text/xml}) instead of JSON. */
  static final List<String> SOAP_PREFIXES = List.of("/agency/soap/");

  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

  private final SaphanProperties properties;
  private final Problems problems;

  public RequestGuardFilter(SaphanProperties properties, Problems problems) {
    this.properties = properties;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return API_PREFIXES.stream().noneMatch(path::startsWith);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = properties.getApi().getMaxBodySize().toBytes();
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      problems.write(
          response,
          ErrorCode.PAYLOAD_TOO_LARGE,
          "The request body is " + declared + " bytes; the limit is " + limit + " bytes.");
      return;
    }
    boolean hasBody = declared > 0 || request.getHeader("Transfer-Encoding") != null;
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean soap = SOAP_PREFIXES.stream().anyMatch(path::startsWith);
    if (BODY_METHODS.contains(request.getMethod())
        && hasBody
        && !(soap ? isSoap(request.getContentType()) : isJson(request.getContentType()))) {
      problems.write(
          response,
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type '"
              + request.getContentType()
              + "' is not accepted here; send "
              + (soap ? "text/xml (SOAP 1.1)." : "application/json."));
      return;
    }
    chain.doFilter(new LimitedBodyRequest(request, limit), response);
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return MediaType.APPLICATION_JSON.isCompatibleWith(type)
          || (type.getType().equals("application") && type.getSubtype().endsWith("+json"));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  private static boolean isSoap(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      return MediaType.TEXT_XML.isCompatibleWith(MediaType.parseMediaType(contentType));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  /** Raised while reading a body that turns out larger than the limit. */
  public static final class BodyTooLargeException extends IOException {
    private final long limit;

    BodyTooLargeException(long limit) {
      super("The request body exceeds the limit of " + limit + " bytes.");
      this.limit = limit;
    }

    public long limit() {
      return limit;
    }
  }

  private static final class LimitedBodyRequest extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    LimitedBodyRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedInputStream(super.getInputStream(), limit);
      }
      return stream;
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {
    private final ServletInputStream delegate;
    private final long limit;
    private long read;

    LimitedInputStream(ServletInputStream delegate, long limit) {
      this.delegate = delegate;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = delegate.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = delegate.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > limit) {
        throw new BodyTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return delegate.isFinished();
    }

    @Override
    public boolean isReady() {
      return delegate.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      delegate.setReadListener(listener);
    }
  }
}
