package org.saphan.sandbox.digitalid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Control API of the Digital ID stand-in: the personas, and tokens for them without a login. */
@RestController
@RequestMapping("/sandbox/v1/digital-id")
public class DigitalIdController {

  private final PersonaCatalog personas;
  private final PersonaTokens tokens;
  private final DigitalIdServer server;
  private final DigitalIdProperties properties;

  public DigitalIdController(
      PersonaCatalog personas,
      PersonaTokens tokens,
      DigitalIdServer server,
      DigitalIdProperties properties) {
    this.personas = personas;
    this.tokens = tokens;
    this.server = server;
    this.properties = properties;
  }

  @GetMapping("/personas")
  public List<Persona> personas() {
    return personas.all();
  }

  @PostMapping("/personas/{persona}/token")
  public TokenResponse token(
      @PathVariable String persona, @RequestBody(required = false) TokenOptions options) {
    return tokens.issue(persona, options);
  }

  /** Where the OIDC server is, useful when it was started on a random port. */
  @GetMapping("/issuer")
  public Map<String, Object> issuer() {
    String issuer = server.issuer(properties.issuerId());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("issuer", issuer);
    answer.put("discovery", issuer + "/.well-known/openid-configuration");
    answer.put("jwksUri", issuer + "/jwks");
    answer.put("userinfoEndpoint", issuer + "/userinfo");
    answer.put("authorizationEndpoint", issuer + "/authorize");
    answer.put("tokenEndpoint", issuer + "/token");
    answer.put("otherIssuer", server.issuer(properties.otherIssuerId()));
    answer.put("audience", properties.audience());
    answer.put("clientId", properties.clientId());
    return answer;
  }
}
