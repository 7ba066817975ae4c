package org.saphan.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Operator endpoints ({@code /ops/v1/...}) are for portal operators only; the node status stays
 * open for load balancers and the launcher.
 */
@Component
public class OperatorAccessInterceptor implements HandlerInterceptor {

  private static final Set<String> OPEN = Set.of("/ops/v1/status");

  private final CallerArgumentResolver callers;

  public OperatorAccessInterceptor(CallerArgumentResolver callers) {
    this.callers = callers;
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
