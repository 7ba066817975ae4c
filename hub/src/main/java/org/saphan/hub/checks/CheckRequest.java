package org.saphan.hub.checks;

import com.fasterxml.jackson.databind.JsonNode;
import org.saphan.catalog.ConnectorCard;
import org.saphan.hub.identity.Caller;

/**
 * What the api layer sends the card's check route: the caller (resolved from the token), the card,
 * the operation asked for and the portal's parameters (a JSON object, possibly empty).
 */
public record CheckRequest(Caller caller, ConnectorCard card, String operation, JsonNode params) {}
