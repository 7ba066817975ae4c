package org.saphan.sandbox.eservice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.springframework.stereotype.Component;

/** The logins the e-service accepted, newest last, bounded. */
@Component
public class SessionLog {

  /**
   * One login.
   *
   * @param who the Thai name from the assertion (invented persona data)
   * @param sub the subject of the assertion
   * @param when when the login was accepted
   * @param jti the assertion's id
   */
  public record Session(String who, String sub, Instant when, String jti) {}

  private final Deque<Session> sessions = new ConcurrentLinkedDeque<>();
  private final int max;

  public SessionLog(EserviceProperties properties) {
    this.max = properties.maxSessions();
  }

  public void add(Session session) {
    sessions.addLast(session);
    while (sessions.size() > max) {
      sessions.pollFirst();
    }
  }

  public List<Session> all() {
    return new ArrayList<>(sessions);
  }

  public void clear() {
    sessions.clear();
  }
}
