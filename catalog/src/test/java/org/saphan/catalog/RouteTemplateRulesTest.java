package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.saphan.catalog.cli.ValidateCommand;

/** The route templates' declared and used parameters agree, and route files are readable YAML. */
class RouteTemplateRulesTest {

  private static final String FILE = "routes/model9-probe.camel.yaml";

  /** A template whose two parameters are declared, described and used. */
  private static final String GOOD =
      """
      # {{notAParameter}} in a comment is not route text
      - routeTemplate:
          id: model9-probe
          description: Probes {{connector}} (descriptions may quote placeholders).
          parameters:
            - name: connector
              description: The connector card's metadata.name.
            - name: intervalSeconds
              description: The card's probe interval.
          route:
            routeConfigurationId: saphan-errors
            from:
              uri: "timer:{{connector}}-model9-probe"
              parameters:
                period: "{{intervalSeconds}}s"
              steps:
                - log: "{{?saphan.node.name}} {{env:HOSTNAME}} {{connector:none}}"
      - routeConfiguration:
          id: saphan-errors
      """;

  @TempDir Path dir;

  private List<String> findings(String yaml) {
    new TestHome(dir).write(FILE, yaml);
    return RouteTemplateRules.check(dir).stream().map(Finding::toString).toList();
  }

  @Test
  void shouldFindNothingWhenDeclaredAndUsedParametersAgree() {
    assertThat(findings(GOOD)).isEmpty();
  }

  @Test
  void shouldFindNothingWhenCheckingTheProjectsOwnRoutes() {
    assertThat(RouteTemplateRules.check(TestHome.projectHome())).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // a declared parameter the template never uses
        "'{{intervalSeconds}}s' | '60s'"
            + " | 8: model9-probe.intervalSeconds: is declared but never used as"
            + " {{intervalSeconds}} in the template",
        // a placeholder that is neither declared nor a known property
        "'{{intervalSeconds}}s' | '{{intervalSeconds}}{{unit}}'"
            + " | 15: model9-probe.unit: is used as {{unit}} but not declared in the template's"
            + " parameters",
        // a parameter without a description
        "'description: The card''s probe interval.' | 'defaultValue: \"60\"'"
            + " | 8: model9-probe.intervalSeconds: is declared without a description",
        // the same parameter twice
        "'name: intervalSeconds' | 'name: connector'"
            + " | 8: model9-probe.connector: is declared twice",
        // a parameter without a name
        "'name: intervalSeconds' | 'title: intervalSeconds'"
            + " | 8: model9-probe: a parameter has no name",
        // a template without an id
        "'id: model9-probe' | 'name: model9-probe' | 2: a routeTemplate has no id"
      })
  void shouldNameFileTemplateAndParameterWhenTheyDisagree(
      String original, String broken, String expected) {
    // given
    String yaml = GOOD.replace(original, broken);
    assertThat(yaml).isNotEqualTo(GOOD);
    // when
    List<String> findings = findings(yaml);
    // then
    assertThat(findings).contains(FILE + ":" + expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // an entry the Camel YAML DSL does not know
        "'- routeConfiguration:' | '- rout:'"
            + " | 18: a Camel YAML DSL entry is a mapping with one of [beans, rest, route,"
            + " routeConfiguration, routeTemplate, templatedRoute], not rout",
        // a template property Camel does not know
        "'    description: Probes' | '    title: x\n    description: Probes'"
            + " | 4: model9-probe.title: is not a routeTemplate property; use [beans, description,"
            + " id, parameters, route]",
        // a route that does not start from a URI
        "'uri: \"timer:{{connector}}-model9-probe\"' | 'ref: probes'"
            + " | 12: model9-probe.route.from.uri: is required: the template's route starts from"
            + " an endpoint URI",
        // a step with two EIPs
        "'- log: ' | '- to: \"direct:x\"\n            log: '"
            + " | 17: model9-probe: a step is a mapping with one key, the EIP (- process: {ref:"
            + " name})",
        // an error policy no file declares
        "'routeConfigurationId: saphan-errors' | 'routeConfigurationId: saphan-errorz'"
            + " | 11: model9-probe.route.routeConfigurationId: names the routeConfiguration"
            + " 'saphan-errorz', which no route file declares; declared: saphan-errors"
      })
  void shouldNameFileLineAndTemplateWhenTheCamelStructureIsWrong(
      String original, String broken, String expected) {
    // given
    String yaml = GOOD.replace(original, broken.replace("\\n", "\n"));
    assertThat(yaml).isNotEqualTo(GOOD);
    // when
    List<String> findings = findings(yaml);
    // then
    assertThat(findings).contains(FILE + ":" + expected);
  }

  @Test
  void shouldNameTheFileTheHubLooksInWhenATemplateIsInAnotherFile() {
    // given
    new TestHome(dir).write("routes/probes.camel.yaml", GOOD);
    // when
    List<String> findings = RouteTemplateRules.check(dir).stream().map(Finding::toString).toList();
    // then
    assertThat(findings)
        .containsExactly(
            "routes/probes.camel.yaml:3: model9-probe: is declared in probes.camel.yaml; name the"
                + " file model9-probe.camel.yaml, where the hub looks for the template");
  }

  @Test
  void shouldFindNothingWhenAHubTemplateDeclaresWhatTheHubBinds() {
    // given
    String ssoLink =
        GOOD.replace("model9-probe", "model2-sso-link")
            .replace("name: intervalSeconds", "name: minimumIal")
            .replace("{{intervalSeconds}}s", "{{minimumIal}}s");
    new TestHome(dir).write("routes/model2-sso-link.camel.yaml", ssoLink);
    // when
    List<Finding> findings = RouteTemplateRules.check(dir);
    // then
    assertThat(findings).isEmpty();
  }

  @Test
  void shouldReportParametersTheHubDoesNotBindWhenAHubTemplateDeclaresThem() {
    // given: model2-sso-link declares a parameter the hub does not bind and drops minimumIal
    String ssoLink =
        GOOD.replace("model9-probe", "model2-sso-link")
            .replace("name: intervalSeconds", "name: ratePerSecond")
            .replace("{{intervalSeconds}}s", "{{ratePerSecond}}s");
    new TestHome(dir).write("routes/model2-sso-link.camel.yaml", ssoLink);
    // when
    List<String> findings = RouteTemplateRules.check(dir).stream().map(Finding::toString).toList();
    // then
    assertThat(findings)
        .containsExactly(
            "routes/model2-sso-link.camel.yaml:8: model2-sso-link.ratePerSecond: is declared, but"
                + " the hub binds no such parameter for model2-sso-link (it binds connector,"
                + " minimumIal)",
            "routes/model2-sso-link.camel.yaml:5: model2-sso-link.minimumIal: is bound by the"
                + " hub for every card, but the template does not declare it");
  }

  @Test
  void shouldReportTheLineWhenARouteFileIsNotYaml() {
    // when
    List<String> findings = findings("- routeTemplate:\n    id: [unclosed\n");
    // then
    assertThat(findings)
        .containsExactly(
            FILE + ":3: YAML syntax error at column 1: expected ',' or ']', but got <stream end>");
  }

  @Test
  void shouldRefuseARouteFileWhenItIsNotAList() {
    assertThat(findings("routeTemplate:\n  id: x\n"))
        .containsExactly(
            FILE + ":1: must be a YAML list of Camel DSL entries (- routeTemplate: ...)");
  }

  @Test
  void shouldFailValidateWhenATemplateUsesAnUndeclaredParameter() {
    // given
    TestHome home = new TestHome(dir);
    home.write(FILE, GOOD.replace("{{connector}}-", "{{card}}-"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ValidateCommand command = home.validateCommand(out);
    // when
    int status = command.run("validate");
    // then
    assertThat(status).isEqualTo(ValidateCommand.INVALID);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "error: "
                + FILE
                + ":13: model9-probe.card: is used as {{card}} but not declared in the"
                + " template's parameters")
        .contains("0 cards, 1 error, 0 warnings");
  }
}
