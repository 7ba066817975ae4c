package org.saphan.catalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The card format's documentation is generated from the schema and kept in step with it. */
class SchemaDocCommandTest {

  @Test
  void shouldFindConnectorsReadmeUpToDateWhenCheckedAgainstTheSchema() {
    // given
    String home = Path.of(System.getProperty("saphan.home", "..")).toString();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // when
    int code =
        new SchemaDocCommand(new PrintStream(out, true), new PrintStream(out, true), home)
            .run("--check");
    // then
    assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
  }
}
