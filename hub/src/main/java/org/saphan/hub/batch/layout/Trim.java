package org.saphan.hub.batch.layout;

/** Which padding spaces are removed from a field before it is parsed. */
public enum Trim {
  BOTH,
  LEFT,
  RIGHT,
  NONE
}
