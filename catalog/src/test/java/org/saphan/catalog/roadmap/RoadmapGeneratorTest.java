package org.saphan.catalog.roadmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.catalog.Finding;
import org.saphan.catalog.cli.RoadmapImportCommand;

/** The generator and its command: refusals listing every problem, tolerant parsing, determinism. */
class RoadmapGeneratorTest {

  private static final String CSV_NAME = "service-roadmap-th.csv";
  private static final String SHOWN_CSV = "../" + CSV_NAME;

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void shouldExitInvalidListingTheAgencyWhenAgenciesTableLacksIt() {
    // given
    Path home = RoadmapFiles.homeWithTables(dir);
    Path agencies = RoadmapFiles.table(home, RoadmapTables.AGENCIES);
    RoadmapFiles.write(agencies, RoadmapFiles.withoutLine(RoadmapFiles.read(agencies), ",dld,"));
    Path csv = RoadmapFiles.write(dir.resolve(CSV_NAME), RoadmapFiles.csvText());

    // when
    int status = command().run("--home", home.toString(), csv.toString());

    // then
    assertThat(status).isEqualTo(RoadmapImportCommand.INVALID);
    assertThat(output().lines())
        .containsExactly(
            "error: "
                + SHOWN_CSV
                + ":107: agency_th: 'กรมปศุสัตว์' is not in connectors/roadmap/agencies.csv nor a"
                + " spelling variant in connectors/roadmap/spelling-variants.csv; add a row for it"
                + " (used on lines 107, 132, 133, 148, 149, 173, 182)",
            "1 error; connectors/roadmap/services.json was not written");
    assertThat(RoadmapGenerator.servicesFile(home)).doesNotExist();
  }

  @Test
  void shouldListEveryMissingKeyWhenSeveralTablesLackRows() {
    // given
    Path home = RoadmapFiles.homeWithTables(dir);
    Path ministries = RoadmapFiles.table(home, RoadmapTables.MINISTRIES);
    RoadmapFiles.write(
        ministries, RoadmapFiles.withoutLine(RoadmapFiles.read(ministries), "กระทรวงพลังงาน"));
    Path groups = RoadmapFiles.table(home, RoadmapTables.TARGET_GROUPS);
    RoadmapFiles.write(
        groups, RoadmapFiles.withoutLine(RoadmapFiles.read(groups), "ประชาชนทั่วไป"));
    Path csv = RoadmapFiles.write(dir.resolve(CSV_NAME), RoadmapFiles.csvText());

    // when
    RoadmapGenerator.Result result = new RoadmapGenerator(home).generate(csv);

    // then
    assertThat(result.errors())
        .extracting(Finding::toString)
        .containsExactly(
            SHOWN_CSV
                + ":34: target_group: 'ประชาชนทั่วไป' is not in"
                + " connectors/roadmap/target-groups.csv (column target_group_th) nor a spelling"
                + " variant in connectors/roadmap/spelling-variants.csv; add a row for it",
            SHOWN_CSV
                + ":251: ministry_th: 'กระทรวงพลังงาน' is not in connectors/roadmap/ministries.csv"
                + " nor a spelling variant in connectors/roadmap/spelling-variants.csv; add a row"
                + " for it (used on lines 251, 255)");
    assertThat(result.services()).isEmpty();
  }

  @Test
  void shouldReportDuplicateWhenTwoRowsShareAPhaseAndOrder() {
    // given
    Path home = RoadmapFiles.homeWithTables(dir);
    Path csv =
        RoadmapFiles.write(
            dir.resolve(CSV_NAME), RoadmapFiles.csvText().replace("\n1,2,", "\n1,1,"));

    // when
    RoadmapGenerator.Result result = new RoadmapGenerator(home).generate(csv);

    // then
    assertThat(result.isValid()).isFalse();
    assertThat(result.errors())
        .extracting(Finding::toString)
        .containsExactly(
            SHOWN_CSV
                + ":3: order: phase 1, order 1 is listed twice (first on line 2); each service"
                + " needs its own order within its phase",
            "connectors/roadmap/services-en.csv:3: id: '1-002' is not a service of "
                + CSV_NAME
                + "; remove the row");
  }

  @Test
  void shouldReadTheSameServicesWhenCsvHasByteOrderMarkAndCrlfLineEnds() {
    // given
    Path home = RoadmapFiles.homeWithTables(dir);
    Path plain = RoadmapFiles.write(dir.resolve("plain.csv"), RoadmapFiles.csvText());
    Path windows =
        RoadmapFiles.write(
            dir.resolve("windows.csv"), "\uFEFF" + RoadmapFiles.csvText().replace("\n", "\r\n"));

    // when
    RoadmapGenerator.Result fromPlain = new RoadmapGenerator(home).generate(plain);
    RoadmapGenerator.Result fromWindows = new RoadmapGenerator(home).generate(windows);

    // then
    assertThat(fromWindows.errors()).isEmpty();
    assertThat(fromWindows.services()).hasSize(RoadmapCatalog.ROADMAP_SIZE);
    assertThat(fromWindows.services()).isEqualTo(fromPlain.services());
    assertThat(fromWindows.csvSha256()).isNotEqualTo(fromPlain.csvSha256());
  }

  @Test
  void shouldPointAtTheRowWhenPhaseIsUnknown() {
    // given
    Path home = RoadmapFiles.homeWithTables(dir);
    Path csv =
        RoadmapFiles.write(
            dir.resolve(CSV_NAME), RoadmapFiles.csvText().replace("\n3,60,", "\n4,60,"));

    // when
    RoadmapGenerator.Result result = new RoadmapGenerator(home).generate(csv);

    // then
    assertThat(result.errors())
        .extracting(Finding::toString)
        .containsExactly(
            SHOWN_CSV + ":171: phase: must be 1, 2, 3 or expansion, found '4'",
            "connectors/roadmap/services-en.csv:171: id: '3-060' is not a service of "
                + CSV_NAME
                + "; remove the row");
  }

  @Test
  void shouldWriteIdenticalBytesWhenRunTwice() throws IOException {
    // given
    Path home = RoadmapFiles.homeWithTables(dir);
    Path csv = RoadmapFiles.write(dir.resolve(CSV_NAME), RoadmapFiles.csvText());
    Path target = RoadmapGenerator.servicesFile(home);

    // when
    int first = command().run("--home", home.toString(), csv.toString());
    byte[] firstBytes = Files.readAllBytes(target);
    int second = command().run("--home", home.toString(), csv.toString());
    byte[] secondBytes = Files.readAllBytes(target);

    // then
    assertThat(first).isEqualTo(RoadmapImportCommand.OK);
    assertThat(second).isEqualTo(RoadmapImportCommand.OK);
    assertThat(secondBytes).isEqualTo(firstBytes);
    assertThat(command().run("--home", home.toString(), "--check", csv.toString()))
        .isEqualTo(RoadmapImportCommand.OK);
  }

  @Test
  void shouldEqualTheCommittedCatalogWhenGeneratedFromTheSharedCsv() throws IOException {
    // given
    Path home = RoadmapFiles.projectHome();

    // when
    RoadmapGenerator.Result result = new RoadmapGenerator(home).generate(RoadmapFiles.sharedCsv());

    // then
    assertThat(result.errors()).isEmpty();
    assertThat(new String(result.json(), StandardCharsets.UTF_8))
        .as(
            "connectors/roadmap/services.json is stale: run ./saphan catalog import-roadmap and"
                + " commit the result")
        .isEqualTo(Files.readString(RoadmapGenerator.servicesFile(home), StandardCharsets.UTF_8));
  }

  @Test
  void shouldFailTheCheckWhenTheCatalogIsStale() {
    // given
    Path home = RoadmapFiles.homeWithTables(dir);
    Path csv = RoadmapFiles.write(dir.resolve(CSV_NAME), RoadmapFiles.csvText());
    command().run("--home", home.toString(), csv.toString());
    Path services = RoadmapFiles.table(home, RoadmapTables.SERVICES_EN);
    RoadmapFiles.write(
        services,
        RoadmapFiles.read(services).replace("Disability allowance", "Disability living allowance"));
    out.reset();

    // when
    int status = command().run("--home", home.toString(), "--check", csv.toString());

    // then
    assertThat(status).isEqualTo(RoadmapImportCommand.INVALID);
    assertThat(output())
        .isEqualTo(
            "error: connectors/roadmap/services.json: differs from what the CSV and the tables"
                + " give; run ./saphan catalog import-roadmap and commit the result\n");
  }

  @Test
  void shouldExitUsageWhenTheCsvDoesNotExist() {
    // given
    Path home = RoadmapFiles.homeWithTables(dir);

    // when
    int status = command().run("--home", home.toString(), dir.resolve("missing.csv").toString());

    // then
    assertThat(status).isEqualTo(RoadmapImportCommand.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("import-roadmap: no such CSV file: " + dir.resolve("missing.csv"));
  }

  private RoadmapImportCommand command() {
    return new RoadmapImportCommand(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        null);
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }
}
