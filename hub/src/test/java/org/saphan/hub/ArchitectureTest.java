package org.saphan.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/**
 * The package layering of ARCHITECTURE.md: the api layer on top, then operations and routes, then
 * the domain (identity, consent, gdx, payment, backoffice, batch, ledger), then security, with the
 * platform (state, locks, errors) at the bottom. Dependencies point down only.
 */
class ArchitectureTest {

  // Imported once for every rule: importing the hub is most of this class's run time.
  private static final JavaClasses HUB =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.saphan.hub");

  private static final JavaClasses CATALOG =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.saphan.catalog");

  static ArchRule layering(String root) {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("Api")
        .definedBy(root + ".api..")
        .layer("Ops")
        .definedBy(root + ".ops..")
        .layer("Routes")
        .definedBy(root + ".routes..")
        .layer("Domain")
        .definedBy(
            root + ".identity..",
            root + ".services..",
            root + ".applications..",
            root + ".consent..",
            root + ".gdx..",
            root + ".payment..",
            root + ".backoffice..",
            root + ".batch..",
            root + ".ledger..")
        .layer("Security")
        .definedBy(root + ".security..")
        .layer("Platform")
        .definedBy(root + ".platform..", root + ".error..")
        .whereLayer("Api")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Ops")
        .mayOnlyBeAccessedByLayers("Api")
        .whereLayer("Routes")
        .mayOnlyBeAccessedByLayers("Api", "Ops")
        .whereLayer("Domain")
        .mayOnlyBeAccessedByLayers("Api", "Ops", "Routes")
        .whereLayer("Security")
        .mayOnlyBeAccessedByLayers("Api", "Ops", "Routes", "Domain");
  }

  private static boolean isMapperOrFactory(JavaClass type) {
    return type.isAssignableTo(ObjectMapper.class) || type.isAssignableTo(JsonFactory.class);
  }

  /**
   * One JSON configuration: outside the given packages no main class calls a constructor or a
   * static {@code builder()} of an {@code ObjectMapper} or a {@code JsonFactory} (JSON, YAML or any
   * other format): mappers come from {@code StrictJson} ({@code platform.Json} in the hub).
   */
  static ArchRule onlyStrictJsonBuildsMappers(String... allowedPackages) {
    DescribedPredicate<JavaCall<?>> constructs =
        DescribedPredicate.describe(
            "a constructor of an ObjectMapper or a JsonFactory",
            call -> isMapperOrFactory(call.getTargetOwner()));
    DescribedPredicate<JavaCall<?>> builds =
        DescribedPredicate.describe(
            "builder() of an ObjectMapper or a JsonFactory",
            call -> call.getName().equals("builder") && isMapperOrFactory(call.getTargetOwner()));
    return noClasses()
        .that()
        .resideOutsideOfPackages(allowedPackages)
        .should()
        .callConstructorWhere(constructs)
        .orShould()
        .callMethodWhere(builds)
        .because("StrictJson is the one JSON configuration (I-JSON, RFC 7493)");
  }

  @Test
  void shouldBuildMappersOnlyInStrictJsonWhenHubClassesAreImported() {
    // given
    JavaClasses hub = HUB;
    // then
    assertThat(hub).isNotEmpty();
    onlyStrictJsonBuildsMappers("org.saphan.catalog.json..").check(hub);
  }

  @Test
  void shouldBuildMappersOnlyInStrictJsonWhenCatalogClassesAreImported() {
    // given
    JavaClasses catalog = CATALOG;
    // then
    assertThat(catalog).isNotEmpty();
    onlyStrictJsonBuildsMappers("org.saphan.catalog.json..").check(catalog);
  }

  @Test
  void shouldCatchViolationWhenClassBuildsItsOwnMapper() {
    // given: a fixture class calling new ObjectMapper() and JsonMapper.builder()
    JavaClasses fixture = new ClassFileImporter().importPackages("org.saphan.hub.archfixture.json");
    // when / then
    assertThatThrownBy(
            () -> onlyStrictJsonBuildsMappers("org.saphan.catalog.json..").check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FixtureLenientMapper.constructed()")
        .hasMessageContaining("FixtureLenientMapper.built()");
  }

  @Test
  void shouldKeepHubLayersPointingDownWhenHubClassesAreImported() {
    // given
    JavaClasses hub = HUB;
    // then
    layering("org.saphan.hub").check(hub);
  }

  @Test
  void shouldKeepCatalogFreeOfSpringCamelAndHubWhenCatalogClassesAreImported() {
    // given
    JavaClasses catalog = CATALOG;
    // then
    assertThat(catalog).isNotEmpty();
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.saphan.hub..", "org.springframework..", "org.apache.camel..")
        .check(catalog);
  }

  /** The one outbound HTTP client: no other client library is used outside the egress package. */
  static ArchRule outboundHttpOnlyThroughEgress(String root) {
    return noClasses()
        .that()
        .resideOutsideOfPackage(root + ".security.egress..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.net.http..",
            "org.springframework.web.client..",
            "org.springframework.web.reactive.function.client..",
            "org.apache.hc.client5..",
            "org.apache.cxf..",
            "jakarta.xml.ws..",
            "javax.xml.ws..",
            "okhttp3..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.HttpURLConnection")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("com.nimbusds.jose.util.DefaultResourceRetriever")
        .orShould()
        .callMethod(java.net.URL.class, "openConnection")
        .orShould()
        .callMethod(java.net.URL.class, "openStream")
        .because(
            "outbound HTTP goes through the EgressClient (egress policy, guarded DNS, limits)");
  }

  @Test
  void shouldSendOutboundHttpOnlyThroughEgressWhenHubClassesAreImported() {
    // given
    JavaClasses hub = HUB;
    // then
    outboundHttpOnlyThroughEgress("org.saphan.hub").check(hub);
  }

  @Test
  void shouldCatchOutboundHttpClientWhenItIsUsedOutsideEgress() {
    // given: a fixture class that builds a java.net.http.HttpClient of its own
    JavaClasses fixture = new ClassFileImporter().importPackages("org.saphan.hub.archfixture");
    // when / then
    assertThatThrownBy(
            () -> outboundHttpOnlyThroughEgress("org.saphan.hub.archfixture").check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FixtureOwnHttpClient");
  }

  /**
   * No process-killing hook in production code: it never halts the JVM, and exits only from a
   * command line's {@code main}. Crash tests halt through a test-only {@code FaultInjection}.
   */
  static ArchRule noProcessKillOutsideMain() {
    DescribedPredicate<JavaCall<?>> kills =
        DescribedPredicate.describe(
            "Runtime.halt, or System.exit / Runtime.exit outside a main method",
            call -> {
              String owner = call.getTargetOwner().getName();
              boolean runtime = owner.equals(Runtime.class.getName());
              boolean exit =
                  (runtime || owner.equals(System.class.getName()))
                      && call.getName().equals("exit");
              return (runtime && call.getName().equals("halt"))
                  || (exit && !call.getOrigin().getName().equals("main"));
            });
    return noClasses()
        .should()
        .callMethodWhere(kills)
        .because("test hooks (crash after N acks) leave production classes (issue 13)");
  }

  @Test
  void shouldNeverHaltOrExitOutsideMainWhenHubAndCatalogClassesAreImported() {
    // given
    JavaClasses hub = HUB;
    JavaClasses catalog = CATALOG;
    // then
    noProcessKillOutsideMain().check(hub);
    noProcessKillOutsideMain().check(catalog);
  }

  @Test
  void shouldCatchProcessKillWhenATestHookHaltsTheJvm() {
    // given: a fixture that halts in a hook and exits outside main (and exits in main, allowed)
    JavaClasses fixture = new ClassFileImporter().importPackages("org.saphan.hub.archfixture.halt");
    // when / then
    assertThatThrownBy(() -> noProcessKillOutsideMain().check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FixtureCrashHook.crashAfterAcks(int)")
        .hasMessageContaining("FixtureCrashHook.giveUp()")
        .hasMessageNotContaining("FixtureCrashHook.main(");
  }

  @Test
  void shouldCatchViolationWhenLowerLayerCallsApi() {
    // given: fixture classes where the platform layer calls the api layer
    JavaClasses fixture = new ClassFileImporter().importPackages("org.saphan.hub.archfixture");
    // when / then
    assertThatThrownBy(() -> layering("org.saphan.hub.archfixture").check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FixturePlatformService")
        .hasMessageContaining("FixtureApiController");
  }

  /**
   * One job registry: recurring work is fired by the job scheduler from {@code
   * batch/schedules.yaml} only; no {@code @Scheduled}, no scheduling configurer, no repeating
   * executor of its own outside {@code platform.schedule}.
   */
  static ArchRule onlyTheJobSchedulerRepeatsWork() {
    DescribedPredicate<JavaCall<?>> repeats =
        DescribedPredicate.describe(
            "a repeating schedule of an executor or a TaskScheduler",
            call ->
                (call.getName().equals("scheduleWithFixedDelay")
                        || call.getName().equals("scheduleAtFixedRate"))
                    && (call.getTargetOwner().isAssignableTo(ScheduledExecutorService.class)
                        || call.getTargetOwner().isAssignableTo(TaskScheduler.class)));
    return noClasses()
        .that()
        .resideOutsideOfPackage("..platform.schedule..")
        .should()
        .callMethodWhere(repeats)
        .orShould()
        .beAnnotatedWith(EnableScheduling.class)
        .orShould()
        .implement(SchedulingConfigurer.class)
        .because("batch/schedules.yaml is the one registry of recurring jobs");
  }

  @Test
  void shouldScheduleRecurringWorkOnlyThroughTheRegistryWhenHubClassesAreImported() {
    // given
    JavaClasses hub = HUB;
    // then
    onlyTheJobSchedulerRepeatsWork().check(hub);
    noMethods()
        .should()
        .beAnnotatedWith(Scheduled.class)
        .because("batch/schedules.yaml is the one registry of recurring jobs")
        .check(hub);
  }
}
