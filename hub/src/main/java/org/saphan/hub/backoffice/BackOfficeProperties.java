package org.saphan.hub.backoffice;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Settings of the hosted back office, SLA clocks and licences ({@code saphan.backoffice.*}). */
@Validated
@ConfigurationProperties(prefix = "saphan.backoffice")
public class BackOfficeProperties {

  /** Directory of the working-day calendar files; default {@code <saphan.home>/batch/calendar}. */
  private Path calendarDir;

  /**
   * Public base URL of the hub printed in licences (verification URL); default the hub's signing
   * issuer ({@code saphan.keys.issuer}).
   */
  private String publicBaseUrl;

  /** How often the SLA check runs (once per cluster). */
  @NotNull private Duration slaCheckInterval = Duration.ofMinutes(5);

  /** How often cases waiting for a payment are checked against the timeline (fallback scan). */
  @NotNull private Duration paymentSyncInterval = Duration.ofSeconds(30);

  /** How often unhandled back-office work is looked for. */
  @NotNull private Duration sweepInterval = Duration.ofMinutes(1);

  /** Age after which unhandled back-office work is put back on its queue. */
  @NotNull private Duration sweepAfter = Duration.ofMinutes(5);

  /** How often licences near their expiry are looked for. */
  @NotNull private Duration licenceExpiryCheckInterval = Duration.ofHours(1);

  public Path getCalendarDir() {
    return calendarDir;
  }

  public void setCalendarDir(Path calendarDir) {
    this.calendarDir = calendarDir;
  }

  public String getPublicBaseUrl() {
    return publicBaseUrl;
  }

  public void setPublicBaseUrl(String publicBaseUrl) {
    this.publicBaseUrl = publicBaseUrl;
  }

  public Duration getSlaCheckInterval() {
    return slaCheckInterval;
  }

  public void setSlaCheckInterval(Duration slaCheckInterval) {
    this.slaCheckInterval = slaCheckInterval;
  }

  public Duration getPaymentSyncInterval() {
    return paymentSyncInterval;
  }

  public void setPaymentSyncInterval(Duration paymentSyncInterval) {
    this.paymentSyncInterval = paymentSyncInterval;
  }

  public Duration getSweepInterval() {
    return sweepInterval;
  }

  public void setSweepInterval(Duration sweepInterval) {
    this.sweepInterval = sweepInterval;
  }

  public Duration getSweepAfter() {
    return sweepAfter;
  }

  public void setSweepAfter(Duration sweepAfter) {
    this.sweepAfter = sweepAfter;
  }

  public Duration getLicenceExpiryCheckInterval() {
    return licenceExpiryCheckInterval;
  }

  public void setLicenceExpiryCheckInterval(Duration licenceExpiryCheckInterval) {
    this.licenceExpiryCheckInterval = licenceExpiryCheckInterval;
  }
}
