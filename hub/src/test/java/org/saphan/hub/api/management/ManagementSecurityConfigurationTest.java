package org.saphan.hub.api.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.saphan.hub.platform.StartupRefusedException;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.mock.web.MockHttpServletRequest;

/** The management port's own rules, without a running hub. */
class ManagementSecurityConfigurationTest {

  private final ManagementSecurityConfiguration configuration =
      new ManagementSecurityConfiguration();

  @Test
  void shouldRefuseToStartWhenTheManagementPortIsTheApiPort() {
    // given
    ServerProperties server = new ServerProperties();
    server.setPort(8080);
    ManagementServerProperties management = new ManagementServerProperties();
    management.setPort(8080);
    // when / then
    assertThatThrownBy(() -> configuration.managementPort(server, management))
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("management.server.port");
  }

  @Test
  void shouldRefuseToStartWhenNoManagementPortIsSet() {
    // given
    ServerProperties server = new ServerProperties();
    ManagementServerProperties management = new ManagementServerProperties();
    // when / then
    assertThatThrownBy(() -> configuration.managementPort(server, management))
        .isInstanceOf(StartupRefusedException.class);
  }

  @Test
  void shouldTellTheManagementPortFromTheApiPortWhenRequestsArrive() {
    // given
    ManagementPort port = new ManagementPort(9080);
    MockHttpServletRequest management = new MockHttpServletRequest("GET", "/actuator/health");
    management.setLocalPort(9080);
    MockHttpServletRequest api = new MockHttpServletRequest("GET", "/api/v1/me");
    api.setLocalPort(8080);
    // then
    assertThat(port.matches(management)).isTrue();
    assertThat(port.matches(api)).isFalse();
  }

  @Test
  void shouldTreatAJolokiaExecOrWriteByGetAsAForgeryWhenNoTokenIsSent() {
    // then
    assertThat(ManagementSecurityConfiguration.writeByGet(get("/actuator/jolokia/exec/a:b=c/op")))
        .isTrue();
    assertThat(ManagementSecurityConfiguration.writeByGet(get("/actuator/jolokia/write/a:b=c/X/1")))
        .isTrue();
    MockHttpServletRequest byParameter = get("/actuator/jolokia/");
    byParameter.setParameter("p", "/exec/a:b=c/op");
    assertThat(ManagementSecurityConfiguration.writeByGet(byParameter)).isTrue();
    assertThat(ManagementSecurityConfiguration.writeByGet(get("/actuator/jolokia/read/a:b=c/X")))
        .isFalse();
    assertThat(ManagementSecurityConfiguration.writeByGet(get("/actuator/jolokia/version")))
        .isFalse();
  }

  @Test
  void shouldLetScriptsSendAnyJolokiaTypeByGetWhenATokenIsSent() {
    // given
    MockHttpServletRequest script = get("/actuator/jolokia/exec/a:b=c/op");
    script.addHeader("Authorization", "Bearer x");
    // then (the restrictor still decides whether the operation is allowed)
    assertThat(ManagementSecurityConfiguration.writeByGet(script)).isFalse();
  }

  private static MockHttpServletRequest get(String path) {
    return new MockHttpServletRequest("GET", path);
  }
}
