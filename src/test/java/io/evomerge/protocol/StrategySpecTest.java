package io.evomerge.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.evomerge.data.Example;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code strategy} field: names, checks, and the JSON of the evaluate request. */
class StrategySpecTest {

  static final Example EXAMPLE = new Example("e1", null, "good?", "yes", List.of("yes", "no"));

  @Test
  void namesAreCaseInsensitiveAndUnknownOnesListTheKnown() {
    assertEquals(StrategySpec.Kind.TIES, new StrategySpec("TIES", 0.2, null).kind());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StrategySpec("della", null, null));
    assertTrue(e.getMessage().contains("strategy.name 'della'") && e.getMessage().contains("dare"), e.getMessage());
  }

  @Test
  void tiesAndDareNeedADensityInTheUnitInterval() {
    assertThrows(IllegalArgumentException.class, () -> new StrategySpec("ties", null, null));
    assertThrows(IllegalArgumentException.class, () -> new StrategySpec("dare", 0.0, 1L));
    assertThrows(IllegalArgumentException.class, () -> new StrategySpec("ties", 1.5, null));
    assertEquals("dare:density=0.3,seed=0", new StrategySpec("dare", 0.3, null).key());
  }

  @Test
  void concatIsAProviderRuleWithoutParametersAndNotTheDefault() {
    StrategySpec concat = new StrategySpec("Concat", null, null);
    assertEquals(StrategySpec.Kind.CONCAT, concat.kind());
    assertEquals(new StrategySpec("concat", null, null), concat);
    assertEquals("concat", concat.key());
    assertFalse(concat.isDefault());
    assertTrue(new StrategySpec("asymmetric", null, null).isDefault());
  }

  @Test
  void aRequestWithoutStrategyWritesNoStrategyField() throws Exception {
    EvaluateRequest request = new EvaluateRequest(new double[] {1}, new double[] {0.5}, List.of(EXAMPLE), null);
    String json = Json.mapper().writeValueAsString(request);
    assertFalse(json.contains("strategy"), json);
    assertEquals(request, Json.mapper().readValue(json, EvaluateRequest.class));
  }

  @Test
  void aRequestWithStrategyRoundTrips() throws Exception {
    EvaluateRequest request = new EvaluateRequest(new double[] {1}, new double[] {0.5}, List.of(EXAMPLE),
        new StrategySpec("dare", 0.3, 7L));
    String json = Json.mapper().writeValueAsString(request);
    assertTrue(json.contains("\"strategy\":{\"name\":\"dare\",\"density\":0.3,\"seed\":7}"), json);
    assertEquals(request, Json.mapper().readValue(json, EvaluateRequest.class));
  }

  @Test
  void aBadStrategyInJsonFailsNamingTheField() {
    String json = "{\"alpha\":[1],\"beta\":[1],\"examples\":[],\"strategy\":{\"name\":\"ties\"}}";
    JsonMappingException e = assertThrows(JsonMappingException.class,
        () -> Json.mapper().readValue(json, EvaluateRequest.class));
    assertTrue(e.getMessage().contains("strategy.density"), e.getMessage());
  }
}
