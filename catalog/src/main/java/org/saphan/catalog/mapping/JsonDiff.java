package org.saphan.catalog.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** Finds the first difference between two JSON trees; numbers compare by value (1 equals 1.0). */
final class JsonDiff {

  private static final int MAX_SHOWN_LENGTH = 80;

  private JsonDiff() {}

  /** "at $.a.b: expected 1, found 2", or empty when the trees are equal. */
  static Optional<String> firstDifference(JsonNode expected, JsonNode actual) {
    return compare("$", expected, actual);
  }

  private static Optional<String> compare(String path, JsonNode expected, JsonNode actual) {
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0
          ? Optional.empty()
          : differ(path, expected, actual);
    }
    if (expected.getNodeType() != actual.getNodeType()) {
      return differ(path, expected, actual);
    }
    if (expected.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String child = path + "." + field.getKey();
        if (!actual.has(field.getKey())) {
          return Optional.of(
              "at " + child + ": expected " + show(field.getValue()) + ", found nothing");
        }
        Optional<String> difference = compare(child, field.getValue(), actual.get(field.getKey()));
        if (difference.isPresent()) {
          return difference;
        }
      }
      for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!expected.has(name)) {
          return Optional.of(
              "at " + path + "." + name + ": expected nothing, found " + show(actual.get(name)));
        }
      }
      return Optional.empty();
    }
    if (expected.isArray()) {
      for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
        Optional<String> difference = compare(path + "[" + i + "]", expected.get(i), actual.get(i));
        if (difference.isPresent()) {
          return difference;
        }
      }
      if (expected.size() != actual.size()) {
        return Optional.of(
            "at " + path + ": expected " + expected.size() + " items, found " + actual.size());
      }
      return Optional.empty();
    }
    return expected.equals(actual) ? Optional.empty() : differ(path, expected, actual);
  }

  private static Optional<String> differ(String path, JsonNode expected, JsonNode actual) {
    return Optional.of("at " + path + ": expected " + show(expected) + ", found " + show(actual));
  }

  private static String show(JsonNode value) {
    String text = value.toString();
    return text.length() <= MAX_SHOWN_LENGTH ? text : text.substring(0, MAX_SHOWN_LENGTH) + "...";
  }
}
