package org.saphan.hub.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused start as a plain description and action instead of a stack trace. */
public class StartupRefusedFailureAnalyzer
    extends AbstractFailureAnalyzer<StartupRefusedException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, StartupRefusedException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
