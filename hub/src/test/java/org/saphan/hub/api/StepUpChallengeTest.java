package org.saphan.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.platform.SaphanProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The RFC 9470 step-up challenge: a citizen below the service's assurance level is answered 401
 * with {@code WWW-Authenticate} naming the acr values that satisfy it, by the one exception
 * handler.
 */
class StepUpChallengeTest {

  private final ApiExceptionHandler handler =
      new ApiExceptionHandler(new Problems(new ObjectMapper(), new SaphanProperties()));

  private static Caller citizenAt(String ial) {
    return new Caller(
        Caller.Kind.CITIZEN,
        "sub-1",
        "3101200456789",
        null,
        null,
        ial,
        List.of(),
        null,
        false,
        Map.of(),
        Map.of(),
        0L);
  }

  @Test
  void shouldAnswer401WithTheExactStepUpChallengeWhenIalIsBelowTheFloor() {
    // given
    SaphanException refusal =
        catchThrowableOfType(SaphanException.class, () -> citizenAt("1.2").requireIal("2.3"));

    // when
    ResponseEntity<ProblemDetail> response = handler.saphan(refusal);

    // then
    assertThat(response.getStatusCode().value()).isEqualTo(401);
    assertThat(response.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE))
        .containsExactly(
            "Bearer error=\"insufficient_user_authentication\", error_description=\"identity"
                + " assurance level 2.3 or higher is required\","
                + " acr_values=\"urn:saphan:ial:2.3 urn:saphan:ial:3\"");
    ProblemDetail problem = response.getBody();
    assertThat(problem.getProperties())
        .containsEntry("code", "insufficient_assurance")
        .containsEntry("requiredIal", "2.3")
        .containsEntry("currentIal", "1.2")
        .containsEntry("acrValues", "urn:saphan:ial:2.3 urn:saphan:ial:3");
  }

  @Test
  void shouldChallengeATokenWithoutAnyLevelWhenTheServiceHasAFloor() {
    // given: Digital ID gave no ial_level at all
    SaphanException refusal =
        catchThrowableOfType(SaphanException.class, () -> citizenAt(null).requireIal("1.1"));

    // when
    ResponseEntity<ProblemDetail> response = handler.saphan(refusal);

    // then
    assertThat(refusal.code()).isEqualTo(ErrorCode.INSUFFICIENT_ASSURANCE);
    assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
        .endsWith(
            "acr_values=\"urn:saphan:ial:1.1 urn:saphan:ial:1.2 urn:saphan:ial:1.3"
                + " urn:saphan:ial:2.1 urn:saphan:ial:2.2 urn:saphan:ial:2.3 urn:saphan:ial:3\"");
  }

  @Test
  void shouldLetTheCitizenThroughWhenIalMeetsTheFloorOrThereIsNone() {
    // when / then
    Caller caller = citizenAt("2.3");
    assertThat(caller.requireIal("2.3")).isSameAs(caller);
    assertThat(caller.requireIal(null)).isSameAs(caller);
    assertThat(citizenAt(null).requireIal("")).isNotNull();
  }

  @Test
  void shouldKeepTheInvalidTokenChallengeWhenTheTokenItselfFails() {
    // when
    ResponseEntity<ProblemDetail> response =
        handler.saphan(SaphanException.validation(ErrorCode.TOKEN_EXPIRED, "expired"));

    // then
    assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
        .isEqualTo("Bearer error=\"invalid_token\", error_description=\"token_expired\"");
  }

  @Test
  void shouldSendNoChallengeWhenTheRefusalIsNotAboutAuthentication() {
    // when
    ResponseEntity<ProblemDetail> response =
        handler.saphan(SaphanException.business(ErrorCode.FORBIDDEN, "no", Map.of()));

    // then
    assertThat(response.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
  }
}
