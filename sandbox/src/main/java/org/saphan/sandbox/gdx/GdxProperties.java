package org.saphan.sandbox.gdx;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the GDX / DOPA Linkage Center simulator. The defaults are the sandbox credentials of
 * {@code sandbox/CONTRACTS.md}; they are obviously fake and must stay so.
 *
 * @param consumerKey the agency's Consumer-Key, sent in the {@code Consumer-Key} header
 * @param consumerSecret the agency's ConsumerSecret, sent as a query parameter to the login
 * @param agents AgentIDs (officers' 13-digit citizen ids) whose GovAMI session is {@code
 *     AgentAvailable} at start and after a reset; any other agent is {@code AgentNotAvailable}
 * @param tokenIdleTimeout how long a token lives without a call (duration; each call renews it)
 * @param officeId the DOPA Linkage OfficeID the consumer is approved for
 * @param version the DOPA Linkage service Version the consumer is approved for
 * @param records where the person, house and card records are read from (Spring resource)
 * @param slowDelay delay of the {@code slow} fault when the fault sets none (duration)
 * @param maxDelay the longest delay a {@code slow} fault may ask for (duration)
 * @param callLogSize how many calls the call log keeps (the oldest are dropped first)
 */
@Validated
@ConfigurationProperties(prefix = "sandbox.gdx")
public record GdxProperties(
    @DefaultValue("sandbox-gdx-consumer-key") @NotBlank String consumerKey,
    @DefaultValue("sandbox-gdx-consumer-secret") @NotBlank String consumerSecret,
    @DefaultValue("1103700112235") @NotEmpty List<@NotBlank String> agents,
    @DefaultValue("60m") @NotNull Duration tokenIdleTimeout,
    @DefaultValue("00023") @NotBlank String officeId,
    @DefaultValue("01") @NotBlank String version,
    @DefaultValue("classpath:gdx/records.json") @NotBlank String records,
    @DefaultValue("5s") @NotNull Duration slowDelay,
    @DefaultValue("60s") @NotNull Duration maxDelay,
    @DefaultValue("1000") @Min(1) @Max(100_000) int callLogSize) {

  public GdxProperties {
    agents = List.copyOf(agents);
  }

  /** Keeps the secret out of logs and failure messages. */
  @Override
  public String toString() {
    return "GdxProperties[consumerKey="
        + consumerKey
        + ", consumerSecret=****, agents="
        + agents.size()
        + ", tokenIdleTimeout="
        + tokenIdleTimeout
        + ", officeId="
        + officeId
        + ", version="
        + version
        + ", records="
        + records
        + "]";
  }
}
