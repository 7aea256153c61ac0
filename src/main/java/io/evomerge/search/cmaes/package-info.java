/**
 * CMA-ES, the algorithm pycma 4.5 runs by default, as pure functions over an immutable state.
 *
 * <p>{@link io.evomerge.search.cmaes.CmaEs} starts, asks and tells; {@link
 * io.evomerge.search.cmaes.CmaEsSettings} shapes a run (start, sigma, population, {@link
 * io.evomerge.search.cmaes.Bounds}, {@link io.evomerge.search.cmaes.Covariance}, active or classic
 * update); {@link io.evomerge.search.cmaes.CmaEsState} is the whole state as JSON-ready numbers;
 * {@link io.evomerge.search.cmaes.CmaEsStops} are the stop rules over {@link
 * io.evomerge.search.cmaes.Progress}. {@link io.evomerge.search.cmaes.Parameters} holds pycma's
 * strategy parameters, {@link io.evomerge.search.cmaes.Gaussians} the platform-independent normal
 * numbers and {@link io.evomerge.search.cmaes.SymmetricEigen} the eigensolver; pycma's box
 * transform is package-private.
 *
 * <p>The tests hold it to pycma: given the same normal numbers, pycma goes through the same
 * states (CmaEsVersusPycmaTest), and needs the same evaluations on sphere, ellipsoid, Rosenbrock
 * and a bounded problem that starts on its upper bound.
 */
package io.evomerge.search.cmaes;
