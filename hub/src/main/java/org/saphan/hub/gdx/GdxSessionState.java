package org.saphan.hub.gdx;

import java.util.Optional;

/** The officer's GovAMI session as the Linkage Center reports it ({@code SessionState}). */
public enum GdxSessionState {
  /** The officer's smart card is logged in to GovAMI and DOPA access is confirmed. */
  AGENT_AVAILABLE("AgentAvailable"),
  /** The officer's and a citizen's cards are both in GovAMI (citizen-right mode). */
  CITIZEN_AVAILABLE("CitizenAvailable"),
  /** No GovAMI session: every Linkage read is refused (code 90001). */
  AGENT_NOT_AVAILABLE("AgentNotAvailable");

  private final String wireName;

  GdxSessionState(String wireName) {
    this.wireName = wireName;
  }

  /** The value as GDX writes it. */
  public String wireName() {
    return wireName;
  }

  /** True when Linkage reads are allowed. */
  public boolean mayRead() {
    return this != AGENT_NOT_AVAILABLE;
  }

  /** The state GDX names so, if any. */
  public static Optional<GdxSessionState> fromWire(String value) {
    for (GdxSessionState state : values()) {
      if (state.wireName.equals(value)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }
}
