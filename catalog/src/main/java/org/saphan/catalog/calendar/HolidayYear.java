package org.saphan.catalog.calendar;

import java.util.List;

/** A year of the working-day calendar: whether its list is provisional, and its holidays. */
public record HolidayYear(int year, boolean provisional, List<Holiday> holidays) {

  public HolidayYear {
    holidays = List.copyOf(holidays);
  }
}
