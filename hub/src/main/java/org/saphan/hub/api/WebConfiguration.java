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

  public WebConfiguration(
      CallerArgumentResolver callers,
      OperatorAccessInterceptor operators,
      RateLimitInterceptor rateLimits) {
    this.callers = callers;
    this.operators = operators;
    this.rateLimits = rateLimits;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(callers);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    // Limits first: a flood of refused calls is limited like any other.
    registry.addInterceptor(rateLimits).excludePathPatterns("/error");
    registry.addInterceptor(operators).addPathPatterns("/ops/**");
  }
}
