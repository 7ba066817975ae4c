package org.saphan.sandbox.epayment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.saphan.sandbox.ThaiCitizenId;

/** The citizens who can pay in the sandbox, checked when loaded (fail fast, every problem). */
public final class Payers {

  private static final Charset TIS_620 = Charset.forName("TIS-620");

  private final List<Payer> payers;

  public Payers(List<Payer> payers) {
    List<String> problems = new ArrayList<>();
    for (Payer p : payers) {
      if (!ThaiCitizenId.isValid(p.citizenId())) {
        problems.add(p.persona() + ".citizenId: not 13 digits with a valid check digit");
      }
      if (p.nameTh() == null
          || p.nameTh().isBlank()
          || !TIS_620.newEncoder().canEncode(p.nameTh())) {
        problems.add(p.persona() + ".nameTh: missing or not encodable in TIS-620");
      }
      if (p.bankCode() == null || !p.bankCode().matches("[0-9]{3}")) {
        problems.add(p.persona() + ".bankCode: not 3 digits");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid payers: " + String.join("; ", problems));
    }
    this.payers = List.copyOf(payers);
  }

  /** Reads a JSON array of payers. */
  public static Payers read(InputStream json) throws IOException {
    return new Payers(new ObjectMapper().readValue(json, new TypeReference<List<Payer>>() {}));
  }

  /** The payer with this persona name (case-insensitive). */
  public Optional<Payer> byPersona(String persona) {
    if (persona == null) {
      return Optional.empty();
    }
    String wanted = persona.strip().toLowerCase(Locale.ROOT);
    return payers.stream().filter(p -> p.persona().equals(wanted)).findFirst();
  }

  public List<Payer> all() {
    return payers;
  }
}
