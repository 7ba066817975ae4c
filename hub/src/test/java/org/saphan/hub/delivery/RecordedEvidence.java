package org.saphan.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.saphan.hub.evidence.Evidence;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real {@link Evidence} over a fake {@link JdbcClient}: keeps the canonical records (the text the
 * message log seals, docs/evidence.md) it would insert, so a test asserts what is recorded.
 */
final class RecordedEvidence {

  private static final ObjectMapper JSON = new ObjectMapper();

  final List<JsonNode> records = new ArrayList<>();
  final Evidence evidence;

  RecordedEvidence(Clock clock) {
    JdbcClient.StatementSpec[] spec = new JdbcClient.StatementSpec[1];
    spec[0] =
        mock(
            JdbcClient.StatementSpec.class,
            invocation -> {
              if (invocation.getMethod().getName().equals("params")) {
                for (Object argument : invocation.getArguments()) {
                  if (argument instanceof String text && text.startsWith("{\"v\":1")) {
                    records.add(JSON.readTree(text));
                  }
                }
              }
              if (invocation.getMethod().getName().equals("update")) {
                return 1;
              }
              return invocation.getMethod().getReturnType().isInstance(spec[0]) ? spec[0] : null;
            });
    evidence = new Evidence(mock(JdbcClient.class, invocation -> spec[0]), clock);
  }

  /** The one record of this kind. */
  JsonNode only(String kind) {
    List<JsonNode> found =
        records.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
    assertThat(found).as("records of kind " + kind + " in " + records).hasSize(1);
    return found.get(0);
  }
}
