package org.saphan.catalog.layout;

/** What a record type is for in a file made of one header, details and one trailer. */
public enum RecordRole {
  HEADER,
  DETAIL,
  TRAILER
}
