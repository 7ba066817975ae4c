package org.saphan.hub.security.keys;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.KeyDescriptor;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.KeyStatus;

/**
 * {@code keys/keyring.json}: the public index of a key directory (no secrets): the CA, the hub's
 * keys with their status, and the sandbox parties. One entry per line, so diffs stay readable.
 */
record KeyRingIndex(CaEntry ca, List<KeyDescriptor> keys, List<PartyDescriptor> parties) {

  static final String FILE_NAME = "keyring.json";
  private static final int FORMAT = 1;

  /**
   * The CA of a key directory.
   *
   * @param subject RFC 2253 subject
   * @param notAfter end of validity
   */
  record CaEntry(String subject, Instant notAfter) {}

  KeyRingIndex {
    keys = List.copyOf(keys);
    parties = List.copyOf(parties);
  }

  KeyRingIndex withKeys(List<KeyDescriptor> newKeys) {
    return new KeyRingIndex(ca, newKeys, parties);
  }

  static KeyRingIndex read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    try {
      Map<String, Object> json =
          JSONObjectUtils.parse(Files.readString(file, StandardCharsets.UTF_8));
      Map<String, Object> caJson = JSONObjectUtils.getJSONObject(json, "ca");
      CaEntry ca =
          caJson == null
              ? null
              : new CaEntry(
                  JSONObjectUtils.getString(caJson, "subject"),
                  Instant.parse(JSONObjectUtils.getString(caJson, "notAfter")));
      List<KeyDescriptor> keys = new ArrayList<>();
      for (Map<String, Object> k : objects(json, "keys")) {
        keys.add(
            new KeyDescriptor(
                JSONObjectUtils.getString(k, "kid"),
                KeyFamily.valueOf(JSONObjectUtils.getString(k, "family")),
                KeyStatus.valueOf(JSONObjectUtils.getString(k, "status")),
                Instant.parse(JSONObjectUtils.getString(k, "notAfter")),
                Instant.parse(JSONObjectUtils.getString(k, "created"))));
      }
      List<PartyDescriptor> parties = new ArrayList<>();
      for (Map<String, Object> p : objects(json, "parties")) {
        parties.add(
            new PartyDescriptor(
                JSONObjectUtils.getString(p, "name"),
                JSONObjectUtils.getString(p, "kid"),
                KeyFamily.valueOf(JSONObjectUtils.getString(p, "family")),
                Instant.parse(JSONObjectUtils.getString(p, "notAfter"))));
      }
      return new KeyRingIndex(ca, keys, parties);
    } catch (IOException | ParseException | RuntimeException e) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  void write(Path dir) {
    StringBuilder out = new StringBuilder("{\n  \"format\": ").append(FORMAT).append(",\n");
    if (ca != null) {
      Map<String, Object> caJson = new LinkedHashMap<>();
      caJson.put("subject", ca.subject());
      caJson.put("notAfter", ca.notAfter().toString());
      caJson.put("certificate", "public/" + Pkcs12DirectoryKeyRing.CA_NAME + ".pem");
      out.append("  \"ca\": ").append(JSONObjectUtils.toJSONString(caJson)).append(",\n");
    }
    List<String> keyLines = new ArrayList<>();
    for (KeyDescriptor k : keys) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kid", k.kid());
      m.put("family", k.family().name());
      m.put("status", k.status().name());
      m.put("notAfter", k.notAfter().toString());
      m.put("created", k.created().toString());
      keyLines.add(JSONObjectUtils.toJSONString(m));
    }
    List<String> partyLines = new ArrayList<>();
    for (PartyDescriptor p : parties) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.name());
      m.put("kid", p.kid());
      m.put("family", p.family().name());
      m.put("notAfter", p.notAfter().toString());
      m.put("certificate", "public/" + Pkcs12DirectoryKeyRing.partyFileName(p.name()) + ".pem");
      partyLines.add(JSONObjectUtils.toJSONString(m));
    }
    out.append("  \"keys\": ").append(array(keyLines)).append(",\n");
    out.append("  \"parties\": ").append(array(partyLines)).append("\n}\n");
    Path file = dir.resolve(FILE_NAME);
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    try {
      Files.writeString(tmp, out.toString(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "cannot write " + file, e);
    }
  }

  private static String array(List<String> lines) {
    if (lines.isEmpty()) {
      return "[]";
    }
    return "[\n    " + String.join(",\n    ", lines) + "\n  ]";
  }

  private static List<Map<String, Object>> objects(Map<String, Object> json, String name)
      throws ParseException {
    Map<String, Object>[] array = JSONObjectUtils.getJSONObjectArray(json, name);
    return array == null ? List.of() : List.of(array);
  }
}
