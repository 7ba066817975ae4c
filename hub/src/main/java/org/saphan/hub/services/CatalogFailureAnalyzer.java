package org.saphan.hub.services;

import org.saphan.catalog.CatalogException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows an invalid catalog as the list of its problems, not as a stack trace. */
public class CatalogFailureAnalyzer extends AbstractFailureAnalyzer<CatalogException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, CatalogException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Fix the connector cards listed above (./saphan validate checks them offline), then start"
            + " again.",
        cause);
  }
}
