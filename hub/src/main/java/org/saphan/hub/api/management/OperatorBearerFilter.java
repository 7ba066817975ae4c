package org.saphan.hub.api.management;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.saphan.hub.api.Problems;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.identity.CallerResolver;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets scripts reach Jolokia with a Digital ID bearer token instead of a browser login: the token
 * is checked the way the API checks it ({@link CallerResolver}); a portal operator gets the
 * console's operator role for this request only (nothing is kept in a session). A bad token is
 * answered at once with the API's problem (e.g. 401 {@code token_expired}).
 */
class OperatorBearerFilter extends OncePerRequestFilter {

  static final String OPERATOR_ROLE = "ROLE_OPERATOR";

  private final CallerResolver callers;
  private final Problems problems;

  OperatorBearerFilter(CallerResolver callers, Problems problems) {
    this.callers = callers;
    this.problems = problems;
  }

  static boolean hasBearer(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    return header != null && header.toLowerCase(Locale.ROOT).startsWith("bearer ");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!hasBearer(request)) {
      chain.doFilter(request, response);
      return;
    }
    Caller caller;
    try {
      caller =
          callers.resolve(request.getHeader("Authorization").substring("bearer ".length()).trim());
    } catch (SaphanException e) {
      problems.write(response, e.code(), e.getMessage());
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            caller.subject(),
            null,
            caller.operator() ? List.of(new SimpleGrantedAuthority(OPERATOR_ROLE)) : List.of()));
    SecurityContextHolder.setContext(context);
    chain.doFilter(request, response);
  }
}
