package org.saphan.hub.error;

import java.io.PrintStream;
import java.util.Objects;
import org.saphan.catalog.cli.GeneratedFile;

/**
 * Generates {@code docs/errors.md}, the published error catalog, from {@link ErrorCatalog}: {@code
 * ./saphan docs errors [--check]} ({@code ErrorDocCommand [--home DIR] [--check]}). With {@code
 * --check} nothing is written and the exit status is 1 when the file is not up to date: the command
 * line of {@link GeneratedFile}, as {@code catalog schema-doc} has.
 */
public final class ErrorDocCommand {

  /** The generated file under the Saphan home. */
  public static final String DOC_FILE = "docs/errors.md";

  /** The command that regenerates the file. */
  public static final String REGENERATE = "./saphan docs errors";

  private final PrintStream out;
  private final PrintStream err;
  private final String defaultHome;

  public ErrorDocCommand(PrintStream out, PrintStream err, String defaultHome) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.defaultHome = defaultHome;
  }

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    System.exit(
        new ErrorDocCommand(System.out, System.err, System.getProperty("saphan.home")).run(args));
  }

  /** Runs the command; 0 on success, 1 when {@code --check} finds a stale file, 2 on misuse. */
  public int run(String... args) {
    return GeneratedFile.run(
        "docs errors",
        DOC_FILE,
        REGENERATE,
        home -> render(ErrorCatalog.get()),
        defaultHome,
        out,
        err,
        args);
  }

  /** The whole catalog as Markdown: a table per group, an anchor per code. */
  public static String render(ErrorCatalog catalog) {
    StringBuilder text = new StringBuilder();
    text.append(
            "<!-- Generated from hub/src/main/resources/errors/catalog.yaml and ErrorCode by"
                + " org.saphan.hub.error.ErrorDocCommand. Do not edit: change the catalog and run ")
        .append(REGENERATE)
        .append(". -->\n# Error codes\n\n")
        .append(
            "Every refusal of the hub is an RFC 9457 `application/problem+json` document with a"
                + " stable `code`, its `title`, a `detail` for this occurrence and the request's"
                + " `correlationId`; SOAP faults carry the same code in `detail/Problem/Code`, and"
                + " dead letters name theirs as `causeCode`. Compare `code`, never `title` or"
                + " `detail`. The problem `type` is the URL of the code's entry in the hub's own"
                + " catalog, `/errors/<code>` (relative to the URL called, or absolute under"
                + " `saphan.api.public-url`): JSON by default, a page for a browser.\n\n")
        .append("**Retry** says whether to send the same request again:\n\n");
    for (ErrorCatalog.Retry retry : ErrorCatalog.Retry.values()) {
      text.append("- **")
          .append(retry.label())
          .append("** (`")
          .append(retry.wire())
          .append("`): ")
          .append(retryHelp(retry))
          .append('\n');
    }
    text.append(
        "\n**Seen by** names who typically meets the code: citizen / portal (the Citizen"
            + " Portal's backend), agency (its system), officer, operator, bank gateway"
            + " (e-Payment).\n\n");
    for (ErrorCatalog.Group group : catalog.groups()) {
      text.append("- [").append(group.title()).append("](#").append(anchor(group.title()));
      text.append(")\n");
    }
    for (ErrorCatalog.Group group : catalog.groups()) {
      text.append("\n## ")
          .append(group.title())
          .append("\n\n| Code | Status | Title | Meaning | What to do | Retry | Seen by |\n")
          .append("|---|---|---|---|---|---|---|\n");
      for (ErrorCatalog.Entry entry : group.entries()) {
        ErrorCode code = entry.code();
        text.append("| <a id=\"")
            .append(code.code())
            .append("\"></a>`")
            .append(code.code())
            .append("` | ")
            .append(code.httpStatus())
            .append(" | ")
            .append(cell(code.title()))
            .append(" | ")
            .append(cell(entry.meaning()))
            .append(" | ")
            .append(cell(entry.action()))
            .append(" | ")
            .append(entry.retry().label())
            .append(" | ")
            .append(entry.seenByLabel())
            .append(" |\n");
      }
    }
    return text.toString();
  }

  /** One entry as Markdown, for {@code GET /errors/<code>} with {@code Accept: text/markdown}. */
  public static String render(ErrorCatalog.Entry entry) {
    ErrorCode code = entry.code();
    return "# `"
        + code.code()
        + "`: "
        + code.title()
        + "\n\n"
        + "HTTP "
        + code.httpStatus()
        + " · "
        + entry.group()
        + "\n\n**Meaning.** "
        + entry.meaning()
        + "\n\n**What to do.** "
        + entry.action()
        + "\n\n**Retry:** "
        + entry.retry().label()
        + ". **Seen by:** "
        + entry.seenByLabel()
        + ".\n";
  }

  /** What each retry advice means, for the page's legend. */
  public static String retryHelp(ErrorCatalog.Retry retry) {
    return switch (retry) {
      case NEVER -> "the same request gets the same answer.";
      case AFTER_FIXING_REQUEST ->
          "change what the entry names (body, header, token, signature), then send it.";
      case AFTER_ACTION ->
          "someone must act first (the citizen, an officer, an operator, the other party);"
              + " then the same request can succeed.";
      case WITH_BACKOFF -> "a passing condition: send the same request later, backing off.";
      case AFTER_RETRY_AFTER -> "wait the seconds of the `Retry-After` header, then send it.";
    };
  }

  /** GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens. */
  static String anchor(String heading) {
    return heading
        .toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N} _-]", "")
        .replace(' ', '-');
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
