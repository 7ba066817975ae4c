package org.saphan.hub.sla;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import org.saphan.catalog.calendar.HolidayYear;
import org.saphan.catalog.common.Zones;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Health of the working-day calendar ({@code calendar}): WARNING when this year has no holiday
 * file, or, from November on, next year has none, because SLA due dates would then count weekends
 * only. A provisional year (the cabinet has not announced it) is reported, not warned about.
 */
public class CalendarHealthIndicator implements HealthIndicator {

  /** Serving, with something operators should fix before it matters. */
  static final Status WARNING = new Status("WARNING", "the working-day calendar lacks a year");

  private final WorkingDayCalendar calendar;
  private final Clock clock;

  public CalendarHealthIndicator(WorkingDayCalendar calendar, Clock clock) {
    this.calendar = calendar;
    this.clock = clock;
  }

  @Override
  public Health health() {
    LocalDate today = clock.instant().atZone(Zones.BANGKOK).toLocalDate();
    List<Integer> missing = new ArrayList<>();
    if (!calendar.coveredYears().contains(today.getYear())) {
      missing.add(today.getYear());
    }
    if (today.getMonth().compareTo(Month.NOVEMBER) >= 0
        && !calendar.coveredYears().contains(today.getYear() + 1)) {
      missing.add(today.getYear() + 1);
    }
    List<Integer> provisional =
        calendar.coveredYears().stream()
            .filter(y -> calendar.year(y).map(HolidayYear::provisional).orElse(false))
            .toList();
    Health.Builder health = missing.isEmpty() ? Health.up() : Health.status(WARNING);
    health.withDetail("coveredYears", calendar.coveredYears());
    health.withDetail("provisionalYears", provisional);
    if (!missing.isEmpty()) {
      health
          .withDetail("missingYears", missing)
          .withDetail("action", "add batch/calendar/th-holidays-<year>.yaml");
    }
    return health.build();
  }
}
