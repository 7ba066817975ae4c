package org.saphan.hub.sla;

import org.saphan.hub.sla.SlaMonitor.Breach;

/**
 * Who hears of an SLA breach: {@link SlaMonitor} finds and records breaches of models 3 and 4, the
 * back office tells people (the sla package knows no back-office class).
 */
public interface BreachEscalation {

  /**
   * A new breach of a back-office step (model 4), in the check's transaction: queue it for the
   * step's route, which escalates it through {@link SlaMonitor#escalate}.
   */
  void queue(Breach breach);

  /**
   * Tells the agency's admins (and the step's officer, if any) of the breach and audits the
   * escalation, in the escalation's transaction.
   */
  void notify(Breach breach, String message);
}
