package org.saphan.hub.batch.reconciliation;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.settings.PaymentSettings;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators and the schedule ask of reconciliation: the runs of a settlement day (every
 * biller's file from the bank's SFTP server, and what waits in the drop folder), one dropped file,
 * or one file given by path; each under the cluster lock, after recovering runs a crash left.
 */
public class Reconciliations {

  private static final Logger log = LoggerFactory.getLogger(Reconciliations.class);

  private final ReconciliationLauncher launcher;
  private final SettlementSources sources;
  private final Catalog catalog;

  public Reconciliations(
      ReconciliationLauncher launcher, SettlementSources sources, Catalog catalog) {
    this.launcher = launcher;
    this.sources = sources;
    this.catalog = catalog;
  }

  /** The biller ids of every card that collects fees. */
  public List<String> billerIds() {
    TreeSet<String> ids = new TreeSet<>();
    for (ConnectorCard card : catalog.cards()) {
      card.payment().map(PaymentSettings::billerId).ifPresent(ids::add);
    }
    return List.copyOf(ids);
  }

  /**
   * Reconciles a settlement day: recovers abandoned runs, then every file found (one outcome per
   * file, {@code already_done} for a file reconciled before).
   */
  public List<Map<String, Object>> day(LocalDate day) {
    return launcher.locked(
        () -> {
          List<Map<String, Object>> outcomes = new ArrayList<>();
          launcher.recoverLocked().forEach(l -> outcomes.add(view(l)));
          List<SettlementSources.Fetched> files =
              new ArrayList<>(sources.fromSftp(day, billerIds()));
          files.addAll(sources.dropped());
          for (SettlementSources.Fetched file : files) {
            outcomes.add(run(file, false));
          }
          return outcomes;
        });
  }

  /**
   * Reconciles one file of the drop folder.
   *
   * @throws SaphanException {@code settlement_file_not_found}, {@code reconciliation_already_done}
   */
  public Map<String, Object> dropped(String name) {
    SettlementSources.Fetched file = sources.dropped(name);
    return launcher.locked(() -> run(file, true));
  }

  /** Reconciles a file from anywhere (tests, tools), refusing one already reconciled. */
  public ReconciliationLauncher.Launched file(Path file, String name, String source) {
    return launcher.reconcile(file, name, source);
  }

  private Map<String, Object> run(SettlementSources.Fetched file, boolean refuseDone) {
    Path inboxed = launcher.inbox(file.file());
    try {
      ReconciliationLauncher.Launched launched =
          launcher.reconcileLocked(inboxed, file.name(), file.source());
      if ("completed".equals(launched.status())) {
        sources.processed(file);
      } else {
        sources.discard(file);
      }
      return view(launched);
    } catch (SaphanException e) {
      sources.discard(file);
      if (e.code() != ErrorCode.RECONCILIATION_ALREADY_DONE || refuseDone) {
        throw e;
      }
      sources.processed(file);
      log.info("Settlement file {} was reconciled before: skipped", file.name());
      Map<String, Object> outcome = new LinkedHashMap<>();
      outcome.put("fileName", file.name());
      outcome.put("status", "already_done");
      outcome.put("runId", e.properties().get("runId"));
      return outcome;
    }
  }

  static Map<String, Object> view(ReconciliationLauncher.Launched launched) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("runId", launched.runId());
    view.put("fileName", launched.fileName());
    view.put("status", launched.status());
    view.put("restarted", launched.restarted());
    if (launched.failure() != null) {
      view.put("failure", launched.failure());
    }
    return view;
  }
}
