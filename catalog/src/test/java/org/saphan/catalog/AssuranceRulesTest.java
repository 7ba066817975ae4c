package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's identity assurance floor ({@code service.minimumIal}) and the SSO's own. */
class AssuranceRulesTest {

  private static final String FILE = "connectors/led-bankruptcy-check.connector.yaml";

  /** The link-out card as a model-2 card with single sign-on at {@code ssoIal}. */
  private static String ssoCard(String serviceIal, String ssoIal) {
    return TestHome.LINK_OUT_CARD
            .replace(
                "targetGroup: บริการอื่น ๆ}\n",
                "targetGroup: บริการอื่น ๆ}\n  minimumIal: \"" + serviceIal + "\"\n")
            .replace("model: 1", "model: 2")
        + "sso:\n"
        + "  audience: led-bankruptcy-check\n"
        + "  claims: [citizen_id]\n"
        + "  minimumIal: \""
        + ssoIal
        + "\"\n"
        + "  redirectUrl: https://e-service.led.example.go.th/sso\n";
  }

  @TempDir Path dir;

  @Test
  void shouldApplyTheStricterFloorWhenTheSsoRaisesTheServiceFloor() {
    // given
    TestHome home = new TestHome(dir);
    home.card("led-bankruptcy-check", ssoCard("2.1", "2.3"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(result.findings()).isEmpty();
    ConnectorCard card = result.cards().get(0);
    assertThat(card.minimumIal()).contains("2.1");
    assertThat(card.minimumIal(card.sso().orElseThrow().minimumIal())).contains("2.3");
    assertThat(card.minimumIal(null)).contains("2.1");
  }

  @Test
  void shouldRefuseTheSsoFloorWhenItIsBelowTheServiceFloor() {
    // given
    TestHome home = new TestHome(dir);
    home.card("led-bankruptcy-check", ssoCard("2.3", "1.2"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + FILE
                + ":23: led-bankruptcy-check.sso.minimumIal: is 1.2, below service.minimumIal 2.3:"
                + " the SSO floor can raise the service's, never lower it; raise it or leave"
                + " service.minimumIal lower");
  }

  @Test
  void shouldWarnWhenALinkOutServiceSetsAFloorNoTokenEverMeets() {
    // given
    TestHome home = new TestHome(dir);
    home.card(
        "led-bankruptcy-check",
        TestHome.LINK_OUT_CARD.replace(
            "targetGroup: บริการอื่น ๆ}\n", "targetGroup: บริการอื่น ๆ}\n  minimumIal: \"2.3\"\n"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "WARNING "
                + FILE
                + ":10: led-bankruptcy-check.service.minimumIal: is not enforced by model 1: the"
                + " hub never acts for a citizen there (no token reaches it)");
  }

  @Test
  void shouldKeepNoFloorWhenTheCardSetsNone() {
    // given
    TestHome home = new TestHome(dir).withApiCard();

    // when
    ConnectorCard card = home.load(LoadOptions.runtime()).cards().get(0);

    // then
    assertThat(card.minimumIal()).isEmpty();
    assertThat(card.minimumIal("1.3")).contains("1.3");
  }
}
