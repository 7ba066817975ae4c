package org.saphan.sandbox.digitalid;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.saphan.sandbox.ThaiCitizenId;

/** The personas of the Digital ID stand-in, checked when loaded (fail fast, every problem). */
public final class PersonaCatalog {

  /** IAL values of the ETDA / NDID numbering. */
  public static final Set<String> IAL_LEVELS =
      Set.of("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3");

  private final List<Persona> personas;

  public PersonaCatalog(List<Persona> personas) {
    List<String> problems = problems(personas);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid personas: " + String.join("; ", problems));
    }
    this.personas = List.copyOf(personas);
  }

  /** Reads a JSON array of personas. */
  public static PersonaCatalog read(InputStream json) throws IOException {
    ObjectMapper mapper =
        new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    return new PersonaCatalog(mapper.readValue(json, new TypeReference<List<Persona>>() {}));
  }

  public List<Persona> all() {
    return personas;
  }

  /** The persona with this name (case-insensitive). */
  public Optional<Persona> byName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return personas.stream().filter(p -> p.persona().equals(wanted)).findFirst();
  }

  /** The persona with this Digital ID subject. */
  public Optional<Persona> bySub(String sub) {
    return personas.stream().filter(p -> p.sub().equals(sub)).findFirst();
  }

  private static List<String> problems(List<Persona> personas) {
    List<String> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> subs = new HashSet<>();
    for (Persona p : personas) {
      String name = p.persona();
      if (name == null || !name.matches("[a-z0-9][a-z0-9-]{1,40}")) {
        problems.add(name + ".persona: lower-case letters, digits and '-' only");
      }
      if (!names.add(name)) {
        problems.add(name + ".persona: duplicate");
      }
      if (p.sub() == null || p.sub().isBlank() || !subs.add(p.sub())) {
        problems.add(name + ".sub: missing or duplicate");
      }
      if (!ThaiCitizenId.isValid(p.citizenId())) {
        problems.add(name + ".citizen_id: not 13 digits with a valid check digit");
      }
      if (!IAL_LEVELS.contains(p.ialLevel())) {
        problems.add(name + ".ial_level: not one of " + IAL_LEVELS);
      }
      if (isBlank(p.givenName())
          || isBlank(p.familyName())
          || isBlank(p.givenNameEn())
          || isBlank(p.familyNameEn())) {
        problems.add(name + ": Thai and English given and family names are required");
      }
    }
    return problems;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
