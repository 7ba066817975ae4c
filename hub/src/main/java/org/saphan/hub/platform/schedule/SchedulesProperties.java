package org.saphan.hub.platform.schedule;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Where the registry of recurring jobs lives. */
@Validated
@ConfigurationProperties(prefix = "saphan.schedules")
public class SchedulesProperties {

  /** The registry of recurring jobs (path, relative to saphan.home). */
  @NotNull private Path file = Path.of("batch/schedules.yaml");

  public Path getFile() {
    return file;
  }

  public void setFile(Path file) {
    this.file = file;
  }
}
