package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.json.StrictJson;
import org.saphan.catalog.settings.CardSettings;
import org.saphan.catalog.settings.CardSettingsJson;

/**
 * The schema is the only source of the card settings' defaults: every {@code default} in {@code
 * connector.schema.json} reaches its record member when a card leaves the property out, a property
 * a card may leave out without a default stays empty (no Java default), and every real card reads
 * into its records and back without losing anything.
 */
class CardSettingsDefaultsTest {

  private static final JsonNode SCHEMA = CardSchema.bundled().json();
  private static final ObjectMapper JSON = StrictJson.mapper();
  private static final ObjectMapper CANONICAL = StrictJson.canonical();

  /**
   * Every block with only what its schema requires, the blocks and members that have defaults left
   * out: the object-level defaults ({@code api.retry}, {@code linkOut.probe}...) apply.
   */
  private static final String BARE =
      """
      {
        "metadata": {"name": "xyz-bare-card"},
        "agency": {"code": "xyz", "name": {"th": "ก"}, "ministry": {"th": "ข"}},
        "service": {"name": {"th": "ค"},
                    "roadmap": {"phase": 1, "order": 1, "targetGroup": "ง"}},
        "model": 3,
        "info": {"documentsRequired": [{"th": "จ"}], "fee": {"amount": 0},
                 "slaWorkingDays": 1, "channels": ["portal"]},
        "linkOut": {"url": "https://a.example.go.th/", "allowedHosts": ["a.example.go.th"]},
        "sso": {"audience": "xyz-aud", "claims": ["user_id"], "minimumIal": "2.3",
                "redirectUrl": "https://a.example.go.th/sso"},
        "api": {"transport": "rest", "endpoint": "https://a.example.go.th/api",
                "mappings": {"request": "mappings/xyz-bare-card/request.jsonata",
                             "response": "mappings/xyz-bare-card/response.jsonata"},
                "statusCodes": {"10": "received"}, "signing": {"policy": "none"}},
        "backOffice": {"steps": [{"id": "check", "name": {"th": "ฉ"}, "role": "officer",
                                  "slaWorkingDays": 1, "outcomes": ["approved"]}]},
        "consent": {"purpose": {"th": "ช"}, "lawfulBasis": "consent",
                    "dataCategories": {"read": [], "shared": []}},
        "payment": {"defaultFee": {"amount": 1}, "billerId": "123456789012345"},
        "form": {"schema": "mappings/xyz-bare-card/form.json"}
      }
      """;

  /**
   * The bare card with each optional object that holds defaults present and empty (but for what it
   * requires without a default): the member-level defaults inside them apply.
   */
  private static final String SKELETON =
      """
      {
        "metadata": {"name": "xyz-skeleton-card"},
        "agency": {"code": "xyz", "name": {"th": "ก"}, "ministry": {"th": "ข"}},
        "service": {"name": {"th": "ค"},
                    "roadmap": {"phase": "expansion", "order": 1, "targetGroup": "ง"}},
        "model": 4,
        "info": {"documentsRequired": [], "fee": {"amount": 0}, "slaWorkingDays": 1,
                 "channels": ["portal"], "source": {"url": "https://a.example.go.th/info"}},
        "linkOut": {"url": "https://a.example.go.th/", "allowedHosts": ["a.example.go.th"],
                    "probe": {}},
        "api": {"transport": "soap", "endpoint": "https://a.example.go.th/api",
                "wsdl": "https://a.example.go.th/api?wsdl",
                "mappings": {"request": "mappings/xyz-skeleton-card/request.xsl",
                             "response": "mappings/xyz-skeleton-card/response.xsl",
                             "status": "mappings/xyz-skeleton-card/status.xsl"},
                "statusCodes": {"10": "received"},
                "signing": {"policy": "xmldsig", "algorithm": "RSA-SHA256"},
                "retry": {}, "limits": {}, "polling": {},
                "answers": {"refusals": {}, "contractFaults": {}, "transient": {}},
                "batch": {"layout": "batch/layouts/x.yaml", "schedule": "batch-export",
                          "sftp": {"host": "h", "username": "u", "remoteDir": "/in",
                                   "hostKeyFingerprint":
                                       "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}},
        "backOffice": {"steps": [{"id": "check", "name": {"th": "ฉ"}, "role": "officer",
                                  "slaWorkingDays": 1, "outcomes": ["approved"]}],
                       "licence": {}},
        "consent": {"purpose": {"th": "ช"}, "lawfulBasis": "public_task",
                    "dataCategories": {"read": ["identity"], "shared": []}},
        "payment": {"defaultFee": {"amount": 1}, "billerId": "123456789012345"},
        "form": {"schema": "mappings/xyz-skeleton-card/form.json", "prefill": []},
        "evidence": {}
      }
      """;

  /** A {@code default} of the schema, at its place in a card (array items as item 0). */
  private record Default(String pointer, JsonNode value) {}

  /** A property a card may leave out that has no default, at its place in a card. */
  private record NoDefault(String pointer) {}

  /** Numbers equal by value (the schema's {@code 2.0}, a record's {@code double}). */
  private static final Comparator<JsonNode> BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  @Test
  void shouldGiveEverySchemaDefaultToTheRecordsWhenACardLeavesThePropertyOut() throws IOException {
    // given
    Walk walk = Walk.of(SCHEMA);
    List<JsonNode> cards = List.of(JSON.readTree(BARE), JSON.readTree(SKELETON));

    // when
    List<String> problems = new ArrayList<>();
    List<String> uncovered = new ArrayList<>();
    for (Default expected : walk.defaults) {
      boolean covered = false;
      for (JsonNode card : cards) {
        if (!leavesOut(card, expected.pointer())) {
          continue;
        }
        covered = true;
        JsonNode actual = settingsOf(card).at(expected.pointer());
        if (actual.isMissingNode() || !expected.value().equals(BY_VALUE, actual)) {
          problems.add(
              expected.pointer() + ": schema default " + expected.value() + ", records " + actual);
        }
      }
      if (!covered) {
        uncovered.add(expected.pointer());
      }
    }

    // then
    assertThat(walk.defaults)
        .extracting(Default::pointer)
        .contains(
            "/api/limits/concurrency",
            "/api/retry/multiplier",
            "/linkOut/probe/method",
            "/backOffice/steps/0/mode",
            "/info/fee/currency",
            "/api/answers/transient/httpStatus");
    assertThat(walk.unreachedDefaults())
        .as("defaults the defaults filler never reaches (under allOf, if, additionalProperties)")
        .isEmpty();
    assertThat(uncovered).as("defaults no minimal card leaves out under its parent").isEmpty();
    assertThat(problems).as("defaults missing from or differing in the records").isEmpty();
  }

  @Test
  void shouldLeaveAnOptionalPropertyEmptyWhenItHasNoSchemaDefault() throws IOException {
    // given: properties a card may leave out without a default (a primitive member would read 0)
    Walk walk = Walk.of(SCHEMA);
    List<JsonNode> cards = List.of(JSON.readTree(BARE), JSON.readTree(SKELETON));

    // when
    Set<String> checked = new HashSet<>();
    List<String> invented = new ArrayList<>();
    for (JsonNode card : cards) {
      JsonNode settings = settingsOf(card);
      for (NoDefault optional : walk.optionals) {
        if (leavesOut(card, optional.pointer())) {
          checked.add(optional.pointer());
          if (!settings.at(optional.pointer()).isMissingNode()) {
            invented.add(optional.pointer() + " = " + settings.at(optional.pointer()));
          }
        }
      }
    }

    // then
    assertThat(checked)
        .contains(
            "/api/polling",
            "/api/trust",
            "/backOffice/licence",
            "/backOffice/licence/validityDays",
            "/info/source",
            "/info/hours");
    assertThat(invented).as("members holding a value the schema does not give").isEmpty();
  }

  @Test
  void shouldReadEveryProjectCardIntoItsRecordsAndBackWithoutLosingAProperty() throws IOException {
    // given
    List<Path> files;
    try (Stream<Path> listed = Files.list(TestHome.projectHome().resolve("connectors"))) {
      files = listed.filter(f -> f.getFileName().toString().endsWith(".connector.yaml")).toList();
    }
    YamlCardReader reader = new YamlCardReader();

    // when / then
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      JsonNode card = reader.read(Files.readString(file)).root();
      JsonNode filled = filled(card);
      CardSettings settings = CardSettingsJson.read(filled);
      assertThat(CardSettingsJson.tree(settings).equals(BY_VALUE, filled))
          .as(file.getFileName() + " read and written back: " + CardSettingsJson.tree(settings))
          .isTrue();
      // the hub publishes and hashes the info block: its bytes stay as the card writes them
      assertThat(canonical(CardSettingsJson.tree(settings.info().orElseThrow())))
          .as(file.getFileName() + " info")
          .isEqualTo(canonical(filled.get("info")));
    }
  }

  @Test
  void shouldRefuseACardWhenAPropertyHasNoRecordMember() throws IOException {
    // given: a property the records do not know (a schema change without its record member)
    ObjectNode card = (ObjectNode) filled(JSON.readTree(BARE));
    ((ObjectNode) card.get("api")).put("retries", 3);

    // when / then
    assertThatThrownBy(() -> CardSettingsJson.read(card))
        .isInstanceOf(CardSettingsJson.Unreadable.class)
        .hasMessageStartingWith("the card does not fit its settings records: api.retries: ")
        .hasMessageContaining("Unrecognized field \"retries\"");
  }

  private static JsonNode filled(JsonNode card) {
    JsonNode copy = card.deepCopy();
    new SchemaDefaults(SCHEMA).apply(copy);
    return copy;
  }

  /** The card's settings, bound from the defaults-filled card and written back as JSON. */
  private static JsonNode settingsOf(JsonNode card) {
    return CardSettingsJson.tree(CardSettingsJson.read(filled(card)));
  }

  /** True when the card has the property's parent object but not the property. */
  private static boolean leavesOut(JsonNode card, String pointer) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = card.at(pointer.substring(0, slash));
    return parent.isObject() && !parent.has(pointer.substring(slash + 1));
  }

  private static String canonical(JsonNode node) throws JsonProcessingException {
    return CANONICAL.writeValueAsString(CANONICAL.treeToValue(node, Object.class));
  }

  /**
   * The schema walked the way {@link SchemaDefaults} walks it ({@code properties}, {@code items},
   * local {@code $ref}s), with every {@code default} keyword of the document for comparison.
   */
  private static final class Walk {

    final List<Default> defaults = new ArrayList<>();
    final List<NoDefault> optionals = new ArrayList<>();
    private final JsonNode schema;
    private final Set<JsonNode> reached = Collections.newSetFromMap(new IdentityHashMap<>());

    private Walk(JsonNode schema) {
      this.schema = schema;
    }

    static Walk of(JsonNode schema) {
      Walk walk = new Walk(schema);
      walk.visit(schema, "");
      return walk;
    }

    private void visit(JsonNode subschema, String pointer) {
      JsonNode effective = resolve(subschema);
      Set<String> required = new HashSet<>();
      effective.path("required").forEach(name -> required.add(name.asText()));
      for (Map.Entry<String, JsonNode> property : effective.path("properties").properties()) {
        String at = pointer + "/" + property.getKey();
        JsonNode holder = defaultHolder(property.getValue());
        if (holder != null) {
          reached.add(holder);
          defaults.add(new Default(at, holder.get("default")));
        } else if (!required.contains(property.getKey())) {
          optionals.add(new NoDefault(at));
        }
        visit(property.getValue(), at);
      }
      if (effective.path("items").isObject()) {
        visit(effective.path("items"), pointer + "/0");
      }
    }

    /** Every schema node with a {@code default} that the walk did not reach. */
    List<String> unreachedDefaults() {
      List<String> unreached = new ArrayList<>();
      collect(schema, "", unreached);
      return unreached;
    }

    private void collect(JsonNode node, String pointer, List<String> unreached) {
      if (node.isObject()) {
        if (node.has("default") && !reached.contains(node)) {
          unreached.add(pointer);
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
          if (!member.getKey().equals("examples") && !member.getKey().equals("default")) {
            collect(member.getValue(), pointer + "/" + member.getKey(), unreached);
          }
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          collect(node.get(i), pointer + "/" + i, unreached);
        }
      }
    }

    private JsonNode defaultHolder(JsonNode propertySchema) {
      if (propertySchema.has("default")) {
        return propertySchema;
      }
      JsonNode referenced = resolve(propertySchema);
      return referenced.has("default") ? referenced : null;
    }

    private JsonNode resolve(JsonNode subschema) {
      JsonNode reference = subschema.path("$ref");
      return reference.isTextual() && reference.asText().startsWith("#")
          ? schema.at(reference.asText().substring(1))
          : subschema;
    }
  }
}
