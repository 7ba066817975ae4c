package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README is a map of the documentation: every relative link in {@code README.md} and {@code
 * docs/**}{@code /*.md} points at a file that exists and, with a {@code #fragment} into Markdown,
 * at a heading that exists there (GitHub's anchor rules). Links that leave the repository (such as
 * {@code ../shared/}) and absolute URLs are not checked.
 */
class DocumentationLinksTest {

  /** Inline links and images: {@code [text](target)}, {@code ![alt](target "title")}. */
  private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?");

  /** Reference definitions: {@code [label]: target}. */
  private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?$");

  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

  private static final Pattern HTML_ANCHOR =
      Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

  private final Path home = Path.of(System.getProperty("saphan.home", "..")).toAbsolutePath();

  @Test
  void shouldFindEveryRelativeLinkTargetWhenReadingTheReadmeAndTheDocs() throws IOException {
    // given
    List<Path> pages = pages();
    // when
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      for (String target : links(Files.readString(page))) {
        String problem = check(page, target);
        if (problem != null) {
          broken.add(home.relativize(page) + ": " + target + " (" + problem + ")");
        }
      }
    }
    // then
    assertThat(pages).contains(home.resolve("README.md"));
    assertThat(broken).as("broken links in the documentation").isEmpty();
  }

  @Test
  void shouldMakeGithubAnchorsWhenHeadingsHaveCodeAndPunctuation() {
    assertThat(slug("JWS, detached (REST)")).isEqualTo("jws-detached-rest");
    assertThat(slug("WS-Security X.509 token profile (`wss-x509`)"))
        .isEqualTo("ws-security-x509-token-profile-wss-x509");
    assertThat(slug("Model 3, REST agency: DCY newborn grant — issue 6"))
        .isEqualTo("model-3-rest-agency-dcy-newborn-grant--issue-6");
    assertThat(slug("[Keys](keys.md) and **rotation**")).isEqualTo("keys-and-rotation");
  }

  @Test
  void shouldReportAMissingFileAndAMissingAnchorWhenALinkIsBroken() throws IOException {
    // given
    Path page = home.resolve("README.md");
    // then
    assertThat(check(page, "docs/no-such-page.md")).isEqualTo("no such file");
    assertThat(check(page, "README.md#no-such-heading")).isEqualTo("no such anchor");
    assertThat(check(page, "#quick-start")).isNull();
    assertThat(check(page, "https://example.org/anything")).isNull();
  }

  private List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(home.resolve("README.md"));
    Path docs = home.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> files = Files.walk(docs)) {
        files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(pages::add);
      }
    }
    return pages;
  }

  /** The link targets of a Markdown text, outside fenced code blocks and code spans. */
  static List<String> links(String markdown) {
    List<String> targets = new ArrayList<>();
    for (String line : prose(markdown)) {
      String text = line.replaceAll("`[^`]*`", "``");
      Matcher inline = INLINE_LINK.matcher(text);
      while (inline.find()) {
        targets.add(inline.group(1));
      }
      Matcher reference = REFERENCE.matcher(text);
      if (reference.matches()) {
        targets.add(reference.group(1));
      }
    }
    return targets;
  }

  /** The lines of a Markdown text outside fenced code blocks. */
  private static List<String> prose(String markdown) {
    List<String> lines = new ArrayList<>();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** Why a link is broken, or null when it is fine (or not checked). */
  private String check(Path page, String target) throws IOException {
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return null; // http:, https:, mailto:: not checked
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String fragment = hash < 0 ? null : target.substring(hash + 1);
    Path resolved =
        file.isEmpty()
            ? page
            : page.getParent().resolve(URLDecoder.decode(file, StandardCharsets.UTF_8)).normalize();
    if (!resolved.startsWith(home)) {
      return null; // outside the repository (../shared/ beside a checkout)
    }
    if (!Files.exists(resolved)) {
      return "no such file";
    }
    if (fragment != null
        && resolved.toString().endsWith(".md")
        && !anchors(Files.readString(resolved)).contains(fragment)) {
      return "no such anchor";
    }
    return null;
  }

  /** The anchors GitHub gives a Markdown text: one per heading (deduplicated), and HTML ids. */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : prose(markdown)) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String slug = slug(heading.group(1));
        int count = seen.merge(slug, 1, Integer::sum);
        anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
      }
      Matcher html = HTML_ANCHOR.matcher(line);
      while (html.find()) {
        anchors.add(html.group(1));
      }
    }
    return anchors;
  }

  /** GitHub's heading anchor: link text kept, lower case, punctuation dropped, spaces → '-'. */
  static String slug(String heading) {
    String text = heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1");
    return text.toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "")
        .replace(' ', '-');
  }
}
