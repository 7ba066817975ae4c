package org.saphan.hub.api.openapi;

import static org.saphan.hub.error.ErrorCode.ALGORITHM_NOT_ALLOWED;
import static org.saphan.hub.error.ErrorCode.CERTIFICATE_EXPIRED;
import static org.saphan.hub.error.ErrorCode.CERTIFICATE_NOT_YET_VALID;
import static org.saphan.hub.error.ErrorCode.CERTIFICATE_UNTRUSTED;
import static org.saphan.hub.error.ErrorCode.CITIZEN_ID_INVALID;
import static org.saphan.hub.error.ErrorCode.CITIZEN_ID_MISSING;
import static org.saphan.hub.error.ErrorCode.CLOCK_SKEW;
import static org.saphan.hub.error.ErrorCode.EGRESS_REFUSED;
import static org.saphan.hub.error.ErrorCode.HEADERS_TOO_LARGE;
import static org.saphan.hub.error.ErrorCode.INTERNAL_ERROR;
import static org.saphan.hub.error.ErrorCode.JWS_MALFORMED;
import static org.saphan.hub.error.ErrorCode.MALFORMED_JSON;
import static org.saphan.hub.error.ErrorCode.MALFORMED_PATH;
import static org.saphan.hub.error.ErrorCode.MALFORMED_REQUEST;
import static org.saphan.hub.error.ErrorCode.MISSING_HEADER;
import static org.saphan.hub.error.ErrorCode.NOT_ACCEPTABLE;
import static org.saphan.hub.error.ErrorCode.PAYLOAD_TOO_LARGE;
import static org.saphan.hub.error.ErrorCode.RATE_LIMITED;
import static org.saphan.hub.error.ErrorCode.REPLAY_DETECTED;
import static org.saphan.hub.error.ErrorCode.SERVICE_UNAVAILABLE;
import static org.saphan.hub.error.ErrorCode.SIGNATURE_INVALID;
import static org.saphan.hub.error.ErrorCode.SIGNATURE_MISSING;
import static org.saphan.hub.error.ErrorCode.TOKEN_EXPIRED;
import static org.saphan.hub.error.ErrorCode.TOKEN_INVALID;
import static org.saphan.hub.error.ErrorCode.TOKEN_MISSING;
import static org.saphan.hub.error.ErrorCode.TOKEN_NOT_YET_VALID;
import static org.saphan.hub.error.ErrorCode.UNKNOWN_KEY;
import static org.saphan.hub.error.ErrorCode.UNSUPPORTED_MEDIA_TYPE;
import static org.saphan.hub.error.ErrorCode.UPSTREAM_UNAVAILABLE;
import static org.saphan.hub.error.ErrorCode.VALIDATION_FAILED;
import static org.saphan.hub.error.ErrorCode.WRONG_AUDIENCE;
import static org.saphan.hub.error.ErrorCode.WRONG_ISSUER;

import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saphan.hub.api.ApiErrors;
import org.saphan.hub.api.OperatorAccessInterceptor;
import org.saphan.hub.api.RateLimitInterceptor;
import org.saphan.hub.api.RequestGuardFilter;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.identity.Caller;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * What an operation can refuse with and how its caller authenticates, derived from its handlers and
 * its path the way the request pipeline decides them: the edge's refusals on every operation, the
 * body's where a body is read, the security scheme's where a bearer token or a signature is
 * checked, then the handler's {@link ApiErrors} (class and method). SOAP operations answer their
 * handler's refusals as SOAP faults instead of problems.
 */
public final class OperationRules {

  /** The security scheme of Digital ID bearer tokens (citizens, portal, officers, operators). */
  public static final String BEARER = "digitalIdBearer";

  /** The security scheme of agencies' detached JWS on REST bodies. */
  public static final String AGENCY_JWS = "agencyJws";

  /** The security scheme of the e-Payment gateway's detached JWS on its notifications. */
  public static final String GATEWAY_JWS = "paymentGatewayJws";

  /** The header carrying a detached JWS over the exact body bytes. */
  public static final String JWS_HEADER = "X-JWS-Signature";

  /** Refusals of the container and the request filters, which any request can meet. */
  static final Set<ErrorCode> EDGE =
      EnumSet.of(
          MALFORMED_PATH,
          MALFORMED_REQUEST,
          HEADERS_TOO_LARGE,
          NOT_ACCEPTABLE,
          INTERNAL_ERROR,
          SERVICE_UNAVAILABLE);

  /**
   * Refusals of a Digital ID bearer token: {@code CallerArgumentResolver}, then the token's
   * signature and claims (AccessTokenValidator), the issuer's JWKS and userinfo, and the citizen id
   * (CallerResolver).
   */
  static final Set<ErrorCode> BEARER_REFUSALS =
      EnumSet.of(
          TOKEN_MISSING,
          TOKEN_INVALID,
          TOKEN_EXPIRED,
          TOKEN_NOT_YET_VALID,
          WRONG_ISSUER,
          WRONG_AUDIENCE,
          ALGORITHM_NOT_ALLOWED,
          UNKNOWN_KEY,
          SIGNATURE_INVALID,
          CITIZEN_ID_MISSING,
          CITIZEN_ID_INVALID,
          UPSTREAM_UNAVAILABLE,
          EGRESS_REFUSED);

  /**
   * Refusals of a detached JWS, in the order JwsVerifier checks: structure, algorithm, key or
   * certificate, signature, time and replay.
   */
  static final Set<ErrorCode> JWS_REFUSALS =
      EnumSet.of(
          SIGNATURE_MISSING,
          JWS_MALFORMED,
          ALGORITHM_NOT_ALLOWED,
          UNKNOWN_KEY,
          CERTIFICATE_EXPIRED,
          CERTIFICATE_NOT_YET_VALID,
          CERTIFICATE_UNTRUSTED,
          SIGNATURE_INVALID,
          CLOCK_SKEW,
          REPLAY_DETECTED);

  /**
   * What the description states about one operation.
   *
   * @param problems the codes answered as {@code application/problem+json}
   * @param soapFaults the codes answered as SOAP 1.1 faults ({@code text/xml}, HTTP 500)
   * @param security the names of the security schemes that authenticate the caller (none: open)
   */
  public record Facts(Set<ErrorCode> problems, Set<ErrorCode> soapFaults, List<String> security) {}

  private OperationRules() {}

  /**
   * The facts of the operation {@code method} {@code path} (a path template), served by {@code
   * handlers} (more than one when request parameters tell them apart).
   */
  public static Facts of(String method, String path, Collection<HandlerMethod> handlers) {
    Set<ErrorCode> problems = EnumSet.copyOf(EDGE);
    Set<ErrorCode> declared = EnumSet.noneOf(ErrorCode.class);
    List<String> security = new ArrayList<>();
    boolean soap =
        RequestGuardFilter.takesSoap(path) && RequestGuardFilter.checksBodyType(method, path);
    if (!path.equals(RateLimitInterceptor.EXCLUDED)) {
      problems.add(RATE_LIMITED);
    }
    if (RequestGuardFilter.checksBodyType(method, path)) {
      problems.add(PAYLOAD_TOO_LARGE);
      problems.add(UNSUPPORTED_MEDIA_TYPE);
    }
    boolean bearer = OperatorAccessInterceptor.guards(path);
    boolean jws = false;
    for (HandlerMethod handler : handlers) {
      declared.addAll(declaredBy(handler));
      for (MethodParameter parameter : handler.getMethodParameters()) {
        bearer |= parameter.getParameterType() == Caller.class;
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null) {
          String name = header.name().isEmpty() ? header.value() : header.name();
          jws |= JWS_HEADER.equalsIgnoreCase(name);
          if (header.required()) {
            problems.add(MISSING_HEADER);
          }
        }
        if (parameter.hasParameterAnnotation(RequestBody.class) && !soap) {
          problems.add(MALFORMED_JSON);
          if (isValidated(parameter)) {
            problems.add(VALIDATION_FAILED);
          }
        }
        if (isConverted(parameter)) {
          // A value that does not convert (a UUID, a number) is refused as validation_failed.
          problems.add(VALIDATION_FAILED);
        }
      }
    }
    if (bearer) {
      security.add(BEARER);
      problems.addAll(BEARER_REFUSALS);
    }
    if (jws) {
      security.add(path.startsWith("/payment/") ? GATEWAY_JWS : AGENCY_JWS);
      declared.addAll(JWS_REFUSALS);
    }
    Set<ErrorCode> faults = EnumSet.noneOf(ErrorCode.class);
    if (soap) {
      // The handler answers whatever it refuses as a fault, its own failures included.
      faults.addAll(declared);
      faults.add(INTERNAL_ERROR);
    } else {
      problems.addAll(declared);
    }
    return new Facts(problems, faults, List.copyOf(security));
  }

  /** The codes of {@link ApiErrors} on the handler's class and method. */
  static Set<ErrorCode> declaredBy(HandlerMethod handler) {
    Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
    ApiErrors onClass =
        AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), ApiErrors.class);
    ApiErrors onMethod = handler.getMethodAnnotation(ApiErrors.class);
    for (ApiErrors errors : new ApiErrors[] {onClass, onMethod}) {
      if (errors != null) {
        codes.addAll(Arrays.asList(errors.value()));
      }
    }
    return codes;
  }

  private static boolean isValidated(MethodParameter parameter) {
    return Arrays.stream(parameter.getParameterAnnotations())
        .anyMatch(a -> a.annotationType() == Validated.class || a.annotationType() == Valid.class);
  }

  /** A path variable, query parameter or header converted from text to another type. */
  private static boolean isConverted(MethodParameter parameter) {
    boolean bound =
        parameter.hasParameterAnnotation(PathVariable.class)
            || parameter.hasParameterAnnotation(RequestParam.class)
            || parameter.hasParameterAnnotation(RequestHeader.class);
    Class<?> type = parameter.getParameterType();
    return bound
        && type != String.class
        && !type.isArray()
        && !Collection.class.isAssignableFrom(type)
        && !Map.class.isAssignableFrom(type);
  }
}
