package org.saphan.catalog.common;

import java.time.ZoneId;

/** Time zones: Thailand's civil time, in which working days, dates on files and ids are read. */
public final class Zones {

  /** Asia/Bangkok (UTC+7, no daylight saving). */
  public static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

  private Zones() {}
}
