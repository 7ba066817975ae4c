package org.saphan.catalog.calendar;

import java.time.LocalDate;

/**
 * One government holiday of {@code batch/calendar/th-holidays-<year>.yaml}.
 *
 * @param date the day
 * @param nameTh Thai name
 * @param nameEn English name
 * @param kind annual, special or substitution
 * @param substitutes for a substitution day, the holiday it replaces
 * @param confirmed false when the date comes from a secondary source only
 */
public record Holiday(
    LocalDate date,
    String nameTh,
    String nameEn,
    String kind,
    LocalDate substitutes,
    boolean confirmed) {}
