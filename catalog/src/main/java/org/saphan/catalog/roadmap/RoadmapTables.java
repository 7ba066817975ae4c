package org.saphan.catalog.roadmap;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saphan.catalog.Finding;

/**
 * The hand-written tables under {@code connectors/roadmap/} that turn the roadmap's Thai values
 * into codes and English: agencies, ministries, target groups, English service names, and the
 * spelling variants the roadmap's PDF extraction left behind. Each table is reviewed like code.
 */
final class RoadmapTables {

  /** Folder of the tables and of the generated catalog, under the Saphan home. */
  static final Path FOLDER = Path.of("connectors", "roadmap");

  static final String AGENCIES = "agencies.csv";
  static final String MINISTRIES = "ministries.csv";
  static final String TARGET_GROUPS = "target-groups.csv";
  static final String SERVICES_EN = "services-en.csv";
  static final String SPELLING_VARIANTS = "spelling-variants.csv";

  /** Roadmap CSV column of the target group. */
  static final String TARGET_GROUP_COLUMN = "target_group";

  /** Roadmap CSV column of the agency. */
  static final String AGENCY_COLUMN = "agency_th";

  /** Roadmap CSV column of the ministry. */
  static final String MINISTRY_COLUMN = "ministry_th";

  private static final List<String> NOTE = List.of("note");
  private static final Set<String> VARIANT_COLUMNS =
      Set.of(AGENCY_COLUMN, MINISTRY_COLUMN, TARGET_GROUP_COLUMN);

  /** A row of {@code agencies.csv}. */
  record Agency(String th, String code, String en, int line) {}

  /** A row of {@code ministries.csv} or {@code target-groups.csv}. */
  record Entry(String th, String en, int line) {}

  /**
   * A row of {@code spelling-variants.csv}: {@code found} in the roadmap means {@code canonical}.
   */
  record Variant(String column, String found, String canonical, int line) {}

  /** A row of {@code services-en.csv}; {@code en} is {@code null} when left empty. */
  record ServiceRow(String id, String nameTh, String en, int line) {}

  final Map<String, Agency> agencies = new LinkedHashMap<>();
  final Map<String, Entry> ministries = new LinkedHashMap<>();
  final Map<String, Entry> targetGroups = new LinkedHashMap<>();
  final Map<String, ServiceRow> services = new LinkedHashMap<>();
  final Map<String, Map<String, Variant>> variants = new LinkedHashMap<>();

  private RoadmapTables() {
    VARIANT_COLUMNS.forEach(column -> variants.put(column, new LinkedHashMap<>()));
  }

  /** The name findings give one of the tables: {@code connectors/roadmap/<file>}. */
  static Path shown(String file) {
    return FOLDER.resolve(file);
  }

  /**
   * Reads every table of {@code home}; returns {@code null} when one cannot be used, having added
   * every problem found to {@code findings}.
   */
  static RoadmapTables read(Path home, List<Finding> findings) {
    int before = findings.size();
    RoadmapTables tables = new RoadmapTables();
    CsvTable agencies = table(home, AGENCIES, List.of("agency_th", "code", "name_en"), findings);
    CsvTable ministries = table(home, MINISTRIES, List.of("ministry_th", "name_en"), findings);
    CsvTable groups = table(home, TARGET_GROUPS, List.of("target_group_th", "name_en"), findings);
    CsvTable services = table(home, SERVICES_EN, List.of("id", "name_th", "name_en"), findings);
    CsvTable variants =
        table(home, SPELLING_VARIANTS, List.of("column", "found_th", "canonical_th"), findings);
    if (agencies == null
        || ministries == null
        || groups == null
        || services == null
        || variants == null) {
      return null;
    }
    tables.readAgencies(agencies, findings);
    tables.readEntries(ministries, "ministry_th", tables.ministries, findings);
    tables.readEntries(groups, "target_group_th", tables.targetGroups, findings);
    tables.readServices(services, findings);
    tables.readVariants(variants, findings);
    return findings.size() == before ? tables : null;
  }

  /** The table a roadmap CSV column is translated by. */
  Map<String, ?> tableFor(String column) {
    return switch (column) {
      case AGENCY_COLUMN -> agencies;
      case MINISTRY_COLUMN -> ministries;
      case TARGET_GROUP_COLUMN -> targetGroups;
      default -> throw new IllegalArgumentException("no table for column " + column);
    };
  }

  /** The file of the table a roadmap CSV column is translated by. */
  static String fileFor(String column) {
    return switch (column) {
      case AGENCY_COLUMN -> AGENCIES;
      case MINISTRY_COLUMN -> MINISTRIES;
      case TARGET_GROUP_COLUMN -> TARGET_GROUPS;
      default -> throw new IllegalArgumentException("no table for column " + column);
    };
  }

  private static CsvTable table(
      Path home, String file, List<String> required, List<Finding> findings) {
    return CsvTable.read(home.resolve(FOLDER).resolve(file), shown(file), required, NOTE, findings);
  }

  private void readAgencies(CsvTable table, List<Finding> findings) {
    Map<String, Agency> byCode = new LinkedHashMap<>();
    for (CsvTable.Row row : table.rows()) {
      String th = row.get("agency_th");
      String code = row.get("code");
      String en = row.get("name_en");
      boolean complete =
          required(table, row, "agency_th", findings)
              & required(table, row, "code", findings)
              & required(table, row, "name_en", findings);
      if (!complete) {
        continue;
      }
      if (!RoadmapService.AGENCY_CODE.matcher(code).matches()) {
        findings.add(
            error(
                table,
                row,
                "code",
                "'"
                    + code
                    + "' is not an agency code: 2 to 16 lower-case ASCII letters and digits,"
                    + " starting with a letter (the agency's English abbreviation where it has one)"));
        continue;
      }
      Agency agency = new Agency(th, code, en, row.line());
      Agency sameName = agencies.putIfAbsent(th, agency);
      if (sameName != null) {
        findings.add(error(table, row, "agency_th", twice(th, sameName.line())));
        continue;
      }
      Agency sameCode = byCode.putIfAbsent(code, agency);
      if (sameCode != null) {
        findings.add(
            error(
                table,
                row,
                "code",
                "'"
                    + code
                    + "' is already the code of "
                    + sameCode.th()
                    + " (line "
                    + sameCode.line()
                    + "); each agency needs its own code"));
      }
    }
  }

  private void readEntries(
      CsvTable table, String keyColumn, Map<String, Entry> entries, List<Finding> findings) {
    for (CsvTable.Row row : table.rows()) {
      boolean complete =
          required(table, row, keyColumn, findings) & required(table, row, "name_en", findings);
      if (!complete) {
        continue;
      }
      String th = row.get(keyColumn);
      Entry first = entries.putIfAbsent(th, new Entry(th, row.get("name_en"), row.line()));
      if (first != null) {
        findings.add(error(table, row, keyColumn, twice(th, first.line())));
      }
    }
  }

  private void readServices(CsvTable table, List<Finding> findings) {
    for (CsvTable.Row row : table.rows()) {
      String id = row.get("id");
      boolean complete =
          required(table, row, "id", findings) & required(table, row, "name_th", findings);
      if (!complete) {
        continue;
      }
      if (!RoadmapService.ID.matcher(id).matches()) {
        findings.add(
            error(
                table,
                row,
                "id",
                "'" + id + "' is not a service id: <phase>-<order, 3 digits>, phase 1, 2, 3 or x"));
        continue;
      }
      String en = row.get("name_en");
      ServiceRow service =
          new ServiceRow(id, row.get("name_th"), en.isEmpty() ? null : en, row.line());
      ServiceRow first = services.putIfAbsent(id, service);
      if (first != null) {
        findings.add(error(table, row, "id", twice(id, first.line())));
      }
    }
  }

  private void readVariants(CsvTable table, List<Finding> findings) {
    for (CsvTable.Row row : table.rows()) {
      boolean complete =
          required(table, row, "column", findings)
              & required(table, row, "found_th", findings)
              & required(table, row, "canonical_th", findings);
      if (!complete) {
        continue;
      }
      String column = row.get("column");
      String found = row.get("found_th");
      String canonical = row.get("canonical_th");
      if (!VARIANT_COLUMNS.contains(column)) {
        findings.add(
            error(
                table,
                row,
                "column",
                "'"
                    + column
                    + "' is not a roadmap column with a table; expected one of "
                    + String.join(
                        ", ", List.of(AGENCY_COLUMN, MINISTRY_COLUMN, TARGET_GROUP_COLUMN))));
        continue;
      }
      Map<String, ?> target = tableFor(column);
      if (found.equals(canonical)) {
        findings.add(error(table, row, "canonical_th", "is the same as found_th"));
      } else if (target.containsKey(found)) {
        findings.add(
            error(
                table,
                row,
                "found_th",
                "'"
                    + found
                    + "' is itself a row of "
                    + shown(fileFor(column))
                    + "; a spelling"
                    + " variant must not be"));
      } else if (!target.containsKey(canonical)) {
        findings.add(
            error(
                table,
                row,
                "canonical_th",
                "'" + canonical + "' is not a row of " + shown(fileFor(column))));
      } else {
        Variant first =
            variants
                .get(column)
                .putIfAbsent(found, new Variant(column, found, canonical, row.line()));
        if (first != null) {
          findings.add(error(table, row, "found_th", twice(found, first.line())));
        }
      }
    }
  }

  private static boolean required(
      CsvTable table, CsvTable.Row row, String column, List<Finding> findings) {
    if (row.get(column).isEmpty()) {
      findings.add(error(table, row, column, "is empty"));
      return false;
    }
    return true;
  }

  private static String twice(String value, int firstLine) {
    return "'" + value + "' is listed twice (first on line " + firstLine + ")";
  }

  private static Finding error(CsvTable table, CsvTable.Row row, String column, String reason) {
    return Finding.error("", column, reason, table.shown(), row.line());
  }
}
