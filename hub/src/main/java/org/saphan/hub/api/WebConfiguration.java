package org.saphan.hub.api;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Authentication of the API: callers from bearer tokens, operators on the ops endpoints. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

  private final CallerArgumentResolver callers;
  private final OperatorAccessInterceptor operators;
  private final OperatorAuditInterceptor audit;

  public WebConfiguration(
      CallerArgumentResolver callers,
      OperatorAccessInterceptor operators,
      OperatorAuditInterceptor audit) {
    this.callers = callers;
    this.operators = operators;
    this.audit = audit;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(callers);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    // The audit interceptor first: its afterCompletion runs even when the operator check refuses.
    registry.addInterceptor(audit).addPathPatterns("/ops/**");
    registry.addInterceptor(operators).addPathPatterns("/ops/**");
  }
}
