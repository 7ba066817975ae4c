package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for the connector card loader ({@link CatalogLoader#validatePaths}, as {@code
 * ./saphan validate} and the hub's start-up read a card): any file is either a card or a list of
 * findings, never an exception, and a card is returned only when no finding is an error.
 *
 * <p>The card is checked against the project's home, so its references to mappings and the roadmap
 * resolve as a real card's do. Regression inputs: {@code CatalogLoaderFuzzTestInputs/<method>/}
 * (card files). Fuzzing: {@code ./saphan fuzz card}.
 */
class CatalogLoaderFuzzTest {

  private static final Path HOME =
      Path.of(System.getProperty("saphan.home", "..")).toAbsolutePath().normalize();
  private static final String NAME = "fuzz-card";
  private static final Path CARD = temporaryCard();

  private final CatalogLoader loader =
      new CatalogLoader(HOME, SecretResolver.of(Map.of()), LoadOptions.validate());

  @FuzzTest(maxDuration = "5m")
  void shouldReturnACardOrFindingsWhenLoadingAnyFile(byte[] file) throws IOException {
    // given
    Files.write(CARD, file);

    // when
    LoadResult result = loader.validatePaths(List.of(CARD));

    // then
    assertThat(result.filesChecked()).isEqualTo(1);
    assertThat(result.cards()).hasSizeLessThanOrEqualTo(1);
    if (!result.cards().isEmpty()) {
      assertThat(result.errors()).noneMatch(finding -> finding.card().equals(NAME));
    }
    result.findings().forEach(finding -> assertThat(finding.reason()).isNotBlank());
  }

  private static Path temporaryCard() {
    try {
      Path dir = Files.createTempDirectory("saphan-card-fuzz");
      dir.toFile().deleteOnExit();
      Path card = dir.resolve(NAME + CatalogLoader.CARD_SUFFIX);
      card.toFile().deleteOnExit();
      return card;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
