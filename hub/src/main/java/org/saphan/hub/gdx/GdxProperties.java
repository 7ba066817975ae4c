package org.saphan.hub.gdx;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.saphan.catalog.ThaiCitizenId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the hub reaches GDX and the DOPA Linkage Center ({@code saphan.gdx.*}). The connector is off
 * until {@code base-url} is set. The Consumer-Key and ConsumerSecret are never held here: only the
 * names of the environment variables (or properties) that hold them.
 */
@Validated
@ConfigurationProperties(prefix = "saphan.gdx")
public class GdxProperties {

  /** GDX base URL, e.g. {@code https://api.egov.go.th}; unset = the connector is off. */
  private URI baseUrl;

  /** Name of the environment variable (or property) holding the GDX Consumer-Key. */
  @NotBlank private String consumerKeyVariable = "SAPHAN_GDX_CONSUMER_KEY";

  /** Name of the environment variable (or property) holding the GDX ConsumerSecret. */
  @NotBlank private String consumerSecretVariable = "SAPHAN_GDX_CONSUMER_SECRET";

  /**
   * AgentID: the 13-digit citizen id on the smart card of the officer logged in to GovAMI, on whose
   * behalf every DOPA Linkage read is made (and audited).
   */
  private String agentId;

  /** Linkage {@code OfficeID} of the hub's approved services (5 digits). */
  @NotNull
  @Pattern(regexp = "\\d{5}")
  private String officeId = "00023";

  /** Linkage {@code Version} of the approved services (2 digits). */
  @NotNull
  @Pattern(regexp = "\\d{2}")
  private String version = "01";

  /** Time allowed to open a connection to GDX. */
  @NotNull private Duration connectTimeout = Duration.ofSeconds(3);

  /** Time allowed for GDX to answer one request (until the response headers arrive). */
  @NotNull private Duration readTimeout = Duration.ofSeconds(10);

  /** Extra attempts of an idempotent GET after a 5xx, a timeout or a connection failure. */
  @Min(0)
  @Max(5)
  private int retries = 2;

  /** Pause before the first retry; doubled before each further retry (at least 1 ms). */
  @NotNull
  @DurationMin(millis = 1, message = "saphan.gdx.retry-backoff must be at least 1 ms")
  private Duration retryBackoff = Duration.ofMillis(300);

  /** Consecutive failed attempts (5xx, timeout, connection refused) that open the breaker. */
  @Min(1)
  private int breakerFailureThreshold = 5;

  /**
   * How long an open breaker refuses calls before letting one trial call through (at least 1 s).
   */
  @NotNull
  @DurationMin(seconds = 1, message = "saphan.gdx.breaker-open-duration must be at least 1 s")
  private Duration breakerOpenDuration = Duration.ofSeconds(30);

  /** GDX drops a token not used for this long (60 minutes per the GDX guide). */
  @NotNull private Duration tokenIdleLifetime = Duration.ofMinutes(60);

  /** A token is renewed (new login) when it has been idle for its lifetime minus this margin. */
  @NotNull private Duration tokenRenewMargin = Duration.ofMinutes(5);

  /** Once enabled, the AgentID must be a valid 13-digit citizen id. */
  @AssertTrue(
      message =
          "saphan.gdx.agent-id must be the 13-digit citizen id (valid check digit) of the officer"
              + " logged in to GovAMI")
  public boolean isAgentIdValidWhenEnabled() {
    return baseUrl == null || ThaiCitizenId.isValid(agentId);
  }

  /** Once enabled, the base URL must be an absolute http(s) URL. */
  @AssertTrue(message = "saphan.gdx.base-url must be an absolute http or https URL")
  public boolean isBaseUrlHttpWhenEnabled() {
    return baseUrl == null
        || (baseUrl.getHost() != null
            && ("https".equalsIgnoreCase(baseUrl.getScheme())
                || "http".equalsIgnoreCase(baseUrl.getScheme())));
  }

  /** The renew margin must leave some lifetime. */
  @AssertTrue(message = "saphan.gdx.token-renew-margin must be shorter than token-idle-lifetime")
  public boolean isRenewMarginShorterThanLifetime() {
    return tokenIdleLifetime == null
        || tokenRenewMargin == null
        || tokenRenewMargin.compareTo(tokenIdleLifetime) < 0;
  }

  public URI getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getConsumerKeyVariable() {
    return consumerKeyVariable;
  }

  public void setConsumerKeyVariable(String consumerKeyVariable) {
    this.consumerKeyVariable = consumerKeyVariable;
  }

  public String getConsumerSecretVariable() {
    return consumerSecretVariable;
  }

  public void setConsumerSecretVariable(String consumerSecretVariable) {
    this.consumerSecretVariable = consumerSecretVariable;
  }

  public String getAgentId() {
    return agentId;
  }

  public void setAgentId(String agentId) {
    this.agentId = agentId;
  }

  public String getOfficeId() {
    return officeId;
  }

  public void setOfficeId(String officeId) {
    this.officeId = officeId;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  public int getRetries() {
    return retries;
  }

  public void setRetries(int retries) {
    this.retries = retries;
  }

  public Duration getRetryBackoff() {
    return retryBackoff;
  }

  public void setRetryBackoff(Duration retryBackoff) {
    this.retryBackoff = retryBackoff;
  }

  public int getBreakerFailureThreshold() {
    return breakerFailureThreshold;
  }

  public void setBreakerFailureThreshold(int breakerFailureThreshold) {
    this.breakerFailureThreshold = breakerFailureThreshold;
  }

  public Duration getBreakerOpenDuration() {
    return breakerOpenDuration;
  }

  public void setBreakerOpenDuration(Duration breakerOpenDuration) {
    this.breakerOpenDuration = breakerOpenDuration;
  }

  public Duration getTokenIdleLifetime() {
    return tokenIdleLifetime;
  }

  public void setTokenIdleLifetime(Duration tokenIdleLifetime) {
    this.tokenIdleLifetime = tokenIdleLifetime;
  }

  public Duration getTokenRenewMargin() {
    return tokenRenewMargin;
  }

  public void setTokenRenewMargin(Duration tokenRenewMargin) {
    this.tokenRenewMargin = tokenRenewMargin;
  }
}
