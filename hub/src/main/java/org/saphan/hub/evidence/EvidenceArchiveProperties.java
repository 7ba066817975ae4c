package org.saphan.hub.evidence;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the daily evidence archives go and how long PostgreSQL keeps what they hold (the job:
 * {@code evidence-archive} of {@code batch/schedules.yaml}).
 */
@Validated
@ConfigurationProperties(prefix = "saphan.evidence")
public class EvidenceArchiveProperties {

  /**
   * How long archived evidence rows and manifests, and closed applications, stay in PostgreSQL
   * (duration, e.g. 365d): PDPA storage limitation. Evidence leaves only once archived.
   */
  @NotNull private Duration retention = Duration.ofDays(365);

  private final Archive archive = new Archive();

  public Duration getRetention() {
    return retention;
  }

  public void setRetention(Duration retention) {
    this.retention = retention;
  }

  public Archive getArchive() {
    return archive;
  }

  /** The archive folder. */
  public static class Archive {

    /**
     * The folder the daily {@code evidence-YYYY-MM-DD.zip} files are written to (path); unset:
     * {@code evidence-archive/} under the data directory.
     */
    private Path location;

    public Path getLocation() {
      return location;
    }

    public void setLocation(Path location) {
      this.location = location;
    }
  }
}
