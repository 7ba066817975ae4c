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

  /** Request attribute holding the resolved caller (or its refusal): a token is resolved once. */
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

  /**
   * The verified caller of a request, resolved once per request: a refused token is refused again
   * with the same answer, without a second verification (nor a second JWKS refresh).
   */
  Caller callerOf(HttpServletRequest request) {
    Object known = request.getAttribute(ATTRIBUTE);
    if (known instanceof Caller caller) {
      return caller;
    }
    if (known instanceof SaphanException refused) {
      throw refused;
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
    Caller caller;
    try {
      caller = resolver.resolve(header.substring("bearer ".length()).trim());
    } catch (SaphanException e) {
      request.setAttribute(ATTRIBUTE, e);
      throw e;
    }
    request.setAttribute(ATTRIBUTE, caller);
    return caller;
  }
}
