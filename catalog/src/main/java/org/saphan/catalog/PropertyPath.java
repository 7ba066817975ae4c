package org.saphan.catalog;

import java.util.regex.Pattern;

/**
 * Builds the dotted property paths used in findings: {@code api.mappings.request}, {@code x[2]}.
 */
final class PropertyPath {

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_$-]+");

  private PropertyPath() {}

  /** The path of property {@code key} of the object at {@code parent}. */
  static String child(String parent, String key) {
    if (!PLAIN_KEY.matcher(key).matches()) {
      return parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** The path of item {@code index} (0-based) of the list at {@code parent}. */
  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
