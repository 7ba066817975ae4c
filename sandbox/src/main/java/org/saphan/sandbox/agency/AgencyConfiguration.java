package org.saphan.sandbox.agency;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Clock;
import org.saphan.sandbox.common.HubProperties;
import org.saphan.sandbox.common.HubTrust;
import org.saphan.sandbox.common.PartyKeys;
import org.saphan.sandbox.digitalid.PersonaCatalog;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The agencies: DCY (model 3, REST, callbacks), DLD (model 3, SOAP, polled), DOAE (batch), and the
 * synchronous REST checks of LED (bankruptcy) and the police (traffic fines).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  DcyProperties.class,
  DldProperties.class,
  CheckAgencyProperties.class
})
public class AgencyConfiguration {

  @Bean
  DelayedAnswers agencyDelayedAnswers() {
    return new DelayedAnswers();
  }

  @Bean
  StatusCallbackSender dcyStatusCallbackSender(
      HubProperties hub, PartyKeys keys, DcyProperties dcy, ObjectMapper json) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(hub.httpTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new StatusCallbackSender(hub, keys, dcy, json, http, Clock.systemUTC());
  }

  @Bean
  DcyNewbornGrantAgency dcyNewbornGrantAgency(
      DcyProperties dcy, HubTrust hubTrust, StatusCallbackSender callbacks, ObjectMapper json) {
    return new DcyNewbornGrantAgency(dcy, hubTrust, callbacks, json, Clock.systemUTC());
  }

  @Bean
  DldAnimalMovementPermitAgency dldAnimalMovementPermitAgency(
      DldProperties dld, HubTrust hubTrust) {
    return new DldAnimalMovementPermitAgency(
        dld, new SignedPayloadVerifier(hubTrust, Clock.systemUTC()), Clock.systemUTC());
  }

  @Bean
  DoaeBatchInbox doaeBatchInbox(HubTrust hubTrust) {
    return new DoaeBatchInbox(hubTrust::isHubKey, Clock.systemUTC());
  }

  @Bean
  SignedCheckAgency.Infrastructure checkAgencyInfrastructure(
      HubTrust hubTrust, PartyKeys keys, ObjectMapper json) {
    return new SignedCheckAgency.Infrastructure(hubTrust, keys, json, Clock.systemUTC());
  }

  @Bean
  SignedCheckAgency<LedCheckRequest> ledBankruptcyCheckAgency(
      CheckAgencyProperties checks,
      SignedCheckAgency.Infrastructure infrastructure,
      PersonaCatalog personas) {
    return LedRegister.sandbox(personas).agency(checks.led(), infrastructure);
  }

  @Bean
  SignedCheckAgency<RtpFineQuery> rtpTrafficFineAgency(
      CheckAgencyProperties checks, SignedCheckAgency.Infrastructure infrastructure) {
    return RtpTicketBook.sandbox().agency(checks.rtp(), infrastructure);
  }
}
