package org.saphan.catalog.layout;

/** Which padding spaces are removed from a field before it is parsed. */
public enum Trim {
  BOTH,
  LEFT,
  RIGHT,
  NONE
}
