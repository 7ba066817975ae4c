package org.saphan.hub.security.keys;

import java.time.Instant;

/**
 * A sandbox party's key (simulated agency, GDX, e-Payment), as listed in {@code keyring.json}.
 *
 * @param name the party name ({@code agency-rest}, {@code agency-soap}, {@code gdx}, {@code
 *     epayment})
 * @param kid its key id
 * @param family its key family
 * @param notAfter end of its certificate's validity
 */
public record PartyDescriptor(
    String name, String kid, org.saphan.hub.security.KeyFamily family, Instant notAfter) {}
