package io.evomerge.search.internal;

import io.evomerge.merge.ControlVectors;
import io.evomerge.search.Evaluated;
import io.evomerge.search.Generation;
import io.evomerge.search.MergeSearch;
import io.evomerge.search.SearchSettings;
import io.evomerge.search.SearchSnapshot;
import io.evomerge.search.cmaes.Gaussians;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A {@link MergeSearch} that runs a method's stages ({@link Plans}) one after the other. Not
 * thread-safe; lives on the driver.
 */
public final class StagedSearch implements MergeSearch {

  private final SearchSettings settings;
  private final int n;
  private final List<StagePlan> plans;
  private int stageIndex;
  private StageRun stage;
  private int generation;
  private int evaluations;
  private Evaluated best;
  private Generation pending;
  private double lastSigma = Double.NaN;

  private StagedSearch(SearchSettings settings, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("adapters: " + n + " must be >= 1");
    }
    this.settings = settings;
    this.n = n;
    this.plans = Plans.of(settings, n);
  }

  /** A fresh search. */
  public static StagedSearch create(SearchSettings settings, int adapters) {
    StagedSearch s = new StagedSearch(settings, adapters);
    s.stage = s.startStage(0);
    return s;
  }

  /** The search saved in {@code snap}, checked against {@code settings} and {@code adapters}. */
  public static StagedSearch restore(SearchSettings settings, int adapters, SearchSnapshot snap) {
    StagedSearch s = new StagedSearch(settings, adapters);
    s.check(snap);
    s.stageIndex = snap.stage();
    s.generation = snap.generation();
    s.evaluations = snap.evaluations();
    s.best = snap.best() == null ? null : snap.best().toEvaluated();
    if (s.stageIndex < s.plans.size()) {
      s.stage = StageRun.restore(s.plans.get(s.stageIndex), adapters, s.stageSeed(s.stageIndex), snap.current());
    }
    return s;
  }

  private void check(SearchSnapshot snap) {
    String expected = settings.method().id() + ", seed " + settings.seed() + ", " + n + " adapters";
    String found = snap.method() + ", seed " + snap.seed() + ", " + snap.adapters() + " adapters";
    if (!expected.equals(found)) {
      throw new IllegalArgumentException("snapshot is of " + found + " but the settings say " + expected);
    }
    if (snap.stage() > plans.size() || (snap.stage() < plans.size()) != (snap.current() != null)) {
      throw new IllegalArgumentException("snapshot: stage " + snap.stage() + " does not fit the "
          + plans.size() + " stages of " + settings.method().id());
    }
  }

  private long stageSeed(int index) {
    return Gaussians.mix(settings.seed(), index);
  }

  private StageRun startStage(int index) {
    StagePlan plan = plans.get(index);
    if (plan.fromBest() && best != null) {
      return StageRun.start(plan, n, best.candidate().vectors(), stageSeed(index));
    }
    double[] alpha = plan.inheritAlpha() && best != null ? best.candidate().vectors().alpha() : ones();
    double[] beta = new double[n];
    Arrays.fill(beta, 1.0 / n);
    return StageRun.start(plan, n, ControlVectors.of(alpha, beta), stageSeed(index));
  }

  private double[] ones() {
    double[] a = new double[n];
    Arrays.fill(a, 1.0);
    return a;
  }

  @Override
  public Generation ask() {
    if (isDone()) {
      throw new IllegalStateException("the search is done: every stage has ended");
    }
    if (pending == null) {
      pending = new Generation(stage.plan().name(), generation, stage.ask(generation));
    }
    return pending;
  }

  @Override
  public List<Evaluated> tell(double[] losses) {
    checkTell(losses);
    List<Evaluated> evaluated = stage.tell(pending, losses);
    lastSigma = stage.sigma();
    evaluations += losses.length;
    generation++;
    pending = null;
    best = stage.best().orElse(best);
    if (stage.isDone()) {
      stageIndex++;
      stage = stageIndex < plans.size() ? startStage(stageIndex) : null;
    }
    return evaluated;
  }

  @Override
  public int plannedGenerations() {
    return plans.stream().mapToInt(StagePlan::generations).sum();
  }

  @Override
  public int plannedEvaluations() {
    return plans.stream().mapToInt(StagePlan::budget).sum();
  }

  /** The step size the stage of the last told generation reached (its own, not the next stage's). */
  @Override
  public double sigma() {
    return lastSigma;
  }

  private void checkTell(double[] losses) {
    if (pending == null) {
      throw new IllegalStateException("tell without a pending ask");
    }
    if (losses.length != pending.size()) {
      throw new IllegalArgumentException("tell: " + losses.length + " losses for generation "
          + pending.number() + " of " + pending.size() + " candidates");
    }
    for (int k = 0; k < losses.length; k++) {
      if (!Double.isFinite(losses[k])) {
        throw new IllegalArgumentException("tell: loss of candidate " + k + " of generation "
            + pending.number() + " is " + losses[k] + ", expected a finite number");
      }
    }
  }

  @Override
  public boolean isDone() {
    return stage == null;
  }

  @Override
  public Optional<Evaluated> best() {
    return Optional.ofNullable(best);
  }

  @Override
  public int evaluations() {
    return evaluations;
  }

  /** The state as a {@link SearchSnapshot}; a pending generation is asked again after restore. */
  @Override
  public SearchSnapshot snapshot() {
    return new SearchSnapshot(settings.method().id(), settings.seed(), n, stageIndex, generation,
        evaluations, stage == null ? null : stage.state(),
        best == null ? null : SearchSnapshot.Best.of(best));
  }
}
