package org.saphan.sandbox.gdx;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.saphan.sandbox.ThaiCitizenId;

/** The simulated DOPA registers, checked when loaded (fail fast, every problem at once). */
public final class GdxRecords {

  private static final long HOUSE_ID_MIN = 10_000_000_000L;
  private static final long HOUSE_ID_MAX = 99_999_999_999L;

  private final Map<String, GdxRecord> byCitizenId;

  public GdxRecords(List<GdxRecord> records) {
    List<String> problems = problems(records);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid GDX records: " + String.join("; ", problems));
    }
    Map<String, GdxRecord> map = new LinkedHashMap<>();
    records.forEach(r -> map.put(r.citizenId(), r));
    this.byCitizenId = Map.copyOf(map);
  }

  /** Reads a JSON array of records. */
  public static GdxRecords read(InputStream json) throws IOException {
    ObjectMapper mapper =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    return new GdxRecords(mapper.readValue(json, new TypeReference<List<GdxRecord>>() {}));
  }

  /** The record of this citizen, if the registers know them. */
  public Optional<GdxRecord> find(String citizenId) {
    return citizenId == null ? Optional.empty() : Optional.ofNullable(byCitizenId.get(citizenId));
  }

  /** Every record. */
  public List<GdxRecord> all() {
    return List.copyOf(byCitizenId.values());
  }

  private static List<String> problems(List<GdxRecord> records) {
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> lasers = new HashSet<>();
    for (int i = 0; i < records.size(); i++) {
      GdxRecord r = records.get(i);
      String where = "[" + i + "]";
      if (!ThaiCitizenId.isValid(r.citizenId())) {
        problems.add(where + ".citizenId: not 13 digits with a valid check digit");
      } else if (!ids.add(r.citizenId())) {
        problems.add(where + ".citizenId: duplicate");
      }
      for (IdCard card : r.cards()) {
        cardProblems(where + ".cards", card, lasers, problems);
      }
      if (r.person() == null) {
        problems.add(where + ".person: missing");
      } else {
        personProblems(where + ".person", r.person(), problems);
      }
      if (r.house() == null) {
        problems.add(where + ".house: missing");
      } else {
        houseProblems(where + ".house", r.house(), problems);
      }
    }
    return problems;
  }

  private static void cardProblems(
      String where, IdCard card, Set<String> lasers, List<String> problems) {
    if (card.laserCode() == null || !card.laserCode().matches(IdCard.LASER_CODE_PATTERN)) {
      problems.add(where + ".laserCode: not 2 letters and 10 digits");
    } else if (!lasers.add(card.laserCode())) {
      problems.add(where + ".laserCode: duplicate");
    }
    if (!isFullDate(card.issueDate()) || !isFullDate(card.expiryDate())) {
      problems.add(where + ": issueDate and expiryDate must be full BE dates yyyyMMdd");
    }
    if (card.status() == null) {
      problems.add(where + ".status: missing");
    }
  }

  private static void personProblems(String where, LinkagePerson p, List<String> problems) {
    if (!BeDate.isValid(p.dateOfBirth())) {
      problems.add(where + ".dateOfBirth: not a BE date yyyyMMdd (unknown parts 00)");
    }
    if (p.dateOfMoveIn() != 0 && !BeDate.isValid(p.dateOfMoveIn())) {
      problems.add(where + ".dateOfMoveIn: not a BE date yyyyMMdd");
    }
    if (isBlank(p.firstName()) || isBlank(p.lastName()) || isBlank(p.titleDesc())) {
      problems.add(where + ": titleDesc, firstName and lastName are required");
    }
    if (p.genderCode() != 1 && p.genderCode() != 2) {
      problems.add(where + ".genderCode: 1 or 2");
    }
    parentProblems(where + ".fatherPersonalID", p.fatherPersonalID(), problems);
    parentProblems(where + ".motherPersonalID", p.motherPersonalID(), problems);
  }

  private static void parentProblems(String where, long id, List<String> problems) {
    if (id != 0 && !ThaiCitizenId.isValid(Long.toString(id))) {
      problems.add(where + ": 0 or 13 digits with a valid check digit");
    }
  }

  private static void houseProblems(String where, LinkageHouse h, List<String> problems) {
    if (h.houseID() < HOUSE_ID_MIN || h.houseID() > HOUSE_ID_MAX) {
      problems.add(where + ".houseID: not 11 digits");
    }
    if (h.provinceCode() < 10 || h.provinceCode() > 99) {
      problems.add(where + ".provinceCode: not 2 digits");
    }
    if (h.districtCode() / 100 != h.provinceCode()) {
      problems.add(where + ".districtCode: not 4 digits within province " + h.provinceCode());
    }
    if (h.subdistrictCode() / 100 != h.districtCode()) {
      problems.add(where + ".subdistrictCode: not 6 digits within district " + h.districtCode());
    }
    if (h.rcodeCode() / 100 != h.provinceCode()) {
      problems.add(where + ".rcodeCode: not a registration office of province " + h.provinceCode());
    }
    if (h.dateOfTerminate() != 0 && !BeDate.isValid(h.dateOfTerminate())) {
      problems.add(where + ".dateOfTerminate: 0 or a BE date yyyyMMdd");
    }
  }

  private static boolean isFullDate(int value) {
    return BeDate.isValid(value) && value / 100 % 100 != 0 && value % 100 != 0;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
