package org.saphan.hub.api;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Answers 429 {@code rate_limited} with {@code Retry-After} to a caller over its limit: citizens,
 * portal clients and operators by their verified token, agency systems and callers without a usable
 * token by remote address. Runs before every other interceptor.
 */
@Component
public class RateLimitInterceptor implements HandlerInterceptor {

  /** The only path the limits skip: the container's error dispatch, already counted once. */
  public static final String EXCLUDED = "/error";

  private final RateLimitProperties properties;
  private final RateLimits limits;
  private final CallerArgumentResolver callers;
  private final Problems problems;
  private final MeterRegistry meters;

  public RateLimitInterceptor(
      RateLimitProperties properties,
      RateLimits limits,
      CallerArgumentResolver callers,
      Problems problems,
      MeterRegistry meters) {
    this.properties = properties;
    this.limits = limits;
    this.callers = callers;
    this.problems = problems;
    this.meters = meters;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    if (!properties.isEnabled() || request.getDispatcherType() != DispatcherType.REQUEST) {
      return true;
    }
    RateLimits.ClientKind kind = RateLimits.ClientKind.ANONYMOUS;
    String caller = request.getRemoteAddr();
    if (RequestGuardFilter.pathOf(request).startsWith("/agency/")) {
      kind = RateLimits.ClientKind.AGENCY;
    } else if (hasBearer(request)) {
      try {
        Caller verified = callers.callerOf(request);
        kind =
            verified.operator()
                ? RateLimits.ClientKind.OPERATOR
                : verified.kind() == Caller.Kind.PORTAL_CLIENT
                    ? RateLimits.ClientKind.PORTAL_CLIENT
                    : RateLimits.ClientKind.CITIZEN;
        caller = verified.subject();
      } catch (SaphanException e) {
        // The handler refuses the token itself; until then the request counts by address.
      }
    }
    RateLimits.Decision decision = limits.tryConsume(kind, caller);
    if (decision.allowed()) {
      return true;
    }
    meters.counter("saphan.rate.limited", "client_kind", kind.tag()).increment();
    response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
    problems.write(
        response,
        ErrorCode.RATE_LIMITED,
        "Too many requests from this caller; retry after " + decision.retryAfterSeconds() + " s.");
    return false;
  }

  private static boolean hasBearer(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    return header != null && header.toLowerCase(Locale.ROOT).startsWith("bearer ");
  }
}
