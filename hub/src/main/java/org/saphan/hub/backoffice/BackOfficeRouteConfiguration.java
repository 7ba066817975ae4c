package org.saphan.hub.backoffice;

import io.micrometer.core.instrument.MeterRegistry;
import org.saphan.hub.sla.SlaMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bean the {@code model4-back-office} route calls. */
@Configuration(proxyBeanMethods = false)
public class BackOfficeRouteConfiguration {

  @Bean("backOfficeWork")
  BackOfficeWork backOfficeWork(
      CaseEngine cases,
      CaseFees fees,
      WorkEvents events,
      Notifications notifications,
      SlaMonitor sla,
      LicenceIssuer licences,
      MeterRegistry meters) {
    return new BackOfficeWork(cases, fees, events, notifications, sla, licences, meters);
  }
}
