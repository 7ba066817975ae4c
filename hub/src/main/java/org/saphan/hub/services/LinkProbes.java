package org.saphan.hub.services;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.settings.LinkOutSettings;
import org.saphan.hub.platform.RouteHeaders;
import org.saphan.hub.security.egress.AllowList;
import org.saphan.hub.security.egress.EgressRequest;
import org.saphan.hub.security.egress.LinkProber;
import org.saphan.hub.security.egress.ProbeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code model1-link-out} route (model 1, and model 2's link): probe the agency
 * e-service URL only towards the hosts the card allows (redirects included; HEAD, then GET where
 * HEAD is refused, within the card's timeout), then record the result for the API and as metrics
 * ({@code saphan_linkout_up}, {@code saphan_linkout_latency}).
 */
public class LinkProbes {

  private static final Logger log = LoggerFactory.getLogger(LinkProbes.class);

  private final Catalog catalog;
  private final LinkProber prober;
  private final LinkHealth health;
  private final MeterRegistry meters;
  private final Map<String, AtomicLong> up = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> latency = new ConcurrentHashMap<>();

  public LinkProbes(Catalog catalog, LinkProber prober, LinkHealth health, MeterRegistry meters) {
    this.catalog = catalog;
    this.prober = prober;
    this.health = health;
    this.meters = meters;
  }

  /** Probes one connector's link-out URL (never throws for the agency's failures). */
  public ProbeResult probe(@ExchangeProperty(RouteHeaders.CONNECTOR) String connector) {
    ConnectorCard card = catalog.get(connector);
    URI url = card.linkOutUrl().orElseThrow();
    LinkOutSettings linkOut = card.linkOut().orElseThrow();
    EgressRequest.Method method = EgressRequest.Method.valueOf(linkOut.probe().method().name());
    Duration timeout = Duration.ofMillis(linkOut.probe().timeoutMillis());
    return prober.probe(url, AllowList.of(linkOut.allowedHosts(), url), method, timeout);
  }

  /** Records a probe's result as the link's health and metrics; warns when it is not up. */
  public void record(
      @ExchangeProperty(RouteHeaders.CONNECTOR) String connector, @Body ProbeResult result) {
    ConnectorCard card = catalog.get(connector);
    URI url = card.linkOutUrl().orElseThrow();
    health.record(
        card.name(),
        new LinkHealth.Probe(
            url.toString(),
            result.status().name(),
            result.httpStatus(),
            result.latencyMillis(),
            result.detail(),
            result.checkedAt(),
            null));
    gauge(up, "saphan.linkout.up", card.name())
        .set(result.status() == ProbeResult.Status.UP ? 1 : 0);
    gauge(latency, "saphan.linkout.latency.ms", card.name()).set(result.latencyMillis());
    if (result.status() != ProbeResult.Status.UP) {
      log.warn(
          "Link-out of {} is {} ({}): citizens sent to {} may not get through",
          card.name(),
          result.status(),
          result.detail(),
          url.getHost());
    }
  }

  private AtomicLong gauge(Map<String, AtomicLong> gauges, String name, String connector) {
    return gauges.computeIfAbsent(
        connector, c -> meters.gauge(name, Tags.of("connector", c), new AtomicLong()));
  }
}
