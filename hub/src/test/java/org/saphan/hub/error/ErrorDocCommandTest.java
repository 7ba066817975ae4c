package org.saphan.hub.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/errors.md is generated from the error catalog and kept in step with it. */
class ErrorDocCommandTest {

  @Test
  void shouldFindDocsErrorsUpToDateWhenCheckedAgainstTheCatalog() {
    // given
    String home = Path.of(System.getProperty("saphan.home", "..")).toString();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // when
    int status =
        new ErrorDocCommand(new PrintStream(out, true), new PrintStream(out, true), home)
            .run("--check");
    // then: the message names the command to run
    assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
  }

  @Test
  void shouldReportStaleWithTheCommandWhenTheFileDiffers(@TempDir Path home) throws Exception {
    // given
    Files.createDirectories(home.resolve("docs"));
    Files.writeString(home.resolve(ErrorDocCommand.DOC_FILE), "# hand-edited\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ErrorDocCommand command =
        new ErrorDocCommand(
            new PrintStream(out, true), new PrintStream(out, true), home.toString());
    // when
    int status = command.run("--check");
    // then
    assertThat(status).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("./saphan docs errors");
    // and writing it makes it current
    assertThat(command.run()).isZero();
    assertThat(command.run("--check")).isZero();
  }

  @Test
  void shouldGiveEveryCodeAnAnchorAndARowWhenRendered() {
    // when
    String doc = ErrorDocCommand.render(ErrorCatalog.get());
    // then
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(doc).contains("| <a id=\"" + code.code() + "\"></a>`" + code.code() + "` | ");
    }
    assertThat(doc).contains("## Consent (PDPA)").contains("(#consent-pdpa)");
  }

  @Test
  void shouldRefuseUnknownArgumentsWhenRun() {
    // given
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    // when
    int status =
        new ErrorDocCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), ".")
            .run("--frobnicate");
    // then
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument --frobnicate");
  }
}
