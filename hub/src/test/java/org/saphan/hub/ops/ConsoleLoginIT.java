package org.saphan.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.saphan.hub.support.HubIntegrationTest;

/**
 * The console's browser login: Hawtio sends the browser to the sandbox's Digital ID, the person
 * picks a persona, and the hub lets in the operator persona only (Spring Security oauth2Login on
 * the management port).
 */
class ConsoleLoginIT extends HubIntegrationTest {

  @Test
  void shouldOpenHawtioWhenTheOperatorPersonaLogsIn() throws Exception {
    // when
    HttpResponse<String> page = logInAndOpenHawtio("operator");
    // then
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains("Hawtio");
  }

  @Test
  void shouldRefuseHawtioWhenACitizenLogsIn() throws Exception {
    // when
    HttpResponse<String> page = logInAndOpenHawtio("citizen-somchai");
    // then
    assertProblem(page, 403, "forbidden");
  }

  @Test
  void shouldRefuseAJolokiaExecSentByGetWhenTheOperatorIsLoggedInThroughTheBrowser()
      throws Exception {
    // given: an operator's browser session
    HttpClient browser = browser();
    assertThat(logInAndOpenHawtio(browser, "operator").statusCode()).isEqualTo(200);
    // when: a link (as a forged page would embed) asks Jolokia to run an operation
    HttpResponse<String> exec =
        page(
            browser,
            URI.create(ENV.managementUrl() + "/actuator/jolokia/exec/java.lang:type=Memory/gc"));
    HttpResponse<String> read =
        page(
            browser,
            URI.create(
                ENV.managementUrl() + "/actuator/jolokia/read/java.lang:type=Memory/Verbose"));
    // then
    assertProblem(exec, 403, "forbidden");
    assertThat(read.statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> logInAndOpenHawtio(String persona) throws Exception {
    return logInAndOpenHawtio(browser(), persona);
  }

  private static HttpClient browser() {
    return HttpClient.newBuilder()
        .cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** A browser's journey: console, login redirect, Digital ID's form, callback, console again. */
  private HttpResponse<String> logInAndOpenHawtio(HttpClient browser, String persona)
      throws Exception {
    URI console = URI.create(ENV.managementUrl() + "/actuator/hawtio/");
    HttpResponse<String> response = page(browser, console);
    assertThat(response.statusCode()).isEqualTo(302);
    // the hub's login redirect, then Digital ID's authorization endpoint
    response = page(browser, location(console, response));
    assertThat(response.statusCode()).isEqualTo(302);
    URI authorize = location(console, response);
    assertThat(authorize.toString()).startsWith(ENV.digitalIdIssuer() + "/authorize");
    // the persona is picked on Digital ID's login form
    response =
        browser.send(
            HttpRequest.newBuilder(authorize)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + persona))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    // back at the hub with the code; the hub sends the browser on to the console
    URI callback = location(authorize, response);
    response = page(browser, callback);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    return page(browser, location(callback, response));
  }

  private static HttpResponse<String> page(HttpClient browser, URI uri) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI location(URI base, HttpResponse<String> response) {
    return base.resolve(response.headers().firstValue("Location").orElseThrow());
  }
}
