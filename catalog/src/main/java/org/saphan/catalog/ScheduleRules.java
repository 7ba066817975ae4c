package org.saphan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks {@code batch/schedules.yaml}, the one registry of the hub's recurring jobs: the
 * file must schedule every {@link RecurringJob} and nothing else; each job has a description, a
 * cron (with its zone) or a fixed delay, or, run once per connector, the card setting that gives
 * its cadence; the scope it states is the hub's; unknown keys are refused. {@code ./saphan
 * validate} prints the findings and the hub refuses to start on any of them, so both read the file
 * through here.
 */
public final class ScheduleRules {

  /** The file, relative to the Saphan home. */
  public static final Path FILE = Path.of("batch", "schedules.yaml");

  private static final Set<String> KEYS =
      new LinkedHashSet<>(
          List.of(
              "description", "cron", "zone", "fixedDelay", "initialDelay", "scope", "cardSetting"));

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  /** The jobs read and every finding; a job with a finding is left out. */
  public record Result(List<JobSchedule> jobs, List<Finding> findings) {

    /** Whether the file holds no error. */
    public boolean valid() {
      return findings.stream().noneMatch(Finding::isError);
    }
  }

  private ScheduleRules() {}

  /** The findings of {@code home}'s schedules; none for a home without a {@code batch} folder. */
  public static List<Finding> check(Path home) {
    if (!Files.isDirectory(home.resolve(FILE).getParent())) {
      return List.of();
    }
    return read(home.resolve(FILE), FILE).findings();
  }

  /** Reads {@code file}, naming it {@code shown} in the findings. */
  public static Result read(Path file, Path shown) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new Result(
          List.of(),
          List.of(
              Finding.error(
                  "", "", "cannot be read; every recurring job's schedule is in it", shown, 0)));
    }
    YamlCardReader.Result yaml = new YamlCardReader().read(text);
    Reader reader = new Reader(yaml, shown);
    for (YamlCardReader.Problem problem : yaml.problems()) {
      reader.findings.add(
          Finding.error("", problem.path(), problem.reason(), shown, problem.line()));
    }
    if (yaml.root() == null || !reader.findings.isEmpty()) {
      return new Result(List.of(), reader.findings);
    }
    return reader.read();
  }

  /** One reading of a parsed file. */
  private static final class Reader {
    private final YamlCardReader.Result yaml;
    private final Path shown;
    private final List<Finding> findings = new ArrayList<>();

    Reader(YamlCardReader.Result yaml, Path shown) {
      this.yaml = yaml;
      this.shown = shown;
    }

    Result read() {
      JsonNode root = yaml.root();
      if (!root.isObject() || !root.path("jobs").isObject()) {
        error("", "must be a mapping with one key, jobs, holding one entry per job");
        return new Result(List.of(), findings);
      }
      for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!key.equals("jobs")) {
          error(PropertyPath.child("", key), "unknown key; the file holds only jobs");
        }
      }
      Map<RecurringJob, JobSchedule> jobs = new EnumMap<>(RecurringJob.class);
      Set<RecurringJob> seen = new LinkedHashSet<>();
      JsonNode entries = root.path("jobs");
      for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String path = PropertyPath.child("jobs", entry.getKey());
        RecurringJob job = RecurringJob.named(entry.getKey()).orElse(null);
        if (job == null) {
          error(path, "unknown job; the hub runs " + names(Arrays.asList(RecurringJob.values())));
          continue;
        }
        seen.add(job);
        JobSchedule schedule = job(job, entry.getValue(), path);
        if (schedule != null) {
          jobs.put(job, schedule);
        }
      }
      List<RecurringJob> missing = new ArrayList<>();
      for (RecurringJob job : RecurringJob.values()) {
        if (!seen.contains(job)) {
          missing.add(job);
        }
      }
      if (!missing.isEmpty()) {
        error("jobs", "no entry for " + names(missing) + ": the hub runs every job listed here");
      }
      return new Result(List.copyOf(jobs.values()), findings);
    }

    private JobSchedule job(RecurringJob job, JsonNode node, String path) {
      int before = findings.size();
      if (!node.isObject()) {
        error(path, "must be a mapping (description, then cron or fixedDelay)");
        return null;
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = field.getKey();
        String keyPath = PropertyPath.child(path, key);
        if (!KEYS.contains(key) && !job.settings().containsKey(key)) {
          Set<String> allowed = new LinkedHashSet<>(KEYS);
          allowed.addAll(job.settings().keySet());
          error(keyPath, "unknown key; a job takes " + String.join(", ", allowed));
        } else if (!field.getValue().isValueNode() || field.getValue().isNull()) {
          error(keyPath, "must be text");
        } else {
          values.put(key, field.getValue().asText());
        }
      }
      String description = values.getOrDefault("description", "");
      if (description.isBlank()) {
        error(path, "description is missing: say what the job does, for operators");
      }
      JobScope scope = scope(job, values.get("scope"), path);
      String cron = values.get("cron");
      ZoneId zone = zone(values.get("zone"), cron, path);
      Duration fixedDelay =
          duration(values.get("fixedDelay"), PropertyPath.child(path, "fixedDelay"));
      Duration initialDelay =
          duration(values.get("initialDelay"), PropertyPath.child(path, "initialDelay"));
      if (job.perConnector()) {
        cadenceFromCard(job, values, path);
      } else {
        cadence(values, path);
      }
      Map<String, String> settings = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> setting : job.settings().entrySet()) {
        String value = values.get(setting.getKey());
        if (value == null) {
          error(
              path,
              setting.getKey() + " is missing (" + String.join(" or ", setting.getValue()) + ")");
        } else if (!setting.getValue().contains(value)) {
          error(
              PropertyPath.child(path, setting.getKey()),
              "must be " + String.join(" or ", setting.getValue()));
        } else {
          settings.put(setting.getKey(), value);
        }
      }
      if (findings.size() > before) {
        return null;
      }
      return new JobSchedule(
          job, description.strip(), cron, zone, fixedDelay, initialDelay, scope, settings);
    }

    private JobScope scope(RecurringJob job, String text, String path) {
      JobScope scope = text == null ? JobScope.CLUSTER : JobScope.parse(text);
      if (scope == null) {
        error(PropertyPath.child(path, "scope"), "must be cluster or node");
      } else if (scope != job.scope()) {
        error(
            text == null ? path : PropertyPath.child(path, "scope"),
            job.scope() == JobScope.NODE
                ? "runs on every node, for the node's own state: write scope: node"
                : "runs once per cluster: write scope: cluster (or leave it out)");
      }
      return scope;
    }

    private ZoneId zone(String zone, String cron, String path) {
      if (zone == null) {
        if (cron != null) {
          error(path, "zone is missing: the cron is read in it, e.g. Asia/Bangkok");
        }
        return null;
      }
      if (cron == null) {
        error(PropertyPath.child(path, "zone"), "applies to a cron only");
        return null;
      }
      try {
        return ZoneId.of(zone);
      } catch (DateTimeException e) {
        error(
            PropertyPath.child(path, "zone"),
            "'" + zone + "' is not a time zone id, e.g. Asia/Bangkok");
        return null;
      }
    }

    private void cadence(Map<String, String> values, String path) {
      if (values.containsKey("cardSetting")) {
        error(
            PropertyPath.child(path, "cardSetting"),
            "applies to a job run once per connector only");
      }
      String cron = values.get("cron");
      if (cron != null && values.containsKey("fixedDelay")) {
        error(path, "cron and fixedDelay exclude each other: keep one");
      } else if (cron == null && !values.containsKey("fixedDelay")) {
        error(path, "has no cadence: give a cron (and zone) or a fixedDelay");
      } else if (cron != null) {
        if (values.containsKey("initialDelay")) {
          error(PropertyPath.child(path, "initialDelay"), "applies to a fixedDelay only");
        }
        String problem = CronFields.problem(cron);
        if (problem != null) {
          error(PropertyPath.child(path, "cron"), problem);
        }
      }
    }

    private void cadenceFromCard(RecurringJob job, Map<String, String> values, String path) {
      String setting = job.cardSetting().orElseThrow();
      for (String key : List.of("cron", "fixedDelay")) {
        if (values.containsKey(key)) {
          error(
              PropertyPath.child(path, key),
              "each connector's card gives this job's cadence (" + setting + "): remove " + key);
        }
      }
      String written = values.get("cardSetting");
      if (written == null) {
        error(path, "cardSetting is missing: write cardSetting: " + setting);
      } else if (!written.equals(setting)) {
        error(
            PropertyPath.child(path, "cardSetting"),
            "must be " + setting + ", the card setting the hub reads");
      }
    }

    private Duration duration(String text, String path) {
      if (text == null) {
        return null;
      }
      Matcher matcher = DURATION.matcher(text.strip());
      if (!matcher.matches()) {
        error(
            path,
            "'"
                + text
                + "' is not a duration: write a whole number and a unit, e.g. 500ms, 30s, 5m, 1h");
        return null;
      }
      long amount = Long.parseLong(matcher.group(1));
      Duration duration =
          switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          };
      if (duration.isZero() && path.endsWith(".fixedDelay")) {
        error(path, "must be more than zero");
        return null;
      }
      return duration;
    }

    private void error(String path, String reason) {
      findings.add(Finding.error("", path, reason, shown, yaml.lines().getOrDefault(path, 0)));
    }

    private static String names(List<RecurringJob> jobs) {
      return String.join(", ", jobs.stream().map(RecurringJob::jobName).toList());
    }
  }
}
