package org.saphan.sandbox.web;

/**
 * The body of a simulator's fault control endpoint, {@code {"mode": "down", "delayMillis": 0,
 * "code": "..."}}; {@code {"mode": "none"}} clears the fault.
 *
 * @param mode the fault, in the simulator's own snake_case vocabulary
 * @param delayMillis how long a {@code slow} answer waits, in milliseconds (null or 0: the
 *     simulator's default)
 * @param code an optional detail whose meaning depends on the simulator and mode (e.g. an HTTP
 *     status for {@code down})
 */
public record FaultRequest(String mode, Long delayMillis, String code) {}
