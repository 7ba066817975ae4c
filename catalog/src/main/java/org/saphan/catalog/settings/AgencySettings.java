package org.saphan.catalog.settings;

/**
 * The card's {@code agency} block: the agency that owns the service.
 *
 * @param code the agency's short code, such as {@code dcy}
 * @param name the agency's official name
 * @param ministry the ministry the agency belongs to
 */
public record AgencySettings(String code, LocalizedText name, LocalizedText ministry) {}
