package org.saphan.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.saphan.catalog.JobSchedule;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.platform.NodeIdentity;
import org.saphan.hub.platform.schedule.JobScheduler;
import org.saphan.hub.platform.schedule.JobScheduler.JobView;
import org.saphan.hub.platform.schedule.JobScheduler.TaskView;
import org.saphan.hub.platform.schedule.ScheduledRuns.Run;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of the registry of recurring jobs ({@code batch/schedules.yaml}): each job's
 * schedule and scope, its last run (from {@code scheduled_run} for jobs run under the cluster lock,
 * whichever node ran them; else this node's) and this node's next run; a per-connector job lists
 * its connectors' routes.
 */
@RestController
@RequestMapping(path = "/ops/v1/schedules", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Operations: schedules",
    description = "The registry of recurring jobs (batch/schedules.yaml) and when each ran.")
@ApiErrors(ErrorCode.FORBIDDEN)
public class OpsSchedulesController {

  private final JobScheduler scheduler;
  private final NodeIdentity node;

  public OpsSchedulesController(JobScheduler scheduler, NodeIdentity node) {
    this.scheduler = scheduler;
    this.node = node;
  }

  @GetMapping
  @Operation(
      operationId = "listSchedules",
      summary = "Recurring jobs and their runs",
      description =
          "Each job's schedule (cron and zone, or fixed delay) and scope, its settings, its"
              + " last run (`lastRunFrom` cluster: from any node, for jobs run under the cluster"
              + " lock; node: this node's) and this node's next run; a per-connector job lists"
              + " its connectors' routes.")
  Map<String, Object> list() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("node", node.name());
    body.put("jobs", scheduler.overview().stream().map(OpsSchedulesController::job).toList());
    return body;
  }

  private static Map<String, Object> job(JobView view) {
    JobSchedule schedule = view.schedule();
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("name", schedule.job().jobName());
    job.put("description", schedule.description());
    job.put("scope", schedule.scope().text());
    if (schedule.cron() != null) {
      job.put("cron", schedule.cron());
      job.put("zone", schedule.zone().getId());
    } else if (schedule.fixedDelay() != null) {
      job.put("fixedDelay", text(schedule.fixedDelay()));
      job.put("initialDelay", text(schedule.firstDelay()));
    } else {
      job.put("initialDelay", text(schedule.firstDelay()));
    }
    schedule.job().property().ifPresent(property -> job.put("property", property));
    schedule.job().cardSetting().ifPresent(setting -> job.put("cardSetting", setting));
    schedule.settings().forEach(job::put);
    job.put("lastRunFrom", view.recorded() ? "cluster" : "node");
    job.put("lastRun", run(view.lastRun()));
    job.put("nextRun", text(view.nextRun()));
    if (schedule.job().perConnector()) {
      job.put("connectors", view.tasks().stream().map(OpsSchedulesController::connector).toList());
    }
    return job;
  }

  private static Map<String, Object> connector(TaskView task) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("connector", task.connector());
    view.put("routeId", task.lockName());
    view.put("fixedDelay", text(task.every()));
    view.put("lastRun", run(task.lastRun()));
    view.put("nextRun", text(task.nextRun()));
    return view;
  }

  private static Map<String, Object> run(Run run) {
    if (run == null) {
      return null;
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("startedAt", text(run.startedAt()));
    view.put("finishedAt", text(run.finishedAt()));
    view.put("outcome", run.outcome());
    view.put("node", run.node());
    return view;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static String text(Duration duration) {
    return duration == null ? null : duration.toString();
  }
}
