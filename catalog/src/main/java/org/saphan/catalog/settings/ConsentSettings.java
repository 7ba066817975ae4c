package org.saphan.catalog.settings;

import java.util.List;

/**
 * The card's {@code consent} block: what personal data the service reads and shares, why and on
 * which lawful basis (models 3 and 4).
 *
 * @param purpose the purpose shown to the citizen
 * @param lawfulBasis the PDPA lawful basis ({@code consent}, {@code public_task}, ...)
 * @param dataCategories the categories read from GDX and shared with the agency
 */
public record ConsentSettings(
    LocalizedText purpose, String lawfulBasis, DataCategories dataCategories) {

  /**
   * The card's {@code consent.dataCategories}.
   *
   * @param read the categories the hub reads (from GDX) to pre-fill the form
   * @param shared the categories the agency receives
   */
  public record DataCategories(List<String> read, List<String> shared) {

    public DataCategories {
      read = List.copyOf(read);
      shared = List.copyOf(shared);
    }
  }
}
