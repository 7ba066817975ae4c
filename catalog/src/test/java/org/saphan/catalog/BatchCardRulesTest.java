package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCardRulesTest {

  private static final String API_FILE = "connectors/dcy-newborn-grant.connector.yaml";

  private static final String BATCH_API =
      """
      transport: batch
      batch:
        layout: batch/layouts/doae-farmer-registration.yaml
        schedule: batch-export
        sftp:
          host: sftp.dcy.example.go.th
          username: saphan
          privateKey: keys/private/sftp-dcy.key
          hostKeyFingerprint: SHA256:2vQm0H4oWm8C0r8bPz7eWwqS8f3Bx8v0yJ0m8mKqk0s
          remoteDir: /inbox
      """;

  @TempDir Path dir;

  private TestHome batchHome(String api, String expected) throws IOException {
    String card =
        TestHome.API_CARD
            .replace(
                "  transport: rest\n"
                    + "  endpoint: https://api.dcy.example.go.th/newborn-grant/v1/applications\n",
                api.indent(2))
            .replace("policy: jws", "policy: cms")
            .replace("algorithm: ES256", "algorithm: RSA-SHA256");
    TestHome home = new TestHome(dir).withApiCard(card);
    Path project = TestHome.projectHome();
    home.write(
        "batch/layouts/doae-farmer-registration.yaml",
        Files.readString(project.resolve("batch/layouts/doae-farmer-registration.yaml")));
    home.write("batch/schedules.yaml", Files.readString(project.resolve("batch/schedules.yaml")));
    home.write("keys/private/sftp-dcy.key", "key");
    home.write("mappings/dcy-newborn-grant/examples/first.request.expected.json", expected);
    return home;
  }

  private static final String FITTING =
      """
      {"applicationId": "APP-1", "citizenId": "1101700203451", "firstName": "สมชาย",
       "lastName": "ใจดี", "farmAreaRai": 12.5, "submittedDate": "2026-12-07"}
      """;

  @Test
  void shouldAcceptABatchCardWhoseLayoutFitsTheMappingOutput() throws IOException {
    // given
    TestHome home = batchHome(BATCH_API, FITTING);

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then: the mapping's golden example no longer matches its jsonata, nothing about batch
    assertThat(TestHome.lines(result)).noneMatch(line -> line.contains("batch"));
    assertThat(TestHome.lines(result)).noneMatch(line -> line.contains("YAML"));
  }

  @Test
  void shouldNameAMappingOutputKeyTheLayoutLacksAndARequiredFieldItMisses() throws IOException {
    // given: the output has "ref" (no such field) and lacks the required fields
    TestHome home = batchHome(BATCH_API, "{\"ref\": \"APP-1\"}");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .contains(
            "ERROR "
                + API_FILE
                + ":19: dcy-newborn-grant.api.batch.layout: the request mapping's output (example"
                + " first) has 'ref', which is not a field of the detail record of layout"
                + " batch/layouts/doae-farmer-registration.yaml",
            "ERROR "
                + API_FILE
                + ":19: dcy-newborn-grant.api.batch.layout: the required field 'citizenId' of"
                + " layout batch/layouts/doae-farmer-registration.yaml is missing from the request"
                + " mapping's output (example first)");
  }

  @Test
  void shouldRefuseAMissingLayoutAnUnreadableCertificateAndNoLogin() throws IOException {
    // given
    String api =
        BATCH_API
            .replace("doae-farmer-registration.yaml", "missing.yaml")
            .replace("    privateKey: keys/private/sftp-dcy.key\n", "")
            .replace(
                "  schedule: batch-export\n",
                "  schedule: batch-export\n  encryptTo: keys/public/dcy.pem\n");
    TestHome home = batchHome(api, FITTING);
    home.write("keys/public/dcy.pem", "not a certificate");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .contains(
            "ERROR "
                + API_FILE
                + ":19: dcy-newborn-grant.api.batch.layout: layout file"
                + " batch/layouts/missing.yaml does not exist",
            "ERROR "
                + API_FILE
                + ":21: dcy-newborn-grant.api.batch.encryptTo: certificate file"
                + " keys/public/dcy.pem is not an X.509 certificate (PEM)",
            "ERROR "
                + API_FILE
                + ":22: dcy-newborn-grant.api.batch.sftp: needs privateKey (preferred) or"
                + " password: the hub cannot log in");
  }

  @Test
  void shouldRefuseABatchCardWithoutItsBatchBlock() throws IOException {
    // given
    TestHome home = batchHome("transport: batch\n", FITTING);

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .anyMatch(line -> line.contains("batch") && line.startsWith("ERROR"));
  }

  @Test
  void shouldRefuseResultFilesWithoutAnApplicationFieldASignerOrAStatusMapping()
      throws IOException {
    // given: results read with the export layout (no applicationId... it has one: use a layout
    // without), a due time of ten minutes, no api.trust.certificate and no status mapping
    String api =
        BATCH_API
            + """
              results:
                layout: batch/layouts/no-application.yaml
                schedule: batch-import
                remoteDir: /outbox
                expectedWithin: PT10M
            """;
    TestHome home = batchHome(api, FITTING);
    home.write(
        "batch/layouts/no-application.yaml",
        Files.readString(TestHome.projectHome().resolve("batch/layouts/doae-farmer-results.yaml"))
            .replace("name: applicationId", "name: applicant"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("ERROR")
                    .contains(
                        "api.batch.results.layout: the detail record of layout"
                            + " batch/layouts/no-application.yaml has no field applicationId"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("api.batch.results.expectedWithin: PT10M is outside PT1H to P14D"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("api.trust.certificate: is needed with api.batch.results"))
        .anySatisfy(
            line ->
                assertThat(line).contains("api.mappings.status: is needed with api.batch.results"));
  }

  @Test
  void shouldRefuseAResultScheduleThatIsNotScheduled() throws IOException {
    // given: the project's schedule file without the import job
    String api =
        BATCH_API
            + """
              results:
                layout: batch/layouts/doae-farmer-registration.yaml
                schedule: batch-import
                remoteDir: /outbox
                expectedWithin: PT12H
            """;
    TestHome home = batchHome(api, FITTING);
    home.write(
        "batch/schedules.yaml",
        Files.readString(TestHome.projectHome().resolve("batch/schedules.yaml"))
            .replace("  batch-import:", "  batch-imports:"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "api.batch.results.schedule: job batch-import is not scheduled in"
                            + " batch/schedules.yaml"));
  }

  @Test
  void shouldWarnWhenTheServersHostKeyIsNotPinned() throws IOException {
    // given
    TestHome home =
        batchHome(
            BATCH_API.replace(
                "    hostKeyFingerprint: SHA256:2vQm0H4oWm8C0r8bPz7eWwqS8f3Bx8v0yJ0m8mKqk0s\n", ""),
            FITTING);

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then: a warning, not an error
    assertThat(TestHome.lines(result))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("WARNING")
                    .contains("api.batch.sftp.hostKeyFingerprint: is absent"));
  }
}
