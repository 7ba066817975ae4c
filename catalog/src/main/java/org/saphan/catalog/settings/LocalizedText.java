package org.saphan.catalog.settings;

import java.util.Optional;

/**
 * A text in Thai, and in English where the card gives it ({@code $defs/localizedText}).
 *
 * @param th the Thai text
 * @param en the English text
 */
public record LocalizedText(String th, Optional<String> en) {

  /** The English text where there is one, else the Thai. */
  public String englishOrThai() {
    return en.orElse(th);
  }
}
