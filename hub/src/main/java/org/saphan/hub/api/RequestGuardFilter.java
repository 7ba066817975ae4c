package org.saphan.hub.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.platform.SaphanProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Refuses oversized bodies on every path, and wrong content types on the API endpoints, before
 * anything parses the body. Paths are the container's normalised ones ({@link PathGuardFilter} has
 * already refused any raw path that normalises to something else). A declared length over the limit
 * is refused at once; a body of unknown length is read ahead up to the limit (held in memory), so
 * that the limit holds even where no handler reads the body; whatever a handler reads, through
 * {@code getInputStream()} or {@code getReader()}, is counted.
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

  /**
   * Whether this filter checks the body type of a request with {@code method} to {@code path}: then
   * a body of another type is refused with {@code unsupported_media_type} before any handler.
   */
  public static boolean checksBodyType(String method, String path) {
    return BODY_METHODS.contains(method) && API_PREFIXES.stream().anyMatch(path::startsWith);
  }

  /** Whether {@code path} takes SOAP 1.1 ({@code text/xml}) bodies instead of JSON. */
  public static boolean takesSoap(String path) {
    return SOAP_PREFIXES.stream().anyMatch(path::startsWith);
  }

  private final SaphanProperties properties;
  private final Problems problems;
  private final List<Map.Entry<PathPattern, Long>> bodyLimits;

  public RequestGuardFilter(SaphanProperties properties, Problems problems) {
    this.properties = properties;
    this.problems = problems;
    PathPatternParser parser = new PathPatternParser();
    this.bodyLimits =
        properties.getApi().getBodyLimits().stream()
            .map(l -> Map.entry(parser.parse(l.getPath()), l.getMaxSize().toBytes()))
            .toList();
  }

  /** The normalised path of a request within the application (decoded, dot segments resolved). */
  static String pathOf(HttpServletRequest request) {
    String pathInfo = request.getPathInfo();
    return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
  }

  /** The body limit of a normalised path: the first matching entry of the table, else default. */
  long limitFor(String path) {
    PathContainer container = PathContainer.parsePath(path);
    for (Map.Entry<PathPattern, Long> limit : bodyLimits) {
      if (limit.getKey().matches(container)) {
        return limit.getValue();
      }
    }
    return properties.getApi().getMaxBodySize().toBytes();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = pathOf(request);
    long limit = limitFor(path);
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      tooLarge(response, limit);
      return;
    }
    // A body of unknown length (HTTP/1.1 chunked, or HTTP/2 without content-length) is read
    // ahead, so that it is refused even where no handler reads it.
    ServletInputStream readAhead = null;
    boolean hasBody = declared > 0;
    if (declared < 0) {
      byte[] body =
          request
              .getInputStream()
              .readNBytes(Math.toIntExact(Math.min(limit + 1, Integer.MAX_VALUE - 8)));
      if (body.length > limit) {
        tooLarge(response, limit);
        return;
      }
      readAhead = new BufferedInputStream(body);
      hasBody = body.length > 0;
    }
    boolean api = API_PREFIXES.stream().anyMatch(path::startsWith);
    boolean soap = takesSoap(path);
    if (api
        && BODY_METHODS.contains(request.getMethod())
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
    chain.doFilter(new LimitedBodyRequest(request, readAhead, limit), response);
  }

  private void tooLarge(HttpServletResponse response, long limit) throws IOException {
    problems.write(
        response,
        ErrorCode.PAYLOAD_TOO_LARGE,
        "The request body exceeds the limit of " + limit + " bytes.");
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

  /** Hands out the body (read ahead, or the container's) counted against the limit. */
  private static final class LimitedBodyRequest extends HttpServletRequestWrapper {
    private final ServletInputStream readAhead;
    private final long limit;
    private ServletInputStream stream;
    private BufferedReader reader;

    LimitedBodyRequest(HttpServletRequest request, ServletInputStream readAhead, long limit) {
      super(request);
      this.readAhead = readAhead;
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (reader != null) {
        throw new IllegalStateException("getReader() has already been called for this request");
      }
      return stream();
    }

    @Override
    public BufferedReader getReader() throws IOException {
      if (reader == null) {
        if (stream != null) {
          throw new IllegalStateException(
              "getInputStream() has already been called for this request");
        }
        reader = new BufferedReader(new InputStreamReader(stream(), charset()));
      }
      return reader;
    }

    private ServletInputStream stream() throws IOException {
      if (stream == null) {
        stream =
            new LimitedInputStream(readAhead != null ? readAhead : super.getInputStream(), limit);
      }
      return stream;
    }

    private Charset charset() throws UnsupportedEncodingException {
      String encoding = getCharacterEncoding();
      if (encoding == null) {
        return StandardCharsets.ISO_8859_1;
      }
      try {
        return Charset.forName(encoding);
      } catch (IllegalArgumentException e) {
        throw new UnsupportedEncodingException(encoding);
      }
    }
  }

  /** A body already read into memory, replayed to the handler. */
  private static final class BufferedInputStream extends ServletInputStream {
    private final ByteArrayInputStream bytes;

    BufferedInputStream(byte[] body) {
      this.bytes = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
      return bytes.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      return bytes.read(buffer, offset, length);
    }

    @Override
    public boolean isFinished() {
      return bytes.available() == 0;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      try {
        listener.onDataAvailable();
        listener.onAllDataRead();
      } catch (IOException e) {
        listener.onError(e);
      }
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
