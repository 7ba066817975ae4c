package org.saphan.hub.checks;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.saphan.catalog.settings.ConsentSettings;
import org.saphan.hub.applications.Prefill;
import org.saphan.hub.consent.ConsentGate;

/**
 * The check route's {@code consent} and {@code prefill} step: the categories the checks share with
 * the agency need the citizen's consent or the card's lawful basis ({@code consent_required}
 * otherwise, naming the agreement to ask for), and those they read from GDX are read (under the
 * same gate). Every decision lands in the citizen's data-access log ("who used my data").
 */
public class CheckConsent implements Processor {

  private final ConsentGate gate;
  private final Prefill prefill;

  public CheckConsent(ConsentGate gate, Prefill prefill) {
    this.gate = gate;
    this.prefill = prefill;
  }

  @Override
  public void process(Exchange exchange) {
    Check check = Check.of(exchange);
    ConsentSettings consent = check.card().consent().orElseThrow();
    String citizen = check.caller().citizenId();
    List<String> shared = consent.dataCategories().shared();
    check.sharing(gate.require(citizen, check.card(), ConsentGate.Use.SHARE_WITH_AGENCY, shared));
    check.prefill(prefill.readAll(citizen, check.card(), consent.dataCategories().read()));
  }
}
