package org.saphan.hub.api;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Authentication of the API: callers from bearer tokens, operators on the ops endpoints, each
 * caller within its rate limit.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

  private final CallerArgumentResolver callers;
  private final OperatorAccessInterceptor operators;
  private final RateLimitInterceptor rateLimits;
  private final OperatorAuditInterceptor audit;

  public WebConfiguration(
      CallerArgumentResolver callers,
      OperatorAccessInterceptor operators,
      RateLimitInterceptor rateLimits,
      OperatorAuditInterceptor audit) {
    this.callers = callers;
    this.operators = operators;
    this.rateLimits = rateLimits;
    this.audit = audit;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(callers);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    // Limits first: a flood of refused calls is limited like any other.
    registry.addInterceptor(rateLimits).excludePathPatterns(RateLimitInterceptor.EXCLUDED);
    // The audit interceptor before the operator check: its afterCompletion runs even when the
    // operator check refuses (a rate-limited flood is refused before it reaches the audit table).
    registry.addInterceptor(audit).addPathPatterns(OperatorAccessInterceptor.PATHS);
    registry.addInterceptor(operators).addPathPatterns(OperatorAccessInterceptor.PATHS);
  }
}
