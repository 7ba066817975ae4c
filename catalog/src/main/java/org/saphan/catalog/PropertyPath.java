package org.saphan.catalog;

import java.util.regex.Pattern;

/**
 * Builds the dotted property paths used in findings: {@code api.mappings.request}, {@code x[2]}.
 */
public final class PropertyPath {

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_$-]+");

  private PropertyPath() {}

  /** The path of property {@code key} of the object at {@code parent}. */
  public static String child(String parent, String key) {
    if (!PLAIN_KEY.matcher(key).matches()) {
      return parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** The path of item {@code index} (0-based) of the list at {@code parent}. */
  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** The path of the list or object holding {@code path}; empty for a top-level property. */
  public static String parent(String path) {
    if (path.endsWith("]")) {
      int open = path.lastIndexOf('[');
      if (open >= 0) {
        return path.substring(0, open);
      }
    }
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }
}
