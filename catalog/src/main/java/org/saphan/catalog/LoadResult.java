package org.saphan.catalog;

import java.util.List;

/**
 * What loading or validating cards produced.
 *
 * @param cards the cards that have no error, sorted by name
 * @param findings every error and warning, sorted by file and line
 * @param filesChecked how many card files were read
 */
public record LoadResult(List<ConnectorCard> cards, List<Finding> findings, int filesChecked) {

  public LoadResult {
    cards = List.copyOf(cards);
    findings = List.copyOf(findings);
  }

  /** The error findings. */
  public List<Finding> errors() {
    return findings.stream().filter(Finding::isError).toList();
  }

  /** The warning findings. */
  public List<Finding> warnings() {
    return findings.stream().filter(finding -> !finding.isError()).toList();
  }

  /** Whether any finding is an error. */
  public boolean hasErrors() {
    return findings.stream().anyMatch(Finding::isError);
  }
}
