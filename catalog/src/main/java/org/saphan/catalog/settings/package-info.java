/**
 * The typed settings of a connector card, one record per block of {@code connector.schema.json}
 * (property names as in the schema), bound by {@link org.saphan.catalog.settings.CardSettingsJson}
 * from the card with the schema's defaults filled in. The schema is the only source of defaults: no
 * record carries a default of its own, and {@code CardSettingsDefaultsTest} fails when a schema
 * default does not reach its record. A property a card may leave out, without a default, is an
 * {@link java.util.Optional}.
 */
package org.saphan.catalog.settings;
