package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12, item 5: Thai identifiers are asserted (format), not just annotated. A refused field is
 * named with its format; its value (personal data) never comes back.
 */
class ThaiIdentifiersIT extends Model3TestSupport {

  @ParameterizedTest(name = "child citizen id {0}")
  @ValueSource(strings = {"1101700000011", "110170000001", "11017000000AB", "0000000000000"})
  void shouldRefuseWithFormInvalidNamingFieldAndFormatWhenTheChildCitizenIdIsNotValid(String id)
      throws Exception {
    // given
    String body = body().replace("1101700000010", id);

    // when
    HttpResponse<String> response = apply("citizen-somchai", key(), body);

    // then
    assertProblem(response, 400, "form_invalid");
    assertThat(errors(response))
        .anySatisfy(
            error -> {
              assertThat(error.path("path").asText()).isEqualTo("/form/child/citizenId");
              assertThat(error.path("format").asText()).isEqualTo("th-citizen-id");
            });
    assertThat(response.body()).doesNotContain(id);
  }

  @Test
  void shouldRefuseWithFormInvalidNamingFieldAndFormatWhenThePostcodeIsNotAThaiPostcode()
      throws Exception {
    // given
    String body = body().replace("\"postcode\":\"10500\"", "\"postcode\":\"00000\"");

    // when
    HttpResponse<String> response = apply("citizen-somchai", key(), body);

    // then
    assertProblem(response, 400, "form_invalid");
    JsonNode error = errors(response).get(0);
    assertThat(error.path("path").asText()).isEqualTo("/applicant/address/postcode");
    assertThat(error.path("format").asText()).isEqualTo("th-postcode");
    assertThat(response.body()).doesNotContain("00000");
  }

  @Test
  void shouldRefuseWithAgencyRequestInvalidWhenTheMobileNumberHasAWrongPrefix() throws Exception {
    // given: DCY's request schema asserts th-mobile on the applicant's mobile
    String body = body().replace("\"phone\":\"0800000000\"", "\"phone\":\"0712345678\"");

    // when
    HttpResponse<String> response = apply("citizen-somchai", key(), body);

    // then
    assertProblem(response, 422, "agency_request_invalid");
    JsonNode error = errors(response).get(0);
    assertThat(error.path("path").asText()).isEqualTo("/applicant/mobile");
    assertThat(error.path("format").asText()).isEqualTo("th-mobile");
    assertThat(response.body()).doesNotContain("0712345678");
  }

  @Test
  void shouldAcceptWhenEveryThaiIdentifierIsValid() throws Exception {
    // when
    HttpResponse<String> response = apply("citizen-somchai", key(), body());

    // then
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  private static JsonNode errors(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).path("errors");
  }
}
