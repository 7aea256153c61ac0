package io.evomerge.data;

import java.util.List;
import java.util.Map;

/**
 * One grammar resource ({@code <name>.yaml}): rules shared by its domains, and each domain's own
 * rules, which are added to (and override) the shared ones. Immutable once loaded.
 */
record GrammarFile(Map<String, List<String>> rules, Map<String, Map<String, List<String>>> domains) {

  public GrammarFile {
    rules = rules == null ? Map.of() : Map.copyOf(rules);
    domains = domains == null ? Map.of() : Map.copyOf(domains);
  }

  public Grammar domain(String name) {
    Map<String, List<String>> own = domains.get(name);
    if (own == null) {
      throw new IllegalArgumentException("no grammar domain " + name + "; there are " + domains.keySet());
    }
    return Grammar.of(rules).with(own);
  }
}
