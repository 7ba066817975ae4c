package org.saphan.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Operator endpoints ({@code /ops/v1/...}) are for portal operators only; the node status stays
 * open for load balancers and the launcher.
 */
@Component
public class OperatorAccessInterceptor implements HandlerInterceptor {

  /** The paths this check guards ({@link WebConfiguration} registers it there). */
  public static final String PATHS = "/ops/**";

  private static final Set<String> OPEN = Set.of("/ops/v1/status");

  private static final PathPattern GUARDED = PathPatternParser.defaultInstance.parse(PATHS);

  private final CallerArgumentResolver callers;

  public OperatorAccessInterceptor(CallerArgumentResolver callers) {
    this.callers = callers;
  }

  /**
   * Whether a request to {@code path} (a path within the application, or a handler's path template)
   * must come from a portal operator: what the API description states as the operator bearer
   * requirement.
   */
  public static boolean guards(String path) {
    return GUARDED.matches(PathContainer.parsePath(path)) && !OPEN.contains(path);
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (OPEN.contains(path)) {
      return true;
    }
    callers.callerOf(request).requireOperator();
    return true;
  }
}
