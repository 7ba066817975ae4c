package org.saphan.hub.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manifest text of docs/evidence.md, byte for byte. */
class ManifestsTest {

  @Test
  void shouldWriteTheManifestOnOneLineWithoutSpacesInTheContractsKeyOrder() {
    // given
    String a = "a".repeat(64);
    String b = "b".repeat(64);
    // when
    String text =
        Manifests.text(
            17,
            Instant.parse("2026-12-07T10:15:31.000001Z"),
            Manifests.GENESIS,
            List.of(new Manifests.Sealed(1041, a), new Manifests.Sealed(1042, b)));
    // then
    assertThat(text)
        .isEqualTo(
            "{\"format\":\"saphan-evidence-manifest/1\",\"id\":17,"
                + "\"created\":\"2026-12-07T10:15:31.000001Z\",\"previous\":\""
                + "0".repeat(64)
                + "\",\"records\":[{\"id\":1041,\"sha256\":\""
                + a
                + "\"},{\"id\":1042,\"sha256\":\""
                + b
                + "\"}]}");
  }
}
