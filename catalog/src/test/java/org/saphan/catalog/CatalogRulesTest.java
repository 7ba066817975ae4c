package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.catalog.settings.EvidenceSettings;

/**
 * One test per loader rule, each asserting the exact finding (severity, file:line, path, reason).
 */
class CatalogRulesTest {

  private static final String API_FILE = "connectors/dcy-newborn-grant.connector.yaml";
  private static final String LINK_FILE = "connectors/led-bankruptcy-check.connector.yaml";

  @TempDir Path dir;

  @Test
  void shouldReportNothingWhenCardsAreValid() {
    // given
    TestHome home = new TestHome(dir).withApiCard();
    home.card("led-bankruptcy-check", TestHome.LINK_OUT_CARD);

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(result.findings()).isEmpty();
    assertThat(result.cards())
        .extracting(ConnectorCard::name)
        .containsExactly("dcy-newborn-grant", "led-bankruptcy-check");
  }

  @Test
  void shouldRequireAPaymentMappingAndEndpointWhenARestModel3CardChargesAFee() {
    // given: the API card charges a fee but says nothing about forwarding paid orders
    TestHome home =
        new TestHome(dir)
            .withApiCard(
                TestHome.API_CARD
                    + "payment:\n  defaultFee: {amount: 100.00, currency: THB}\n"
                    + "  billerId: \"099400000003101\"\n");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "dcy-newborn-grant.api.mappings.payment: is"
                            + " required when a model-3 card charges a fee"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "dcy-newborn-grant.api.paymentEndpoint: is"
                            + " required when a REST model-3 card charges a fee"));
  }

  @Test
  void shouldAcceptAFeeChargingCardThatForwardsPaidOrders() {
    // given
    TestHome home =
        new TestHome(dir)
            .withApiCard(
                TestHome.API_CARD
                        .replace(
                            "    response: mappings/dcy-newborn-grant/response.jsonata\n",
                            "    response: mappings/dcy-newborn-grant/response.jsonata\n"
                                + "    payment: mappings/dcy-newborn-grant/payment.jsonata\n")
                        .replace(
                            "  credentials:\n",
                            "  paymentEndpoint: https://api.dcy.example.go.th/newborn-grant/v1/payments\n"
                                + "  credentials:\n")
                    + "payment:\n  defaultFee: {amount: 100.00, currency: THB}\n"
                    + "  billerId: \"099400000003101\"\n");
    home.write("mappings/dcy-newborn-grant/payment.jsonata", "{\"ref\": applicationId}");
    home.write(
        "mappings/dcy-newborn-grant/examples/paid.payment.input.json",
        "{\"applicationId\": \"APP-1\"}");
    home.write(
        "mappings/dcy-newborn-grant/examples/paid.payment.expected.json", "{\"ref\": \"APP-1\"}");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void shouldReportLineWhenYamlIsMalformed() {
    // given
    TestHome home = new TestHome(dir);
    home.card(
        "led-bankruptcy-check",
        TestHome.LINK_OUT_CARD.replace("  slaWorkingDays: 0", "  slaWorkingDays: [0"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + LINK_FILE
                + ":15: led-bankruptcy-check: YAML syntax error at column 11: expected ',' or ']',"
                + " but got :");
  }

  @Test
  void shouldReportUnknownPropertyWithItsLineWhenSchemaForbidsIt() {
    // given
    TestHome home = new TestHome(dir);
    home.card(
        "led-bankruptcy-check",
        TestHome.LINK_OUT_CARD.replace("  slaWorkingDays: 0", "  slaWorkingDay: 0"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR " + LINK_FILE + ":11: led-bankruptcy-check.info.slaWorkingDays: is required",
            "ERROR "
                + LINK_FILE
                + ":14: led-bankruptcy-check.info.slaWorkingDay: is not a known property;"
                + " expected one of: documentsRequired, fee, slaWorkingDays, channels, offices,"
                + " hours, source");
  }

  @Test
  void shouldNameTheModelWhenABlockTheModelNeedsIsMissing() {
    // given
    TestHome home = new TestHome(dir);
    home.card("led-bankruptcy-check", TestHome.LINK_OUT_CARD.replace("model: 1", "model: 2"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + LINK_FILE
                + ":1: led-bankruptcy-check.sso: is required when model is 2 (link-out with single"
                + " sign-on)");
  }

  @Test
  void shouldListAllowedValuesWhenEnumIsViolated() {
    // given
    TestHome home = new TestHome(dir);
    home.card(
        "led-bankruptcy-check", TestHome.LINK_OUT_CARD.replace("[agency_website]", "[website]"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + LINK_FILE
                + ":15: led-bankruptcy-check.info.channels[0]: must be one of portal,"
                + " agency_website, mobile_app, office, call_center, post, found 'website'");
  }

  @Test
  void shouldKeepMetadataOnlyWhenACardSaysNothingOfTheMessageLog() {
    // given
    TestHome home = new TestHome(dir).withApiCard();

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(result.findings()).isEmpty();
    assertThat(result.cards().get(0).evidence().mode()).isEqualTo(EvidenceSettings.Mode.METADATA);
    assertThat(result.cards().get(0).evidence().keepsBodies()).isFalse();
  }

  @Test
  void shouldKeepBodiesWhenTheCardAsksForThem() {
    // given
    TestHome home = new TestHome(dir).withApiCard(TestHome.API_CARD + "evidence:\n  mode: body\n");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(result.findings()).isEmpty();
    assertThat(result.cards().get(0).evidence().keepsBodies()).isTrue();
  }

  @Test
  void shouldListTheMessageLogModesWhenACardNamesAnotherOne() {
    // given
    TestHome home = new TestHome(dir).withApiCard(TestHome.API_CARD + "evidence:\n  mode: full\n");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + API_FILE
                + ":33: dcy-newborn-grant.evidence.mode: must be one of metadata, body, found"
                + " 'full'");
  }

  @Test
  void shouldAskForTextWhenANumberIsGivenForAText() {
    // given
    TestHome home = new TestHome(dir);
    home.card(
        "led-bankruptcy-check",
        TestHome.LINK_OUT_CARD.replace("targetGroup: บริการอื่น ๆ", "targetGroup: 7"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + LINK_FILE
                + ":9: led-bankruptcy-check.service.roadmap.targetGroup: must be text, found 7");
  }

  @Test
  void shouldReportTheUrlWhenItFitsTheSchemaPatternButIsNotAUri() {
    // given: a character the schema's URL pattern lets through and java.net.URI refuses
    TestHome home = new TestHome(dir);
    home.card(
        "led-bankruptcy-check",
        TestHome.LINK_OUT_CARD.replace("/bankruptcy\n", "/bankruptcy|search\n"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(result.cards()).isEmpty();
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + LINK_FILE
                + ":17: led-bankruptcy-check.linkOut.url: is not a URL the hub can use"
                + " (Illegal character in path at index 46:"
                + " https://e-service.led.example.go.th/bankruptcy|search)");
  }

  @Test
  void shouldRefuseLiteralSecretWithoutShowingItWhenCredentialIsNotAReference() {
    // given
    TestHome home =
        new TestHome(dir)
            .withApiCard(TestHome.API_CARD.replace("${env:DCY_API_KEY}", "s3cr3t-value"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + API_FILE
                + ":20: dcy-newborn-grant.api.credentials.apiKey: must be a reference to an"
                + " environment variable, written ${env:NAME} (capital letters, digits and _);"
                + " never write the secret itself in a card");
    assertThat(result.findings().toString()).doesNotContain("s3cr3t-value");
  }

  @Test
  void shouldReportMismatchWhenFileNameDiffersFromMetadataName() {
    // given
    TestHome home = new TestHome(dir);
    home.card("led-bankruptcy-search", TestHome.LINK_OUT_CARD);

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR connectors/led-bankruptcy-search.connector.yaml:2:"
                + " led-bankruptcy-search.metadata.name: must equal the file name without"
                + " .connector.yaml ('led-bankruptcy-search'), found 'led-bankruptcy-check'");
    assertThat(result.cards()).isEmpty();
  }

  @Test
  void shouldRequireAgencyPrefixWhenNameStartsOtherwise() {
    // given
    TestHome home = new TestHome(dir);
    home.card(
        "led-bankruptcy-check", TestHome.LINK_OUT_CARD.replace("  code: led", "  code: ledx"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then: the roadmap, too, knows service 1-048 under agency led
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + LINK_FILE
                + ":2: led-bankruptcy-check.metadata.name: must start with the agency code"
                + " followed by a hyphen ('ledx-')",
            "WARNING "
                + LINK_FILE
                + ":4: led-bankruptcy-check.agency.code: differs from the code of the agency the"
                + " roadmap lists for service 1-048 (กรมบังคับคดี): expected 'led'");
  }

  @Test
  void shouldReportDuplicateWhenTwoFilesShareAName() {
    // given
    TestHome first = new TestHome(dir.resolve("first"));
    first.card("led-bankruptcy-check", TestHome.LINK_OUT_CARD);
    TestHome second = new TestHome(dir.resolve("second"));
    second.card("led-bankruptcy-check", TestHome.LINK_OUT_CARD);
    CatalogLoader loader = new CatalogLoader(dir, TestHome.SECRETS, LoadOptions.runtime());

    // when
    LoadResult result = loader.validatePaths(java.util.List.of(first.home, second.home));

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + LINK_FILE
                + ":2: led-bankruptcy-check.metadata.name: 'led-bankruptcy-check' is already used"
                + " by "
                + LINK_FILE);
    assertThat(result.cards()).hasSize(1);
  }

  @Test
  void shouldNameTheMissingFileWhenAMappingDoesNotExist() {
    // given
    TestHome home =
        new TestHome(dir)
            .withApiCard(
                TestHome.API_CARD.replace(
                    "response: mappings/dcy-newborn-grant/response.jsonata",
                    "response: mappings/dcy-newborn-grant/answer.jsonata"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + API_FILE
                + ":23: dcy-newborn-grant.api.mappings.response: mapping file"
                + " mappings/dcy-newborn-grant/answer.jsonata does not exist");
  }

  @Test
  void shouldReportCompileErrorWhenAMappingIsNotValidJsonata() {
    // given
    TestHome home = new TestHome(dir).withApiCard();
    home.write("mappings/dcy-newborn-grant/response.jsonata", "{\"accepted\": (resultCode");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + API_FILE
                + ":23: dcy-newborn-grant.api.mappings.response: mapping file"
                + " mappings/dcy-newborn-grant/response.jsonata does not compile: JSONata syntax"
                + " error at line 1, column 24: Expected \")\" before end of expression");
  }

  @Test
  void shouldWarnWhenSecretIsUnsetOffline() {
    // given
    TestHome home = new TestHome(dir).withApiCard();
    CatalogLoader loader =
        new CatalogLoader(home.home, SecretResolver.of(java.util.Map.of()), LoadOptions.validate());

    // when
    LoadResult result = loader.load();

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "WARNING "
                + API_FILE
                + ":20: dcy-newborn-grant.api.credentials.apiKey: environment variable DCY_API_KEY"
                + " is not set");
    assertThat(result.cards()).hasSize(1);
  }

  @Test
  void shouldFailWhenSecretIsUnsetAtStartUp() {
    // given
    TestHome home = new TestHome(dir).withApiCard();
    CatalogLoader loader =
        new CatalogLoader(home.home, SecretResolver.of(java.util.Map.of()), LoadOptions.runtime());

    // when
    LoadResult result = loader.load();

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + API_FILE
                + ":20: dcy-newborn-grant.api.credentials.apiKey: environment variable DCY_API_KEY"
                + " is not set");
    assertThat(result.cards()).isEmpty();
  }

  @Test
  void shouldFailWhenEndpointUsesHttpOutsideTheSandbox() {
    // given
    TestHome home = new TestHome(dir).withApiCard(httpApiCard());

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + API_FILE
                + ":18: dcy-newborn-grant.api.endpoint: uses plain http, which is allowed only in"
                + " the sandbox profile; agencies are reached over https");
  }

  @Test
  void shouldWarnWhenEndpointUsesHttpOffline() {
    // given
    TestHome home = new TestHome(dir).withApiCard(httpApiCard());

    // when
    LoadResult result = home.load(LoadOptions.validate());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "WARNING "
                + API_FILE
                + ":18: dcy-newborn-grant.api.endpoint: uses plain http, which is allowed only in"
                + " the sandbox profile; agencies are reached over https");
  }

  @Test
  void shouldAcceptHttpSilentlyWhenTheSandboxProfileAllowsIt() {
    // given
    TestHome home = new TestHome(dir).withApiCard(httpApiCard());

    // when
    LoadResult result = home.load(LoadOptions.sandbox());

    // then
    assertThat(result.findings()).isEmpty();
    assertThat(result.cards()).hasSize(1);
  }

  @Test
  void shouldWarnWhenSigningPolicyIsNone() {
    // given
    TestHome home =
        new TestHome(dir)
            .withApiCard(
                TestHome.API_CARD
                    .replace("    policy: jws", "    policy: none")
                    .replace("    algorithm: ES256\n", "\n"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "WARNING "
                + API_FILE
                + ":26: dcy-newborn-grant.api.signing.policy: is none: messages to the agency are"
                + " not signed; use none only until the agency can verify signatures");
  }

  @Test
  void shouldAcceptTheWsSecurityProfileWhenTransportIsSoap() {
    // given: a SOAP card signing with wss-x509 (its JSONata mappings are its only faults)
    TestHome home =
        new TestHome(dir)
            .withApiCard(
                TestHome.API_CARD
                    .replace("transport: rest", "transport: soap")
                    .replace(
                        "  credentials:\n",
                        "  wsdl: https://api.dcy.example.go.th/ws?wsdl\n  credentials:\n")
                    .replace("policy: jws", "policy: wss-x509")
                    .replace("algorithm: ES256", "algorithm: ECDSA-SHA256"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .hasSize(2)
        .allMatch(line -> line.contains("must be an XSLT file"));
  }

  @Test
  void shouldRefuseTheWsSecurityProfileWhenTransportIsRest() {
    // given
    TestHome home =
        new TestHome(dir)
            .withApiCard(
                TestHome.API_CARD
                    .replace("policy: jws", "policy: wss-x509")
                    .replace("algorithm: ES256", "algorithm: RSA-SHA256"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + API_FILE
                + ":26: dcy-newborn-grant.api.signing.policy: must be one of jws, none when"
                + " api.transport is rest, found 'wss-x509'");
  }

  @Test
  void shouldRefuseLinkOutWhenHostIsNotAllowed() {
    // given
    TestHome home = new TestHome(dir);
    home.card(
        "led-bankruptcy-check",
        TestHome.LINK_OUT_CARD.replace(
            "url: https://e-service.led.example.go.th", "url: https://phish.example.com"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + LINK_FILE
                + ":17: led-bankruptcy-check.linkOut.url: host 'phish.example.com' is not in"
                + " linkOut.allowedHosts");
  }

  @Test
  void shouldRequireXsltWhenTransportIsSoap() {
    // given
    TestHome home =
        new TestHome(dir)
            .withApiCard(
                TestHome.API_CARD
                    .replace("transport: rest", "transport: soap")
                    .replace(
                        "  credentials:\n",
                        "  wsdl: https://api.dcy.example.go.th/ws?wsdl\n  credentials:\n")
                    .replace("policy: jws", "policy: xmldsig")
                    .replace("algorithm: ES256", "algorithm: RSA-SHA256"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + API_FILE
                + ":23: dcy-newborn-grant.api.mappings.request: must be an XSLT file (.xsl or"
                + " .xslt) because api.transport is soap",
            "ERROR "
                + API_FILE
                + ":24: dcy-newborn-grant.api.mappings.response: must be an XSLT file (.xsl or"
                + " .xslt) because api.transport is soap");
  }

  @Test
  void shouldWarnWhenABlockIsNotUsedByTheModel() {
    // given
    TestHome home = new TestHome(dir);
    home.card(
        "led-bankruptcy-check",
        TestHome.LINK_OUT_CARD
            + "payment:\n  defaultFee: {amount: 10.00}\n  billerId: \"099400000001401\"\n");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "WARNING "
                + LINK_FILE
                + ":19: led-bankruptcy-check.payment: is not used by model 1 (link-out) and is"
                + " ignored");
  }

  @Test
  void shouldRefuseBillerIdWhenTaxIdCheckDigitIsWrong() {
    // given
    TestHome home =
        new TestHome(dir)
            .withApiCard(
                TestHome.API_CARD
                    + "payment:\n  defaultFee: {amount: 10.00}\n  billerId: \"099400000001501\"\n");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .contains(
            "ERROR "
                + API_FILE
                + ":34: dcy-newborn-grant.payment.billerId: the first 13 digits are not a valid"
                + " tax ID: the check digit (13th digit) should be 4");
  }

  @Test
  void shouldRefuseRetryWhenInitialDelayExceedsMaximum() {
    // given
    TestHome home =
        new TestHome(dir)
            .withApiCard(
                TestHome.API_CARD.replace(
                    "  signing:\n",
                    "  retry: {initialDelayMillis: 90000, maxDelayMillis: 60000}\n  signing:\n"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + API_FILE
                + ":25: dcy-newborn-grant.api.retry.initialDelayMillis: must not be greater than"
                + " api.retry.maxDelayMillis (60000)");
  }

  @Test
  void shouldRefuseDuplicateStepIdsWhenTwoStepsShareOne() {
    // given
    TestHome home = new TestHome(dir);
    home.card("dsd-competency-certificate", backOfficeCard("review", "review"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR connectors/dsd-competency-certificate.connector.yaml:24:"
                + " dsd-competency-certificate.backOffice.steps[1].id: 'review' is already the id"
                + " of backOffice.steps[0]");
  }

  @Test
  void shouldWarnWhenAParallelStepHasNoParallelNeighbour() {
    // given
    TestHome home = new TestHome(dir);
    home.card(
        "dsd-competency-certificate",
        backOfficeCard("review", "issue").replace("mode: sequential", "mode: parallel"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "WARNING connectors/dsd-competency-certificate.connector.yaml:20:"
                + " dsd-competency-certificate.backOffice.steps[0].mode: is parallel, but neither"
                + " neighbouring step is; the step runs on its own");
  }

  @Test
  void shouldReportDuplicateKeyWithBothLinesWhenAKeyIsRepeated() {
    // given
    TestHome home = new TestHome(dir);
    home.card("led-bankruptcy-check", TestHome.LINK_OUT_CARD + "model: 1\n");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + LINK_FILE
                + ":19: led-bankruptcy-check.model: is defined twice (first on line 10)");
  }

  @Test
  void shouldRefuseFileWhenItIsNotUtf8() {
    // given
    TestHome home = new TestHome(dir);
    Path card = home.card("led-bankruptcy-check", "");
    writeBytes(card, new byte[] {'a', ':', ' ', (byte) 0xA1, (byte) 0xD2});

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + LINK_FILE
                + ": led-bankruptcy-check: file is not valid UTF-8; save it as UTF-8 (TIS-620 and"
                + " Windows-874 are not supported)");
  }

  @Test
  void shouldReportGoldenExampleMismatchWithTheFirstDifferingPath() {
    // given
    TestHome home = new TestHome(dir).withApiCard();
    home.write(
        "mappings/dcy-newborn-grant/examples/first.request.expected.json", "{\"ref\": \"APP-2\"}");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR mappings/dcy-newborn-grant/examples/first.request.expected.json:"
                + " dcy-newborn-grant.api.mappings.request: example 'first': the request mapping's"
                + " output differs at $.ref: expected \"APP-2\", found \"APP-1\"");
  }

  @Test
  void shouldReportExampleWithoutExpectedOutput() {
    // given
    TestHome home = new TestHome(dir).withApiCard();
    home.write("mappings/dcy-newborn-grant/examples/second.request.input.json", "{}");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR mappings/dcy-newborn-grant/examples/second.request.input.json:"
                + " dcy-newborn-grant.api.mappings.request: example 'second' has no expected"
                + " output (second.request.expected.json or .xml)");
  }

  @Test
  void shouldWarnWhenAMappingHasNoGoldenExample() {
    // given
    TestHome home = new TestHome(dir).withApiCard();
    deleteFile(home, "mappings/dcy-newborn-grant/examples/ok.response.input.json");
    deleteFile(home, "mappings/dcy-newborn-grant/examples/ok.response.expected.json");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "WARNING mappings/dcy-newborn-grant/examples: dcy-newborn-grant.api.mappings.response:"
                + " has no golden example; add <example>.response.input.json and"
                + " <example>.response.expected.json (or .xml) to"
                + " mappings/dcy-newborn-grant/examples/");
  }

  @Test
  void shouldRefuseExampleWhenTheCardDeclaresNoSuchMapping() {
    // given
    TestHome home = new TestHome(dir).withApiCard();
    home.write("mappings/dcy-newborn-grant/examples/late.status.input.json", "{}");
    home.write("mappings/dcy-newborn-grant/examples/late.status.expected.json", "{}");

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR mappings/dcy-newborn-grant/examples/late.status.input.json:"
                + " dcy-newborn-grant.api.mappings.status: example 'late' exercises the status"
                + " mapping, but the card declares no api.mappings.status");
  }

  private static String httpApiCard() {
    return TestHome.API_CARD.replace(
        "endpoint: https://api.dcy.example.go.th", "endpoint: http://api.dcy.example.go.th");
  }

  private static String backOfficeCard(String firstStep, String secondStep) {
    return """
        metadata:
          name: dsd-competency-certificate
        agency:
          code: dsd
          name: {th: กรมพัฒนาฝีมือแรงงาน}
          ministry: {th: กระทรวงแรงงาน}
        service:
          name: {th: การขอมีหนังสือรับรองความรู้ความสามารถ}
          roadmap: {phase: 1, order: 46, targetGroup: บริการอื่น ๆ}
        model: 4
        info:
          documentsRequired: []
          fee: {amount: 100.00}
          slaWorkingDays: 15
          channels: [portal]
        backOffice:
          steps:
            - id: %s
              name: {th: ตรวจสอบคำขอ}
              mode: sequential
              role: officer
              slaWorkingDays: 3
              outcomes: [approved, rejected]
            - id: %s
              name: {th: ออกหนังสือรับรอง}
              role: approver
              slaWorkingDays: 3
              outcomes: [completed]
        consent:
          purpose: {th: เพื่อพิจารณาออกหนังสือรับรอง}
          lawfulBasis: public_task
          dataCategories: {read: [], shared: [identity]}
        """
        .formatted(firstStep, secondStep);
  }

  private static void writeBytes(Path file, byte[] bytes) {
    try {
      java.nio.file.Files.write(file, bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void deleteFile(TestHome home, String relative) {
    try {
      java.nio.file.Files.delete(home.home.resolve(relative));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
