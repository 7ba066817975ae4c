package org.saphan.sandbox.common;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the sandbox parties' keys are.
 *
 * @param dir the key directory made by {@code ./saphan keys init} (holds {@code private/} and
 *     {@code public/}); relative paths resolve from the working directory. The keystore password is
 *     never a setting: it comes from the environment variable {@value PartyKeys#PASSWORD_ENV}.
 */
@Validated
@ConfigurationProperties(prefix = "sandbox.keys")
public record KeysProperties(@DefaultValue("../keys") @NotBlank String dir) {}
