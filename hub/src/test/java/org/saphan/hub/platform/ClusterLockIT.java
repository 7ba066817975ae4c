package org.saphan.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.saphan.hub.support.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Scheduled work runs once per cluster: two contenders on two connections, one runs. */
class ClusterLockIT extends HubIntegrationTest {

  @Autowired ClusterLock lock;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldRunOnlyOneContenderWhenTwoStartTogether() throws Exception {
    // given: the first contender holds the lock until released
    CountDownLatch insideFirst = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<Boolean> first =
        CompletableFuture.supplyAsync(
            () ->
                lock.runIfFree(
                    "it-contended",
                    () -> {
                      runs.incrementAndGet();
                      insideFirst.countDown();
                      await(releaseFirst);
                    }));
    assertThat(insideFirst.await(10, TimeUnit.SECONDS)).isTrue();
    // when: a second contender (another thread, another connection) tries meanwhile
    boolean secondRan =
        CompletableFuture.supplyAsync(
                () ->
                    lock.runIfFree(
                        "it-contended",
                        () -> {
                          runs.incrementAndGet();
                        }))
            .get(10, TimeUnit.SECONDS);
    releaseFirst.countDown();
    // then
    assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(secondRan).isFalse();
    assertThat(runs).hasValue(1);
  }

  @Test
  void shouldRunAgainWhenPreviousHolderFinished() {
    // given
    assertThat(lock.runIfFree("it-sequential", () -> {})).isTrue();
    // when
    boolean ranAgain = lock.runIfFree("it-sequential", () -> {});
    // then
    assertThat(ranAgain).isTrue();
    assertThat(
            jdbc.sql(
                    "select count(*) from scheduled_run where job_name = 'it-sequential'"
                        + " and outcome = 'succeeded'")
                .query(Long.class)
                .single())
        .isEqualTo(2L);
  }

  @Test
  void shouldRecordFailureAndReleaseLockWhenWorkThrows() {
    // given
    try {
      lock.runIfFree(
          "it-failing",
          (Runnable)
              () -> {
                throw new IllegalStateException("boom");
              });
    } catch (IllegalStateException expected) {
      // the work's own exception reaches the caller
    }
    // when
    boolean ranAfterFailure = lock.runIfFree("it-failing", () -> {});
    // then
    assertThat(ranAfterFailure).isTrue();
    assertThat(
            jdbc.sql("select outcome from scheduled_run where job_name = 'it-failing' order by id")
                .query(String.class)
                .list())
        .containsExactly("failed", "succeeded");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
