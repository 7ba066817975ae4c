package org.saphan.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.ops.OperatorAudit;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records every write ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) on {@code
 * /ops/v1/**}, and the reads that disclose personal data ({@link #AUDITED_READS}), in the
 * operators' audit trail once it is answered: who (token subject, or {@code anonymous}), the
 * endpoint, its target (path variables, else query parameters), the reason where the call takes
 * one, the outcome and the status. Registered before {@link OperatorAccessInterceptor}, so refused
 * calls are recorded too.
 */
@Component
public class OperatorAuditInterceptor implements HandlerInterceptor {

  /** Request attribute holding the reason an ops call was given (see {@link OpsNotes}). */
  static final String REASON = OperatorAuditInterceptor.class.getName() + ".reason";

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  /** Reads recorded like writes: they disclose personal data (a message log body). */
  static final Set<String> AUDITED_READS = Set.of("/ops/v1/evidence/{id}/body");

  /** Query parameters that are the operator's words, not the target. */
  private static final Set<String> REASON_PARAMETERS = Set.of("reason", "note");

  private final OperatorAudit audit;

  public OperatorAuditInterceptor(OperatorAudit audit) {
    this.audit = audit;
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    if (!WRITES.contains(request.getMethod()) && !AUDITED_READS.contains(pattern(request))) {
      return;
    }
    int status = ex != null && response.getStatus() < 400 ? 500 : response.getStatus();
    OperatorAudit.Outcome outcome =
        status < 400
            ? OperatorAudit.Outcome.SUCCEEDED
            : status >= 500 ? OperatorAudit.Outcome.FAILED : OperatorAudit.Outcome.REFUSED;
    audit.record(
        actor(request),
        OperatorAudit.Channel.OPS_API,
        request.getMethod() + " " + pattern(request),
        target(request),
        reason(request),
        outcome,
        status);
  }

  private static String actor(HttpServletRequest request) {
    return request.getAttribute(CallerArgumentResolver.ATTRIBUTE) instanceof Caller caller
        ? caller.subject()
        : "anonymous";
  }

  /** The endpoint as mapped ({@code /ops/v1/routes/{routeId}/pause}), else the path. */
  private static String pattern(HttpServletRequest request) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    return pattern != null
        ? pattern.toString()
        : request.getRequestURI().substring(request.getContextPath().length());
  }

  private static String target(HttpServletRequest request) {
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (variables instanceof Map<?, ?> map && !map.isEmpty()) {
      return join(new TreeMap<>(map));
    }
    Map<String, String> query = new TreeMap<>();
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              if (!REASON_PARAMETERS.contains(name) && values.length > 0) {
                query.put(name, String.join("|", values));
              }
            });
    return query.isEmpty() ? null : join(query);
  }

  private static String join(Map<?, ?> values) {
    return values.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String reason(HttpServletRequest request) {
    Object given = request.getAttribute(REASON);
    if (given instanceof String text) {
      return text;
    }
    for (String name : REASON_PARAMETERS) {
      String value = request.getParameter(name);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
