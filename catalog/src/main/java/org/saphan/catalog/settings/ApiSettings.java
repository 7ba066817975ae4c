package org.saphan.catalog.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The card's {@code api} block: how the hub exchanges applications and statuses with the agency's
 * system (model 3).
 *
 * @param transport how messages travel
 * @param endpoint the agency endpoint that takes applications (REST and SOAP)
 * @param paymentEndpoint the REST endpoint that takes payment notices
 * @param wsdl the agency's WSDL, a URL or a file relative to the Saphan home (SOAP)
 * @param credentials secret references by name, as written ({@code ${env:NAME}}); the resolved
 *     values are the card's credentials
 * @param mappings the mapping files
 * @param requestSchema the JSON Schema of the agency's request, relative to the Saphan home
 * @param batch the file exchange of a batch agency
 * @param statusCodes the agency's status codes and the canonical status each means, in card order
 * @param signing how the hub signs what it sends
 * @param retry the redelivery of failed deliveries
 * @param limits how hard the hub may call the agency
 * @param answers the agency's own answer codes, by class
 * @param polling status polling, for agencies that do not call back
 * @param trust how the hub trusts what the agency signs
 */
public record ApiSettings(
    Transport transport,
    Optional<URI> endpoint,
    Optional<URI> paymentEndpoint,
    Optional<String> wsdl,
    Map<String, String> credentials,
    Mappings mappings,
    Optional<String> requestSchema,
    Optional<BatchSettings> batch,
    Map<String, String> statusCodes,
    Signing signing,
    Retry retry,
    Limits limits,
    Answers answers,
    Optional<Polling> polling,
    Optional<Trust> trust) {

  public ApiSettings {
    credentials = Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
    statusCodes = Collections.unmodifiableMap(new LinkedHashMap<>(statusCodes));
  }

  /** How messages travel to the agency. */
  public enum Transport {
    /** JSON over HTTPS. */
    @JsonProperty("rest")
    REST,
    /** SOAP 1.1 over HTTPS, described by a WSDL. */
    @JsonProperty("soap")
    SOAP,
    /** Files exchanged in batches. */
    @JsonProperty("batch")
    BATCH;

    /** The name as written in cards and route parameters: {@code rest}, {@code soap}, ... */
    public String cardName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The card's {@code api.mappings}: mapping files relative to the Saphan home.
   *
   * @param request canonical application to the agency's request
   * @param response the agency's answer to the acknowledgement
   * @param status the agency's status callback to the canonical status
   * @param poll a status poll's request
   * @param payment a payment notice to the agency's request
   */
  public record Mappings(
      String request,
      String response,
      Optional<String> status,
      Optional<String> poll,
      Optional<String> payment) {}

  /**
   * The card's {@code api.signing}.
   *
   * @param policy {@code jws}, {@code xmldsig}, {@code wss-x509}, {@code cms} or {@code none}
   * @param algorithm the signature algorithm ({@code ES256}, {@code RSA-SHA256}, ...), but with
   *     {@code none}
   */
  public record Signing(String policy, Optional<String> algorithm) {}

  /**
   * The card's {@code api.retry}.
   *
   * @param maxAttempts deliveries tried before the message is dead
   * @param initialDelayMillis the first redelivery delay, in milliseconds
   * @param multiplier the factor each further delay grows by
   * @param maxDelayMillis the longest redelivery delay, in milliseconds
   */
  public record Retry(
      int maxAttempts, long initialDelayMillis, double multiplier, long maxDelayMillis) {}

  /**
   * The card's {@code api.limits}.
   *
   * @param concurrency deliveries in flight at once
   * @param ratePerSecond deliveries started per second
   */
  public record Limits(int concurrency, int ratePerSecond) {}

  /**
   * The card's {@code api.answers}: answer codes the agency gives a class of its own.
   *
   * @param refusals business refusals (the application is rejected)
   * @param contractFaults faults in what the hub sent (a dead letter at once)
   * @param transientFaults passing troubles (the broker redelivers)
   */
  public record Answers(
      Optional<AnswerCodes> refusals,
      Optional<AnswerCodes> contractFaults,
      @JsonProperty("transient") Optional<AnswerCodes> transientFaults) {}

  /**
   * One class of answers ({@code $defs/answerCodes}).
   *
   * @param httpStatus HTTP statuses of answers without a SOAP fault
   * @param faultCodes the codes in a SOAP fault's detail
   */
  public record AnswerCodes(List<Integer> httpStatus, List<String> faultCodes) {

    public AnswerCodes {
      httpStatus = List.copyOf(httpStatus);
      faultCodes = List.copyOf(faultCodes);
    }
  }

  /**
   * The card's {@code api.polling}.
   *
   * @param intervalSeconds the time between polls, in seconds
   */
  public record Polling(int intervalSeconds) {}

  /**
   * The card's {@code api.trust}: exactly one of its members.
   *
   * @param certificate the agency's pinned certificate, a PEM file in {@code keys/public}
   * @param ca the agency's certificate authorities, a PEM file in {@code keys/public}
   * @param jwksUrl the agency's JWKS
   */
  public record Trust(Optional<String> certificate, Optional<String> ca, Optional<URI> jwksUrl) {}
}
