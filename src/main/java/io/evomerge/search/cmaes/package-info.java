/**
 * CMA-ES with an ask/tell interface, the algorithm pycma 4.5 runs by default.
 *
 * <p>{@link io.evomerge.search.cmaes.CmaEs} is the optimizer; {@link
 * io.evomerge.search.cmaes.CmaEsSettings} shapes a run (start, sigma, population, {@link
 * io.evomerge.search.cmaes.Bounds}, full or separable covariance, active or classic update);
 * {@link io.evomerge.search.cmaes.CmaEsState} is its whole state as JSON-ready numbers, from which
 * {@link io.evomerge.search.cmaes.CmaEs#restore} continues bit for bit; {@link
 * io.evomerge.search.cmaes.CmaEsStops} are the stop rules over {@link
 * io.evomerge.search.cmaes.Progress}. {@link io.evomerge.search.cmaes.Parameters} holds pycma's
 * strategy parameters, {@link io.evomerge.search.cmaes.Gaussians} the platform-independent normal
 * numbers and {@link io.evomerge.search.cmaes.SymmetricEigen} the eigensolver; the covariance
 * models and pycma's box transform are package-private.
 *
 * <p>The tests hold it to pycma: given the same normal numbers, pycma goes through the same
 * states (CmaEsVersusPycmaTest), and needs the same evaluations on sphere, ellipsoid, Rosenbrock
 * and a bounded problem that starts on its upper bound.
 */
package io.evomerge.search.cmaes;
