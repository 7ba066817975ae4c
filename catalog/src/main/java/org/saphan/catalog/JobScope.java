package org.saphan.catalog;

/** Where a recurring job runs: once per cluster (the default), or on every node. */
public enum JobScope {
  /** One node of the cluster at a time does the work (PostgreSQL advisory lock or leadership). */
  CLUSTER("cluster"),
  /** Every node does the work, for its own state. */
  NODE("node");

  private final String text;

  JobScope(String text) {
    this.text = text;
  }

  /** As written in {@code batch/schedules.yaml}. */
  public String text() {
    return text;
  }

  /** The scope written {@code text}, or null when there is none. */
  static JobScope parse(String text) {
    for (JobScope scope : values()) {
      if (scope.text.equals(text)) {
        return scope;
      }
    }
    return null;
  }
}
