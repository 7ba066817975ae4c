package org.saphan.sandbox.agency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DcyApplicationValidatorTest {

  final ObjectMapper json = new ObjectMapper();
  ObjectNode application;

  @BeforeEach
  void goldenExample() throws IOException {
    String home = System.getProperty("saphan.home", "..");
    application =
        (ObjectNode)
            json.readTree(
                Files.readString(
                    Path.of(home)
                        .resolve(
                            "mappings/dcy-newborn-grant/examples/first-child.request.expected.json")));
  }

  @Test
  void shouldAcceptWhenRequestIsTheMappingsGoldenExample() {
    // when / then
    assertThat(DcyApplicationValidator.check(application)).isEmpty();
  }

  @Test
  void shouldRefuseE101WhenApplicantPidCheckDigitInvalid() {
    // given
    ((ObjectNode) application.path("applicant")).put("pid", "1234567890122");

    // when / then
    assertThat(DcyApplicationValidator.check(application))
        .hasValueSatisfying(r -> assertThat(r.resultCode()).isEqualTo("E101"));
  }

  @Test
  void shouldRefuseE102WhenChildPidCheckDigitInvalid() {
    // given
    ((ObjectNode) application.path("child")).put("pid", "1101700000011");

    // when / then
    assertThat(DcyApplicationValidator.check(application))
        .hasValueSatisfying(r -> assertThat(r.resultCode()).isEqualTo("E102"));
  }

  @Test
  void shouldRefuseE103WhenChildBirthDateIsNotABuddhistEraDate() {
    // given
    ((ObjectNode) application.path("child")).put("birthDate", "2025-02-01");

    // when / then
    assertThat(DcyApplicationValidator.check(application))
        .hasValueSatisfying(r -> assertThat(r.resultCode()).isEqualTo("E103"));
  }

  @Test
  void shouldRefuseE104WhenAccountNumberHasLetters() {
    // given
    ((ObjectNode) application.path("bank")).put("accountNo", "00000ABC00");

    // when / then
    assertThat(DcyApplicationValidator.check(application))
        .hasValueSatisfying(r -> assertThat(r.resultCode()).isEqualTo("E104"));
  }

  @Test
  void shouldRefuseE100NamingTheFieldWhenRequestRefMissing() {
    // given
    application.remove("requestRef");

    // when / then
    assertThat(DcyApplicationValidator.check(application))
        .hasValueSatisfying(
            r -> {
              assertThat(r.resultCode()).isEqualTo("E100");
              assertThat(r.resultDesc()).endsWith("requestRef");
            });
  }
}
