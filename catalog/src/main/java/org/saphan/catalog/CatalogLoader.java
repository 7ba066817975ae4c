package org.saphan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.saphan.catalog.mapping.GoldenExamples;
import org.saphan.catalog.mapping.MappingException;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.catalog.settings.CardSettingsJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and checks the connector cards of a Saphan home ({@code connectors/*.connector.yaml}):
 * YAML, JSON Schema, the rules between properties and files, secret references, the golden examples
 * of every mapping, and each card's place in the service roadmap ({@code
 * connectors/roadmap/services.json}). No database, no network.
 */
public final class CatalogLoader {

  /** Largest card file accepted. */
  public static final long MAX_CARD_BYTES = 256 * 1024;

  /** Suffix of connector card files. */
  public static final String CARD_SUFFIX = ".connector.yaml";

  /** Folder of the cards under the Saphan home. */
  public static final String CONNECTORS_FOLDER = "connectors";

  private static final Logger log = LoggerFactory.getLogger(CatalogLoader.class);

  private static final Comparator<Finding> FINDING_ORDER =
      Comparator.comparing((Finding finding) -> String.valueOf(finding.file()))
          .thenComparingInt(Finding::line)
          .thenComparing(Finding::path)
          .thenComparing(Finding::reason);

  private final Path home;
  private final SecretResolver resolver;
  private final LoadOptions options;
  private final YamlCardReader reader = new YamlCardReader();
  private final Map<Path, MappingRunner> runners = new LinkedHashMap<>();
  private final Map<Path, RoadmapRules> roadmaps = new LinkedHashMap<>();

  /**
   * A loader for the cards under {@code home}.
   *
   * @param home the Saphan home (holds {@code connectors/} and {@code mappings/})
   * @param resolver where {@code ${env:NAME}} references are resolved
   * @param options how strict the checks are
   */
  public CatalogLoader(Path home, SecretResolver resolver, LoadOptions options) {
    this.home = home.toAbsolutePath().normalize();
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The Saphan home. */
  public Path home() {
    return home;
  }

  /** Reads every {@code connectors/*.connector.yaml} of the home; never throws on a bad card. */
  public LoadResult load() {
    Path folder = home.resolve(CONNECTORS_FOLDER);
    if (!Files.isDirectory(folder)) {
      return new LoadResult(
          List.of(),
          List.of(
              Finding.error(
                  "",
                  "",
                  "folder does not exist in the Saphan home " + home,
                  Path.of(CONNECTORS_FOLDER),
                  0)),
          0);
    }
    List<Finding> findings = new ArrayList<>();
    List<CardFile> files = new ArrayList<>();
    cardsIn(folder, home, files, findings);
    findings.addAll(roadmapOf(home).findings());
    return check(files, findings);
  }

  /**
   * Reads every card like {@link #load()} and returns them, logging the warnings.
   *
   * @throws CatalogException listing every error when any card is invalid
   */
  public Catalog loadOrThrow() {
    LoadResult result = load();
    result.warnings().forEach(warning -> log.warn("{}", warning));
    if (result.hasErrors()) {
      throw new CatalogException(result.errors());
    }
    log.info("Loaded {} connector cards from {}", result.cards().size(), home);
    return new Catalog(result.cards(), result.warnings());
  }

  /**
   * Checks the given files and folders: a file must be a card; a folder stands for its cards, or,
   * when it has a {@code connectors/} child, for the cards of that Saphan home.
   */
  public LoadResult validatePaths(List<Path> paths) {
    List<Finding> findings = new ArrayList<>();
    List<CardFile> files = new ArrayList<>();
    for (Path given : paths) {
      Path path = given.toAbsolutePath().normalize();
      if (Files.isDirectory(path.resolve(CONNECTORS_FOLDER))) {
        cardsIn(path.resolve(CONNECTORS_FOLDER), path, files, findings);
      } else if (Files.isDirectory(path)) {
        cardsIn(path, home, files, findings);
      } else if (!Files.exists(path)) {
        findings.add(Finding.error("", "", "does not exist", shown(path, home), 0));
      } else if (!path.getFileName().toString().endsWith(CARD_SUFFIX)) {
        findings.add(
            Finding.error(
                "",
                "",
                "is not a connector card: card files are named <agency>-<service>" + CARD_SUFFIX,
                shown(path, home),
                0));
      } else {
        files.add(new CardFile(path, home));
      }
    }
    List<CardFile> distinct = files.stream().distinct().toList();
    distinct.stream()
        .map(CardFile::home)
        .distinct()
        .forEach(cardHome -> findings.addAll(roadmapOf(cardHome).findings()));
    return check(distinct, findings);
  }

  private static void cardsIn(
      Path folder, Path cardHome, List<CardFile> files, List<Finding> findings) {
    try (Stream<Path> entries = Files.list(folder)) {
      entries
          .filter(file -> file.getFileName().toString().endsWith(CARD_SUFFIX))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(file -> files.add(new CardFile(file.toAbsolutePath().normalize(), cardHome)));
    } catch (IOException e) {
      findings.add(
          Finding.error(
              "", "", "folder cannot be read: " + e.getMessage(), shown(folder, cardHome), 0));
    }
  }

  private LoadResult check(List<CardFile> files, List<Finding> findings) {
    Map<String, CardOutcome> byName = new TreeMap<>();
    List<CardOutcome> outcomes = new ArrayList<>();
    for (CardFile file : files) {
      CardOutcome outcome = checkCard(file);
      outcomes.add(outcome);
      if (outcome.metadataName != null) {
        CardOutcome first = byName.putIfAbsent(outcome.metadataName, outcome);
        if (first != null) {
          outcome.report(
              Severity.ERROR,
              "metadata.name",
              "'" + outcome.metadataName + "' is already used by " + slashes(first.shownFile));
        }
      }
    }
    List<ConnectorCard> cards = new ArrayList<>();
    for (CardOutcome outcome : outcomes) {
      findings.addAll(outcome.findings);
      if (outcome.card != null && outcome.findings.stream().noneMatch(Finding::isError)) {
        cards.add(outcome.card);
      }
    }
    cards.sort(Comparator.comparing(ConnectorCard::name));
    findings.sort(FINDING_ORDER);
    return new LoadResult(cards, findings, files.size());
  }

  private CardOutcome checkCard(CardFile file) {
    String fileName = file.path.getFileName().toString();
    String cardName = fileName.substring(0, fileName.length() - CARD_SUFFIX.length());
    CardOutcome outcome = new CardOutcome(cardName, shown(file.path, file.home));
    String text;
    try {
      long size = Files.size(file.path);
      if (size > MAX_CARD_BYTES) {
        outcome.addAtLine(
            "",
            "file is "
                + size
                + " bytes; a connector card may be at most "
                + MAX_CARD_BYTES
                + " bytes (256 KiB)",
            0);
        return outcome;
      }
      text = decode(Files.readAllBytes(file.path));
    } catch (CharacterCodingException e) {
      outcome.addAtLine(
          "",
          "file is not valid UTF-8; save it as UTF-8 (TIS-620 and Windows-874 are not supported)",
          0);
      return outcome;
    } catch (IOException e) {
      outcome.addAtLine("", "file cannot be read: " + e.getMessage(), 0);
      return outcome;
    }
    YamlCardReader.Result yaml = reader.read(text);
    yaml.problems()
        .forEach(problem -> outcome.addAtLine(problem.path(), problem.reason(), problem.line()));
    if (yaml.root() == null) {
      return outcome;
    }
    outcome.yaml = yaml;
    JsonNode json = yaml.root();
    rewriteSandboxUrls(json);
    JsonNode name = json.path("metadata").path("name");
    outcome.metadataName = name.isTextual() ? name.asText() : null;

    CardSchema schema = CardSchema.bundled();
    schema
        .validate(json)
        .forEach(
            violation ->
                outcome.add(
                    Severity.ERROR, violation.path(), violation.reason(), violation.linePath()));
    Map<String, Secret> credentials =
        new CardRules(file.home, resolver, options).check(json, cardName, outcome);
    new SchemaRules(file.home).check(json, cardName, outcome);
    roadmapOf(file.home).check(json, outcome);
    OutboundUrlRules.of(options).check(json, outcome);
    checkMappings(json, cardName, file.home, outcome);

    if (outcome.findings.stream().noneMatch(Finding::isError)) {
      JsonNode withDefaults = json.deepCopy();
      new SchemaDefaults(schema.json()).apply(withDefaults);
      try {
        outcome.card =
            new ConnectorCard(
                cardName,
                IntegrationModel.of(json.path("model").asInt()),
                outcome.shownFile,
                withDefaults,
                credentials);
      } catch (CardSettingsJson.Unreadable e) {
        outcome.report(Severity.ERROR, e.property(), e.reason());
      }
    }
    return outcome;
  }

  /** The roadmap rules of a Saphan home, reading its roadmap once per loader. */
  private RoadmapRules roadmapOf(Path cardHome) {
    return roadmaps.computeIfAbsent(cardHome, RoadmapRules::of);
  }

  /** Re-points sandbox URLs at the sandbox's real address (sandbox profile only). */
  private void rewriteSandboxUrls(JsonNode json) {
    if (options.sandboxAddress() == null) {
      return;
    }
    JsonNode operations = json.path("checks").path("operations");
    for (JsonNode operation : operations) {
      if (operation instanceof com.fasterxml.jackson.databind.node.ObjectNode object
          && operation.path("endpoint").isTextual()) {
        object.put("endpoint", options.rewrite(operation.path("endpoint").asText()));
      }
    }
    for (String pointer : LoadOptions.URL_POINTERS.values()) {
      JsonNode url = json.at(pointer);
      if (url.isTextual()) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = json.at(pointer.substring(0, slash));
        if (parent instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
          object.put(pointer.substring(slash + 1), options.rewrite(url.asText()));
        }
      }
    }
  }

  /** Compiles the card's mappings and runs their golden examples. */
  private void checkMappings(JsonNode json, String cardName, Path cardHome, CardOutcome outcome) {
    checkOperationMappings(json, cardName, cardHome, outcome);
    JsonNode declared = json.path("api").path("mappings");
    if (!declared.isObject()) {
      return;
    }
    MappingRunner runner = runners.computeIfAbsent(cardHome, MappingRunner::new);
    Map<MappingKey, Path> mappings = new EnumMap<>(MappingKey.class);
    Set<MappingKey> broken = EnumSet.noneOf(MappingKey.class);
    for (MappingKey key : MappingKey.values()) {
      JsonNode file = declared.path(key.key());
      if (!file.isTextual()) {
        continue;
      }
      mappings.put(key, Path.of(file.asText()));
      if (!compiles(runner, cardHome, file.asText(), "api.mappings." + key.key(), outcome, false)) {
        broken.add(key);
      }
    }
    outcome.findings.addAll(new GoldenExamples(runner).check(cardName, mappings, broken));
    outcome.findings.addAll(new ExampleContractRules(cardHome).check(json, cardName));
  }

  /**
   * The check operations' mappings ({@code checks.operations.<name>.mappings}): each exists and
   * compiles, and the operation's golden examples ({@code mappings/<card>/<operation>/examples/})
   * run.
   */
  private void checkOperationMappings(
      JsonNode json, String cardName, Path cardHome, CardOutcome outcome) {
    JsonNode operations = json.path("checks").path("operations");
    if (!operations.isObject()) {
      return;
    }
    MappingRunner runner = runners.computeIfAbsent(cardHome, MappingRunner::new);
    for (Iterator<Map.Entry<String, JsonNode>> it = operations.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> operation = it.next();
      Map<MappingKey, Path> mappings = new EnumMap<>(MappingKey.class);
      Set<MappingKey> broken = EnumSet.noneOf(MappingKey.class);
      for (MappingKey key : List.of(MappingKey.REQUEST, MappingKey.RESPONSE)) {
        JsonNode file = operation.getValue().path("mappings").path(key.key());
        if (!file.isTextual()) {
          continue;
        }
        mappings.put(key, Path.of(file.asText()));
        String property = "checks.operations." + operation.getKey() + ".mappings." + key.key();
        if (!compiles(runner, cardHome, file.asText(), property, outcome, true)) {
          broken.add(key);
        }
      }
      outcome.findings.addAll(
          new GoldenExamples(runner).check(cardName + "/" + operation.getKey(), mappings, broken));
    }
  }

  /** Whether a mapping file exists under the home and compiles; reported when it does not. */
  private static boolean compiles(
      MappingRunner runner,
      Path cardHome,
      String file,
      String property,
      CardOutcome outcome,
      boolean reportMissing) {
    Path mapping = Path.of(file);
    if (!Files.isRegularFile(cardHome.resolve(mapping).normalize())
        || !cardHome.resolve(mapping).normalize().startsWith(cardHome)) {
      if (reportMissing) {
        outcome.report(Severity.ERROR, property, "mapping file " + file + " does not exist");
      }
      return false;
    }
    try {
      runner.compile(mapping);
      return true;
    } catch (MappingException e) {
      outcome.report(
          Severity.ERROR, property, "mapping file " + file + " does not compile: " + e.reason());
      return false;
    }
  }

  private static String decode(byte[] bytes) throws CharacterCodingException {
    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static Path shown(Path file, Path cardHome) {
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(cardHome) ? cardHome.relativize(absolute) : absolute;
  }

  private static String slashes(Path path) {
    return path.toString().replace('\\', '/');
  }

  /** A card file and the Saphan home its references resolve against. */
  private record CardFile(Path path, Path home) {}

  /** What checking one card file produced. */
  private static final class CardOutcome implements CardRules.Reporter {
    private final String cardName;
    private final Path shownFile;
    private final List<Finding> findings = new ArrayList<>();
    private YamlCardReader.Result yaml = new YamlCardReader.Result(null, Map.of(), List.of());
    private String metadataName;
    private ConnectorCard card;

    CardOutcome(String cardName, Path shownFile) {
      this.cardName = cardName;
      this.shownFile = shownFile;
    }

    @Override
    public void report(Severity severity, String path, String reason) {
      add(severity, path, reason, path);
    }

    void add(Severity severity, String path, String reason, String linePath) {
      findings.add(new Finding(severity, cardName, path, reason, shownFile, lineOf(linePath)));
    }

    void addAtLine(String path, String reason, int line) {
      findings.add(Finding.error(cardName, path, reason, shownFile, line));
    }

    private int lineOf(String path) {
      return yaml.lineOf(path);
    }
  }
}
