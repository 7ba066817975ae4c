package org.saphan.hub.batch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Fuzz target for {@link SettlementFileReader} with the shipped bill-payment layout: any bytes read
 * to the end without an exception, each line yielding exactly one good record or line-level {@link
 * BadLine}, plus the file-level problems (the reader's documented contract).
 *
 * <p>Regression inputs: {@code SettlementFileReaderFuzzTestInputs/<method>/} (raw file bytes).
 * Fuzzing: {@code ./saphan fuzz settlement}.
 */
class SettlementFileReaderFuzzTest {

  private static final FixedWidthLayout LAYOUT = Layouts.settlement();

  @FuzzTest(maxDuration = "5m")
  void shouldYieldOneResultPerLineWhenReadingAnyBytes(byte[] file) {
    // given
    long yielded = 0;
    long good = 0;

    // when
    try (SettlementFileReader reader =
        SettlementFileReader.open(new ByteArrayInputStream(file), LAYOUT)) {
      while (reader.hasNext()) {
        SettlementLine line = reader.next();
        assertThat(line).isNotNull();
        yielded++;
        if (!(line instanceof BadLine)) {
          good++;
        } else {
          assertThat(((BadLine) line).problem()).isNotNull();
        }
      }

      // then
      assertThat(reader.hasNext()).isFalse();
      assertThat(reader.goodRecords()).isEqualTo(good);
      assertThat(reader.goodRecords() + reader.badLines()).isEqualTo(reader.linesRead());
      assertThat(yielded)
          .isEqualTo(reader.goodRecords() + reader.badLines() + reader.fileProblems());
    }
  }
}
