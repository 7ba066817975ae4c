package org.saphan.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.keys.InMemoryKeyRing;
import org.saphan.hub.security.keys.ReloadingKeyRing;

/**
 * Key maintenance and what is encrypted under hub keys: moved onto the new key at each rotation,
 * and a key that still wraps anything is not retired.
 */
class KeyMaintenanceTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneOffset.UTC);

  private final InMemoryKeyRing ring = InMemoryKeyRing.generate(CLOCK);
  private final KeyMaintenance maintenance =
      new KeyMaintenance(
          new ReloadingKeyRing(() -> ring, null),
          mock(KeyRegistry.class),
          mock(JdbcReplayGuard.class),
          new SimpleMeterRegistry(),
          new KeysProperties(),
          CLOCK);

  /** Items wrapped by kid; a re-wrap moves them to the active key unless told to fail. */
  private static final class Wrapped implements WrappedUnderHubKeys {
    final Map<String, Long> byKid = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    boolean failing;

    @Override
    public int rewrap(KeyRing keys) {
      calls.add("rewrap");
      if (failing) {
        throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "cannot unwrap", null);
      }
      String active = keys.current(KeyFamily.RSA_3072).kid();
      long moved =
          byKid.entrySet().stream()
              .filter(e -> !e.getKey().equals(active))
              .mapToLong(Map.Entry::getValue)
              .sum();
      byKid.keySet().removeIf(k -> !k.equals(active));
      byKid.merge(active, moved, Long::sum);
      return (int) moved;
    }

    @Override
    public long wrappedBy(String kid) {
      return byKid.getOrDefault(kid, 0L);
    }
  }

  @Test
  void shouldRewrapOntoTheNewKeySoTheOldOneRetiresWhenTheRsaKeyRotates() {
    // given: three items wrapped by the active RSA key
    Wrapped wrapped = new Wrapped();
    maintenance.rewrapping(List.of(wrapped));
    String old = ring.current(KeyFamily.RSA_3072).kid();
    wrapped.byKid.put(old, 3L);
    // when
    KeyDescriptor rotated = maintenance.rotate(KeyFamily.RSA_3072);
    // then
    assertThat(wrapped.wrappedBy(old)).isZero();
    assertThat(wrapped.wrappedBy(rotated.kid())).isEqualTo(3);
    assertThat(maintenance.retire(old).status()).isEqualTo(KeyStatus.RETIRED);
  }

  @Test
  void shouldRefuseWithKeyInUseAndKeepTheKeyWhenItStillWrapsWhatCouldNotBeMoved() {
    // given: items under the old key, and a re-wrap that fails (say the old private key is
    // unreadable)
    Wrapped wrapped = new Wrapped();
    maintenance.rewrapping(List.of(wrapped));
    String old = ring.current(KeyFamily.RSA_3072).kid();
    wrapped.byKid.put(old, 2L);
    wrapped.failing = true;
    maintenance.rotate(KeyFamily.RSA_3072);
    // when / then: the rotation logged the failure; the retirement is refused, the key stays
    assertThatThrownBy(() -> maintenance.retire(old))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.KEY_IN_USE);
              assertThat(e.getMessage()).contains(old).contains("2 encrypted item(s)");
            });
    assertThat(ring.find(old)).isPresent();
    assertThat(wrapped.calls).containsExactly("rewrap", "rewrap");
  }
}
