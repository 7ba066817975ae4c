package org.saphan.catalog.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.saphan.catalog.Finding;
import org.saphan.catalog.MappingKey;
import org.saphan.catalog.common.SecureXml;
import org.saphan.catalog.common.XmlRefusedException;
import org.saphan.catalog.json.StrictJson;
import org.w3c.dom.Document;

/**
 * Runs the golden examples of a card's mappings and reports every mismatch.
 *
 * <p>Convention: {@code mappings/<connector>/examples/<example>.<mapping>.input.(json|xml)} is run
 * through the card's {@code api.mappings.<mapping>} ({@code request}, {@code response} or {@code
 * status}) and the output must equal {@code <example>.<mapping>.expected.json} (compared as JSON
 * trees) or {@code <example>.<mapping>.expected.xml} (compared as XML, see {@link XmlDiff}).
 */
public final class GoldenExamples {

  /** The folder of examples under {@code mappings/<connector>/}. */
  public static final String FOLDER = "examples";

  private static final Pattern FILE_NAME =
      Pattern.compile(
          "(?<example>[A-Za-z0-9_-]+)\\.(?<mapping>request|response|status|poll|payment)"
              + "\\.(?<role>input|expected)\\.(?<format>json|xml)");
  private static final ObjectMapper JSON = StrictJson.mapper();

  private final MappingRunner runner;

  /** Examples run through {@code runner}, whose home holds the {@code mappings/} folder. */
  public GoldenExamples(MappingRunner runner) {
    this.runner = runner;
  }

  /**
   * Runs every example of {@code card}.
   *
   * @param card the connector name
   * @param declared the mapping files the card declares, relative to the home
   * @param skipped mappings already reported as broken, whose examples are not run
   * @return one finding per problem; files relative to the home
   */
  public List<Finding> check(String card, Map<MappingKey, Path> declared, Set<MappingKey> skipped) {
    List<Finding> findings = new ArrayList<>();
    Path folder = runner.home().resolve("mappings").resolve(card).resolve(FOLDER);
    Path shownFolder = runner.home().relativize(folder);
    Map<String, Example> examples = new TreeMap<>();
    for (Path file : files(folder)) {
      Matcher name = FILE_NAME.matcher(file.getFileName().toString());
      if (!name.matches()) {
        findings.add(
            Finding.warning(
                card,
                "",
                "is not a golden example file; name examples"
                    + " <example>.<request|response|status|poll|payment>.<input|expected>.<json|xml>",
                shown(file),
                0));
        continue;
      }
      Example example =
          examples.computeIfAbsent(
              name.group("example") + "." + name.group("mapping"),
              key ->
                  new Example(
                      name.group("example"),
                      MappingKey.fromKey(name.group("mapping")).orElseThrow()));
      if (name.group("role").equals("input")) {
        example.inputs.add(file);
      } else {
        example.expected.add(file);
      }
    }
    EnumSet<MappingKey> exercised = EnumSet.noneOf(MappingKey.class);
    for (Example example : examples.values()) {
      exercised.add(example.mapping);
      check(card, example, declared, skipped, findings);
    }
    for (MappingKey key : declared.keySet()) {
      if (!exercised.contains(key)) {
        findings.add(
            Finding.warning(
                card,
                "api.mappings." + key.key(),
                "has no golden example; add <example>."
                    + key.key()
                    + ".input.json and <example>."
                    + key.key()
                    + ".expected.json (or .xml) to "
                    + slashes(shownFolder),
                shownFolder,
                0));
      }
    }
    return findings;
  }

  private void check(
      String card,
      Example example,
      Map<MappingKey, Path> declared,
      Set<MappingKey> skipped,
      List<Finding> findings) {
    String property = "api.mappings." + example.mapping.key();
    String label = "example '" + example.name + "'";
    String stem = example.name + "." + example.mapping.key();
    if (example.inputs.size() > 1 || example.expected.size() > 1) {
      Path file = example.inputs.size() > 1 ? example.inputs.get(1) : example.expected.get(1);
      findings.add(
          Finding.error(
              card,
              property,
              label
                  + " has both a .json and an .xml "
                  + (example.inputs.size() > 1 ? "input" : "expected output")
                  + "; keep one",
              shown(file),
              0));
      return;
    }
    if (example.expected.isEmpty()) {
      findings.add(
          Finding.error(
              card,
              property,
              label + " has no expected output (" + stem + ".expected.json or .xml)",
              shown(example.inputs.get(0)),
              0));
      return;
    }
    if (example.inputs.isEmpty()) {
      findings.add(
          Finding.error(
              card,
              property,
              label + " has no input (" + stem + ".input.json or .xml)",
              shown(example.expected.get(0)),
              0));
      return;
    }
    Path input = example.inputs.get(0);
    Path expected = example.expected.get(0);
    Path mapping = declared.get(example.mapping);
    if (mapping == null) {
      findings.add(
          Finding.error(
              card,
              property,
              label
                  + " exercises the "
                  + example.mapping.key()
                  + " mapping, but the card declares no "
                  + property,
              shown(input),
              0));
      return;
    }
    if (skipped.contains(example.mapping)) {
      return;
    }
    run(card, property, label, example.mapping, mapping, input, expected).ifPresent(findings::add);
  }

  private Optional<Finding> run(
      String card,
      String property,
      String label,
      MappingKey key,
      Path mapping,
      Path input,
      Path expected) {
    String inputText;
    String expectedText;
    try {
      inputText = read(input);
      expectedText = read(expected);
    } catch (IOException e) {
      return Optional.of(
          Finding.error(
              card, property, label + " cannot be read: " + e.getMessage(), shown(input), 0));
    }
    MappingOutput output;
    try {
      MappingInput mappingInput =
          extension(input).equals("xml")
              ? MappingInput.xml(inputText)
              : MappingInput.json(inputText);
      output = runner.run(mapping, mappingInput);
    } catch (MappingException e) {
      return Optional.of(
          Finding.error(
              card,
              property,
              label + ": the " + key.key() + " mapping failed: " + e.reason(),
              shown(input),
              0));
    }
    Optional<String> difference;
    try {
      difference =
          extension(expected).equals("xml")
              ? compareXml(output, expectedText)
              : compareJson(output, expectedText);
    } catch (ExampleException e) {
      return Optional.of(
          Finding.error(card, property, label + ": " + e.getMessage(), shown(expected), 0));
    }
    return difference.map(
        diff ->
            Finding.error(
                card,
                property,
                label + ": the " + key.key() + " mapping's output differs " + diff,
                shown(expected),
                0));
  }

  private static Optional<String> compareJson(MappingOutput output, String expectedText)
      throws ExampleException {
    JsonNode expected;
    try {
      expected = JSON.readTree(expectedText);
    } catch (JsonProcessingException e) {
      throw new ExampleException("expected output is not valid JSON: " + e.getOriginalMessage());
    }
    if (output.format() != MappingFormat.JSON) {
      throw new ExampleException(
          "the mapping produced " + output.format() + ", but the expected output is JSON");
    }
    try {
      return JsonDiff.firstDifference(expected, JSON.readTree(output.text()));
    } catch (JsonProcessingException e) {
      throw new ExampleException("the mapping produced invalid JSON: " + e.getOriginalMessage());
    }
  }

  private static Optional<String> compareXml(MappingOutput output, String expectedText)
      throws ExampleException {
    Document expected;
    try {
      expected = SecureXml.parse(expectedText);
    } catch (XmlRefusedException e) {
      throw new ExampleException("expected output: " + e.reason());
    }
    if (output.format() != MappingFormat.XML) {
      throw new ExampleException(
          "the mapping produced " + output.format() + ", but the expected output is XML");
    }
    try {
      return XmlDiff.firstDifference(expected, SecureXml.parse(output.text()));
    } catch (XmlRefusedException e) {
      throw new ExampleException("the mapping's output: " + e.reason());
    }
  }

  private static String read(Path file) throws IOException {
    if (Files.size(file) > MappingRunner.MAX_MAPPING_BYTES) {
      throw new IOException(
          "the file is larger than " + MappingRunner.MAX_MAPPING_BYTES + " bytes");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** The files of {@code card}'s golden examples under {@code home}, sorted; none without. */
  public static List<Path> files(Path home, String card) {
    return files(home.resolve("mappings").resolve(card).resolve(FOLDER));
  }

  private static List<Path> files(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private Path shown(Path file) {
    return runner.home().relativize(file);
  }

  private static String slashes(Path path) {
    return path.toString().replace('\\', '/') + "/";
  }

  /** The input and expected files of one example of one mapping. */
  private static final class Example {
    private final String name;
    private final MappingKey mapping;
    private final List<Path> inputs = new ArrayList<>();
    private final List<Path> expected = new ArrayList<>();

    Example(String name, MappingKey mapping) {
      this.name = name;
      this.mapping = mapping;
    }
  }

  /** An example that cannot be compared, with the reason. */
  private static final class ExampleException extends Exception {
    private static final long serialVersionUID = 1L;

    ExampleException(String message) {
      super(message);
    }
  }
}
