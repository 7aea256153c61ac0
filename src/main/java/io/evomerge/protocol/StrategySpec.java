package io.evomerge.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Which merge rule the service applies to a request's control vectors: the optional {@code
 * strategy} field of {@code POST /v1/evaluate}. Absent means the paper's asymmetric rule, the
 * default. {@code concat} is the provider-side exact sum {@code delta_W = sum_i beta_i (lora_alpha /
 * r) B_i sparsify(A_i, alpha_i)} (rank {@code sum r}), where, unlike under the paper's rule, a
 * negative beta truly subtracts an adapter. The white-box rules need the adapters' weights, so only
 * the provider can run them; they read {@code beta[i]} as adapter i's weight (0 leaves it out) and
 * ignore {@code alpha}:
 * <ul>
 *   <li>{@code task-arithmetic}: {@code delta_W = sum_i beta_i tau_i}, with {@code tau_i =
 *       (lora_alpha / r) B_i A_i} the dense task vector of adapter i;</li>
 *   <li>{@code ties}: each {@code tau_i} trimmed to its top {@code density} fraction by magnitude,
 *       a sign elected per entry from {@code sum_i beta_i tau_i}, then the mean of the agreeing
 *       {@code beta_i tau_i} (TIES-Merging, Yadav et al. 2023);</li>
 *   <li>{@code dare}: each entry of {@code tau_i} kept with probability {@code density} (a mask
 *       drawn from {@code seed} and i) and rescaled by {@code 1 / density}, then task arithmetic
 *       (DARE, Yu et al. 2024).</li>
 * </ul>
 * Immutable; values are checked here, so a bad one is a 400 that names the field.
 *
 * @param name {@code asymmetric} (default), {@code concat}, {@code task-arithmetic}, {@code ties} or {@code dare}
 * @param density fraction kept, in (0, 1]; required by {@code ties} and {@code dare}, else unused
 * @param seed seed of the DARE masks; 0 when absent
 */
public record StrategySpec(String name, Double density, Long seed) {

  @JsonCreator
  public StrategySpec(@JsonProperty("name") String name, @JsonProperty("density") Double density,
      @JsonProperty("seed") Long seed) {
    this.name = Kind.of(name).id();
    this.density = checkedDensity(Kind.of(name), density);
    this.seed = seed == null ? 0L : seed;
  }

  public static StrategySpec asymmetric() {
    return new StrategySpec(Kind.ASYMMETRIC.id(), null, null);
  }

  public static StrategySpec concat() {
    return new StrategySpec(Kind.CONCAT.id(), null, null);
  }

  public static StrategySpec taskArithmetic() {
    return new StrategySpec(Kind.TASK_ARITHMETIC.id(), null, null);
  }

  public static StrategySpec ties(double density) {
    return new StrategySpec(Kind.TIES.id(), density, null);
  }

  public static StrategySpec dare(double density, long seed) {
    return new StrategySpec(Kind.DARE.id(), density, seed);
  }

  public Kind kind() {
    return Kind.of(name);
  }

  @JsonIgnore
  public boolean isDefault() {
    return kind() == Kind.ASYMMETRIC;
  }

  /** A stable text naming the rule and its parameters, e.g. {@code ties:density=0.2}. */
  public String key() {
    return switch (kind()) {
      case ASYMMETRIC, CONCAT, TASK_ARITHMETIC -> name;
      case TIES -> name + ":density=" + density;
      case DARE -> name + ":density=" + density + ",seed=" + seed;
    };
  }

  private static Double checkedDensity(Kind kind, Double density) {
    boolean needed = kind == Kind.TIES || kind == Kind.DARE;
    if (density == null) {
      if (needed) {
        throw new IllegalArgumentException("strategy.density is required by strategy '" + kind.id()
            + "': a fraction in (0, 1]");
      }
      return null;
    }
    if (!(density > 0 && density <= 1)) {
      throw new IllegalArgumentException("strategy.density = " + density + " must be in (0, 1]");
    }
    return density;
  }

  public enum Kind {
    ASYMMETRIC("asymmetric"),
    CONCAT("concat"),
    TASK_ARITHMETIC("task-arithmetic"),
    TIES("ties"),
    DARE("dare");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static Kind of(String id) {
      Objects.requireNonNull(id, "strategy.name is required");
      String wanted = id.strip().toLowerCase(Locale.ROOT);
      return Arrays.stream(values()).filter(k -> k.id.equals(wanted)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("strategy.name '" + id + "' is unknown; expected one of "
              + Arrays.stream(values()).map(Kind::id).toList()));
    }
  }
}
