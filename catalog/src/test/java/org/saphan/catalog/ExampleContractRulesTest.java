package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gaps of the first SOAP onboarding, closed: a WSDL that is not well-formed or whose schema
 * does not compile, a request the WSDL does not allow, a status code missing from the card, each
 * refused with its file, line and reason. The home is a copy of the project's DLD card and
 * mappings; the golden examples' own run is {@code GoldenExamples}'s (the shipped card passes both
 * in {@code CatalogRulesTest}).
 */
class ExampleContractRulesTest {

  private static final String CARD = "dld-animal-movement-permit";
  private static final String MAPPINGS = "mappings/" + CARD + "/";
  private static final String WSDL = MAPPINGS + "AnimalMovementPermit.wsdl";

  @TempDir Path dir;

  private TestHome home;

  @BeforeEach
  void copyTheSoapCard() throws IOException {
    home = new TestHome(dir);
    Path project = TestHome.projectHome();
    Path card = Path.of("connectors", CARD + CatalogLoader.CARD_SUFFIX);
    home.write(card.toString(), Files.readString(project.resolve(card)));
    try (Stream<Path> files = Files.walk(project.resolve(MAPPINGS))) {
      files
          .filter(Files::isRegularFile)
          .forEach(
              file ->
                  home.write(project.relativize(file).toString().replace('\\', '/'), read(file)));
    }
  }

  /** Replaces {@code original} in a file of the home, which must contain it. */
  private void edit(String file, String original, String replacement) {
    String text = read(dir.resolve(file));
    assertThat(text).contains(original);
    home.write(file, text.replace(original, replacement));
  }

  /** The rules' findings for the card as it now is (its mappings are not run: no XSLT compile). */
  private List<String> errors() {
    String card = read(dir.resolve("connectors/" + CARD + CatalogLoader.CARD_SUFFIX));
    return new ExampleContractRules(dir)
        .check(new YamlCardReader().read(card).root(), CARD).stream()
            .map(Finding::toString)
            .toList();
  }

  @Test
  void shouldFindNoErrorWhenTheSoapCardFitsItsWsdl() {
    assertThat(errors()).isEmpty();
  }

  @Test
  void shouldRefuseTheWsdlWhenItIsNotWellFormed() {
    // given
    edit(WSDL, "</wsdl:types>", "</wsdl:typez>");
    // when / then
    assertThat(errors())
        .containsExactly(
            WSDL
                + ":234: "
                + CARD
                + ".api.wsdl: WSDL "
                + WSDL
                + ": XML is not well-formed: The element type \"wsdl:types\" must be terminated by"
                + " the matching end-tag \"</wsdl:types>\".");
  }

  @Test
  void shouldRefuseTheWsdlWhenItsSchemaDoesNotCompile() {
    // given
    edit(WSDL, "type=\"tns:CitizenId\"", "type=\"tns:CitizenNumber\"");
    // when / then
    assertThat(errors())
        .containsExactly(
            WSDL
                + ":26: "
                + CARD
                + ".api.wsdl: WSDL "
                + WSDL
                + ": its schema does not compile: src-resolve: Cannot resolve the name"
                + " 'tns:CitizenNumber' to a(n) 'type definition' component.");
  }

  @Test
  void shouldRefuseARequestMappingWhenItEmitsAnElementTheWsdlDoesNotAllow() {
    // given: the mapping and its golden outputs agree (as the golden examples check), the WSDL
    // does not
    edit(MAPPINGS + "request.xsl", "<dld:movementDate>", "<dld:moveDate>");
    edit(MAPPINGS + "request.xsl", "</dld:movementDate>", "</dld:moveDate>");
    String example = MAPPINGS + "examples/cattle-to-saraburi.request.expected.xml";
    edit(
        example,
        "<dld:movementDate>2025-11-28</dld:movementDate>",
        "<dld:moveDate>2025-11-28</dld:moveDate>");
    edit(
        MAPPINGS + "examples/deer-to-zoo.request.expected.xml",
        "dld:movementDate>",
        "dld:moveDate>");
    // when
    List<String> errors = errors();
    // then
    assertThat(errors)
        .contains(
            example
                + ":27: "
                + CARD
                + ".api.mappings.request: golden example output does not fit the schema of "
                + WSDL
                + ": cvc-complex-type.2.4.a: Invalid content was found starting with element"
                + " '{\"urn:th:go:dld:movement:v1\":moveDate}'. One of"
                + " '{\"urn:th:go:dld:movement:v1\":movementDate}' is expected.");
  }

  @Test
  void shouldRefuseAStatusExampleWhenItsCodeIsNotInTheCardsStatusCodes() {
    // given
    edit(MAPPINGS + "examples/approved.status.input.xml", ">APPROVED<", ">GRANTED<");
    String example = MAPPINGS + "examples/approved.status.expected.json";
    edit(example, "\"APPROVED\"", "\"GRANTED\"");
    // when / then
    assertThat(errors())
        .containsExactly(
            example
                + ":3: "
                + CARD
                + ".api.statusCodes: golden example's agencyStatusCode 'GRANTED' is not in"
                + " api.statusCodes, so the hub could not record it; add it with its canonical"
                + " status");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
