package io.evomerge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {

  @Test
  void rendersAPaddedMarkdownTableInTheGivenOrder() {
    ComparisonTable table = new ComparisonTable(List.of(
        new ComparisonRow("evo-merging", 0.8125, 0.80123, 0.41234, 2400),
        new ComparisonRow("uniform", 0.6, 0.55555, 0.9, 20)));

    String expected = String.join("\n",
        "| method      | test accuracy | macro-F1 | fitness loss | API calls |",
        "| :---------- | ------------: | -------: | -----------: | --------: |",
        "| evo-merging |        0.8125 |   0.8012 |       0.4123 |      2400 |",
        "| uniform     |        0.6000 |   0.5556 |       0.9000 |        20 |",
        "");
    assertEquals(expected, table.toMarkdown());
  }

  @Test
  void pipesInMethodNamesAreEscapedAndMissingNumbersShowAsDash() {
    ComparisonTable table = new ComparisonTable(List.of(new ComparisonRow("a|b", Double.NaN, 1, 1, 0)));
    String row = table.toMarkdown().split("\n")[2];
    assertEquals("| a\\|b   |             - |   1.0000 |       1.0000 |         0 |", row);
  }
}
