package org.saphan.hub.ops;

import java.util.List;
import java.util.Map;
import org.saphan.hub.platform.NodeIdentity;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Records each start of this node, so operators see restarts and the history survives them. */
public class HubStartRecorder {

  private final JdbcClient jdbc;
  private final NodeIdentity node;
  private final Environment environment;

  public HubStartRecorder(JdbcClient jdbc, NodeIdentity node, Environment environment) {
    this.jdbc = jdbc;
    this.node = node;
    this.environment = environment;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void recordStart() {
    String version = getClass().getPackage().getImplementationVersion();
    jdbc.sql("insert into hub_start (node_name, version, profiles) values (?, ?, ?)")
        .params(
            node.name(),
            version == null ? "dev" : version,
            String.join(",", environment.getActiveProfiles()))
        .update();
  }

  /** Start count and the first and latest start, across all nodes. */
  public Map<String, Object> history() {
    return jdbc.sql(
            "select count(*) as starts, min(started_at) as first_start,"
                + " max(started_at) as last_start from hub_start")
        .query()
        .singleRow();
  }

  /** The most recent starts, newest first. */
  public List<Map<String, Object>> recent(int limit) {
    return jdbc.sql(
            "select node_name, version, profiles, started_at from hub_start"
                + " order by id desc limit ?")
        .param(limit)
        .query()
        .listOfRows();
  }
}
