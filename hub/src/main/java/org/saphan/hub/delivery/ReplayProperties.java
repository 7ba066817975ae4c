package org.saphan.hub.delivery;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Bulk replays of dead letters ({@code saphan.replay.*}). */
@Validated
@ConfigurationProperties(prefix = "saphan.replay")
public class ReplayProperties {

  /**
   * How long a running bulk replay may go without its node's heartbeat (one per letter) before
   * another node resumes it from its last processed letter.
   */
  @NotNull private Duration heartbeatTimeout = Duration.ofMinutes(2);

  /** How often the cluster looks for bulk replays whose node stopped heart-beating. */
  @NotNull private Duration resumeInterval = Duration.ofSeconds(30);

  public Duration getHeartbeatTimeout() {
    return heartbeatTimeout;
  }

  public void setHeartbeatTimeout(Duration heartbeatTimeout) {
    this.heartbeatTimeout = heartbeatTimeout;
  }

  public Duration getResumeInterval() {
    return resumeInterval;
  }

  public void setResumeInterval(Duration resumeInterval) {
    this.resumeInterval = resumeInterval;
  }
}
