package org.saphan.sandbox.infosource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The service information agencies publish (model 0), keyed by agency and service; seeded from
 * {@code classpath:info-source/<agency>/<service>.json} and replaced through the control API.
 */
@Component
public class InfoSourceStore {

  private static final Logger log = LoggerFactory.getLogger(InfoSourceStore.class);
  private static final String SEED = "classpath*:info-source/*/*.json";
  private static final Pattern SEED_PATH =
      Pattern.compile(".*/info-source/([^/]+)/([^/]+)\\.json$");

  /** Agencies publish in Thai time. */
  static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

  private final Map<String, ObjectNode> published = new ConcurrentHashMap<>();
  private final ObjectMapper json;
  private final Clock clock;

  public InfoSourceStore(ObjectMapper json) {
    this.json = json;
    this.clock = Clock.system(BANGKOK);
    seed();
  }

  /** The published info of a service, if any. */
  public Optional<ObjectNode> find(String agency, String service) {
    return Optional.ofNullable(published.get(key(agency, service))).map(ObjectNode::deepCopy);
  }

  /**
   * Replaces (or creates) the published info; {@code updatedAt} is now unless the info says
   * otherwise. True when the service was new.
   */
  public boolean put(String agency, String service, ObjectNode info) {
    ObjectNode copy = info.deepCopy();
    if (!copy.hasNonNull("updatedAt")) {
      copy.put("updatedAt", OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    }
    return published.put(key(agency, service), copy) == null;
  }

  private void seed() {
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(SEED)) {
        Matcher m = SEED_PATH.matcher(resource.getURL().toString());
        if (!m.matches()) {
          continue;
        }
        try (InputStream in = resource.getInputStream()) {
          published.put(key(m.group(1), m.group(2)), (ObjectNode) json.readTree(in));
        }
        log.info("info source publishes {}/{}", m.group(1), m.group(2));
      }
    } catch (IOException | ClassCastException e) {
      throw new IllegalStateException("info source seed unreadable", e);
    }
  }

  private static String key(String agency, String service) {
    return agency + "/" + service;
  }
}
