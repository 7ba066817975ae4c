package org.saphan.hub.api;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Replaces Tomcat's HTML error report with {@link ProblemErrorReportValve} on the host, so that
 * requests the container refuses before any filter runs also answer problem+json. Runs after Spring
 * Boot's own customizer, which installs a plain {@link ErrorReportValve}.
 */
@Component
public class ContainerRefusals
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  private final Problems problems;

  public ContainerRefusals(Problems problems) {
    this.problems = problems;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(
        context -> {
          Container host = context.getParent();
          Pipeline pipeline = host.getPipeline();
          for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ErrorReportValve) {
              pipeline.removeValve(valve);
            }
          }
          // The host adds a valve of this class at start unless one is already in its pipeline.
          if (host instanceof StandardHost standardHost) {
            standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
          }
          pipeline.addValve(new ProblemErrorReportValve(problems));
        });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
