package org.saphan.hub.consent;

import java.time.Clock;
import org.saphan.catalog.Catalog;
import org.saphan.hub.security.Signing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The consent ledger, its agreements, the gate and the data-access audit. */
@Configuration(proxyBeanMethods = false)
public class ConsentConfiguration {

  @Bean
  ConsentAgreements consentAgreements(JdbcClient jdbc, Catalog catalog) {
    return new ConsentAgreements(jdbc, catalog);
  }

  @Bean
  ConsentLedger consentLedger(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      Signing signing,
      ConsentAgreements agreements,
      Clock clock) {
    return new ConsentLedger(jdbc, transactions, signing, agreements, clock);
  }

  @Bean
  DataAccessLog dataAccessLog(JdbcClient jdbc, org.saphan.hub.platform.AsyncCommit commits) {
    return new DataAccessLog(jdbc, commits);
  }

  @Bean
  ConsentGate consentGate(ConsentAgreements agreements, ConsentLedger ledger, DataAccessLog log) {
    return new ConsentGate(agreements, ledger, log);
  }
}
