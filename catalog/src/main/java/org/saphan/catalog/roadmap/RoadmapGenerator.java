package org.saphan.catalog.roadmap;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.saphan.catalog.Finding;
import org.saphan.catalog.common.Digests;

/**
 * Turns the roadmap CSV ({@code phase, order, target_group, service_name_th, agency_th,
 * ministry_th}) and the hand-written tables of {@code connectors/roadmap/} into the service catalog
 * {@code connectors/roadmap/services.json}. Refuses, listing every problem at once, when a Thai
 * value of the CSV has no row in its table, when two rows share a phase and order, or when a table
 * has a row no service uses. The output depends on the inputs only: running it twice gives the same
 * bytes.
 */
public final class RoadmapGenerator {

  /** The command that runs the generator; {@code services.json} names it. */
  public static final String COMMAND = "./saphan catalog import-roadmap";

  /** Columns of the roadmap CSV, in their usual order. */
  public static final List<String> CSV_COLUMNS =
      List.of(
          "phase",
          "order",
          RoadmapTables.TARGET_GROUP_COLUMN,
          "service_name_th",
          RoadmapTables.AGENCY_COLUMN,
          RoadmapTables.MINISTRY_COLUMN);

  private static final Comparator<RoadmapService> ROADMAP_ORDER =
      Comparator.comparing(RoadmapService::phase).thenComparingInt(RoadmapService::order);

  /**
   * What one run produced.
   *
   * @param services the services, in roadmap order (phase 1, 2, 3, expansion; then order); empty
   *     when there are errors
   * @param csvName the CSV's file name, as {@code services.json} records it
   * @param csvSha256 SHA-256 of the CSV's bytes, lower-case hex; empty when it could not be read
   * @param errors every problem found; none when the catalog can be written
   */
  public record Result(
      List<RoadmapService> services, String csvName, String csvSha256, List<Finding> errors) {

    public Result {
      services = List.copyOf(services);
      errors = List.copyOf(errors);
    }

    /** Whether the catalog can be written. */
    public boolean isValid() {
      return errors.isEmpty();
    }

    /** The catalog as {@code services.json} holds it (UTF-8, pretty, ending with a new line). */
    public byte[] json() {
      if (!isValid()) {
        throw new IllegalStateException("the roadmap has errors; nothing to write: " + errors);
      }
      return RoadmapJson.write(services, csvName, csvSha256);
    }
  }

  private final Path home;

  /** A generator for the Saphan home {@code home} (its {@code connectors/roadmap/} tables). */
  public RoadmapGenerator(Path home) {
    this.home = home.toAbsolutePath().normalize();
  }

  /** The file the catalog is written to under {@code home}. */
  public static Path servicesFile(Path home) {
    return home.resolve(RoadmapCatalog.SERVICES_FILE);
  }

  /** Reads {@code csv} and the tables; never throws on bad input. */
  public Result generate(Path csv) {
    Path file = csv.toAbsolutePath().normalize();
    Path shownCsv = shown(file);
    String csvName = String.valueOf(file.getFileName());
    List<Finding> errors = new ArrayList<>();
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file)) {
        errors.add(Finding.error("", "", "file does not exist", shownCsv, 0));
        return new Result(List.of(), csvName, "", errors);
      }
      if (Files.size(file) > CsvTable.MAX_BYTES) {
        errors.add(
            Finding.error(
                "", "", "file is larger than " + CsvTable.MAX_BYTES + " bytes", shownCsv, 0));
        return new Result(List.of(), csvName, "", errors);
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      errors.add(Finding.error("", "", "file cannot be read: " + e.getMessage(), shownCsv, 0));
      return new Result(List.of(), csvName, "", errors);
    }
    String sha256 = Digests.sha256(bytes);
    String text;
    try {
      text = CsvTable.decode(bytes);
    } catch (CharacterCodingException e) {
      errors.add(
          Finding.error(
              "",
              "",
              "file is not valid UTF-8; save it as UTF-8 (TIS-620 and Windows-874 are not supported)",
              shownCsv,
              0));
      return new Result(List.of(), csvName, sha256, errors);
    }
    RoadmapTables tables = RoadmapTables.read(home, errors);
    CsvTable table = CsvTable.parse(text, shownCsv, CSV_COLUMNS, List.of(), errors);
    if (tables == null || table == null) {
      return new Result(List.of(), csvName, sha256, errors);
    }
    List<RoadmapService> services = new Run(tables, table, csvName).services(errors);
    services.sort(ROADMAP_ORDER);
    return new Result(errors.isEmpty() ? services : List.of(), csvName, sha256, errors);
  }

  /**
   * Generates from {@code csv} and writes {@code services.json} when the result is valid.
   *
   * @return the result; {@code services.json} is untouched when it has errors
   */
  public Result generateAndWrite(Path csv) throws IOException {
    Result result = generate(csv);
    if (result.isValid()) {
      Path target = servicesFile(home);
      Files.createDirectories(target.getParent());
      Path temporary = Files.createTempFile(target.getParent(), ".services", ".json.tmp");
      try {
        Files.write(temporary, result.json());
        Files.move(
            temporary,
            target,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    }
    return result;
  }

  private Path shown(Path file) {
    try {
      return home.relativize(file);
    } catch (IllegalArgumentException differentRoot) {
      return file;
    }
  }

  /** One pass over the CSV rows, remembering which table rows were used. */
  private static final class Run {
    private final RoadmapTables tables;
    private final CsvTable table;
    private final String csvName;
    private final Set<String> usedAgencies = new HashSet<>();
    private final Set<String> usedMinistries = new HashSet<>();
    private final Set<String> usedGroups = new HashSet<>();
    private final Set<RoadmapTables.Variant> usedVariants = new HashSet<>();
    private final Set<String> csvIds = new HashSet<>();
    private final Map<Missing, List<Integer>> missing = new LinkedHashMap<>();

    /** A Thai value of {@code column} that has no row in the column's table. */
    private record Missing(String column, String value) {}

    Run(RoadmapTables tables, CsvTable table, String csvName) {
      this.tables = tables;
      this.table = table;
      this.csvName = csvName;
    }

    List<RoadmapService> services(List<Finding> errors) {
      List<RoadmapService> services = new ArrayList<>();
      Map<String, Integer> lineOfId = new LinkedHashMap<>();
      for (CsvTable.Row row : table.rows()) {
        Optional<RoadmapService> service = service(row, lineOfId, errors);
        service.ifPresent(services::add);
      }
      missing.forEach(
          (key, lines) ->
              errors.add(
                  Finding.error(
                      "",
                      key.column(),
                      "'"
                          + key.value()
                          + "' is not in "
                          + RoadmapTables.shown(RoadmapTables.fileFor(key.column()))
                          + (key.column().equals(RoadmapTables.TARGET_GROUP_COLUMN)
                              ? " (column target_group_th)"
                              : "")
                          + " nor a spelling variant in "
                          + RoadmapTables.shown(RoadmapTables.SPELLING_VARIANTS)
                          + "; add a row for it"
                          + (lines.size() > 1
                              ? " (used on lines "
                                  + lines.stream()
                                      .map(String::valueOf)
                                      .collect(Collectors.joining(", "))
                                  + ")"
                              : ""),
                      table.shown(),
                      lines.get(0))));
      if (table.rows().size() != RoadmapCatalog.ROADMAP_SIZE) {
        errors.add(
            Finding.error(
                "",
                "",
                "lists "
                    + table.rows().size()
                    + " services; the Citizen Portal roadmap has "
                    + RoadmapCatalog.ROADMAP_SIZE,
                table.shown(),
                0));
      }
      reportUnused(errors);
      return services;
    }

    private Optional<RoadmapService> service(
        CsvTable.Row row, Map<String, Integer> lineOfId, List<Finding> errors) {
      int before = errors.size();
      for (String column : CSV_COLUMNS) {
        if (row.get(column).isEmpty()) {
          errors.add(error(row, column, "is empty"));
        }
      }
      Optional<RoadmapPhase> phase = RoadmapPhase.fromCsv(row.get("phase"));
      if (phase.isEmpty() && !row.get("phase").isEmpty()) {
        errors.add(
            error(row, "phase", "must be 1, 2, 3 or expansion, found '" + row.get("phase") + "'"));
      }
      Integer order = order(row, errors);
      String id = null;
      boolean duplicate = false;
      if (phase.isPresent() && order != null) {
        id = RoadmapService.id(phase.get(), order);
        csvIds.add(id);
        Integer first = lineOfId.putIfAbsent(id, row.line());
        duplicate = first != null;
        if (duplicate) {
          errors.add(
              error(
                  row,
                  "order",
                  phase.get().label()
                      + ", order "
                      + order
                      + " is listed twice (first on line "
                      + first
                      + "); each service needs its own order within its phase"));
        }
      }
      RoadmapTables.Entry group =
          resolve(row, RoadmapTables.TARGET_GROUP_COLUMN, tables.targetGroups, usedGroups);
      RoadmapTables.Agency agency =
          resolve(row, RoadmapTables.AGENCY_COLUMN, tables.agencies, usedAgencies);
      RoadmapTables.Entry ministry =
          resolve(row, RoadmapTables.MINISTRY_COLUMN, tables.ministries, usedMinistries);
      RoadmapTables.ServiceRow english = id == null || duplicate ? null : english(row, id, errors);
      if (errors.size() > before
          || id == null
          || group == null
          || agency == null
          || ministry == null
          || english == null) {
        return Optional.empty();
      }
      return Optional.of(
          new RoadmapService(
              id,
              phase.get(),
              order,
              new RoadmapService.Text(group.th(), group.en()),
              new RoadmapService.Text(row.get("service_name_th"), english.en()),
              new RoadmapService.Agency(agency.code(), agency.th(), agency.en()),
              new RoadmapService.Text(ministry.th(), ministry.en())));
    }

    private Integer order(CsvTable.Row row, List<Finding> errors) {
      String text = row.get("order");
      if (text.isEmpty()) {
        return null;
      }
      if (text.matches("[0-9]{1,3}")) {
        int order = Integer.parseInt(text);
        if (order >= 1) {
          return order;
        }
      }
      errors.add(
          error(
              row,
              "order",
              "must be a whole number from 1 to "
                  + RoadmapService.MAX_ORDER
                  + ", found '"
                  + text
                  + "'"));
      return null;
    }

    /** The table row for the row's value of {@code column}, through a spelling variant if any. */
    private <T> T resolve(
        CsvTable.Row row, String column, Map<String, T> entries, Set<String> used) {
      String value = row.get(column);
      if (value.isEmpty()) {
        return null;
      }
      RoadmapTables.Variant variant = tables.variants.get(column).get(value);
      if (variant != null) {
        usedVariants.add(variant);
      }
      String key = variant == null ? value : variant.canonical();
      T entry = entries.get(key);
      if (entry == null) {
        missing.computeIfAbsent(new Missing(column, value), k -> new ArrayList<>()).add(row.line());
        return null;
      }
      used.add(key);
      return entry;
    }

    private RoadmapTables.ServiceRow english(CsvTable.Row row, String id, List<Finding> errors) {
      RoadmapTables.ServiceRow english = tables.services.get(id);
      String nameTh = row.get("service_name_th");
      if (english == null) {
        errors.add(
            error(
                row,
                "service_name_th",
                "service "
                    + id
                    + " has no row in "
                    + RoadmapTables.shown(RoadmapTables.SERVICES_EN)
                    + "; add one: "
                    + id
                    + ","
                    + nameTh
                    + ",<English name, or empty where no faithful translation exists>"));
        return null;
      }
      if (!english.nameTh().equals(nameTh)) {
        errors.add(
            Finding.error(
                "",
                "name_th",
                "'"
                    + english.nameTh()
                    + "' differs from the name of service "
                    + id
                    + " in "
                    + csvName
                    + " (line "
                    + row.line()
                    + "): '"
                    + nameTh
                    + "'; is the row's English for another service?",
                RoadmapTables.shown(RoadmapTables.SERVICES_EN),
                english.line()));
        return null;
      }
      return english;
    }

    private void reportUnused(List<Finding> errors) {
      tables.agencies.values().stream()
          .filter(agency -> !usedAgencies.contains(agency.th()))
          .forEach(
              agency ->
                  errors.add(
                      unused(RoadmapTables.AGENCIES, "agency_th", agency.th(), agency.line())));
      tables.ministries.values().stream()
          .filter(entry -> !usedMinistries.contains(entry.th()))
          .forEach(
              entry ->
                  errors.add(
                      unused(RoadmapTables.MINISTRIES, "ministry_th", entry.th(), entry.line())));
      tables.targetGroups.values().stream()
          .filter(entry -> !usedGroups.contains(entry.th()))
          .forEach(
              entry ->
                  errors.add(
                      unused(
                          RoadmapTables.TARGET_GROUPS,
                          "target_group_th",
                          entry.th(),
                          entry.line())));
      tables.variants.values().stream()
          .flatMap(byFound -> byFound.values().stream())
          .filter(variant -> !usedVariants.contains(variant))
          .sorted(Comparator.comparingInt(RoadmapTables.Variant::line))
          .forEach(
              variant ->
                  errors.add(
                      unused(
                          RoadmapTables.SPELLING_VARIANTS,
                          "found_th",
                          variant.found(),
                          variant.line())));
      tables.services.values().stream()
          .filter(service -> !csvIds.contains(service.id()))
          .forEach(
              service ->
                  errors.add(
                      Finding.error(
                          "",
                          "id",
                          "'"
                              + service.id()
                              + "' is not a service of "
                              + csvName
                              + "; remove the row",
                          RoadmapTables.shown(RoadmapTables.SERVICES_EN),
                          service.line())));
    }

    private Finding unused(String file, String column, String value, int line) {
      return Finding.error(
          "",
          column,
          "'"
              + value
              + "' is not used by any service of "
              + csvName
              + "; remove the row or correct its spelling",
          RoadmapTables.shown(file),
          line);
    }

    private Finding error(CsvTable.Row row, String column, String reason) {
      return Finding.error("", column, reason, table.shown(), row.line());
    }
  }
}
