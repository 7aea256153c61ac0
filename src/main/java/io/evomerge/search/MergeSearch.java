package io.evomerge.search;

/**
 * A black-box search over control vectors, driven by ask and tell: the driver asks for a
 * generation, has it evaluated elsewhere (on executors, through the merge service), and tells the
 * mean losses back. The search adds its own penalty to form the fitness and keeps the best.
 *
 * <p>Implementations are deterministic given their {@link SearchSettings#seed()}; they are not
 * thread-safe and live on the driver.
 */
public interface MergeSearch {

  /** The next generation of candidates; call {@link #tell} before asking again. */
  Generation ask();

  /**
   * Tells the mean loss (without penalty) of each candidate of the last {@link #ask}, in order;
   * returns those candidates with their loss and fitness (loss plus the stage's penalty), in the
   * same order. The fitness is computed here, once.
   */
  java.util.List<Evaluated> tell(double[] losses);

  /** True once every stage has spent its budget or met a stop criterion. */
  boolean isDone();

  /** The best candidate evaluated so far, by fitness; empty before the first tell. */
  java.util.Optional<Evaluated> best();

  /** Evaluations (candidates told) so far, over all stages. */
  int evaluations();

  /**
   * The whole state as a Jackson-serialisable value (records of numbers and arrays), from which a
   * restored search continues with exactly the candidates this one would have asked for.
   */
  SearchSnapshot snapshot();

  /**
   * Generations this search runs at most, from its first to its last stage (a stage may end
   * earlier on a CMA-ES stop rule): the denominator of progress lines and estimates.
   */
  int plannedGenerations();

  /** Candidates this search evaluates at most, over all its stages. */
  int plannedEvaluations();

  /** The step size of the running CMA-ES stage; NaN where the running stage has none or once done. */
  double sigma();
}
