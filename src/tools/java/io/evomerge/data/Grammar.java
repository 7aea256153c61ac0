package io.evomerge.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny random text grammar: named rules, each a list of alternatives. In an alternative,
 * {@code {name}} is replaced by an expansion of rule {@code name} and {@code [a|b|c]} by one of its
 * (possibly empty, possibly nested) choices; choices are uniform, so repeating an alternative
 * weights it. Immutable and thread-safe; the randomness comes from the generator passed in.
 */
final class Grammar {

  private static final int MAX_DEPTH = 40;
  private static final Pattern REFERENCE = Pattern.compile("\\{([A-Za-z0-9_]+)}");

  private final Map<String, List<String>> rules;

  private Grammar(Map<String, List<String>> rules) {
    this.rules = Map.copyOf(rules);
  }

  public static Grammar of(Map<String, List<String>> rules) {
    Map<String, List<String>> copy = new HashMap<>();
    rules.forEach((name, alternatives) -> copy.put(name, checked(name, alternatives)));
    return new Grammar(copy);
  }

  public Grammar with(Map<String, List<String>> more) {
    Map<String, List<String>> merged = new HashMap<>(rules);
    more.forEach((name, alternatives) -> merged.put(name, checked(name, alternatives)));
    return new Grammar(merged);
  }

  public boolean has(String name) {
    return rules.containsKey(name);
  }

  public List<String> undefined(java.util.Collection<String> roots) {
    java.util.Set<String> missing = new java.util.TreeSet<>();
    java.util.Set<String> visited = new java.util.HashSet<>();
    java.util.Deque<String> pending = new java.util.ArrayDeque<>(roots);
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (!visited.add(name)) {
        continue;
      }
      if (!rules.containsKey(name)) {
        missing.add(name);
        continue;
      }
      rules.get(name).stream().map(REFERENCE::matcher)
          .forEach(m -> m.results().forEach(r -> pending.push(r.group(1))));
    }
    return List.copyOf(missing);
  }

  public String expand(String name, RandomGenerator random) {
    return expandText("{" + name + "}", random, 0);
  }

  private String expandText(String text, RandomGenerator random, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalStateException("grammar recursion deeper than " + MAX_DEPTH + " at: " + text);
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int end = c == '[' ? matching(text, i) : c == '{' ? text.indexOf('}', i) : i;
      out.append(c == '[' ? choose(text.substring(i + 1, end), random, depth)
          : c == '{' ? rule(text.substring(i + 1, end), random, depth) : String.valueOf(c));
      i = end + 1;
    }
    return out.toString();
  }

  private String rule(String name, RandomGenerator random, int depth) {
    List<String> alternatives = rules.get(name);
    if (alternatives == null) {
      throw new IllegalStateException("undefined grammar rule {" + name + "}");
    }
    return expandText(alternatives.get(random.nextInt(alternatives.size())), random, depth + 1);
  }

  private String choose(String body, RandomGenerator random, int depth) {
    List<String> choices = splitTopLevel(body);
    return expandText(choices.get(random.nextInt(choices.size())), random, depth + 1);
  }

  private static int matching(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      depth += text.charAt(i) == '[' ? 1 : text.charAt(i) == ']' ? -1 : 0;
      if (depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException("unbalanced '[' in grammar text: " + text);
  }

  private static List<String> splitTopLevel(String body) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      depth += c == '[' ? 1 : c == ']' ? -1 : 0;
      if (c == '|' && depth == 0) {
        parts.add(body.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(body.substring(start));
    return parts;
  }

  private static List<String> checked(String name, List<String> alternatives) {
    if (alternatives == null || alternatives.isEmpty()) {
      throw new IllegalArgumentException("grammar rule {" + name + "} has no alternatives");
    }
    return List.copyOf(alternatives);
  }

  public static String tidy(String text, boolean capitalise) {
    String spaced = text.replaceAll("\\s+", " ").replaceAll(" ([,.!?;:])", "$1").trim();
    if (!capitalise) {
      return spaced;
    }
    Matcher m = Pattern.compile("(^|[.!?] )([a-z])").matcher(spaced);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, m.group(1) + m.group(2).toUpperCase(java.util.Locale.ROOT));
    }
    return m.appendTail(out).toString();
  }
}
