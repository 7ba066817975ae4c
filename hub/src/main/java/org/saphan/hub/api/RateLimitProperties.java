package org.saphan.hub.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Inbound rate limits of the HTTP API, per kind of caller, each caller with its own bucket. Held in
 * memory on each node (see docs/operators.md, "Inbound rate limits").
 */
@Validated
@ConfigurationProperties(prefix = "saphan.api.rate-limits")
public class RateLimitProperties {

  /** Whether requests are rate-limited at all. */
  private boolean enabled = true;

  /** Each citizen (or officer), by Digital ID subject. */
  @Valid @NotNull private Limit citizen = new Limit(120, Duration.ofMinutes(1));

  /** Each portal backend client, by client id (token subject). */
  @Valid @NotNull private Limit portalClient = new Limit(6000, Duration.ofMinutes(1));

  /** Each portal operator, by Digital ID subject. */
  @Valid @NotNull private Limit operator = new Limit(600, Duration.ofMinutes(1));

  /**
   * Each agency system calling {@code /agency/...}, by remote address: agencies authenticate by the
   * body's signature, verified later, so a claimed key id cannot spend another's allowance.
   */
  @Valid @NotNull private Limit agency = new Limit(1200, Duration.ofMinutes(1));

  /** Each remote address sending requests without a usable bearer token. */
  @Valid @NotNull private Limit anonymous = new Limit(300, Duration.ofMinutes(1));

  /** Limits for single callers, keyed by subject, client id or remote address; override kinds. */
  @Valid private Map<String, Limit> callers = new LinkedHashMap<>();

  /** Most buckets kept in memory; the least recently used are forgotten (they start full). */
  @Min(1000)
  private long maxTracked = 100_000;

  /** A bucket: {@code capacity} requests, refilled evenly over {@code period}. */
  public static class Limit {

    /** Requests allowed in a burst, and per period. */
    @Min(1)
    private long capacity;

    /** Time in which a drained bucket refills completely. */
    @NotNull private Duration period;

    public Limit() {}

    public Limit(long capacity, Duration period) {
      this.capacity = capacity;
      this.period = period;
    }

    public long getCapacity() {
      return capacity;
    }

    public void setCapacity(long capacity) {
      this.capacity = capacity;
    }

    public Duration getPeriod() {
      return period;
    }

    public void setPeriod(Duration period) {
      this.period = period;
    }
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Limit getCitizen() {
    return citizen;
  }

  public void setCitizen(Limit citizen) {
    this.citizen = citizen;
  }

  public Limit getPortalClient() {
    return portalClient;
  }

  public void setPortalClient(Limit portalClient) {
    this.portalClient = portalClient;
  }

  public Limit getOperator() {
    return operator;
  }

  public void setOperator(Limit operator) {
    this.operator = operator;
  }

  public Limit getAgency() {
    return agency;
  }

  public void setAgency(Limit agency) {
    this.agency = agency;
  }

  public Limit getAnonymous() {
    return anonymous;
  }

  public void setAnonymous(Limit anonymous) {
    this.anonymous = anonymous;
  }

  public Map<String, Limit> getCallers() {
    return callers;
  }

  public void setCallers(Map<String, Limit> callers) {
    this.callers = callers;
  }

  public long getMaxTracked() {
    return maxTracked;
  }

  public void setMaxTracked(long maxTracked) {
    this.maxTracked = maxTracked;
  }
}
