package org.saphan.hub.delivery;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** How the hub calls agencies and when it stops trying for a while ({@code saphan.delivery.*}). */
@Validated
@ConfigurationProperties(prefix = "saphan.delivery")
public class DeliveryProperties {

  /** Time to open a connection to an agency. */
  @NotNull private Duration connectTimeout = Duration.ofSeconds(5);

  /** Time to wait for an agency's answer. */
  @NotNull private Duration responseTimeout = Duration.ofSeconds(30);

  /** Transient failures in a row that open a route's circuit. */
  @Min(1)
  private int circuitThreshold = 5;

  /** First pause of an open circuit; doubles each time it opens again. */
  @NotNull private Duration circuitPause = Duration.ofSeconds(5);

  /** Longest pause of an open circuit. */
  @NotNull private Duration circuitMaxPause = Duration.ofMinutes(5);

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getResponseTimeout() {
    return responseTimeout;
  }

  public void setResponseTimeout(Duration responseTimeout) {
    this.responseTimeout = responseTimeout;
  }

  public int getCircuitThreshold() {
    return circuitThreshold;
  }

  public void setCircuitThreshold(int circuitThreshold) {
    this.circuitThreshold = circuitThreshold;
  }

  public Duration getCircuitPause() {
    return circuitPause;
  }

  public void setCircuitPause(Duration circuitPause) {
    this.circuitPause = circuitPause;
  }

  public Duration getCircuitMaxPause() {
    return circuitMaxPause;
  }

  public void setCircuitMaxPause(Duration circuitMaxPause) {
    this.circuitMaxPause = circuitMaxPause;
  }
}
