package org.saphan.sandbox.digitalid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonaCatalogTest {

  @Test
  void shouldHideIdentityFromTokenOnlyForSomyingWhenPersonasAreLoaded() throws Exception {
    // given
    PersonaCatalog catalog = load();

    // when
    List<String> withoutIdentity =
        catalog.all().stream().filter(p -> !p.identityInToken()).map(Persona::persona).toList();

    // then
    assertThat(withoutIdentity).containsExactly("citizen-somying");
  }

  @Test
  void shouldAssignAgencyRolesAsContractSaysWhenPersonasAreLoaded() throws Exception {
    // given
    PersonaCatalog catalog = load();

    // when
    Persona admin = catalog.byName("admin-dsd").orElseThrow();
    Persona officer = catalog.byName("officer-dcy").orElseThrow();
    Persona operator = catalog.byName("operator").orElseThrow();

    // then
    assertThat(admin.agencyAssignments())
        .containsExactly(new Persona.AgencyAssignment("dsd", "agency_admin"));
    assertThat(officer.agencyAssignments())
        .containsExactly(new Persona.AgencyAssignment("dcy", "agency_officer"));
    assertThat(operator.roles()).containsExactly("portal_operator");
    assertThat(catalog.byName("citizen-wichai").orElseThrow().ialLevel()).isEqualTo("1.2");
  }

  @Test
  void shouldRefuseCatalogWhenCitizenIdCheckDigitIsWrong() throws Exception {
    // given
    Persona valid = load().byName("citizen-somchai").orElseThrow();
    Persona broken =
        new Persona(
            "broken",
            null,
            "sub-x",
            "3101200456788",
            valid.givenName(),
            valid.familyName(),
            valid.givenNameEn(),
            valid.familyNameEn(),
            "2.3",
            List.of(),
            List.of(),
            List.of(),
            true);

    // when / then
    assertThatThrownBy(() -> new PersonaCatalog(List.of(broken)))
        .hasMessageContaining("broken.citizen_id");
  }

  private static PersonaCatalog load() throws Exception {
    try (InputStream json = PersonaCatalogTest.class.getResourceAsStream("/personas.json")) {
      return PersonaCatalog.read(json);
    }
  }
}
