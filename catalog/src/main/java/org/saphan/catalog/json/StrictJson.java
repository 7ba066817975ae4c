package org.saphan.catalog.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The one JSON configuration of Saphan, I-JSON (RFC 7493): the only place main code builds an
 * {@link ObjectMapper} or a {@link JsonFactory}.
 *
 * <p>It lives in the catalog because the catalog (plain Java, run alone by {@code saphan validate})
 * reads JSON too and cannot depend on the hub, while the hub depends on the catalog: here both use
 * one implementation. The hub's {@code org.saphan.hub.platform.Json} delegates to this class and
 * hands {@link #factory()} to Spring MVC's mapper, which Camel's Jackson data format uses too.
 *
 * <p>A parser of this configuration refuses, with a {@link
 * com.fasterxml.jackson.core.JsonProcessingException} (the API answers 400 {@code malformed_json}):
 *
 * <ul>
 *   <li>a member name twice in one object, at any depth (the last one used to win, so a signed
 *       callback could carry two {@code statusCode}s and be read as the second);
 *   <li>U+0000, an unpaired surrogate (escaped {@code \ud800} or raw) or a noncharacter in a string
 *       or a name (PostgreSQL {@code jsonb} cannot store U+0000; RFC 7493 §2.1);
 *   <li>a number that is not a finite IEEE 754 double: {@code NaN}/{@code Infinity} tokens, {@code
 *       1e999999999} (it used to become {@code Infinity}), an integer beyond ±1.8e308. Integers
 *       within that range keep their exact value ({@code BigInteger} in a tree); binding one to an
 *       {@code int}/{@code long} field it does not fit is refused by Jackson's own overflow check,
 *       so no field silently holds a truncated or rounded value;
 *   <li>nesting deeper than {@value #MAX_NESTING_DEPTH}, a number longer than {@value
 *       #MAX_NUMBER_LENGTH} characters, a name longer than {@value #MAX_NAME_LENGTH}, a string
 *       longer than {@value #MAX_STRING_LENGTH} (bounds on work, not on meaningful input);
 *   <li>anything after the root value;
 *   <li>bytes in any encoding but UTF-8 (Jackson alone detects and reads UTF-16 and UTF-32).
 * </ul>
 *
 * <p>Each call builds a new mapper (keep it in a {@code static final} field): a caller may turn on
 * output features (indentation) without changing anyone else's mapper. Output is Jackson's default,
 * so stored JSON and digests over it do not change.
 */
public final class StrictJson {

  /** Deepest nesting of arrays and objects accepted. */
  public static final int MAX_NESTING_DEPTH = 64;

  /** Longest number, in characters: a double needs at most 25. */
  public static final int MAX_NUMBER_LENGTH = 100;

  /** Longest member name, in characters. */
  public static final int MAX_NAME_LENGTH = 1_024;

  /** Longest string value, in characters (bodies are limited well below this at the API). */
  public static final int MAX_STRING_LENGTH = 16 * 1024 * 1024;

  /**
   * The one deserialization feature a mapper needs besides the factory: a parser cannot tell that
   * its caller expects a single root value, the mapper can.
   */
  public static final DeserializationFeature READ_FEATURE =
      DeserializationFeature.FAIL_ON_TRAILING_TOKENS;

  private StrictJson() {}

  /** The limits every strict parser (JSON and YAML) enforces. */
  static StreamReadConstraints constraints() {
    return StreamReadConstraints.builder()
        .maxNestingDepth(MAX_NESTING_DEPTH)
        .maxNumberLength(MAX_NUMBER_LENGTH)
        .maxNameLength(MAX_NAME_LENGTH)
        .maxStringLength(MAX_STRING_LENGTH)
        .build();
  }

  /**
   * A new strict factory, for a mapper built elsewhere (Spring's builder) or for streaming reads. A
   * mapper built on it must also enable {@link #READ_FEATURE} ({@link #mapper()} does).
   */
  public static JsonFactory factory() {
    return new StrictJsonFactory();
  }

  /** A new strict mapper with Jackson's default output. */
  public static ObjectMapper mapper() {
    return JsonMapper.builder(factory()).enable(READ_FEATURE).build();
  }

  /**
   * A new strict mapper writing map entries in key order: the same content always gives the same
   * bytes (digests, hash chains, caches keyed by content).
   */
  public static ObjectMapper canonical() {
    return JsonMapper.builder(factory())
        .enable(READ_FEATURE)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .build();
  }

  /**
   * A new mapper for YAML files people edit (schedules): duplicate keys and the same limits are
   * refused; YAML's own grammar (anchors, comments) stays as SnakeYAML parses it.
   */
  public static ObjectMapper yaml() {
    YAMLFactory factory =
        YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(constraints())
            .build();
    return YAMLMapper.builder(factory).enable(READ_FEATURE).build();
  }

  /** Features a strict JSON factory sets; kept here so the factory and its copies agree. */
  static void configure(JsonFactory factory) {
    factory.configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature(), true);
    factory.configure(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature(), false);
    factory.configure(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS.mappedFeature(), false);
    factory.configure(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS.mappedFeature(), false);
    factory.setStreamReadConstraints(constraints());
  }
}
