package org.saphan.sandbox.digitalid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import kotlin.jvm.functions.Function1;
import no.nav.security.mock.oauth2.extensions.HttpUrlExtensionsKt;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.OAuth2HttpServer;
import no.nav.security.mock.oauth2.http.Ssl;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of the Digital ID stand-in: mock-oauth2-server's own server, with its login made
 * persona-aware. The login page lists the personas; a login as a persona (by name or {@code sub})
 * is turned into mock-oauth2-server's login of that persona's {@code sub} with the persona's
 * claims, so the authorization code flow issues the same tokens as the sandbox token endpoint.
 *
 * <p>It sits in front of mock-oauth2-server's router because a login's claims can only be given in
 * the login form: the token callbacks never learn who logged in.
 */
final class PersonaLoginHttpServer implements OAuth2HttpServer {

  private static final Logger log = LoggerFactory.getLogger(PersonaLoginHttpServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OAuth2HttpServer delegate;
  private final String issuerId;
  private final PersonaCatalog personas;

  PersonaLoginHttpServer(OAuth2HttpServer delegate, String issuerId, PersonaCatalog personas) {
    this.delegate = delegate;
    this.issuerId = issuerId;
    this.personas = personas;
  }

  @Override
  public OAuth2HttpServer start(
      InetAddress address,
      int port,
      Function1<? super OAuth2HttpRequest, OAuth2HttpResponse> requestHandler) {
    delegate.start(address, port, request -> handle(request, requestHandler));
    return this;
  }

  @Override
  public OAuth2HttpServer start(
      Function1<? super OAuth2HttpRequest, OAuth2HttpResponse> requestHandler) {
    return start(InetAddress.getLoopbackAddress(), 0, requestHandler);
  }

  @Override
  public OAuth2HttpServer start(
      int port, Function1<? super OAuth2HttpRequest, OAuth2HttpResponse> requestHandler) {
    return start(InetAddress.getLoopbackAddress(), port, requestHandler);
  }

  @Override
  public OAuth2HttpServer stop() {
    delegate.stop();
    return this;
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public int port() {
    return delegate.port();
  }

  @Override
  public HttpUrl url(String path) {
    return delegate.url(path);
  }

  @Override
  public Ssl sslConfig() {
    return delegate.sslConfig();
  }

  private OAuth2HttpResponse handle(
      OAuth2HttpRequest request, Function1<? super OAuth2HttpRequest, OAuth2HttpResponse> next) {
    HttpUrl url = request.getUrl();
    if (!HttpUrlExtensionsKt.isAuthorizationEndpointUrl(url)
        || !issuerId.equals(HttpUrlExtensionsKt.issuerId(url))) {
      return next.invoke(request);
    }
    if ("GET".equals(request.getMethod())) {
      return loginPage(request, next);
    }
    if ("POST".equals(request.getMethod())) {
      return next.invoke(asPersonaLogin(request));
    }
    return next.invoke(request);
  }

  private OAuth2HttpResponse loginPage(
      OAuth2HttpRequest request, Function1<? super OAuth2HttpRequest, OAuth2HttpResponse> next) {
    if (request.getUrl().querySize() == 0) {
      // A person typed the bare URL: no client sent them, so say how to start a sign-in.
      return new OAuth2HttpResponse(
          Headers.of("Content-Type", "text/html;charset=UTF-8"),
          200,
          PersonaLoginPage.help(personas.all(), startUrl(request.getUrl()).toString()),
          null);
    }
    try {
      request.asAuthenticationRequest();
    } catch (RuntimeException e) {
      // Not a valid authentication request: mock-oauth2-server answers with its OAuth2 error.
      return next.invoke(request);
    }
    return new OAuth2HttpResponse(
        Headers.of("Content-Type", "text/html;charset=UTF-8"),
        200,
        PersonaLoginPage.render(personas.all()),
        null);
  }

  /**
   * A complete authorization request of the sandbox portal client, answered to mock-oauth2-server's
   * debugger, which shows the code and redeems it: a sign-in that works from a browser alone.
   */
  static HttpUrl startUrl(HttpUrl authorize) {
    return authorize
        .newBuilder()
        .query(null)
        .addQueryParameter("client_id", "citizen-portal")
        .addQueryParameter("response_type", "code")
        .addQueryParameter("scope", "openid")
        .addQueryParameter("state", "sandbox")
        .addQueryParameter("nonce", "sandbox")
        .addQueryParameter("redirect_uri", authorize.resolve("debugger/callback").toString())
        .build();
  }

  /** The login form rewritten to log in the persona's subject with the persona's claims. */
  OAuth2HttpRequest asPersonaLogin(OAuth2HttpRequest request) {
    Map<String, String> form = new LinkedHashMap<>(request.getFormParameters().getMap());
    Optional<Persona> persona = find(form.get("username"));
    if (persona.isEmpty()) {
      return request;
    }
    Map<String, Object> claims = new LinkedHashMap<>(persona.get().tokenClaims());
    // A client asking for acr_values (an RFC 9470 step-up) gets the login at that level.
    StepUp.claims(request.getUrl().queryParameter("acr_values")).ifPresent(claims::putAll);
    claims.putAll(typedClaims(form.get("claims")));
    form.put("username", persona.get().sub());
    form.put("claims", write(claims));
    log.info("Digital ID login as persona {}", persona.get().persona());
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return request.copy(request.getHeaders(), request.getMethod(), request.getOriginalUrl(), body);
  }

  private Optional<Persona> find(String username) {
    if (username == null || username.isBlank()) {
      return Optional.empty();
    }
    return personas.byName(username).or(() -> personas.bySub(username.trim()));
  }

  /** Claims the person typed in the form's claims box; they win over the persona's. */
  private static Map<String, Object> typedClaims(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      log.warn("Digital ID login: ignoring claims that are not a JSON object");
      return Map.of();
    }
  }

  private static String write(Map<String, Object> claims) {
    try {
      return JSON.writeValueAsString(claims);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }
}
