package org.saphan.hub.api;

import java.util.Map;
import org.saphan.hub.security.KeyRegistry;
import org.saphan.hub.security.KeysProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hub's public keys ({@code /.well-known/jwks.json}): every key that still verifies, from the
 * cluster's key registry, so every node answers the same. Agencies verify the hub only through it.
 */
@RestController
public class JwksController {

  /** Media type of a JWK set (RFC 7517 section 8.5). */
  static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

  private final KeyRegistry registry;
  private final KeysProperties properties;

  public JwksController(KeyRegistry registry, KeysProperties properties) {
    this.registry = registry;
    this.properties = properties;
  }

  @GetMapping("/.well-known/jwks.json")
  ResponseEntity<Map<String, Object>> jwks() {
    return ResponseEntity.ok()
        .contentType(JWK_SET)
        .cacheControl(CacheControl.maxAge(properties.getJwksMaxAge()).cachePublic())
        .body(registry.jwks().toJSONObject(true));
  }
}
