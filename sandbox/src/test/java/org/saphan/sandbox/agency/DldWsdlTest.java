package org.saphan.sandbox.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DldWsdlTest {

  @Test
  void shouldMatchTheCopyUnderMappingsWhenServedFromTheClassPath() throws IOException {
    // given
    String home = System.getProperty("saphan.home", "..");
    byte[] mappingsCopy =
        Files.readAllBytes(
            Path.of(home).resolve("mappings/dld-animal-movement-permit/AnimalMovementPermit.wsdl"));

    // when
    byte[] served;
    try (InputStream in =
        DldAnimalMovementPermitAgency.class.getResourceAsStream(
            DldAnimalMovementPermitAgency.WSDL_RESOURCE)) {
      served = in.readAllBytes();
    }

    // then
    assertThat(served).isEqualTo(mappingsCopy);
  }

  @Test
  void shouldCompileTheEmbeddedSchemaWhenWsdlLoaded() throws IOException {
    // given
    byte[] wsdl;
    try (InputStream in =
        DldAnimalMovementPermitAgency.class.getResourceAsStream(
            DldAnimalMovementPermitAgency.WSDL_RESOURCE)) {
      wsdl = in.readAllBytes();
    }

    // when / then
    assertThat(DldAnimalMovementPermitAgency.schemaOf(wsdl)).isNotNull();
    assertThat(new String(wsdl, java.nio.charset.StandardCharsets.UTF_8))
        .contains(DldAnimalMovementPermitAgency.WSDL_ADDRESS);
  }
}
