package org.saphan.hub.api.management;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.saphan.hub.api.CorrelationIdFilter;
import org.saphan.hub.api.Problems;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.identity.CallerResolver;
import org.saphan.hub.identity.IdentityProperties;
import org.saphan.hub.platform.StartupRefusedException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Who may use the management port's console (Hawtio, Jolokia): a portal operator only, logged in
 * through the deployment's OIDC provider ({@code oauth2Login}, Digital ID) or, for scripts, sending
 * an operator's Digital ID bearer token. Anonymous callers get 401, others 403 (problem+json).
 *
 * <p>Spring Security guards the management port only: its one filter chain matches console paths on
 * that port, and the API port (which authenticates with its own interceptors) passes through
 * untouched, firewall included ({@link ManagementPort#firewall}). Health and Prometheus on the
 * management port stay open: the port is on loopback (or a private network) for probes and
 * scrapers.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(ManagementProperties.class)
public class ManagementSecurityConfiguration {

  /** The OIDC client registration id of the console's login. */
  static final String REGISTRATION = "digitalid";

  @Bean
  ManagementPort managementPort(ServerProperties server, ManagementServerProperties management) {
    Integer port = management.getPort();
    int api = server.getPort() == null ? 8080 : server.getPort();
    if (port == null || port <= 0 || port == api) {
      throw new StartupRefusedException(
          "management.server.port must be a port of its own (now "
              + port
              + ", the API's is "
              + api
              + ")",
          "Set management.server.port (env MANAGEMENT_SERVER_PORT) to a free port other than"
              + " server.port; keep management.server.address on loopback or a private network.");
    }
    return new ManagementPort(port);
  }

  @Bean
  WebSecurityCustomizer managementPortOnly(ManagementPort port) {
    return web ->
        web.httpFirewall(port.firewall())
            .requestRejectedHandler(new HttpStatusRequestRejectedHandler());
  }

  @Bean
  SecurityFilterChain managementConsole(
      HttpSecurity http,
      ManagementPort port,
      CallerResolver callers,
      Problems problems,
      ObjectProvider<ClientRegistrationRepository> registrations)
      throws Exception {
    RequestMatcher paths =
        new OrRequestMatcher(
            List.of(
                AntPathRequestMatcher.antMatcher("/actuator/hawtio/**"),
                AntPathRequestMatcher.antMatcher("/actuator/jolokia/**"),
                AntPathRequestMatcher.antMatcher("/actuator/hawtio"),
                AntPathRequestMatcher.antMatcher("/actuator/jolokia"),
                AntPathRequestMatcher.antMatcher("/oauth2/**"),
                AntPathRequestMatcher.antMatcher("/login/**"),
                AntPathRequestMatcher.antMatcher("/logout")));
    ClientRegistrationRepository login = registrations.getIfAvailable();
    http.securityMatcher(request -> port.matches(request) && paths.matches(request))
        .addFilterBefore(new CorrelationIdFilter(), SecurityContextHolderFilter.class)
        .addFilterBefore(
            new OperatorBearerFilter(callers, problems), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            authorize ->
                authorize
                    .requestMatchers("/oauth2/**", "/login/**")
                    .permitAll()
                    .requestMatchers(ManagementSecurityConfiguration::writeByGet)
                    .denyAll()
                    .anyRequest()
                    .hasAuthority(OperatorBearerFilter.OPERATOR_ROLE))
        // Hawtio's single-page app sends the XSRF-TOKEN cookie back as a header; token-bearing
        // scripts carry no cookie a forged request could ride on.
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                    .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                    .ignoringRequestMatchers(OperatorBearerFilter::hasBearer))
        .addFilterAfter(new CsrfCookieFilter(), AnonymousAuthenticationFilter.class)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(
                        (request, response, e) -> {
                          if (login != null && wantsPage(request)) {
                            new LoginUrlAuthenticationEntryPoint(
                                    "/oauth2/authorization/" + REGISTRATION)
                                .commence(request, response, e);
                          } else {
                            problems.write(
                                response,
                                ErrorCode.TOKEN_MISSING,
                                "log in as a portal operator, or send an operator's Digital ID"
                                    + " access token as 'Authorization: Bearer …'");
                          }
                        })
                    .accessDeniedHandler(
                        (request, response, e) -> {
                          if (anonymous()) {
                            // e.g. a POST without CSRF token nor bearer token: not logged in at all
                            problems.write(
                                response,
                                ErrorCode.TOKEN_MISSING,
                                "log in as a portal operator, or send an operator's Digital ID"
                                    + " access token as 'Authorization: Bearer …'");
                          } else {
                            problems.write(
                                response,
                                ErrorCode.FORBIDDEN,
                                "only portal operators may use the management console");
                          }
                        }));
    if (login != null) {
      http.oauth2Login(
          oauth ->
              oauth
                  .clientRegistrationRepository(login)
                  .userInfoEndpoint(user -> user.oidcUserService(operators(callers))));
    }
    return http.build();
  }

  @Bean
  @ConditionalOnProperty(prefix = "saphan.management.login", name = "client-id")
  ClientRegistrationRepository consoleLogin(
      ManagementProperties properties, IdentityProperties identity) {
    ManagementProperties.Login login = properties.getLogin();
    String issuer = String.valueOf(identity.getIssuer());
    return new InMemoryClientRegistrationRepository(
        ClientRegistration.withRegistrationId(REGISTRATION)
            .clientId(login.getClientId())
            .clientSecret(login.getClientSecret())
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .scope(Set.copyOf(login.getScopes()))
            .authorizationUri(
                String.valueOf(
                    login.getAuthorizationUri() != null
                        ? login.getAuthorizationUri()
                        : issuer + "/authorize"))
            .tokenUri(
                String.valueOf(
                    login.getTokenUri() != null ? login.getTokenUri() : issuer + "/token"))
            .jwkSetUri(String.valueOf(identity.getJwksUri()))
            .issuerUri(issuer)
            .userNameAttributeName("sub")
            .build());
  }

  /**
   * The logged-in person is an operator when their access token says so, checked exactly as the API
   * checks a bearer token ({@link CallerResolver}: issuer, audience, the roles claim).
   */
  private static OAuth2UserService<OidcUserRequest, OidcUser> operators(CallerResolver callers) {
    OidcUserService standard = new OidcUserService();
    return request -> {
      OidcUser user = standard.loadUser(request);
      Caller caller;
      try {
        caller = callers.resolve(request.getAccessToken().getTokenValue());
      } catch (SaphanException e) {
        throw new OAuth2AuthenticationException(
            new OAuth2Error("invalid_token", e.code().code(), null), e.code().code());
      }
      return new DefaultOidcUser(
          caller.operator()
              ? List.of(new SimpleGrantedAuthority(OperatorBearerFilter.OPERATOR_ROLE))
              : List.of(),
          user.getIdToken(),
          user.getUserInfo(),
          "sub");
    };
  }

  /**
   * Jolokia types a browser session may send by GET (a cross-site link cannot send a POST body).
   */
  private static final Set<String> READ_TYPES = Set.of("", "read", "list", "search", "version");

  /**
   * A Jolokia exec or write sent by GET with the session cookie (path or {@code ?p=}): what a
   * forged link would do, refused even where a setting allows the operation. Scripts use tokens.
   */
  static boolean writeByGet(HttpServletRequest request) {
    if (!"GET".equals(request.getMethod()) || OperatorBearerFilter.hasBearer(request)) {
      return false;
    }
    String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
    int at = path.indexOf(JOLOKIA);
    if (at < 0) {
      return false;
    }
    String given = request.getParameter("p");
    String jolokia = given != null ? given : path.substring(at + JOLOKIA.length());
    String type = jolokia.replaceFirst("^/+", "").split("/", 2)[0].toLowerCase(Locale.ROOT);
    return !READ_TYPES.contains(type);
  }

  private static final String JOLOKIA = "/actuator/jolokia";

  private static boolean anonymous() {
    Authentication who = SecurityContextHolder.getContext().getAuthentication();
    return who == null || who instanceof AnonymousAuthenticationToken || !who.isAuthenticated();
  }

  private static boolean wantsPage(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return request.getRequestURI().contains("/actuator/hawtio")
        && accept != null
        && accept.contains("text/html");
  }

  /** Makes the deferred CSRF token load, so the console receives its XSRF-TOKEN cookie. */
  private static final class CsrfCookieFilter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
        token.getToken();
      }
      chain.doFilter(request, response);
    }
  }
}
