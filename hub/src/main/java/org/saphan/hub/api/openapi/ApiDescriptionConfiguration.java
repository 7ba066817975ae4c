package org.saphan.hub.api.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.util.List;
import org.saphan.hub.api.Problems;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.platform.SaphanProperties;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The API description served at {@code /openapi.json} (springdoc, OpenAPI 3.1): its info, the
 * security schemes and the problem schema; {@link ErrorResponses} adds to each operation what it
 * can refuse with. The resolved {@link Caller} is the bearer token, never a parameter.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDescriptionConfiguration {

  /**
   * Where this hub serves its error catalog (one entry per code); the problem {@code type} of every
   * refusal points into it.
   */
  public static final String ERROR_CATALOG_PATH = Problems.CATALOG_PATH;

  static {
    // The caller is resolved from the Authorization header (CallerArgumentResolver).
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  @Bean
  OpenAPI saphanApi(SaphanProperties properties) {
    return new OpenAPI()
        .info(
            new Info()
                .title("Saphan hub API")
                .version(properties.getApi().getVersion())
                .description(description()))
        // Relative: the document is the same whichever address the hub is reached at.
        .servers(List.of(new Server().url("/").description("This hub")))
        .components(
            new Components()
                .addSecuritySchemes(OperationRules.BEARER, bearer())
                .addSecuritySchemes(OperationRules.AGENCY_JWS, agencyJws())
                .addSecuritySchemes(OperationRules.GATEWAY_JWS, gatewayJws()));
  }

  @Bean
  ApiExamples apiExamples(ResourcePatternResolver resolver, ObjectMapper json) throws IOException {
    return ApiExamples.load(resolver, ApiExamples.LOCATION, json);
  }

  static String description() {
    return """
        The integration hub between the Thai Citizen Portal and the government agencies behind it. \
        One port serves four APIs:

        | API | Prefix | Callers | Authentication |
        |---|---|---|---|
        | Citizens and the portal | `/api/v1` | the portal backend, for a citizen or on its own \
        behalf | `digitalIdBearer` |
        | Agencies | `/agency/v1`; SOAP: `/agency/soap/v1/status` (WSDL: \
        `GET /agency/soap/v1/status?wsdl`) | agency systems | `agencyJws`; SOAP: the enveloped \
        XML-DSig of the `StatusReport` |
        | Back office | `/backoffice/v1` | agency officers and administrators | `digitalIdBearer` |
        | Operations | `/ops/v1` | portal operators (`GET /ops/v1/status` is open) | \
        `digitalIdBearer` with the portal-operator role |

        Beside them: `POST /payment/v1/notifications` for the e-Payment gateway \
        (`paymentGatewayJws`) and `GET /.well-known/jwks.json`, the hub's public keys (open).

        **Refusals** are RFC 9457 `application/problem+json` documents with a stable `code` and \
        the request's `correlationId` (SOAP operations answer SOAP 1.1 faults). Each operation lists, \
        under each HTTP status, every code it can answer in `x-error-codes`, with an example each. \
        The error catalog, one entry per code (what it means, what to do, whether to retry), is \
        served at `%s` on this hub; the `type` of every problem links to its entry.

        **Agency IT**: delivery headers, retries, the status callback, the SOAP service and \
        signing are described in `docs/agency/` of the Saphan repository.
        """
        .formatted(ERROR_CATALOG_PATH);
  }

  private static SecurityScheme bearer() {
    return new SecurityScheme()
        .type(SecurityScheme.Type.HTTP)
        .scheme("bearer")
        .bearerFormat("JWT")
        .description(
            """
            A Digital ID (OIDC) access token, `Authorization: Bearer <JWT>`, verified with the \
            issuer's JWKS: issuer, audience (`aud` = the hub's configured audience, `saphan-hub` in \
            the sandbox), expiry and not-before. One scheme for every kind of caller, because \
            each presents the same kind of token and the hub verifies it the same way; what a \
            caller may do follows from the token and the hub's records, and an operation refuses \
            the others with its own codes (`forbidden`, `agency_role_required`, ...):

            * **citizens**: the citizen's own token, passed on by the portal (`citizen_id` and \
            `ial_level` from the token or from the issuer's userinfo);
            * **the portal backend**: a client-credentials token of a configured client id \
            (`client_id` or `azp` equal to `sub`);
            * **agency officers and administrators**: citizens with agency roles assigned in the \
            hub (`/backoffice/v1`);
            * **portal operators**: the `portal_operator` role claim (`/ops/v1`).""");
  }

  private static SecurityScheme agencyJws() {
    return new SecurityScheme()
        .type(SecurityScheme.Type.APIKEY)
        .in(SecurityScheme.In.HEADER)
        .name(OperationRules.JWS_HEADER)
        .description(
            """
            Not a fixed key: an RFC 7515 Appendix F detached compact JWS over the exact bytes of \
            the request body, `X-JWS-Signature: <protected header>..<signature>` (standard \
            `b64=true`: the signing input is `base64url(header) + "." + base64url(body)`). \
            Protected header: `alg` (ES256 or PS256; never `none` or HMAC), `kid` (the RFC 7638 \
            SHA-256 JWK thumbprint, base64url without padding, of the key the service's connector \
            card registers; a key of another agency is refused with `forbidden`), `iat` (epoch \
            seconds, within ±300 s of the hub's clock) and `jti` (unique per message; a repeat is \
            `replay_detected`). SOAP agencies sign the `StatusReport` in the SOAP body instead \
            (enveloped XML-DSig, RSA-SHA256; see the WSDL).""");
  }

  private static SecurityScheme gatewayJws() {
    return new SecurityScheme()
        .type(SecurityScheme.Type.APIKEY)
        .in(SecurityScheme.In.HEADER)
        .name(OperationRules.JWS_HEADER)
        .description(
            """
            The e-Payment gateway's detached JWS over the exact body bytes, built as for \
            `agencyJws` (PS256), verified with the gateway's pinned certificate \
            (`saphan.payment.gateway-trust-certificate`).""");
  }
}
