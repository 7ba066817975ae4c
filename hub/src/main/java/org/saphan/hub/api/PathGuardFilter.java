package org.saphan.hub.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.saphan.hub.error.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any filter decides on the path, a request whose raw path could be read two ways:
 * path parameters ({@code ;}), encoded slashes, backslashes, dots or NUL, empty segments and dot
 * segments. The container normalises such a path for the servlet mapping while the raw URI keeps
 * it, so a check on one and a dispatch on the other would disagree (a {@code /api;x/...} body
 * skipped the size limit). Only the correlation-id filter, which never reads the path, runs first.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class PathGuardFilter extends OncePerRequestFilter {

  /**
   * Percent-encoded slash, backslash, dot or NUL (any case), a literal backslash or semicolon, an
   * empty segment, or a dot segment anywhere in the path.
   */
  private static final Pattern MALFORMED =
      Pattern.compile("%(2f|5c|2e|00)|[\\\\;]|//|(^|/)\\.{1,2}(/|$)", Pattern.CASE_INSENSITIVE);

  private final Problems problems;

  public PathGuardFilter(Problems problems) {
    this.problems = problems;
  }

  /** Whether a raw request path (query excluded) is refused with {@code malformed_path}. */
  public static boolean isMalformed(String rawPath) {
    return rawPath == null || rawPath.isEmpty() || MALFORMED.matcher(rawPath).find();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (isMalformed(request.getRequestURI())) {
      problems.write(
          response,
          ErrorCode.MALFORMED_PATH,
          "The request path must be plain: no ';', no encoded '/', '\\', '.' or NUL, no empty or"
              + " dot segments.");
      return;
    }
    chain.doFilter(request, response);
  }
}
