package org.saphan.hub.checks;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.evidence.Evidence;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The check route's {@code recordFailure} step (its {@code doCatch}): a check that failed once its
 * question was signed (the agency down, too slow, its answer refused) is logged like one that
 * succeeded, in one transaction: the question out, and in, the answer's bytes when there were some
 * or only the failure's code as the outcome. The failure then goes back to the caller unchanged.
 */
public class RecordCheckFailure implements Processor {

  private final Evidence evidence;
  private final TransactionTemplate transactions;

  public RecordCheckFailure(Evidence evidence, TransactionTemplate transactions) {
    this.evidence = evidence;
    this.transactions = transactions;
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    Check check = Check.of(exchange);
    if (check != null && check.signed() != null) {
      String code = failure instanceof SaphanException e ? e.code().code() : "failed";
      transactions.executeWithoutResult(
          tx -> {
            RecordCheck.recordQuestion(evidence, check);
            RecordCheck.recordAnswer(evidence, check, code, code);
          });
    }
    if (failure != null) {
      throw failure;
    }
  }
}
