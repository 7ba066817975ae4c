package org.saphan.hub.api.management;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The management server's port: Spring Security's filter is registered on both servers (Spring Boot
 * shares it with the management context), and this tells the two apart so that security applies to
 * the management port only.
 *
 * @param port the configured {@code management.server.port}
 */
record ManagementPort(int port) {

  boolean matches(HttpServletRequest request) {
    return request.getLocalPort() == port;
  }

  /**
   * Spring Security's strict firewall on the management port; on the API port the request passes as
   * it came, where the API's own request guard and error handling decide (their problem codes are
   * the API's contract).
   */
  HttpFirewall firewall() {
    StrictHttpFirewall strict = new StrictHttpFirewall();
    return new HttpFirewall() {
      @Override
      public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
        if (matches(request)) {
          return strict.getFirewalledRequest(request);
        }
        return new FirewalledRequest(request) {
          @Override
          public void reset() {}
        };
      }

      @Override
      public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return response;
      }
    };
  }
}
