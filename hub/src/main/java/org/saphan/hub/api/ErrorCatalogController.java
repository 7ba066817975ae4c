package org.saphan.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.saphan.hub.error.ErrorCatalog;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.ErrorDocCommand;
import org.saphan.hub.error.SaphanException;
import org.springframework.http.CacheControl;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error catalog ({@link ErrorCatalog}) on the API port, open without a token: {@code /errors}
 * and {@code /errors/<code>}, where every problem's {@code type} points ({@link Problems#type}).
 * JSON by default; a browser (which asks for {@code text/html} first) gets a page, and {@code
 * text/markdown} the text of {@code docs/errors.md}. Every text is escaped, and the page may load
 * nothing (its Content-Security-Policy).
 */
@RestController
@Tag(
    name = "Error catalog",
    description =
        "Every error code of the hub: its HTTP status, title, meaning, what the caller should do,"
            + " whether to retry, and who typically meets it. The problem type of every refusal"
            + " is the URL of its entry here.")
public class ErrorCatalogController {

  /** The Markdown media type (RFC 7763). */
  static final MediaType TEXT_MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);

  private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

  /** The representations offered, the default first. */
  private static final List<MediaType> OFFERED =
      List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, TEXT_MARKDOWN);

  /** What a code looks like; anything else is not echoed back. */
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** The catalog changes only with a new build: caches may keep it for a while. */
  private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofHours(1)).cachePublic();

  private final ErrorCatalog catalog = ErrorCatalog.get();
  private final Problems problems;

  public ErrorCatalogController(Problems problems) {
    this.problems = problems;
  }

  @Operation(
      operationId = "listErrors",
      summary = "The error catalog",
      description =
          "Every error code in the groups of the catalog, with status, title, meaning, what to do,"
              + " retry advice, who sees it and its problem type URL. `Accept: text/html` gives a"
              + " page, `text/markdown` the text of docs/errors.md. No token needed.")
  @GetMapping(
      path = Problems.CATALOG_PATH,
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_HTML_VALUE, "text/markdown"})
  ResponseEntity<?> list(@RequestHeader(name = "Accept", required = false) String accept) {
    MediaType format = preferred(accept);
    if (format == MediaType.TEXT_HTML) {
      return page(ErrorCatalogHtml.catalog(catalog, problems));
    }
    if (format == TEXT_MARKDOWN) {
      return text(ErrorDocCommand.render(catalog));
    }
    List<Map<String, Object>> errors = new ArrayList<>();
    catalog.groups().forEach(g -> g.entries().forEach(e -> errors.add(view(e))));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .cacheControl(CACHE)
        .body(Map.of("errors", errors));
  }

  @Operation(
      operationId = "getError",
      summary = "One error code explained",
      description =
          "The catalog entry of one code: the URL every problem of that code names as its type."
              + " `Accept: text/html` gives a page, `text/markdown` a Markdown section. No token"
              + " needed.")
  @ApiErrors(ErrorCode.NOT_FOUND)
  @GetMapping(
      path = Problems.CATALOG_PATH + "/{code}",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_HTML_VALUE, "text/markdown"})
  ResponseEntity<?> one(
      @PathVariable("code") String code,
      @RequestHeader(name = "Accept", required = false) String accept) {
    ErrorCatalog.Entry entry =
        catalog
            .find(code)
            .orElseThrow(
                () ->
                    SaphanException.validation(
                        ErrorCode.NOT_FOUND,
                        CODE.matcher(code).matches()
                            ? "The hub has no error code '"
                                + code
                                + "'; see "
                                + Problems.CATALOG_PATH
                            : "The hub has no such error code; see " + Problems.CATALOG_PATH));
    MediaType format = preferred(accept);
    if (format == MediaType.TEXT_HTML) {
      return page(ErrorCatalogHtml.entry(entry, problems.type(entry.code())));
    }
    if (format == TEXT_MARKDOWN) {
      return text(ErrorDocCommand.render(entry));
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .cacheControl(CACHE)
        .body(view(entry));
  }

  private Map<String, Object> view(ErrorCatalog.Entry entry) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("code", entry.code().code());
    view.put("status", entry.code().httpStatus());
    view.put("title", entry.code().title());
    view.put("group", entry.group());
    view.put("meaning", entry.meaning());
    view.put("action", entry.action());
    view.put("retry", entry.retry().wire());
    view.put("retryAdvice", entry.retry().label());
    view.put("seenBy", entry.seenBy().stream().map(ErrorCatalog.Audience::wire).toList());
    view.put("type", problems.type(entry.code()).toString());
    return view;
  }

  private static ResponseEntity<String> page(String html) {
    return ResponseEntity.ok()
        .contentType(HTML)
        .cacheControl(CACHE)
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        .header("X-Content-Type-Options", "nosniff")
        .body(html);
  }

  private static ResponseEntity<String> text(String markdown) {
    return ResponseEntity.ok()
        .contentType(TEXT_MARKDOWN)
        .cacheControl(CACHE)
        .header("X-Content-Type-Options", "nosniff")
        .body(markdown);
  }

  /**
   * The offered type the caller prefers: the Accept entries by quality (in the header's order when
   * equal), each matched against JSON, then HTML, then Markdown; JSON without an Accept header or
   * for {@code *}{@code /*}. Spring's {@code produces} has already refused an Accept matching none.
   */
  static MediaType preferred(String accept) {
    if (accept == null || accept.isBlank()) {
      return MediaType.APPLICATION_JSON;
    }
    List<MediaType> accepted;
    try {
      accepted = new ArrayList<>(MediaType.parseMediaTypes(accept));
    } catch (InvalidMediaTypeException e) {
      return MediaType.APPLICATION_JSON;
    }
    accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
    for (MediaType type : accepted) {
      for (MediaType offered : OFFERED) {
        if (type.getQualityValue() > 0 && type.includes(offered)) {
          return offered;
        }
      }
    }
    return MediaType.APPLICATION_JSON;
  }
}
