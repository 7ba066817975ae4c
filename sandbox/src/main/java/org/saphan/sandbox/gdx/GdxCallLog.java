package org.saphan.sandbox.gdx;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The calls the simulator answered, oldest first, so tests can count logins and retries. Holds no
 * personal data: citizen ids and tokens are masked before they get here.
 */
public final class GdxCallLog {

  /**
   * One answered call.
   *
   * @param time when it was answered (simulator clock)
   * @param method HTTP method
   * @param path request path, e.g. {@code /ws/auth/validate}
   * @param serviceId the Linkage ServiceID ({@code 001}, {@code 008}), null for other calls
   * @param agentId the AgentID, masked
   * @param citizenId the CitizenID asked about, masked; null when none
   * @param status HTTP status answered
   * @param code the {@code Code} of an error answer, null on success
   * @param token the token presented or issued, masked; null when none
   */
  public record Call(
      Instant time,
      String method,
      String path,
      String serviceId,
      String agentId,
      String citizenId,
      int status,
      String code,
      String token) {}

  private final int capacity;
  private final Deque<Call> calls = new ArrayDeque<>();

  public GdxCallLog(int capacity) {
    this.capacity = capacity;
  }

  public synchronized void add(Call call) {
    if (calls.size() == capacity) {
      calls.removeFirst();
    }
    calls.addLast(call);
  }

  public synchronized List<Call> all() {
    return List.copyOf(calls);
  }

  public synchronized void clear() {
    calls.clear();
  }
}
