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
