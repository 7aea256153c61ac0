package io.evomerge.search;

import io.evomerge.merge.ControlVectors;
import io.evomerge.search.SearchState.StageState;
import io.evomerge.search.cmaes.Bounds;
import io.evomerge.search.cmaes.CmaEs;
import io.evomerge.search.cmaes.CmaEsSettings;
import io.evomerge.search.cmaes.CmaEsState;
import io.evomerge.search.cmaes.Gaussians;
import io.evomerge.search.cmaes.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A black-box search over control vectors, stepped as Jenetics steps an evolution: {@link
 * #start} makes the first {@link SearchState}, {@link #ask} the generation a state asks for (to be
 * evaluated elsewhere: on executors, through the merge service), and {@link #tell} the next state
 * from that generation's mean losses. The search adds each stage's penalty to form the fitness and
 * keeps the best. Each method's stages: {@link StagePlan#of}.
 *
 * <p>Budgets are exact: a stage never asks for more candidates than its budget. A CMA-ES stage
 * whose budget is not a multiple of its popSize ends with a smaller generation (the first
 * candidates CMA-ES sampled for it), which never updates the distribution. A CMA-ES stage also
 * ends early on the standard stop rules ({@link Progress#stopped()}); its unspent budget is not
 * moved elsewhere. {@link SearchState#best()} is the best by fitness of the latest stage that has
 * told results (stages carry different penalties): for Evo-Merging, the best of stage 2.
 *
 * <p>Randomness: stage k's CMA-ES draws its stream from a {@link SplittableRandom} seeded by
 * {@code (seed, k)}; random search seeds each generation from {@code (seed, k, generation)}.
 *
 * <p>Pure: the same state always asks for the same candidates and tells the same next state, so
 * a state read back from a checkpoint continues exactly. Thread-safe; it holds the settings, the
 * method's stage plans and a memo of the last CMA-ES draw (so that the ask and the tell of one
 * state draw once), nothing that changes a result.
 */
public final class MergeSearch {

  private final SearchSettings settings;
  private final int n;
  private final List<StagePlan> plans;
  private final AtomicReference<Drawn> lastDraw = new AtomicReference<>();

  /** The search of {@code settings.method()} over {@code adapters} adapters. */
  public MergeSearch(SearchSettings settings, int adapters) {
    if (adapters < 1) {
      throw new IllegalArgumentException("adapters: " + adapters + " must be >= 1");
    }
    this.settings = settings;
    this.n = adapters;
    this.plans = StagePlan.of(settings, adapters);
  }

  /**
   * A told generation: the next state, the candidates with their loss and fitness (in the order
   * asked), and the CMA-ES step size their stage reached (NaN for a stage without CMA-ES).
   */
  public record Step(SearchState state, List<Evaluated> evaluated, double sigma) {
    public Step {
      evaluated = List.copyOf(evaluated);
    }
  }

  /** The state before the first generation. */
  public SearchState start() {
    return new SearchState(settings.method().id(), settings.seed(), n, 0, 0, 0, startStage(0, null), null);
  }

  /**
   * The generation {@code state} asks for: a full population, or what the stage's budget leaves.
   *
   * @throws IllegalArgumentException if {@code state} is of another method, seed or N
   * @throws IllegalStateException if {@code state} is done
   */
  public Generation ask(SearchState state) {
    StagePlan plan = running(state);
    double[][] xs = state.current().cma() == null ? null : draw(state.current().cma()).x();
    return new Generation(plan.name(), state.generation(), candidates(plan, state, xs));
  }

  /**
   * Tells the mean loss (without penalty, finite) of each candidate {@code ask(state)} returns, in
   * order; the fitness (loss plus the stage's penalty) is computed here, once.
   */
  public Step tell(SearchState state, double[] losses) {
    StagePlan plan = running(state);
    StageState stage = state.current();
    CmaEs.Sample sample = stage.cma() == null ? null : draw(stage.cma());
    List<Candidate> asked = candidates(plan, state, sample == null ? null : sample.x());
    if (losses.length != asked.size()) {
      throw new IllegalArgumentException("tell: " + losses.length + " losses for generation "
          + state.generation() + " of " + asked.size() + " candidates");
    }
    List<Evaluated> evaluated = new ArrayList<>(losses.length);
    Evaluated best = stage.evaluations() > 0 ? state.best() : null;
    for (int k = 0; k < losses.length; k++) {
      if (!Double.isFinite(losses[k])) {
        throw new IllegalArgumentException("tell: loss of candidate " + k + " of generation "
            + state.generation() + " is " + losses[k] + ", expected a finite number");
      }
      Evaluated e = Evaluated.of(asked.get(k), losses[k]);
      evaluated.add(e);
      if (best == null || e.fitness() < best.fitness()) {
        best = e;
      }
    }
    int used = stage.evaluations() + losses.length;
    CmaEsState cma = stage.cma();
    if (cma != null && losses.length == plan.popSize()) {
      cma = CmaEs.tell(cma, sample, evaluated.stream().mapToDouble(Evaluated::fitness).toArray());
    }
    boolean stageDone = used >= plan.budget() || (cma != null && CmaEs.progress(cma).stopped());
    int index = stageDone ? state.stage() + 1 : state.stage();
    StageState next = !stageDone ? new StageState(used, stage.fixed(), cma)
        : index < plans.size() ? startStage(index, best) : null;
    SearchState after = new SearchState(state.method(), state.seed(), n, index, state.generation() + 1,
        state.evaluations() + losses.length, next, best);
    return new Step(after, evaluated, cma == null ? Double.NaN : cma.sigma());
  }

  /** Generations this search runs at most (a CMA-ES stage may end earlier on a stop rule). */
  public int plannedGenerations() {
    return plans.stream().mapToInt(StagePlan::generations).sum();
  }

  /** Candidates this search evaluates at most, over all its stages. */
  public int plannedEvaluations() {
    return plans.stream().mapToInt(StagePlan::budget).sum();
  }

  private record Drawn(CmaEsState state, CmaEs.Sample sample) {}

  /** {@code CmaEs.ask(cma)}, memoised for the last state drawn (its arrays are never written). */
  private CmaEs.Sample draw(CmaEsState cma) {
    Drawn last = lastDraw.get();
    if (last == null || last.state() != cma) {
      last = new Drawn(cma, CmaEs.ask(cma));
      lastDraw.set(last);
    }
    return last.sample();
  }

  /** The plan of {@code state}'s running stage, once {@code state} is known to be of this search. */
  private StagePlan running(SearchState state) {
    String expected = settings.method().id() + ", seed " + settings.seed() + ", " + n + " adapters";
    String found = state.method() + ", seed " + state.seed() + ", " + state.adapters() + " adapters";
    if (!expected.equals(found)) {
      throw new IllegalArgumentException("search state is of " + found + " but the settings say " + expected);
    }
    if (state.stage() > plans.size() || (state.stage() < plans.size()) != (state.current() != null)) {
      throw new IllegalArgumentException("search state: stage " + state.stage() + " does not fit the "
          + plans.size() + " stages of " + settings.method().id());
    }
    if (state.done()) {
      throw new IllegalStateException("the search is done: every stage has ended");
    }
    StagePlan plan = plans.get(state.stage());
    if ((plan.cma() != null) != (state.current().cma() != null)) {
      throw new IllegalArgumentException("search state: stage " + plan.name() + " does not match its plan");
    }
    return plan;
  }

  /**
   * Stage {@code index} at its start, its fixed part the uniform merge; it inherits alpha from
   * {@code best} where its plan says so, and starts from {@code best} itself (both vectors, CMA-ES
   * at its beta) where it says {@code fromBest}.
   */
  private StageState startStage(int index, Evaluated best) {
    StagePlan plan = plans.get(index);
    StagePlan.Cma c = plan.cma();
    ControlVectors from = best == null || c == null ? null : best.candidate().vectors();
    ControlVectors fixed = from != null && c.fromBest() ? from
        : from != null && c.inheritAlpha() ? ControlVectors.uniform(n).withAlpha(from.alpha())
        : ControlVectors.uniform(n);
    if (c == null) {
      return new StageState(0, fixed, null);
    }
    CmaEsSettings s = new CmaEsSettings(from != null && c.fromBest() ? from.beta() : filled(c.start()),
        c.sigma(), plan.popSize(), Bounds.of(n, plan.lower(), plan.upper()), c.covariance());
    return new StageState(0, fixed, CmaEs.start(s, new SplittableRandom(stageSeed(index))));
  }

  private long stageSeed(int index) {
    return Gaussians.mix(settings.seed(), index);
  }

  private double[] filled(double value) {
    double[] a = new double[n];
    Arrays.fill(a, value);
    return a;
  }

  /** The candidates of {@code state}'s generation, from the CMA-ES draw {@code xs} in CMA-ES stages. */
  private List<Candidate> candidates(StagePlan plan, SearchState state, double[][] xs) {
    StageState stage = state.current();
    int generation = state.generation();
    int count = Math.min(plan.popSize(), plan.budget() - stage.evaluations());
    SplittableRandom random = new SplittableRandom(Gaussians.mix(stageSeed(state.stage()), generation));
    List<Candidate> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      double[] x = xs == null ? null : xs[k];
      ControlVectors v = switch (plan.kind()) {
        case CMA_ALPHA -> stage.fixed().withAlpha(x);
        case CMA_BETA -> stage.fixed().withBeta(x);
        case UNIFORM -> ControlVectors.uniform(n);
        case ONE_HOT -> oneHot(stage.evaluations() + k);
        case RANDOM -> uniformlyRandom(random, plan);
      };
      double penalty = x == null ? 0 : plan.cma().penalty() * meanAbs(x);
      out.add(new Candidate(plan.name(), generation, k, v, penalty));
    }
    return out;
  }

  private ControlVectors oneHot(int i) {
    double[] beta = new double[n];
    beta[i] = 1.0;
    return ControlVectors.of(filled(1.0), beta);
  }

  private ControlVectors uniformlyRandom(SplittableRandom random, StagePlan plan) {
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
}
