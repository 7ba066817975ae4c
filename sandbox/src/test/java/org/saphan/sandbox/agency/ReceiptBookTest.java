package org.saphan.sandbox.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReceiptBookTest {

  @Test
  void shouldProcessOnceAndCountEveryArrivalWhenDuplicatesArriveConcurrently() throws Exception {
    // given
    ReceiptBook<String> book = new ReceiptBook<>(100, r -> {});
    AtomicInteger processed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<ReceiptBook.Arrival<String>>> arrivals = new ArrayList<>();

    // when
    for (int i = 0; i < 64; i++) {
      arrivals.add(
          pool.submit(
              () -> {
                start.await();
                return book.arrive(
                    "MSG-1",
                    Instant.now(),
                    id ->
                        new Receipt<>(
                            id, "APP-1", Instant.now(), "answer-" + processed.incrementAndGet()));
              }));
    }
    start.countDown();
    int firsts = 0;
    for (Future<ReceiptBook.Arrival<String>> arrival : arrivals) {
      ReceiptBook.Arrival<String> a = arrival.get(10, TimeUnit.SECONDS);
      firsts += a.first() ? 1 : 0;
      assertThat(a.receipt().answer()).isEqualTo("answer-1");
    }
    pool.shutdownNow();

    // then
    assertThat(processed.get()).isEqualTo(1);
    assertThat(firsts).isEqualTo(1);
    assertThat(book.get("MSG-1").orElseThrow().count()).isEqualTo(64);
  }

  @Test
  void shouldForgetOldestAndNotifyWhenCapacityExceeded() {
    // given
    List<String> evicted = new ArrayList<>();
    ReceiptBook<String> book = new ReceiptBook<>(2, r -> evicted.add(r.messageId()));

    // when
    for (String id : List.of("MSG-1", "MSG-2", "MSG-3")) {
      book.arrive(id, Instant.now(), m -> new Receipt<>(m, null, Instant.now(), "answer"));
    }

    // then
    assertThat(evicted).containsExactly("MSG-1");
    assertThat(book.get("MSG-1")).isEmpty();
    assertThat(book.all()).extracting(Receipt::messageId).containsExactly("MSG-2", "MSG-3");
  }
}
