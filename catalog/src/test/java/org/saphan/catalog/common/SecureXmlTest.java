package org.saphan.catalog.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

class SecureXmlTest {

  private static final String ENTITY =
      "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";

  @Test
  void shouldRefuseAsForbiddenConstructWhenTheDocumentHasADoctype() {
    // when / then
    assertThatThrownBy(() -> SecureXml.parse(ENTITY.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            XmlRefusedException.class,
            e -> {
              assertThat(e.forbiddenConstruct()).isTrue();
              assertThat(e.getMessage()).startsWith("DOCTYPE declarations are not accepted");
              assertThat(e.reason()).isEqualTo(SecureXml.DOCTYPE_REASON);
            });
  }

  @Test
  void shouldRefuseAsMalformedWithTheLineWhenTheDocumentIsNotWellFormed() {
    // when / then
    assertThatThrownBy(() -> SecureXml.parse("<r>\n<open></r>"))
        .isInstanceOfSatisfying(
            XmlRefusedException.class,
            e -> {
              assertThat(e.forbiddenConstruct()).isFalse();
              assertThat(e.getMessage()).startsWith("malformed XML at line 2");
              assertThat(e.reason()).startsWith("XML is not well-formed: ");
            });
  }

  @Test
  void shouldRefuseAsMalformedWhenThereAreNoBytes() {
    // when / then
    assertThatThrownBy(() -> SecureXml.parse(new byte[0]))
        .isInstanceOf(XmlRefusedException.class)
        .hasMessage("empty XML document");
  }

  @Test
  void shouldReadTheDocumentElementWithoutBuildingADomWhenThereIsNoDoctype() {
    // given
    byte[] xml = "<a:r xmlns:a=\"urn:x\"><b/></a:r>".getBytes(StandardCharsets.UTF_8);
    // then
    assertThat(SecureXml.documentElement(xml)).isEqualTo(new QName("urn:x", "r"));
    assertThat(SecureXml.documentElement(ENTITY.getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void shouldSerialiseWhatItParsedWhenTheDocumentIsWellFormed() {
    // given
    String xml = "<r a=\"1\"><c>ไทย</c></r>";
    // when
    String out = new String(SecureXml.serialize(SecureXml.parse(xml)), StandardCharsets.UTF_8);
    // then
    assertThat(out).endsWith(xml);
  }
}
