package org.saphan.hub.api;

import java.net.URI;
import org.saphan.hub.error.ErrorCatalog;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.ErrorDocCommand;
import org.springframework.web.util.HtmlUtils;

/**
 * The error catalog as pages for a browser (the problem {@code type} opened by a person): every
 * text HTML-escaped, no script, no external resource.
 */
final class ErrorCatalogHtml {

  private static final String STYLE =
      "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.4}"
          + "table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;"
          + "padding:.4em;border-bottom:1px solid #ddd}code{background:#f4f4f4;padding:0 .2em}"
          + "dt{font-weight:bold;margin-top:.8em}";

  private ErrorCatalogHtml() {}

  /** The page of one code. */
  static String entry(ErrorCatalog.Entry entry, URI type) {
    ErrorCode code = entry.code();
    StringBuilder html = head(code.code() + ": " + code.title());
    html.append("<p><a href=\"")
        .append(Problems.CATALOG_PATH)
        .append("\">All error codes</a></p><h1><code>")
        .append(escape(code.code()))
        .append("</code> ")
        .append(escape(code.title()))
        .append("</h1><p>HTTP ")
        .append(code.httpStatus())
        .append(" · ")
        .append(escape(entry.group()))
        .append("</p><dl><dt>Meaning</dt><dd>")
        .append(escape(entry.meaning()))
        .append("</dd><dt>What to do</dt><dd>")
        .append(escape(entry.action()))
        .append("</dd><dt>Retry</dt><dd>")
        .append(escape(entry.retry().label()))
        .append(": ")
        .append(escape(ErrorDocCommand.retryHelp(entry.retry())))
        .append("</dd><dt>Seen by</dt><dd>")
        .append(escape(entry.seenByLabel()))
        .append("</dd><dt>Problem type</dt><dd><code>")
        .append(escape(type.toString()))
        .append("</code></dd></dl>");
    return tail(html);
  }

  /** The page of the whole catalog: a table per group. */
  static String catalog(ErrorCatalog catalog, Problems problems) {
    StringBuilder html = head("Error codes");
    html.append("<h1>Error codes</h1><p>Every refusal of the hub is a problem+json document whose")
        .append(" <code>code</code> is one of these and whose <code>type</code> links here.</p>");
    for (ErrorCatalog.Group group : catalog.groups()) {
      html.append("<h2>")
          .append(escape(group.title()))
          .append("</h2><table><tr><th>Code</th><th>Status</th><th>Title</th><th>Meaning</th>")
          .append("<th>What to do</th><th>Retry</th></tr>");
      for (ErrorCatalog.Entry entry : group.entries()) {
        ErrorCode code = entry.code();
        html.append("<tr id=\"")
            .append(escape(code.code()))
            .append("\"><td><a href=\"")
            .append(escape(problems.type(code).toString()))
            .append("\"><code>")
            .append(escape(code.code()))
            .append("</code></a></td><td>")
            .append(code.httpStatus())
            .append("</td><td>")
            .append(escape(code.title()))
            .append("</td><td>")
            .append(escape(entry.meaning()))
            .append("</td><td>")
            .append(escape(entry.action()))
            .append("</td><td>")
            .append(escape(entry.retry().label()))
            .append("</td></tr>");
      }
      html.append("</table>");
    }
    return tail(html);
  }

  private static StringBuilder head(String title) {
    return new StringBuilder(8192)
        .append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
        .append(escape(title))
        .append(" · Saphan</title><style>")
        .append(STYLE)
        .append("</style></head><body>");
  }

  private static String tail(StringBuilder html) {
    return html.append("</body></html>\n").toString();
  }

  private static String escape(String text) {
    return HtmlUtils.htmlEscape(text, "UTF-8");
  }
}
