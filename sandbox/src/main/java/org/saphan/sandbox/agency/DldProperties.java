package org.saphan.sandbox.agency;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the DLD animal movement permit agency (model 3, SOAP).
 *
 * @param maxReceipts how many message ids (and their permits) are remembered; older ones are
 *     forgotten so a benchmark cannot exhaust memory
 * @param maxRequestBytes largest SOAP request accepted (bytes); larger ones get a Client fault
 */
@Validated
@ConfigurationProperties(prefix = "sandbox.agencies.dld")
public record DldProperties(
    @DefaultValue("50000") @Min(1) int maxReceipts,
    @DefaultValue("262144") @Min(1024) int maxRequestBytes) {}
