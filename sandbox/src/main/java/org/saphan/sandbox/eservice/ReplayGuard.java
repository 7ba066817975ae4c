package org.saphan.sandbox.eservice;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The {@code jti} values already used, each kept until its assertion could no longer be accepted
 * anyway; in memory, as a simulator needs no more.
 */
@Component
public class ReplayGuard {

  private final Map<String, Instant> seen = new ConcurrentHashMap<>();
  private final Clock clock;

  public ReplayGuard() {
    this(Clock.systemUTC());
  }

  ReplayGuard(Clock clock) {
    this.clock = clock;
  }

  /** True the first time a {@code jti} is presented, false ever after (until {@code keepUntil}). */
  public boolean firstUse(String jti, Instant keepUntil) {
    Instant now = clock.instant();
    seen.values().removeIf(until -> until.isBefore(now));
    return seen.putIfAbsent(jti, keepUntil) == null;
  }

  int size() {
    return seen.size();
  }
}
