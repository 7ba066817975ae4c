package org.saphan.hub.batch.layout;

import java.nio.file.Path;

/** Where the tests find the shipped layout and the settlement test files. */
final class Layouts {

  private Layouts() {}

  static Path home() {
    return Path.of(System.getProperty("saphan.home", "..")).toAbsolutePath().normalize();
  }

  static Path settlementLayoutFile() {
    return home().resolve("batch/layouts/bill-payment-settlement.yaml");
  }

  static FixedWidthLayout settlement() {
    return FixedWidthLayout.load(settlementLayoutFile());
  }

  static Path settlementFile(String name) {
    return home().resolve("hub/src/test/resources/settlement").resolve(name);
  }
}
