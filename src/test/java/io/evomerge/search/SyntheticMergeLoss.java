package io.evomerge.search;

import io.evomerge.merge.ControlVectors;
import java.util.ArrayList;
import java.util.List;

/**
 * A structured stand-in for the merge service's loss over six adapters, in an 8-dimensional
 * "task space". Adapters 0-2 carry the target's directions e0, e1, e2; adapter 3 carries e0 + e1 +
 * e2 - e3, so reaching the target's +0.5 e3 needs it subtracted (beta_3 &lt; 0); adapters 4 and 5
 * carry only noise (2 e4, 2 e5) that their keep-fraction alpha scales. Sparsifying a useful
 * adapter costs signal as {@code 1 - (1 - alpha)^3}. The loss is {@code 0.5 + |merged - target|^2}
 * with target {@code 0.8 (e0 + e1 + e2) + 0.5 e3}: 0.5 at the optimum (beta = (1.3, 1.3, 1.3,
 * -0.5, *, *), alpha_4 = alpha_5 = 0), at least 0.75 when beta_3 &gt;= 0.
 */
final class SyntheticMergeLoss {

  static final int ADAPTERS = 6;
  private static final double[] TARGET = {0.8, 0.8, 0.8, 0.5, 0, 0, 0, 0};

  private SyntheticMergeLoss() {}

  static double loss(ControlVectors v) {
    double[] m = new double[TARGET.length];
    for (int i = 0; i < 3; i++) {
      m[i] += v.beta(i) * signal(v.alpha(i));
    }
    double s3 = v.beta(3) * signal(v.alpha(3));
    for (int i = 0; i < 3; i++) {
      m[i] += s3;
    }
    m[3] -= s3;
    m[4] += v.beta(4) * 2 * v.alpha(4);
    m[5] += v.beta(5) * 2 * v.alpha(5);
    double d = 0;
    for (int i = 0; i < m.length; i++) {
      d += (m[i] - TARGET[i]) * (m[i] - TARGET[i]);
    }
    return 0.5 + d;
  }

  private static double signal(double alpha) {
    double r = 1 - alpha;
    return 1 - r * r * r;
  }

  /** The losses of {@code g}'s candidates on this loss, in order. */
  static double[] losses(Generation g) {
    return g.candidates().stream().mapToDouble(c -> loss(c.vectors())).toArray();
  }

  /** Runs {@code search} from its start to the end on this loss; returns the last state. */
  static SearchState runToEnd(MergeSearch search) {
    SearchState state = search.start();
    while (!state.done()) {
      state = search.tell(state, losses(search.ask(state))).state();
    }
    return state;
  }

  /** What a drive asked for, and the state it reached. */
  record Driven(List<Generation> asked, SearchState state) {}

  /** Asks and tells up to {@code generations} generations from {@code state} on this loss. */
  static Driven drive(MergeSearch search, SearchState state, int generations) {
    List<Generation> asked = new ArrayList<>();
    for (int g = 0; g < generations && !state.done(); g++) {
      Generation gen = search.ask(state);
      asked.add(gen);
      state = search.tell(state, losses(gen)).state();
    }
    return new Driven(asked, state);
  }
}
