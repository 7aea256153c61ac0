package io.evomerge.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GrammarTest {

  private static final Grammar GRAMMAR = Grammar.of(Map.of(
      "start", List.of("{subject} [is|was] [very |][good|bad[| indeed]]"),
      "subject", List.of("the food", "the room")));

  @Test
  void expandsRulesAndNestedChoicesIntoEveryCombination() {
    Set<String> texts = new HashSet<>();
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 2000; i++) {
      texts.add(GRAMMAR.expand("start", random));
    }
    assertEquals(2 * 2 * 2 * 3, texts.size());
    assertTrue(texts.contains("the room was very bad indeed"));
  }

  @Test
  void theSameSeedGivesTheSameText() {
    assertEquals(GRAMMAR.expand("start", new SplittableRandom(9)), GRAMMAR.expand("start", new SplittableRandom(9)));
  }

  @Test
  void findsUndefinedRulesReachableFromTheRoots() {
    Grammar grammar = Grammar.of(Map.of("a", List.of("{b} [x|{c}]"), "b", List.of("y"), "z", List.of("{missing}")));
    assertEquals(List.of("c"), grammar.undefined(List.of("a")));
    assertEquals(List.of("c", "missing"), grammar.undefined(List.of("a", "z")));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> grammar.expand("z", new SplittableRandom(1)));
    assertEquals("undefined grammar rule {missing}", e.getMessage());
  }

  @Test
  void aDomainOverridesTheSharedRules() {
    Grammar domain = GRAMMAR.with(Map.of("subject", List.of("the bed")));
    assertTrue(domain.expand("start", new SplittableRandom(1)).startsWith("the bed"));
  }

  @Test
  void tidiesSpacingAndCapitalisesSentencesOnlyWhenAsked() {
    assertEquals("The food is good. It was cheap!", Grammar.tidy("  the food  is good . it was cheap !", true));
    assertEquals("the food is good, cheap", Grammar.tidy("the food is good , cheap", false));
  }

  @Test
  void refusesARuleWithoutAlternatives() {
    assertThrows(IllegalArgumentException.class, () -> Grammar.of(Map.of("a", List.of())));
  }
}
