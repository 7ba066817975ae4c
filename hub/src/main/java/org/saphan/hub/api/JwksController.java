package org.saphan.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(
    name = "Hub keys",
    description =
        "The hub's public signing keys, by which agencies, the portal and anyone holding a consent"
            + " receipt verify what the hub signed.")
public class JwksController {

  /** Media type of a JWK set (RFC 7517 section 8.5). */
  static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

  private final KeyRegistry registry;
  private final KeysProperties properties;

  public JwksController(KeyRegistry registry, KeysProperties properties) {
    this.registry = registry;
    this.properties = properties;
  }

  @Operation(
      operationId = "getJwks",
      summary = "The hub's JSON Web Key Set",
      description =
          "Every public key that still verifies something the hub signed (RFC 7517): the active"
              + " keys and retired ones until the last credential they signed has expired. Each"
              + " key has `kid` (its RFC 7638 SHA-256 thumbprint, base64url), `use: sig`, `alg`"
              + " (ES256 or PS256) and `x5c` (its certificate chain). Every hub node answers the"
              + " same set (the keys come from the cluster's key registry). Verifiers should"
              + " cache it for the `Cache-Control` max-age and fetch it again when they meet an"
              + " unknown `kid`. No token is needed.")
  @ApiResponse(
      responseCode = "200",
      description = "The key set.",
      headers =
          @Header(
              name = "Cache-Control",
              description = "`public, max-age=<seconds>`: how long the set may be cached.",
              schema = @Schema(type = "string")),
      content =
          @Content(
              mediaType = "application/jwk-set+json",
              schema =
                  @Schema(
                      type = "object",
                      description = "A JWK set: `{\"keys\": [JWK, ...]}` (RFC 7517 section 5).")))
  @GetMapping("/.well-known/jwks.json")
  ResponseEntity<Map<String, Object>> jwks() {
    return ResponseEntity.ok()
        .contentType(JWK_SET)
        .cacheControl(CacheControl.maxAge(properties.getJwksMaxAge()).cachePublic())
        .body(registry.jwks().toJSONObject(true));
  }
}
