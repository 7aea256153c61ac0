/**
 * CMA-ES, the algorithm pycma 4.5 runs by default, as pure functions ({@link
 * io.evomerge.search.cmaes.CmaEs}) over an immutable, JSON-ready state ({@link
 * io.evomerge.search.cmaes.CmaEsState}). The tests hold it to pycma: given the same normal numbers,
 * pycma goes through the same states (CmaEsVersusPycmaTest), and needs the same evaluations on
 * sphere, ellipsoid, Rosenbrock and a bounded problem that starts on its upper bound.
 */
package io.evomerge.search.cmaes;
