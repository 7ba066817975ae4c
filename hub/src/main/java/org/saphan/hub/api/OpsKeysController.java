package org.saphan.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.security.KeyDescriptor;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.KeyMaintenance;
import org.saphan.hub.security.KeyRegistry;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' key management: the registry, rotation and retirement, as {@code ./saphan keys}. */
@RestController
@RequestMapping(path = "/ops/v1/keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Operations: keys",
    description =
        "The hub's signing keys (EC P-256 and RSA-3072), as `./saphan keys`: the registry of every"
            + " node, rotation and retirement. A kid is the RFC 7638 SHA-256 JWK thumbprint.")
@ApiErrors(ErrorCode.FORBIDDEN)
public class OpsKeysController {

  private final KeyRegistry registry;
  private final KeyMaintenance maintenance;

  public OpsKeysController(KeyRegistry registry, KeyMaintenance maintenance) {
    this.registry = registry;
    this.maintenance = maintenance;
  }

  @GetMapping
  @Operation(
      operationId = "listKeys",
      summary = "The key registry",
      description =
          "Every key any node registered: kid, algorithm, status (active, verify_only,"
              + " retired), certificate end and creation, and the node that registered it.")
  List<Map<String, Object>> list() {
    return registry.entries().stream()
        .map(entry -> view(entry.descriptor(), entry.registeredBy()))
        .toList();
  }

  @PostMapping("/rotate")
  @Operation(
      operationId = "rotateKey",
      summary = "Rotate a key family",
      description =
          "Makes a new key of the family active and published at once; the previous active key"
              + " becomes verify_only and keeps verifying until retired. Keys in a PKCS#12 file or"
              + " PKCS#11 token are rotated in the store itself (validation_failed here).")
  @ApiErrors({ErrorCode.VALIDATION_FAILED, ErrorCode.KEY_NOT_AVAILABLE})
  Map<String, Object> rotate(
      @Parameter(
              description = "The family to rotate.",
              schema = @Schema(allowableValues = {"ec", "rsa"}),
              example = "ec")
          @RequestParam("family")
          String family) {
    return view(maintenance.rotate(KeyFamily.parse(family)), null);
  }

  @PostMapping("/{kid}/retire")
  @Operation(
      operationId = "retireKey",
      summary = "Retire a verify-only key",
      description =
          "Signatures made with the key stop verifying on every node and its private part is"
              + " destroyed. The active key of a family cannot be retired: rotate first"
              + " (validation_failed); an unknown kid answers unknown_key.")
  @ApiErrors({ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_KEY, ErrorCode.KEY_NOT_AVAILABLE})
  Map<String, Object> retire(
      @Parameter(
              description = "The key id.",
              example = "Jx0f3c8mQ2a6sQ0Yt0mE1u5pH9kq2w7rZb4n8v1cXyA")
          @PathVariable("kid")
          String kid) {
    return view(maintenance.retire(kid), null);
  }

  private static Map<String, Object> view(KeyDescriptor d, String registeredBy) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("kid", d.kid());
    view.put("algorithm", d.family().displayName());
    view.put("status", d.status().name().toLowerCase(java.util.Locale.ROOT));
    view.put("notAfter", d.notAfter().toString());
    view.put("created", d.created().toString());
    if (registeredBy != null) {
      view.put("registeredBy", registeredBy);
    }
    return view;
  }
}
