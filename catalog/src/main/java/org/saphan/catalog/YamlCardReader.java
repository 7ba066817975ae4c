package org.saphan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.AnchorNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one card's YAML into a JSON tree plus the line of every property, refusing what hostile
 * YAML relies on: alias bombs, deep nesting, recursive aliases, custom tags and merge keys. Every
 * people-edited YAML file the catalog checks (cards, routes, layouts, calendars) is read with it.
 */
public final class YamlCardReader {

  /** Aliases to lists or mappings allowed in one file; a billion-laughs bomb needs many more. */
  static final int MAX_COLLECTION_ALIASES = 10;

  /** Deepest nesting of lists and mappings; real cards need fewer than ten levels. */
  static final int MAX_NESTING_DEPTH = 40;

  /** Values a file may expand to once aliases are followed. */
  static final int MAX_VALUES = 20_000;

  private static final Set<Tag> PLAIN_TAGS =
      Set.of(
          Tag.STR,
          Tag.INT,
          Tag.FLOAT,
          Tag.BOOL,
          Tag.NULL,
          Tag.TIMESTAMP,
          Tag.BINARY,
          Tag.MAP,
          Tag.SEQ);
  private static final Pattern DECIMAL_INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]*)");

  /**
   * A problem in a YAML file: in the YAML itself, or found by the checks of what it holds.
   *
   * @param path the property, dotted with list indexes; empty for the whole file
   * @param reason what is wrong
   * @param line 1-based line, 0 when unknown
   */
  public record Problem(String path, String reason, int line) {

    /** {@code path: reason}, or the reason alone for the whole file. */
    public String describe() {
      return path.isEmpty() ? reason : path + ": " + reason;
    }
  }

  /** The tree, the line of each property path ("" is the root) and the problems found. */
  public record Result(JsonNode root, Map<String, Integer> lines, List<Problem> problems) {

    /** The line of {@code path}, or of its nearest ancestor the YAML locates; 0 when none. */
    public int lineOf(String path) {
      String current = path;
      while (true) {
        Integer line = lines.get(current);
        if (line != null) {
          return line;
        }
        if (current.isEmpty()) {
          return 0;
        }
        current = PropertyPath.parent(current);
      }
    }
  }

  private final LoaderOptions options;
  private final ScalarConstructor scalars;

  public YamlCardReader() {
    options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_NESTING_DEPTH);
    options.setAllowDuplicateKeys(false);
    options.setProcessComments(false);
    options.setWrappedToRootException(false);
    options.setCodePointLimit(Math.toIntExact(CatalogLoader.MAX_CARD_BYTES) + 1);
    scalars = new ScalarConstructor(options);
  }

  /** Reads {@code text}; never throws on bad YAML (the problems say what is wrong). */
  public Result read(String text) {
    Node document;
    try {
      Composer composer =
          new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options);
      document = composer.getSingleNode();
    } catch (MarkedYAMLException e) {
      return failed(syntaxProblem(e));
    } catch (YAMLException e) {
      return failed(limitProblem(e));
    } catch (StackOverflowError e) {
      return failed(
          new Problem(
              "", "YAML nesting is too deep (at most " + MAX_NESTING_DEPTH + " levels)", 0));
    }
    if (document == null) {
      return failed(new Problem("", "file is empty", 0));
    }
    Conversion conversion = new Conversion();
    conversion.lines.put("", line(document.getStartMark()));
    JsonNode root =
        conversion.convert(document, "", Collections.newSetFromMap(new IdentityHashMap<>()));
    return new Result(root, conversion.lines, conversion.problems);
  }

  private static Result failed(Problem problem) {
    return new Result(null, Map.of(), List.of(problem));
  }

  private static Problem syntaxProblem(MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
    StringBuilder reason = new StringBuilder("YAML syntax error");
    if (mark != null) {
      reason.append(" at column ").append(mark.getColumn() + 1);
    }
    reason.append(": ").append(problem == null ? "unreadable YAML" : problem.strip());
    if (problem != null && problem.contains("'\\t'")) {
      reason.append(" (indent with spaces, not tabs)");
    }
    return new Problem("", reason.toString(), mark == null ? 0 : mark.getLine() + 1);
  }

  private static Problem limitProblem(YAMLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Number of aliases")) {
      return new Problem(
          "",
          "too many YAML aliases: at most "
              + MAX_COLLECTION_ALIASES
              + " references (*name) to lists or mappings are allowed; write the values out",
          0);
    }
    if (message.startsWith("Nesting Depth")) {
      return new Problem(
          "", "YAML nesting is too deep (at most " + MAX_NESTING_DEPTH + " levels)", 0);
    }
    if (message.contains("code points")) {
      return new Problem("", "file is too large", 0);
    }
    return new Problem("", "unreadable YAML: " + message, 0);
  }

  private static int line(Mark mark) {
    return mark == null ? 0 : mark.getLine() + 1;
  }

  /** State of one conversion: lines, problems and the value budget. */
  private final class Conversion {
    private final Map<String, Integer> lines = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private int values;
    private boolean overBudget;

    JsonNode convert(Node node, String path, Set<Node> ancestors) {
      Node real = node instanceof AnchorNode anchor ? anchor.getRealNode() : node;
      if (++values > MAX_VALUES) {
        if (!overBudget) {
          overBudget = true;
          problems.add(
              new Problem(
                  path,
                  "YAML expands to more than " + MAX_VALUES + " values; write the card out plainly",
                  line(node.getStartMark())));
        }
        return JsonNodeFactory.instance.nullNode();
      }
      if (!PLAIN_TAGS.contains(real.getTag())) {
        problems.add(
            new Problem(
                path,
                "YAML tag "
                    + real.getTag()
                    + " is not allowed; a card holds only plain text, numbers, true/false,"
                    + " lists and mappings",
                line(real.getStartMark())));
        return JsonNodeFactory.instance.nullNode();
      }
      if (!ancestors.add(real)) {
        problems.add(
            new Problem(
                path,
                "YAML alias refers to a list or mapping that contains it (recursive alias)",
                line(node.getStartMark())));
        return JsonNodeFactory.instance.nullNode();
      }
      try {
        if (real instanceof MappingNode mapping) {
          return mapping(mapping, path, ancestors);
        }
        if (real instanceof SequenceNode sequence) {
          return sequence(sequence, path, ancestors);
        }
        return scalar((ScalarNode) real, path);
      } finally {
        ancestors.remove(real);
      }
    }

    private ObjectNode mapping(MappingNode mapping, String path, Set<Node> ancestors) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      Map<String, Integer> firstLines = new HashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        Node keyNode = tuple.getKeyNode();
        int keyLine = line(keyNode.getStartMark());
        if (keyNode.getTag().equals(Tag.MERGE)) {
          problems.add(
              new Problem(
                  path,
                  "YAML merge keys (<<) are not supported; write the properties out",
                  keyLine));
          continue;
        }
        if (!(keyNode instanceof ScalarNode scalarKey)) {
          problems.add(new Problem(path, "keys must be plain text", keyLine));
          continue;
        }
        String key = scalarKey.getValue();
        String childPath = PropertyPath.child(path, key);
        Integer firstLine = firstLines.putIfAbsent(key, keyLine);
        if (firstLine != null) {
          problems.add(
              new Problem(
                  childPath, "is defined twice (first on line " + firstLine + ")", keyLine));
          continue;
        }
        lines.put(childPath, keyLine);
        object.set(key, convert(tuple.getValueNode(), childPath, ancestors));
      }
      return object;
    }

    private ArrayNode sequence(SequenceNode sequence, String path, Set<Node> ancestors) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        String itemPath = PropertyPath.index(path, i);
        lines.put(itemPath, line(items.get(i).getStartMark()));
        array.add(convert(items.get(i), itemPath, ancestors));
      }
      return array;
    }

    private JsonNode scalar(ScalarNode scalar, String path) {
      JsonNodeFactory nodes = JsonNodeFactory.instance;
      Tag tag = scalar.getTag();
      String text = scalar.getValue();
      try {
        if (tag.equals(Tag.NULL)) {
          return nodes.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
          return nodes.booleanNode((Boolean) scalars.construct(scalar));
        }
        if (tag.equals(Tag.INT)) {
          String digits = text.replace("_", "");
          if (DECIMAL_INTEGER.matcher(digits).matches()) {
            return integerNode(new BigInteger(digits));
          }
          return numberNode((Number) scalars.construct(scalar));
        }
        if (tag.equals(Tag.FLOAT)) {
          try {
            return nodes.numberNode(new BigDecimal(text.replace("_", "")));
          } catch (NumberFormatException notDecimal) {
            return numberNode((Number) scalars.construct(scalar));
          }
        }
      } catch (RuntimeException e) {
        problems.add(
            new Problem(path, "value '" + text + "' cannot be read", line(scalar.getStartMark())));
        return nodes.nullNode();
      }
      return nodes.textNode(text);
    }

    private JsonNode integerNode(BigInteger value) {
      JsonNodeFactory nodes = JsonNodeFactory.instance;
      if (value.bitLength() < Integer.SIZE) {
        return nodes.numberNode(value.intValue());
      }
      if (value.bitLength() < Long.SIZE) {
        return nodes.numberNode(value.longValue());
      }
      return nodes.numberNode(value);
    }

    private JsonNode numberNode(Number number) {
      JsonNodeFactory nodes = JsonNodeFactory.instance;
      if (number instanceof BigInteger big) {
        return integerNode(big);
      }
      if (number instanceof Double || number instanceof Float) {
        return nodes.numberNode(number.doubleValue());
      }
      return nodes.numberNode(number.longValue());
    }
  }

  /** Gives access to SnakeYAML's YAML 1.1 scalar rules (octal, hexadecimal, booleans...). */
  private static final class ScalarConstructor extends SafeConstructor {
    ScalarConstructor(LoaderOptions options) {
      super(options);
    }

    Object construct(ScalarNode node) {
      return constructObject(node);
    }
  }
}
