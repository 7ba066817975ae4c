package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormSchemasTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final JsonSchema SCHEMA =
      FormSchemas.compile(
          json(
              """
              {"$schema": "https://json-schema.org/draft/2020-12/schema",
               "type": "object",
               "properties": {
                 "citizenId": {"type": "string", "format": "th-citizen-id"},
                 "postcode": {"type": "string", "format": "th-postcode"},
                 "mobile": {"type": "string", "format": "th-mobile"},
                 "day": {"type": "string", "format": "date"}}}
              """));

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "citizenId, 1101700000011",
    "citizenId, 110170000001",
    "citizenId, 11017000000AB",
    "citizenId, 11017000000100",
    "postcode, 00000",
    "postcode, 09999",
    "postcode, 97000",
    "postcode, 1050",
    "mobile, 0712345678",
    "mobile, 021234567",
    "mobile, +66812345678",
    "mobile, 08123456789",
    "day, 2025-02-30"
  })
  void shouldRefuseNamingFieldAndFormatButNotValueWhenTheValueBreaksItsFormat(
      String field, String value) {
    // given
    JsonNode instance = JSON.createObjectNode().put(field, value);

    // when
    List<FormSchemas.Problem> problems = FormSchemas.check(SCHEMA, instance);

    // then
    assertThat(problems).hasSize(1);
    FormSchemas.Problem problem = problems.get(0);
    assertThat(problem.path()).isEqualTo("/" + field);
    assertThat(problem.keyword()).isEqualTo("format");
    assertThat(problem.toMap().toString()).doesNotContain(value);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "citizenId, 1101700000010",
    "citizenId, 3101200456789",
    "postcode, 10500",
    "postcode, 96000",
    "mobile, 0812345678",
    "mobile, 0612345678",
    "mobile, 0912345678",
    "day, 2025-02-28"
  })
  void shouldAcceptWhenTheValueFitsItsFormat(String field, String value) {
    // given
    JsonNode instance = JSON.createObjectNode().put(field, value);

    // when
    List<FormSchemas.Problem> problems = FormSchemas.check(SCHEMA, instance);

    // then
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldListUnknownFormatsWithTheirPointerWhenASchemaNamesThem() {
    // given: an unknown name, a misspelt Thai one, networknt's non-standard "phone", and a
    // "format" that is data (an example) or a property name, not a keyword
    JsonNode schema =
        json(
            """
            {"type": "object",
             "properties": {
               "a": {"type": "string", "format": "int32"},
               "b": {"type": "string", "format": "th-citizenid"},
               "c": {"type": "string", "format": "phone", "examples": [{"format": "nope"}]},
               "format": {"type": "string", "format": "email"}},
             "$defs": {"d": {"type": "string", "format": "uuid"}}}
            """);

    // when
    List<String> unknown = FormSchemas.unknownFormats(schema);

    // then
    assertThat(unknown)
        .containsExactly(
            "/properties/a/format: 'int32'",
            "/properties/b/format: 'th-citizenid'",
            "/properties/c/format: 'phone'");
  }

  @Test
  void shouldRefusePostcodeButNotEchoItWhenTheApplicantTypedABadOne() {
    // given
    JsonNode applicant = json("{\"address\": {\"postcode\": \"00000\"}, \"email\": \"a@b.co\"}");

    // when
    List<FormSchemas.Problem> problems = FormSchemas.check(FormSchemas.applicant(), applicant);

    // then
    assertThat(problems)
        .containsExactly(
            new FormSchemas.Problem(
                "/address/postcode", "format", "th-postcode", "does not match format th-postcode"));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
