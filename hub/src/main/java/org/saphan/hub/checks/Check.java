package org.saphan.hub.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.settings.CheckSettings;
import org.saphan.hub.applications.Prefill;
import org.saphan.hub.consent.ConsentGate;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.security.SignedMessage;
import org.saphan.hub.security.egress.EgressResponse;

/**
 * One check as the {@code model3-check} route's steps learn it, carried in the exchange property
 * {@value #PROPERTY} (never in headers): each step reads what the steps before it set and adds its
 * own.
 */
public final class Check {

  /** The exchange property holding the check. */
  public static final String PROPERTY = "SaphanCheck";

  private final Caller caller;
  private final ConnectorCard card;
  private final String operationName;
  private final CheckSettings.Operation operation;
  private final JsonNode params;
  private final UUID requestId;
  private final Instant requestedAt;
  private ConsentGate.Decision sharing;
  private Prefill.Result prefill;
  private SignedMessage signed;
  private EgressResponse answer;
  private String answerKid;
  private String invalidAnswer;
  private ObjectNode result;

  Check(
      Caller caller,
      ConnectorCard card,
      String operationName,
      CheckSettings.Operation operation,
      JsonNode params,
      UUID requestId,
      Instant requestedAt) {
    this.caller = caller;
    this.card = card;
    this.operationName = operationName;
    this.operation = operation;
    this.params = params;
    this.requestId = requestId;
    this.requestedAt = requestedAt;
  }

  /** The check of an exchange the route's first step started. */
  public static Check of(Exchange exchange) {
    return exchange.getProperty(PROPERTY, Check.class);
  }

  public Caller caller() {
    return caller;
  }

  public ConnectorCard card() {
    return card;
  }

  public String operationName() {
    return operationName;
  }

  public CheckSettings.Operation operation() {
    return operation;
  }

  public JsonNode params() {
    return params;
  }

  /** The question's id: the {@code X-Message-Id}, echoed by the agency. */
  public UUID requestId() {
    return requestId;
  }

  public Instant requestedAt() {
    return requestedAt;
  }

  public ConsentGate.Decision sharing() {
    return sharing;
  }

  void sharing(ConsentGate.Decision decision) {
    this.sharing = decision;
  }

  public Prefill.Result prefill() {
    return prefill;
  }

  void prefill(Prefill.Result read) {
    this.prefill = read;
  }

  public SignedMessage signed() {
    return signed;
  }

  void signed(SignedMessage message) {
    this.signed = message;
  }

  public EgressResponse answer() {
    return answer;
  }

  void answer(EgressResponse response) {
    this.answer = response;
  }

  /** The key that signed the answer, null when it was unsigned (policy {@code unsigned}). */
  public String answerKid() {
    return answerKid;
  }

  void answerKid(String kid) {
    this.answerKid = kid;
  }

  /** Why the agency's answer could not even be read (too large, malformed HTTP), or null. */
  public String invalidAnswer() {
    return invalidAnswer;
  }

  void invalidAnswer(String why) {
    this.invalidAnswer = why;
  }

  public ObjectNode result() {
    return result;
  }

  void result(ObjectNode mapped) {
    this.result = mapped;
  }

  /** For logs: never the citizen. */
  @Override
  public String toString() {
    return "Check[" + card.name() + "/" + operationName + ", " + requestId + "]";
  }
}
