package io.evomerge.search.internal;

import io.evomerge.merge.ControlVectors;
import io.evomerge.search.Candidate;
import io.evomerge.search.Evaluated;
import io.evomerge.search.Generation;
import io.evomerge.search.SearchSnapshot;
import io.evomerge.search.SearchSnapshot.StageState;
import io.evomerge.search.cmaes.Bounds;
import io.evomerge.search.cmaes.CmaEs;
import io.evomerge.search.cmaes.CmaEsSettings;
import io.evomerge.search.cmaes.CmaEsStops;
import io.evomerge.search.cmaes.Gaussians;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One running stage: asks for at most its budget, keeps its best, and feeds full generations to
 * its CMA-ES. Not thread-safe.
 */
public final class StageRun {

  private final StagePlan plan;
  private final int n;
  private final ControlVectors base;
  private final long seed;
  private final CmaEs cma;
  private int used;
  private Evaluated best;

  private StageRun(StagePlan plan, int n, ControlVectors base, long seed, CmaEs cma) {
    this.plan = plan;
    this.n = n;
    this.base = base;
    this.seed = seed;
    this.cma = cma;
  }

  /** A fresh stage over {@code base} (the fixed part of every candidate). */
  public static StageRun start(StagePlan plan, int n, ControlVectors base, long seed) {
    CmaEs cma = plan.isCma() ? CmaEs.start(cmaSettings(plan, n, base), new SplittableRandom(seed)) : null;
    return new StageRun(plan, n, base, seed, cma);
  }

  /** The stage saved in {@code state}. */
  public static StageRun restore(StagePlan plan, int n, long seed, StageState state) {
    if (plan.isCma() != (state.cma() != null)) {
      throw new IllegalArgumentException("snapshot: stage " + plan.name() + " state does not match its plan");
    }
    CmaEs cma = plan.isCma() ? CmaEs.restore(state.cma()) : null;
    StageRun run = new StageRun(plan, n, state.base(), seed, cma);
    run.used = state.evaluations();
    run.best = state.best() == null ? null : state.best().toEvaluated();
    return run;
  }

  private static CmaEsSettings cmaSettings(StagePlan plan, int n, ControlVectors base) {
    double[] start = new double[n];
    Arrays.fill(start, plan.cma().start());
    return new CmaEsSettings(plan.fromBest() ? base.beta() : start, plan.cma().sigma(), plan.popSize(),
        Bounds.of(n, plan.lower(), plan.upper()), plan.cma().covariance());
  }

  /** The candidates of generation {@code generation}: a full population, or what budget is left. */
  public List<Candidate> ask(int generation) {
    int count = Math.min(plan.popSize(), plan.budget() - used);
    List<Candidate> out = new ArrayList<>(count);
    double[][] xs = cma == null ? null : cma.ask();
    SplittableRandom random = new SplittableRandom(Gaussians.mix(seed, generation));
    for (int k = 0; k < count; k++) {
      out.add(candidate(generation, k, xs == null ? null : xs[k], random));
    }
    return out;
  }

  private Candidate candidate(int generation, int k, double[] x, SplittableRandom random) {
    ControlVectors v = switch (plan.kind()) {
      case CMA_ALPHA -> base.withAlpha(x);
      case CMA_BETA -> base.withBeta(x);
      case UNIFORM -> ControlVectors.uniform(n);
      case ONE_HOT -> oneHot(used + k);
      case RANDOM -> uniformlyRandom(random);
    };
    double penalty = x == null ? 0 : plan.cma().penalty() * meanAbs(x);
    return new Candidate(plan.name(), generation, k, v, penalty);
  }

  private ControlVectors oneHot(int i) {
    double[] alpha = new double[n];
    double[] beta = new double[n];
    Arrays.fill(alpha, 1.0);
    beta[i] = 1.0;
    return ControlVectors.of(alpha, beta);
  }

  private ControlVectors uniformlyRandom(SplittableRandom random) {
    double[] alpha = new double[n];
    double[] beta = new double[n];
    for (int i = 0; i < n; i++) {
      alpha[i] = random.nextDouble();
      beta[i] = plan.lower() + (plan.upper() - plan.lower()) * random.nextDouble();
    }
    return ControlVectors.of(alpha, beta);
  }

  private static double meanAbs(double[] x) {
    double s = 0;
    for (double v : x) {
      s += Math.abs(v);
    }
    return s / x.length;
  }

  /** Takes the losses of {@code asked}, in order; returns the candidates with their fitness. */
  public List<Evaluated> tell(Generation asked, double[] losses) {
    double[] fitness = new double[losses.length];
    List<Evaluated> evaluated = new ArrayList<>(losses.length);
    for (int k = 0; k < losses.length; k++) {
      Evaluated e = Evaluated.of(asked.candidates().get(k), losses[k]);
      evaluated.add(e);
      fitness[k] = e.fitness();
      if (best == null || e.fitness() < best.fitness()) {
        best = e;
      }
    }
    used += losses.length;
    if (cma != null && losses.length == plan.popSize()) {
      cma.tell(fitness);
    }
    return List.copyOf(evaluated);
  }

  /** The CMA-ES step size; NaN for a stage without CMA-ES. */
  public double sigma() {
    return cma == null ? Double.NaN : cma.progress().sigma();
  }

  /** Whether the budget is spent or CMA-ES met a standard stop rule. */
  public boolean isDone() {
    return used >= plan.budget()
        || (cma != null && used > 0 && CmaEsStops.standard().test(cma.progress()));
  }

  public Optional<Evaluated> best() {
    return Optional.ofNullable(best);
  }

  public StagePlan plan() {
    return plan;
  }

  /** The stage's state between generations. */
  public StageState state() {
    return new StageState(used, base.alpha(), base.beta(), cma == null ? null : cma.state(),
        best == null ? null : SearchSnapshot.Best.of(best));
  }
}
