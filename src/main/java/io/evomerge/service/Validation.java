package io.evomerge.service;

import io.evomerge.config.LimitsConfig;
import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import java.util.List;

/**
 * The checks that depend on the service: vector length = repository size, finite values within
 * bounds, example counts and shapes. Each failure is a 400 whose message names the field.
 */
final class Validation {

  private Validation() {}

  /** The control vectors, once {@code alpha} and {@code beta} are valid for {@code adapters}. */
  static ControlVectors vectors(double[] alpha, double[] beta, int adapters, double betaBound) {
    length("alpha", alpha, adapters);
    length("beta", beta, adapters);
    for (int i = 0; i < adapters; i++) {
      within("alpha[" + i + "]", alpha[i], 0, 1, "");
      within("beta[" + i + "]", beta[i], -betaBound, betaBound, " (the service's beta bound)");
    }
    return ControlVectors.of(alpha, beta);
  }

  /**
   * Checks there are 1 to {@code max_examples_per_call} examples, each with an id, two to
   * {@code max_options_per_example} options and texts of at most {@code max_text_chars}: before any
   * model work.
   */
  static void examples(List<Example> examples, LimitsConfig limits, boolean needOutput) {
    int max = limits.maxExamplesPerCall();
    if (examples.isEmpty()) {
      throw ApiError.badRequest("examples is empty; expected at least one example");
    }
    if (examples.size() > max) {
      throw ApiError.badRequest("examples has " + examples.size() + " entries; this service accepts at most "
          + max + " per call (max_examples_per_call)");
    }
    for (int i = 0; i < examples.size(); i++) {
      example("examples[" + i + "]", examples.get(i), limits, needOutput);
    }
  }

  private static void example(String where, Example example, LimitsConfig limits, boolean needOutput) {
    if (example.id().isBlank()) {
      throw ApiError.badRequest(where + ".id is empty; expected a non-empty id");
    }
    if (example.options().size() < 2) {
      throw ApiError.badRequest(where + ".options has " + example.options().size()
          + " entries; expected at least two options");
    }
    if (example.options().stream().anyMatch(o -> o == null)) {
      throw ApiError.badRequest(where + ".options holds null; expected strings");
    }
    if (needOutput && example.output() == null) {
      throw ApiError.badRequest(where + ".output is missing; /v1/evaluate needs the target answer");
    }
    if (needOutput && !example.options().contains(example.output())) {
      throw ApiError.badRequest(where + ".output '" + example.output() + "' is not one of its options");
    }
    if (example.options().size() > limits.maxOptionsPerExample()) {
      throw ApiError.badField(where + ".options", where + ".options has " + example.options().size()
          + " entries; this service accepts at most " + limits.maxOptionsPerExample()
          + " per example (max_options_per_example)");
    }
    text(where + ".instruction", example.instruction(), limits);
    text(where + ".input", example.input(), limits);
    text(where + ".output", example.output(), limits);
    for (int o = 0; o < example.options().size(); o++) {
      text(where + ".options[" + o + "]", example.options().get(o), limits);
    }
  }

  private static void text(String field, String value, LimitsConfig limits) {
    if (value != null && value.length() > limits.maxTextChars()) {
      throw ApiError.badField(field, field + " has " + value.length() + " characters; this service accepts at most "
          + limits.maxTextChars() + " per text (max_text_chars)");
    }
  }

  private static void length(String field, double[] values, int adapters) {
    if (values.length != adapters) {
      throw ApiError.badField(field, field + " has " + values.length + " entries but the repository has "
          + adapters + " adapters; expected one per adapter");
    }
  }

  private static void within(String field, double value, double low, double high, String what) {
    if (!Double.isFinite(value)) {
      throw ApiError.badField(field, field + " is " + value + "; expected a finite number");
    }
    if (value < low || value > high) {
      throw ApiError.badField(field, field + " = " + value + " is outside [" + low + ", " + high + "]" + what);
    }
  }
}
