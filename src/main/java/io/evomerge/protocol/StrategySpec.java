package io.evomerge.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The optional {@code strategy} field of {@code POST /v1/evaluate}: which merge rule the service
 * applies to the control vectors (the README's "Protocol notes: strategy" gives each rule's
 * formula). Absent means the paper's asymmetric rule. Immutable; values are checked here, so a bad
 * one is a 400 that names the field.
 *
 * @param name {@code asymmetric} (default), {@code concat}, {@code task-arithmetic}, {@code ties} or {@code dare}
 * @param density fraction kept, in (0, 1]; required by {@code ties} and {@code dare}, else unused
 * @param seed seed of the DARE masks; 0 when absent
 */
public record StrategySpec(String name, Double density, Long seed) {

  public StrategySpec {
    Kind kind = Kind.of(name);
    name = kind.id();
    density = checkedDensity(kind, density);
    seed = seed == null ? 0L : seed;
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
    ASYMMETRIC, CONCAT, TASK_ARITHMETIC, TIES, DARE;

    /** The wire name: {@code task-arithmetic} for {@code TASK_ARITHMETIC}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Kind of(String id) {
      Objects.requireNonNull(id, "strategy.name is required");
      String wanted = id.strip().toLowerCase(Locale.ROOT);
      return Arrays.stream(values()).filter(k -> k.id().equals(wanted)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("strategy.name '" + id + "' is unknown; expected one of "
              + Arrays.stream(values()).map(Kind::id).toList()));
    }
  }
}
