package org.saphan.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.identity.CallerResolver;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a controller method its {@link Caller}: the Digital ID bearer token of the request,
 * verified. A method that takes a {@code Caller} is authenticated; one that does not, is not.
 */
@Component
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

  /** Request attribute holding the resolved caller, so a request resolves its token once. */
  static final String ATTRIBUTE = CallerArgumentResolver.class.getName();

  private final CallerResolver resolver;

  public CallerArgumentResolver(CallerResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class;
  }

  @Override
  public Caller resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    return callerOf(request);
  }

  /** The verified caller of a request (resolved once per request). */
  Caller callerOf(HttpServletRequest request) {
    Object known = request.getAttribute(ATTRIBUTE);
    if (known instanceof Caller caller) {
      return caller;
    }
    String header = request.getHeader("Authorization");
    if (header == null || header.isBlank()) {
      throw SaphanException.validation(
          ErrorCode.TOKEN_MISSING, "send the Digital ID access token as 'Authorization: Bearer …'");
    }
    if (!header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      throw SaphanException.validation(
          ErrorCode.TOKEN_INVALID, "the Authorization header must use the Bearer scheme");
    }
    Caller caller = resolver.resolve(header.substring("bearer ".length()).trim());
    request.setAttribute(ATTRIBUTE, caller);
    return caller;
  }
}
