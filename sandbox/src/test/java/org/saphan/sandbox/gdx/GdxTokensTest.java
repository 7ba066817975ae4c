package org.saphan.sandbox.gdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GdxTokensTest {

  private final GdxClock clock =
      new GdxClock(Clock.fixed(Instant.parse("2026-04-01T03:00:00Z"), ZoneOffset.UTC));
  private final GdxTokens tokens = new GdxTokens(clock, Duration.ofMinutes(60));

  @Test
  void shouldAcceptTokenWhenIdleJustUnder60Minutes() {
    // given
    String token = tokens.issue("1103700112235");
    clock.advance(Duration.ofMinutes(60).minusSeconds(1));

    // when
    GdxTokens.Grant grant = tokens.use(token);

    // then
    assertThat(grant.agentId()).isEqualTo("1103700112235");
    assertThat(grant.lastUsed()).isEqualTo(clock.instant());
  }

  @Test
  void shouldRefuseTokenWhenIdleExactly60Minutes() {
    // given
    String token = tokens.issue("1103700112235");
    clock.advance(Duration.ofMinutes(60));

    // when / then
    assertThatThrownBy(() -> tokens.use(token))
        .isInstanceOfSatisfying(
            GdxError.class,
            e -> {
              assertThat(e.code()).isEqualTo("401");
              assertThat(e.getMessage()).isEqualTo("token expired");
            });
  }

  @Test
  void shouldMeasureIdleTimeFromLastUseWhenTokenIsUsed() {
    // given
    String token = tokens.issue("1103700112235");
    clock.advance(Duration.ofMinutes(50));
    tokens.use(token);

    // when
    clock.advance(Duration.ofMinutes(50));
    GdxTokens.Grant grant = tokens.use(token);

    // then
    assertThat(grant.expired()).isFalse();
  }

  @Test
  void shouldMaskTokenWhenLogged() {
    // given / when / then
    assertThat(GdxTokens.mask("8e1ac089-0000-aaaa-0000-403c0c9ab867")).isEqualTo("8e1a****b867");
    assertThat(GdxTokens.mask(null)).isNull();
  }
}
