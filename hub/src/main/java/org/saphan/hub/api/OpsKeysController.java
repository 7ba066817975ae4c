package org.saphan.hub.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
public class OpsKeysController {

  private final KeyRegistry registry;
  private final KeyMaintenance maintenance;

  public OpsKeysController(KeyRegistry registry, KeyMaintenance maintenance) {
    this.registry = registry;
    this.maintenance = maintenance;
  }

  @GetMapping
  List<Map<String, Object>> list() {
    return registry.entries().stream()
        .map(entry -> view(entry.descriptor(), entry.registeredBy()))
        .toList();
  }

  /** Rotates one family ({@code ec} or {@code rsa}); the old key keeps verifying. */
  @PostMapping("/rotate")
  Map<String, Object> rotate(@RequestParam("family") String family) {
    return view(maintenance.rotate(KeyFamily.parse(family)), null);
  }

  /** Retires a verify-only key: signatures made with it stop verifying on every node. */
  @PostMapping("/{kid}/retire")
  Map<String, Object> retire(@PathVariable("kid") String kid) {
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
