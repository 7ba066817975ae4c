package org.saphan.hub.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.saphan.catalog.json.StrictJson;

/**
 * What every {@link ErrorCode} means, what the caller should do about it, whether to retry, and who
 * typically meets it: the error catalog, read once from {@value #RESOURCE}.
 *
 * <p>The texts live in YAML, not in the enum: a hundred explanations of several sentences would
 * take the enum past a thousand lines, and a resource keyed by code is where people edit and later
 * translate them without touching Java. The file follows {@link ErrorCode}'s order in titled
 * groups; reading it refuses, listing every problem at once, a code without an entry, an entry for
 * a code that does not exist, an entry out of the enum's order, an empty or unknown field, and a
 * retry advice or audience outside {@link Retry} and {@link Audience}.
 */
public final class ErrorCatalog {

  /** The catalog's classpath resource. */
  public static final String RESOURCE = "/errors/catalog.yaml";

  private static final Set<String> FIELDS = Set.of("meaning", "action", "retry", "seenBy");

  /** Whether and when to send the same request again: a small closed set, not free text. */
  public enum Retry {
    /** The same request gets the same answer: do not send it again. */
    NEVER("never"),
    /** Change the request (body, header, token, signature) as the entry says, then send it. */
    AFTER_FIXING_REQUEST("after fixing the request"),
    /** Someone must act first (the citizen, an officer, an operator); then the same request. */
    AFTER_ACTION("after the action described"),
    /** A passing condition: send the same request again later, backing off exponentially. */
    WITH_BACKOFF("yes, with backoff"),
    /** Wait the seconds of the {@code Retry-After} header, then send the same request. */
    AFTER_RETRY_AFTER("after Retry-After");

    private final String label;

    Retry(String label) {
      this.label = label;
    }

    /** The value in the catalog file and the served JSON: {@code after_fixing_request}. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The human label of the published catalog. */
    public String label() {
      return label;
    }
  }

  /** Who typically meets a code. */
  public enum Audience {
    /** The Citizen Portal's backend, on its own or a citizen's behalf. */
    PORTAL("citizen / portal"),
    /** An agency's system: callbacks, SOAP status reports, and the deliveries it answers. */
    AGENCY("agency"),
    /** An agency officer or agency admin (back office, agency roles). */
    OFFICER("officer"),
    /** A portal operator (the {@code /ops/v1} API, logs, dead letters, start-up). */
    OPERATOR("operator"),
    /** The e-Payment gateway and the bank behind it (notifications, settlement files). */
    BANK_GATEWAY("bank gateway");

    private final String label;

    Audience(String label) {
      this.label = label;
    }

    /** The value in the catalog file and the served JSON: {@code bank_gateway}. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The human label of the published catalog. */
    public String label() {
      return label;
    }
  }

  /**
   * One code explained.
   *
   * @param code the code (its status and title come from {@link ErrorCode})
   * @param group the title of its group
   * @param meaning when the hub answers it
   * @param action what the caller should do
   * @param retry whether to send the same request again
   * @param seenBy who typically meets it
   */
  public record Entry(
      ErrorCode code,
      String group,
      String meaning,
      String action,
      Retry retry,
      List<Audience> seenBy) {

    /** Who sees it, in words: {@code citizen / portal, operator}. */
    public String seenByLabel() {
      return String.join(", ", seenBy.stream().map(Audience::label).toList());
    }
  }

  /**
   * A titled group of codes, as {@link ErrorCode} groups them.
   *
   * @param title the group's title
   * @param entries its codes in the enum's order
   */
  public record Group(String title, List<Entry> entries) {}

  private static final class Holder {
    private static final ErrorCatalog CATALOG = load();
  }

  private final List<Group> groups;
  private final Map<ErrorCode, Entry> entries;

  private ErrorCatalog(List<Group> groups) {
    this.groups = List.copyOf(groups);
    Map<ErrorCode, Entry> byCode = new EnumMap<>(ErrorCode.class);
    groups.forEach(g -> g.entries().forEach(e -> byCode.put(e.code(), e)));
    this.entries = Collections.unmodifiableMap(byCode);
  }

  /** The catalog of this build, read once. */
  public static ErrorCatalog get() {
    return Holder.CATALOG;
  }

  /** Reads {@value #RESOURCE}; fails with every problem of the file at once. */
  static ErrorCatalog load() {
    try (InputStream in = ErrorCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a catalog text; fails with every problem at once (tests give fixtures here). */
  static ErrorCatalog read(String yaml) {
    JsonNode root;
    try {
      root = StrictJson.yaml().readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "error catalog " + RESOURCE + " is not valid YAML: " + e.getOriginalMessage(), e);
    }
    List<String> problems = new ArrayList<>();
    List<Group> groups = new ArrayList<>();
    List<ErrorCode> order = new ArrayList<>();
    if (root == null || !root.path("groups").isArray() || root.size() != 1) {
      problems.add("the file must hold one key, 'groups', a list of {title, codes}");
    } else {
      for (JsonNode group : root.path("groups")) {
        String title = text(group, "title", "a group", problems);
        List<Entry> entries = new ArrayList<>();
        if (!group.path("codes").isObject() || group.size() != 2) {
          problems.add("group '" + title + "' must have exactly 'title' and 'codes' (a map)");
          continue;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = group.path("codes").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          Optional<ErrorCode> code = ErrorCode.fromCode(field.getKey());
          if (code.isEmpty()) {
            problems.add("'" + field.getKey() + "' is not a code of ErrorCode");
            continue;
          }
          order.add(code.get());
          entry(code.get(), title, field.getValue(), problems).ifPresent(entries::add);
        }
        groups.add(new Group(title, entries));
      }
    }
    checkCoverage(order, problems);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "error catalog " + RESOURCE + " is invalid:\n - " + String.join("\n - ", problems));
    }
    return new ErrorCatalog(groups);
  }

  private static Optional<Entry> entry(
      ErrorCode code, String group, JsonNode node, List<String> problems) {
    String where = code.code();
    if (!node.isObject()) {
      problems.add(where + ": must be a map of " + FIELDS);
      return Optional.empty();
    }
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                problems.add(where + ": unknown field '" + name + "'");
              }
            });
    String meaning = text(node, "meaning", where, problems);
    String action = text(node, "action", where, problems);
    String retryText = text(node, "retry", where, problems);
    Retry retry =
        Arrays.stream(Retry.values())
            .filter(r -> r.wire().equals(retryText))
            .findFirst()
            .orElse(null);
    if (retry == null && !retryText.isEmpty()) {
      problems.add(where + ": retry '" + retryText + "' is not one of " + wires(Retry.values()));
    }
    List<Audience> seenBy = new ArrayList<>();
    JsonNode audiences = node.path("seenBy");
    if (!audiences.isArray() || audiences.isEmpty()) {
      problems.add(where + ": seenBy must list at least one of " + wires(Audience.values()));
    }
    for (JsonNode audience : audiences) {
      Arrays.stream(Audience.values())
          .filter(a -> a.wire().equals(audience.asText()))
          .findFirst()
          .ifPresentOrElse(
              seenBy::add,
              () ->
                  problems.add(
                      where
                          + ": seenBy '"
                          + audience.asText()
                          + "' is not one of "
                          + wires(Audience.values())));
    }
    if (meaning.isEmpty() || action.isEmpty() || retry == null || seenBy.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Entry(code, group, meaning, action, retry, List.copyOf(seenBy)));
  }

  /** Every code once, in the enum's order, so the groups stay those of {@link ErrorCode}. */
  private static void checkCoverage(List<ErrorCode> order, List<String> problems) {
    Set<ErrorCode> seen = java.util.EnumSet.noneOf(ErrorCode.class);
    for (ErrorCode code : order) {
      if (!seen.add(code)) {
        problems.add(code.code() + ": explained twice");
      }
    }
    for (ErrorCode code : ErrorCode.values()) {
      if (!seen.contains(code)) {
        problems.add(code.code() + ": no explanation (add it where ErrorCode declares it)");
      }
    }
    List<ErrorCode> expected = Arrays.stream(ErrorCode.values()).filter(seen::contains).toList();
    List<ErrorCode> distinct = order.stream().distinct().toList();
    for (int i = 0; i < distinct.size(); i++) {
      if (distinct.get(i) != expected.get(i)) {
        problems.add(
            distinct.get(i).code()
                + ": out of ErrorCode's order (expected "
                + expected.get(i).code()
                + " here)");
        break;
      }
    }
  }

  private static String text(JsonNode node, String field, String where, List<String> problems) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      problems.add(where + ": " + field + " is missing or empty");
      return "";
    }
    return value.asText().strip();
  }

  private static String wires(Enum<?>[] values) {
    return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList().toString();
  }

  /** The groups, in {@link ErrorCode}'s order. */
  public List<Group> groups() {
    return groups;
  }

  /** The entry of a code (every code has one). */
  public Entry entry(ErrorCode code) {
    return entries.get(code);
  }

  /** The entry of a wire code, if the code exists. */
  public Optional<Entry> find(String code) {
    return ErrorCode.fromCode(code).map(entries::get);
  }
}
