package org.saphan.sandbox.gdx;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GovAMI sessions of the officers (agents): whether the officer's smart card is logged in and has
 * confirmed DOPA access. Registered agents start {@code AgentAvailable}; anyone else is {@code
 * AgentNotAvailable}.
 */
public final class AgentSessions {

  /** {@code SessionState} values of the Linkage Center, named exactly as on the wire. */
  public enum State {
    /** No GovAMI session: DOPA Linkage reads are refused with 90001. */
    AgentNotAvailable,
    /** The officer's card is logged in to GovAMI. */
    AgentAvailable,
    /** The officer's and the citizen's cards are both in GovAMI (citizen-right mode). */
    CitizenAvailable;

    /** The state with this exact name, if any. */
    public static Optional<State> parse(String value) {
      for (State s : values()) {
        if (s.name().equals(value)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }

    /** True when DOPA Linkage reads are allowed. */
    public boolean mayRead() {
      return this != AgentNotAvailable;
    }
  }

  private final List<String> registered;
  private final Map<String, State> states = new ConcurrentHashMap<>();

  public AgentSessions(List<String> registered) {
    this.registered = List.copyOf(registered);
    reset();
  }

  /** The agent's session state. */
  public State state(String agentId) {
    return agentId == null
        ? State.AgentNotAvailable
        : states.getOrDefault(agentId.trim().toLowerCase(Locale.ROOT), State.AgentNotAvailable);
  }

  /** Sets the agent's session state. */
  public void set(String agentId, State state) {
    states.put(agentId.trim().toLowerCase(Locale.ROOT), state);
  }

  /** Back to the start: registered agents available, nobody else. */
  public void reset() {
    states.clear();
    registered.forEach(agent -> set(agent, State.AgentAvailable));
  }
}
