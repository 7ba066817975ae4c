package org.saphan.hub.checks;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.hub.applications.Prefill;
import org.saphan.hub.consent.ConsentGate;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.evidence.StampingState;
import org.saphan.hub.security.PartyTrusts;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.egress.EgressClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of the {@code model3-check} route (routes/model3-check.camel.yaml), one bean each, by
 * the names the template refers to.
 */
@Configuration(proxyBeanMethods = false)
public class ChecksConfiguration {

  /** How long a check's circuit stays open: the template's {@code waitDurationInOpenState}. */
  static final long OPEN_SECONDS = 30;

  @Bean
  StartCheck startCheck(StampingState stamping, Clock clock) {
    return new StartCheck(stamping, clock);
  }

  @Bean
  CheckConsent checkConsent(ConsentGate gate, Prefill prefill) {
    return new CheckConsent(gate, prefill);
  }

  @Bean
  MapCheck mapCheck(MappingRunner mappings) {
    return new MapCheck(mappings);
  }

  @Bean
  SignCheck signCheck(Signing signing) {
    return new SignCheck(signing);
  }

  @Bean
  SendCheck sendCheck(EgressClient egress) {
    return new SendCheck(egress);
  }

  @Bean
  CheckFallback checkFallback(MeterRegistry meters) {
    return new CheckFallback(meters, OPEN_SECONDS);
  }

  @Bean
  VerifyAnswer verifyCheckAnswer(Signing signing, PartyTrusts trusts) {
    return new VerifyAnswer(signing, trusts);
  }

  @Bean
  MapAnswer mapCheckAnswer(MappingRunner mappings) {
    return new MapAnswer(mappings);
  }

  @Bean
  RecordCheckFailure recordCheckFailure(Evidence evidence, TransactionTemplate transactions) {
    return new RecordCheckFailure(evidence, transactions);
  }

  @Bean
  RecordCheck recordCheck(
      Evidence evidence, TransactionTemplate transactions, MeterRegistry meters) {
    return new RecordCheck(evidence, transactions, meters);
  }
}
