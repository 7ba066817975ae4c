package org.saphan.hub.applications;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.hub.security.Authorisation;

/**
 * A citizen's application to a model-3 or model-4 service, as the hub keeps it.
 *
 * @param id the public id, {@code APP-yyyyMMdd-XXXXXXXX}
 * @param messageId the stable id of its delivery: retries and replays send the same one
 * @param serviceId the roadmap service
 * @param connector the connector card
 * @param model 3 or 4
 * @param agency the agency code
 * @param citizenId the applicant
 * @param status the current canonical status
 * @param body the canonical application (input of the request mapping)
 * @param prefill what GDX pre-filled, with provenance
 * @param agencyReference the agency's own reference, once it acknowledged
 * @param submittedAt when the citizen applied
 * @param updatedAt last change
 * @param lastStatusAt when the current status happened at its source
 * @param version optimistic-lock version
 * @param authorisation what authorised sharing it with the agency (decided at intake), or null for
 *     an application taken in before it was kept
 */
public record Application(
    String id,
    UUID messageId,
    String serviceId,
    String connector,
    int model,
    String agency,
    String citizenId,
    CanonicalStatus status,
    JsonNode body,
    JsonNode prefill,
    String agencyReference,
    Instant submittedAt,
    Instant updatedAt,
    Instant lastStatusAt,
    int version,
    Authorisation authorisation) {}
