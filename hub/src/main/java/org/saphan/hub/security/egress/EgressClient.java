package org.saphan.hub.security.egress;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's one outbound HTTP client: agency deliveries (REST and SOAP), payment notices, status
 * polls, GDX, Digital ID userinfo and JWKS, agency JWKS, the portal webhook, info sources and
 * link-out probes all go through it. It is {@link SafeHttpClient} (allow-list per call, guarded
 * DNS, timeouts, redirect checks, response size limits) plus the caller's name: every refusal is an
 * {@code egress_refused} naming the party (connector or shared component), host and reason, logged
 * once and counted in {@code saphan_egress_refused_total{party,reason}}; every call is counted in
 * {@code saphan_egress_requests_total{party,outcome}}.
 */
public final class EgressClient {

  /** Problem property: who the hub was calling for (a connector name or a shared component). */
  public static final String PARTY = "party";

  private static final Logger log = LoggerFactory.getLogger(EgressClient.class);

  private final SafeHttpClient http;
  private final MeterRegistry meters;

  public EgressClient(SafeHttpClient http, MeterRegistry meters) {
    this.http = Objects.requireNonNull(http, "http");
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  /**
   * Calls exactly the origin (scheme, host, port) of the request's URL, redirects included.
   *
   * @param party a connector name or a shared component ({@code gdx}, {@code digital-id}, {@code
   *     portal}): a label for problems and metrics, never personal data
   * @throws SaphanException {@code egress_refused}, {@code upstream_unavailable} or {@code
   *     upstream_bad_response}
   */
  public EgressResponse send(String party, EgressRequest request) {
    AllowList allow;
    try {
      allow = AllowList.origin(request.url());
    } catch (SaphanException e) {
      throw refused(party, e);
    }
    return send(party, request, allow);
  }

  /**
   * Calls a URL the allow-list permits.
   *
   * @throws SaphanException {@code egress_refused}, {@code upstream_unavailable} or {@code
   *     upstream_bad_response}
   */
  public EgressResponse send(String party, EgressRequest request, AllowList allow) {
    try {
      EgressResponse response = http.execute(request, allow);
      count(party, "http_" + (response.status() / 100) + "xx");
      return response;
    } catch (SaphanException e) {
      if (e.code() == ErrorCode.EGRESS_REFUSED) {
        throw refused(party, e);
      }
      count(party, e.code().code());
      throw e;
    }
  }

  private SaphanException refused(String party, SaphanException e) {
    Object reason = e.properties().getOrDefault(EgressProblems.REASON, "refused");
    count(party, ErrorCode.EGRESS_REFUSED.code());
    meters
        .counter("saphan.egress.refused", "party", party, "reason", reason.toString())
        .increment();
    log.warn("Outbound call for {} refused by the egress policy: {}", party, e.getMessage());
    Map<String, Object> properties = new LinkedHashMap<>(e.properties());
    properties.put(PARTY, party);
    return SaphanException.business(
        ErrorCode.EGRESS_REFUSED, party + ": " + e.getMessage(), properties);
  }

  private void count(String party, String outcome) {
    meters.counter("saphan.egress.requests", "party", party, "outcome", outcome).increment();
  }
}
