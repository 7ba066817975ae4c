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
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/**
 * The architecture rules of the hub and the catalog: the hub's packages in the order of
 * ARCHITECTURE.md (each uses only the packages below it), one JSON configuration, one outbound HTTP
 * client, no process-killing hooks, and a catalog free of Spring, Camel and the hub.
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

  /**
   * The hub's top-level packages, top to bottom, in tiers: a request comes in at the api, the
   * routes (Camel glue) hand it to the flow (delivery, then the service kinds, then status), which
   * works on the application aggregate; the outbox carries work to the broker; the catalog's
   * services, consent, GDX and identity, then the message log (evidence), then security (with the
   * one egress client), the platform and the errors sit below. A package may use the packages of
   * the tiers below its own, never one beside or above it. Every top-level package is placed (see
   * {@link #unplaced}).
   */
  static final List<List<String>> TIERS =
      List.of(
          List.of("api"),
          List.of("ops"),
          List.of("routes"),
          List.of("delivery", "checks"),
          List.of("backoffice", "batch"),
          List.of("payment"),
          List.of("status"),
          List.of("applications"),
          List.of("outbox"),
          List.of("services"),
          List.of("consent", "gdx", "identity", "sla"),
          List.of("evidence"),
          List.of("security"),
          List.of("platform"),
          List.of("error"));

  /** The layers of {@link #TIERS} under {@code root}: dependencies point down only. */
  static ArchRule layering(String root) {
    LayeredArchitecture layers =
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true);
    for (List<String> tier : TIERS) {
      for (String layer : tier) {
        layers = layers.layer(layer).definedBy(root + "." + layer + "..");
      }
    }
    List<String> above = new ArrayList<>();
    for (List<String> tier : TIERS) {
      for (String layer : tier) {
        layers =
            above.isEmpty()
                ? layers.whereLayer(layer).mayNotBeAccessedByAnyLayer()
                : layers.whereLayer(layer).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
      }
      above.addAll(tier);
    }
    return layers;
  }

  /** The top-level packages under {@code root} that {@link #TIERS} does not place. */
  static Set<String> unplaced(JavaClasses classes, String root) {
    Set<String> placed = TIERS.stream().flatMap(List::stream).collect(Collectors.toSet());
    Set<String> unplaced = new TreeSet<>(topLevelPackages(classes, root));
    unplaced.removeAll(placed);
    return unplaced;
  }

  private static Set<String> topLevelPackages(JavaClasses classes, String root) {
    return classes.stream()
        .map(JavaClass::getPackageName)
        .filter(name -> name.startsWith(root + "."))
        .map(name -> name.substring(root.length() + 1).split("\\.")[0])
        .collect(Collectors.toCollection(TreeSet::new));
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
  void shouldPlaceEveryTopLevelPackageWhenHubClassesAreImported() {
    // given
    JavaClasses hub = HUB;
    // then: a new package gets its tier in TIERS (and its line in hub/README.md)
    assertThat(unplaced(hub, "org.saphan.hub")).isEmpty();
  }

  @Test
  void shouldPlaceOnlyExistingPackagesWhenHubClassesAreImported() {
    // given
    JavaClasses hub = HUB;
    // then: the order names no package that does not exist
    assertThat(topLevelPackages(hub, "org.saphan.hub"))
        .containsAll(TIERS.stream().flatMap(List::stream).toList());
  }

  @Test
  void shouldCatchUnplacedPackageWhenATopLevelPackageIsMissingFromTheTiers() {
    // given: fixture packages api and platform (placed), crypto, halt and json (not placed)
    JavaClasses fixture = new ClassFileImporter().importPackages("org.saphan.hub.archfixture");
    // when / then
    assertThat(unplaced(fixture, "org.saphan.hub.archfixture"))
        .containsExactly("crypto", "halt", "json");
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

  @Test
  void shouldKeepCardSettingsFreeOfTheLoaderWhenCatalogClassesAreImported() {
    // given
    JavaClasses catalog = CATALOG;
    // then: the typed card settings are records the loader binds; they never reach back into it
    noClasses()
        .that()
        .resideInAPackage("org.saphan.catalog.settings..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.saphan.catalog",
            "org.saphan.catalog.cli..",
            "org.saphan.catalog.mapping..",
            "org.saphan.catalog.egress..")
        .check(catalog);
  }

  /**
   * The definitions of people-edited batch files ({@code catalog.layout}, {@code catalog.calendar})
   * are read by both {@code ./saphan validate} and the hub: they stand on the catalog's YAML reader
   * alone, not on the card rules, mappings, roadmap or command line.
   */
  @Test
  void shouldKeepBatchDefinitionsOnTheYamlReaderWhenCatalogClassesAreImported() {
    // given
    JavaClasses catalog = CATALOG;
    // then
    noClasses()
        .that()
        .resideInAnyPackage("org.saphan.catalog.layout..", "org.saphan.catalog.calendar..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.saphan.catalog.cli..",
            "org.saphan.catalog.mapping..",
            "org.saphan.catalog.roadmap..",
            "org.saphan.catalog.egress..")
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
   * The API description is the api layer's (issue 15): springdoc and swagger types (the
   * description's model, its machinery and its operation annotations) are used only under {@code
   * <root>.api}, by the controllers and {@code api.openapi}. One exception: a record the API
   * answers with may carry swagger's {@code @Schema} (with the annotation types its members name)
   * to give its schema a unique name or describe a field, like a Jackson annotation shapes its
   * JSON; it stays a description of the record, not of an operation.
   */
  static ArchRule apiDescriptionOnlyInApi(String root) {
    DescribedPredicate<JavaClass> schemaAnnotation =
        JavaClass.Predicates.resideInAPackage("io.swagger.v3.oas.annotations.media..")
            .or(JavaClass.Predicates.resideInAPackage("io.swagger.v3.oas.annotations.extensions.."))
            .or(
                JavaClass.Predicates.equivalentTo(
                    io.swagger.v3.oas.annotations.ExternalDocumentation.class));
    return noClasses()
        .that()
        .resideOutsideOfPackage(root + ".api..")
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.resideInAnyPackage("org.springdoc..", "io.swagger..")
                .and(DescribedPredicate.not(schemaAnnotation))
                .as("springdoc or swagger types other than @Schema"))
        .because("the API description is generated in the api layer only");
  }

  @Test
  void shouldDescribeTheApiOnlyInTheApiLayerWhenHubClassesAreImported() {
    // given
    JavaClasses hub = HUB;
    // then
    apiDescriptionOnlyInApi("org.saphan.hub").check(hub);
  }

  @Test
  void shouldCatchViolationWhenAClassOutsideTheApiUsesTheDescriptionModel() {
    // given: a platform fixture class building a swagger Operation
    JavaClasses fixture = new ClassFileImporter().importPackages("org.saphan.hub.archfixture");
    // when / then
    assertThatThrownBy(() -> apiDescriptionOnlyInApi("org.saphan.hub.archfixture").check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FixtureApiDescription")
        // and a record merely carrying @Schema is not a violation
        .hasMessageNotContaining("FixtureDescribedRecord");
  }

  /** Types whose factory methods make a digest or an XML parser, transformer or stream reader. */
  private static final java.util.Set<String> XML_FACTORIES =
      java.util.Set.of(
          "javax.xml.parsers.DocumentBuilderFactory",
          "javax.xml.parsers.SAXParserFactory",
          "javax.xml.stream.XMLInputFactory",
          "javax.xml.transform.TransformerFactory");

  /**
   * One digest helper and one XML hardening (issue 14): outside {@code org.saphan.catalog.common}
   * no main class calls {@code MessageDigest.getInstance} or creates a JDK XML factory; they use
   * {@code Digests} and {@code SecureXml}. The sandbox keeps its own: it is the other party.
   */
  static ArchRule oneDigestHelperAndOneXmlHardening() {
    DescribedPredicate<JavaCall<?>> ownDigestOrParser =
        DescribedPredicate.describe(
            "MessageDigest.getInstance or a JDK XML factory's new*Instance / new*Factory",
            call -> {
              String owner = call.getTargetOwner().getName();
              String name = call.getName();
              return (owner.equals("java.security.MessageDigest") && name.equals("getInstance"))
                  || (XML_FACTORIES.contains(owner) && name.startsWith("new"));
            });
    return noClasses()
        .that()
        .resideOutsideOfPackage("org.saphan.catalog.common..")
        .should()
        .callMethodWhere(ownDigestOrParser)
        .because(
            "Digests and SecureXml in catalog.common are the one digest helper and XML"
                + " hardening of catalog and hub");
  }

  @Test
  void shouldUseTheSharedDigestAndXmlHelpersWhenHubAndCatalogClassesAreImported() {
    // given
    JavaClasses hub = HUB;
    JavaClasses catalog = CATALOG;
    // then
    oneDigestHelperAndOneXmlHardening().check(hub);
    oneDigestHelperAndOneXmlHardening().check(catalog);
  }

  @Test
  void shouldCatchOwnDigestAndParserWhenAClassBypassesTheSharedHelpers() {
    // given: a fixture that calls MessageDigest.getInstance and DocumentBuilderFactory.newInstance
    JavaClasses fixture =
        new ClassFileImporter().importPackages("org.saphan.hub.archfixture.crypto");
    // when / then
    assertThatThrownBy(() -> oneDigestHelperAndOneXmlHardening().check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FixtureOwnHardening.ownDigest(")
        .hasMessageContaining("FixtureOwnHardening.ownParser()");
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
