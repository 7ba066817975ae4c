package org.saphan.hub.status;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Where the portal listens for status events ({@code saphan.portal.*}). */
@Validated
@ConfigurationProperties(prefix = "saphan.portal")
public class PortalProperties {

  /** The portal's webhook for application status events; none means no events are sent. */
  private URI webhookUrl;

  /** Timeout of one webhook call. */
  @NotNull private Duration timeout = Duration.ofSeconds(5);

  /** Webhook calls in flight at once (the portal deduplicates on eventId, order is by time). */
  @jakarta.validation.constraints.Min(1)
  @jakarta.validation.constraints.Max(256)
  private int concurrency = 16;

  /** Events read per scheduler tick. */
  @jakarta.validation.constraints.Min(1)
  @jakarta.validation.constraints.Max(5000)
  private int batchSize = 500;

  public int getConcurrency() {
    return concurrency;
  }

  public void setConcurrency(int concurrency) {
    this.concurrency = concurrency;
  }

  public int getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(int batchSize) {
    this.batchSize = batchSize;
  }

  public URI getWebhookUrl() {
    return webhookUrl;
  }

  public void setWebhookUrl(URI webhookUrl) {
    this.webhookUrl = webhookUrl;
  }

  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }
}
