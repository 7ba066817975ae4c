package org.saphan.catalog;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One valid connector card: a government service joined to the portal through one integration
 * model. Immutable; {@link #json()} has the schema defaults filled in and keeps secret references
 * ({@code ${env:NAME}}) as written, while {@link #credentials()} holds the resolved values.
 */
public final class ConnectorCard {

  private final String name;
  private final IntegrationModel model;
  private final Path sourceFile;
  private final JsonNode json;
  private final Map<String, Secret> credentials;

  ConnectorCard(
      String name,
      IntegrationModel model,
      Path sourceFile,
      JsonNode json,
      Map<String, Secret> credentials) {
    this.name = Objects.requireNonNull(name, "name");
    this.model = Objects.requireNonNull(model, "model");
    this.sourceFile = Objects.requireNonNull(sourceFile, "sourceFile");
    this.json = json.deepCopy();
    this.credentials = Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
  }

  /** The connector name, for example {@code dcy-newborn-grant}. */
  public String name() {
    return name;
  }

  /** The integration model number, 0 to 4. */
  public int model() {
    return model.number();
  }

  /** The integration model. */
  public IntegrationModel integrationModel() {
    return model;
  }

  /** Route id of this connector's route: {@code <connector>-<template id>}. */
  public String routeId() {
    return name + "-" + model.templateId();
  }

  /** The card file, relative to the Saphan home when it lies inside it. */
  public Path sourceFile() {
    return sourceFile;
  }

  /** A copy of the whole card, schema defaults filled in, secret references not substituted. */
  public JsonNode json() {
    return json.deepCopy();
  }

  /**
   * A copy of the node at a JSON pointer such as {@code /api/retry/maxAttempts}; a missing node
   * when absent.
   */
  public JsonNode at(String jsonPointer) {
    return json.at(JsonPointer.compile(jsonPointer)).deepCopy();
  }

  /** Resolved credentials by name (the keys of {@code api.credentials}). */
  public Map<String, Secret> credentials() {
    return credentials;
  }

  /** One resolved credential. */
  public Optional<Secret> credential(String credentialName) {
    return Optional.ofNullable(credentials.get(credentialName));
  }

  /** The agency code, for example {@code dcy}. */
  public String agencyCode() {
    return json.path("agency").path("code").asText();
  }

  /** The agency's Thai name. */
  public String agencyNameTh() {
    return json.path("agency").path("name").path("th").asText();
  }

  /** The agency's English name, where the card has one. */
  public Optional<String> agencyNameEn() {
    return text(json.path("agency").path("name").path("en"));
  }

  /** The service's Thai name, exactly as in the roadmap. */
  public String serviceNameTh() {
    return json.path("service").path("name").path("th").asText();
  }

  /** The service's English name, where the card has one. */
  public Optional<String> serviceNameEn() {
    return text(json.path("service").path("name").path("en"));
  }

  /** {@code api.endpoint}, for model 3. */
  public Optional<URI> endpointUrl() {
    return text(json.path("api").path("endpoint")).map(URI::create);
  }

  /** {@code linkOut.url}, for models 1 and 2. */
  public Optional<URI> linkOutUrl() {
    return text(json.path("linkOut").path("url")).map(URI::create);
  }

  /** The mapping file for {@code key}, relative to the Saphan home, when the card declares it. */
  public Optional<Path> mappingFile(MappingKey key) {
    return text(json.path("api").path("mappings").path(key.key())).map(Path::of);
  }

  /** The agency status code table, {@code api.statusCodes}; empty when the card has none. */
  public Map<String, CanonicalStatus> statusCodes() {
    Map<String, CanonicalStatus> codes = new LinkedHashMap<>();
    json.path("api")
        .path("statusCodes")
        .fields()
        .forEachRemaining(
            entry ->
                CanonicalStatus.fromWire(entry.getValue().asText())
                    .ifPresent(status -> codes.put(entry.getKey(), status)));
    return Collections.unmodifiableMap(codes);
  }

  /** The canonical status an agency status code means, if the card lists the code. */
  public Optional<CanonicalStatus> canonicalStatus(String agencyStatusCode) {
    return Optional.ofNullable(statusCodes().get(agencyStatusCode));
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }

  @Override
  public String toString() {
    return "ConnectorCard[" + name + ", model " + model.number() + ", " + sourceFile + "]";
  }
}
