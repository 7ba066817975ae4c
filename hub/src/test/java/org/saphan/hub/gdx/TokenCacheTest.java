package org.saphan.hub.gdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.support.MutableClock;

/** The GDX token cache's own rules, beside what GdxClientTest shows through the client. */
class TokenCacheTest {

  private final MutableClock clock = new MutableClock(GdxFixtures.START);
  private final AtomicInteger logins = new AtomicInteger();

  private TokenCache cache(Supplier<String> login) {
    return new TokenCache(
        clock,
        Duration.ofMinutes(60),
        Duration.ofMinutes(5),
        () -> {
          logins.incrementAndGet();
          return login.get();
        });
  }

  @Test
  void shouldShareOneFailedLoginWhenCallersWaitForIt() throws Exception {
    // given: a login that fails once every caller waits for it
    CountDownLatch release = new CountDownLatch(1);
    TokenCache cache =
        cache(
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              throw SaphanException.system(ErrorCode.GDX_UNAVAILABLE, "GDX down", null);
            });
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread caller =
          new Thread(
              () -> {
                try {
                  cache.token();
                } catch (RuntimeException e) {
                  failures.add(e);
                }
              });
      callers.add(caller);
      caller.start();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
    // when
    release.countDown();
    for (Thread caller : callers) {
      caller.join(10_000);
    }
    // then
    assertThat(logins).hasValue(1);
    assertThat(failures)
        .hasSize(4)
        .allSatisfy(
            e -> assertThat(((SaphanException) e).code()).isEqualTo(ErrorCode.GDX_UNAVAILABLE));
  }

  @Test
  void shouldKeepTheNewTokenWhenAnOlderOneIsInvalidatedOrTouched() {
    // given
    AtomicInteger issued = new AtomicInteger();
    TokenCache cache = cache(() -> "token-" + issued.incrementAndGet());
    String first = cache.token();
    cache.invalidate(first);
    String second = cache.token();
    // when: a late refusal and a late acceptance of the first token
    cache.invalidate(first);
    clock.advance(Duration.ofMinutes(54));
    cache.touched(first);
    // then: the second token stays, and its idle time was not renewed by the first's acceptance
    assertThat(cache.token()).isEqualTo(second);
    clock.advance(Duration.ofMinutes(1));
    assertThat(cache.token()).isEqualTo("token-3");
    assertThat(logins).hasValue(3);
  }
}
