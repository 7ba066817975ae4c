package org.saphan.catalog.settings;

import java.util.List;

/**
 * The card's {@code form} block: the application form.
 *
 * @param schema the form's JSON Schema file, relative to the Saphan home
 * @param prefill the data categories the hub pre-fills from GDX
 */
public record FormSettings(String schema, List<String> prefill) {

  public FormSettings {
    prefill = List.copyOf(prefill);
  }
}
