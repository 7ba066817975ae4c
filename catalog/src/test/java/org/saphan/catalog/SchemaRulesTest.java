package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaRulesTest {

  private static final String FORM_SCHEMA =
      """
      {"$schema": "https://json-schema.org/draft/2020-12/schema",
       "type": "object",
       "properties": {"child": {"type": "object", "properties": {
         "citizenId": {"type": "string", "format": "%s"}}}}}
      """;

  @TempDir Path dir;

  @Test
  void shouldRefuseWithFileLineCardAndPropertyWhenAFormSchemaNamesAnUnknownFormat() {
    // given
    TestHome home = withForm(FORM_SCHEMA.formatted("th-citizenid"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR connectors/dcy-newborn-grant.connector.yaml:33: dcy-newborn-grant.form.schema:"
                + " mappings/dcy-newborn-grant/form.schema.json"
                + " /properties/child/properties/citizenId/format: 'th-citizenid' is not a format"
                + " the hub asserts; use one of "
                + String.join(", ", FormSchemas.knownFormats()));
  }

  @Test
  void shouldAcceptWhenTheFormSchemaUsesThaiAndStandardFormats() {
    // given
    TestHome home = withForm(FORM_SCHEMA.formatted("th-citizen-id"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void shouldRefuseARequestExampleWhoseFormBreaksAFormat() {
    // given: the golden example's child id has a wrong check digit
    TestHome home = withForm(FORM_SCHEMA.formatted("th-citizen-id"));
    home.write(
        "mappings/dcy-newborn-grant/examples/first.request.input.json",
        "{\"applicationId\": \"APP-1\", \"form\": {\"child\": {\"citizenId\": \"1101700000011\"}}}");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR connectors/dcy-newborn-grant.connector.yaml:33: dcy-newborn-grant.form.schema:"
                + " golden example mappings/dcy-newborn-grant/examples/first.request.input.json"
                + " /form does not fit: /child/citizenId does not match format th-citizen-id");
  }

  @Test
  void shouldRefuseARequestExampleWhenItHasNoFormToCheck() {
    // given: the golden application has no form, so the form schema checks nothing
    TestHome home = withForm(FORM_SCHEMA.formatted("th-citizen-id"));
    home.write(
        "mappings/dcy-newborn-grant/examples/first.request.input.json",
        "{\"applicationId\": \"APP-1\"}");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR connectors/dcy-newborn-grant.connector.yaml:33: dcy-newborn-grant.form.schema:"
                + " golden example mappings/dcy-newborn-grant/examples/first.request.input.json"
                + " has no /form to check against form.schema");
  }

  @Test
  void shouldRefuseAnExpectedRequestThatBreaksTheAgencysRequestSchema() {
    // given: the agency wants ref to be a Buddhist-era date, the example gives something else
    TestHome home =
        new TestHome(dir)
            .withApiCard(
                TestHome.API_CARD.replace(
                    "  statusCodes:",
                    "  requestSchema: mappings/dcy-newborn-grant/request.schema.json\n"
                        + "  statusCodes:"));
    home.write(
        "mappings/dcy-newborn-grant/request.schema.json",
        "{\"type\": \"object\", \"required\": [\"ref\"],"
            + " \"properties\": {\"ref\": {\"type\": \"string\", \"pattern\": \"^[0-9]{8}$\"}}}");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR connectors/dcy-newborn-grant.connector.yaml:24:"
                + " dcy-newborn-grant.api.requestSchema: golden example"
                + " mappings/dcy-newborn-grant/examples/first.request.expected.json does not fit:"
                + " /ref does not match the regex pattern ^[0-9]{8}$");
  }

  @Test
  void shouldRefuseARequestSchemaFileThatDoesNotExist() {
    // given
    TestHome home =
        new TestHome(dir)
            .withApiCard(
                TestHome.API_CARD.replace(
                    "  statusCodes:",
                    "  requestSchema: mappings/dcy-newborn-grant/request.schema.json\n"
                        + "  statusCodes:"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR connectors/dcy-newborn-grant.connector.yaml:24:"
                + " dcy-newborn-grant.api.requestSchema: request schema file"
                + " mappings/dcy-newborn-grant/request.schema.json does not exist");
  }

  private TestHome withForm(String schema) {
    TestHome home =
        new TestHome(dir)
            .withApiCard(
                TestHome.API_CARD
                    + "form:\n  schema: mappings/dcy-newborn-grant/form.schema.json\n");
    home.write("mappings/dcy-newborn-grant/form.schema.json", schema);
    return home;
  }
}
