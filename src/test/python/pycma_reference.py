"""Runs pycma (the Python package `cma`) on the problems CmaEsVersusPycmaTest names, in one process.

Reads a JSON request on stdin:
  {"runs": [{"problem": "sphere", "n": 10, "x0": 1.0, "sigma": 0.5, "popsize": null,
             "bounds": null, "active": true, "seeds": [1, 2, 3, 4, 5],
             "target": 1e-8, "maxEvaluations": 400000, "normals": "evomerge"}, ...]}
and prints one JSON object on stdout:
  {"cma": "4.5.0", "results": [{"problem": ..., "n": ..., "active": ..., "seed": ...,
                                "evaluations": ..., "restarts": ...}, ...]}

or, with "traces" instead of "runs",
  {"traces": [{"problem": ..., "n": ..., "x0": ..., "sigma": ..., "popsize": ..., "bounds": ...,
               "active": ..., "separable": false, "streamSeed": 42, "generations": 30}, ...]}
and prints {"cma": ..., "traces": [[{"mean": [...], "sigma": ..., "scaling": [...], "pc": [...],
"ps": [...], "C": [[...]] or null}, ... one per generation], ...]}: pycma's state after each tell,
sampling the very standard normal numbers the Java CmaEs draws (SplittableRandom and Marsaglia's
polar method, as in Gaussians.java) and decomposing C into canonical eigenpairs (ascending
eigenvalues, each eigenvector's largest entry positive, as in SymmetricEigen.java).

With "normals": "evomerge" a run samples the normal numbers of the Java run of the same seed (common
random numbers: the two then follow the same path until rounding differences, amplified over
thousands of generations, part them); without it pycma draws from numpy's generator.
Each (run, seed) counts evaluations until the best f-value is below the target. A run that pycma
stops short of it (a local minimum) is restarted with seed `1000 * seed + restart` and its
evaluations count too. The objective functions must stay the same as the Java test's.
Exit status 3 with a message on stderr when `cma` cannot be imported.
"""
import json
import sys
import warnings

warnings.simplefilter("ignore")  # cma warns that matplotlib is missing
try:
    import numpy as np
    import cma
except ImportError as missing:
    sys.stderr.write("pycma is missing (%s): install it with "
                     "python3 -m pip install -r submit/requirements-test.txt\n" % missing)
    sys.exit(3)


# Each function takes all candidates of a generation, one per row of a numpy array.

def sphere(X):
    return np.sum(X * X, axis=1)


def ellipsoid(X):
    n = X.shape[1]
    return np.sum(np.power(1e6, np.arange(n) / (n - 1.0)) * X * X, axis=1)


def rosenbrock(X):
    a = X[:, :-1] * X[:, :-1] - X[:, 1:]
    b = X[:, :-1] - 1
    return np.sum(100 * a * a + b * b, axis=1)


def bounded_ellipsoid(X):
    """Condition 1e2, optimum c_i = 0.2 + 0.6 i / (n - 1), inside [0, 1]^n."""
    n = X.shape[1]
    i = np.arange(n)
    d = X - (0.2 + 0.6 * i / (n - 1.0))
    return np.sum(np.power(100.0, i / (n - 1.0)) * d * d, axis=1)


PROBLEMS = {"sphere": sphere, "ellipsoid": ellipsoid, "rosenbrock": rosenbrock,
            "bounded-ellipsoid": bounded_ellipsoid}


def one_run(cma, spec, seed):
    f = PROBLEMS[spec["problem"]]
    n = spec["n"]
    opts = {"seed": seed, "verbose": -9, "CMA_active": spec["active"],
            "maxfevals": spec["maxEvaluations"]}
    if spec.get("normals") == "evomerge":
        opts["randn"] = evomerge_randn(stream_seed(seed))
        opts["CMA_eigenmethod"] = canonical_eigh
    if spec.get("popsize"):
        opts["popsize"] = spec["popsize"]
    if spec.get("bounds"):
        opts["bounds"] = spec["bounds"]
    es = cma.CMAEvolutionStrategy(n * [spec["x0"]], spec["sigma"], opts)
    while not es.stop():
        xs = es.ask()
        fs = f(np.array(xs)).tolist()
        es.tell(xs, fs)
        if min(fs) < spec["target"]:
            return es.countevals, True
    return es.countevals, False


MASK = (1 << 64) - 1
GOLDEN_GAMMA = 0x9e3779b97f4a7c15


def mix64(z):
    z &= MASK
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & MASK
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & MASK
    return z ^ (z >> 31)


def stream_seed(seed):
    """What CmaEs.start draws from new SplittableRandom(seed): its first nextLong()."""
    return mix64(seed + GOLDEN_GAMMA)


def evomerge_randn(stream):
    """A pycma `randn` that returns the normal numbers Gaussians.forGeneration(stream, g) gives,
    g counting the calls: SplittableRandom's doubles, Marsaglia's polar method, pairs in order."""
    generation = [0]
    gamma = np.uint64(GOLDEN_GAMMA)

    def mix(z):
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xbf58476d1ce4e5b9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94d049bb133111eb)
        return z ^ (z >> np.uint64(31))

    def randn(rows, cols):
        state = mix64(stream + GOLDEN_GAMMA * (generation[0] + 1))
        generation[0] += 1
        count, out = rows * cols, []
        with np.errstate(over="ignore"):
            while sum(len(o) for o in out) < count:
                pairs = (count - sum(len(o) for o in out)) // 2 + 16
                steps = np.arange(1, 2 * pairs + 1, dtype=np.uint64)
                doubles = (mix(np.uint64(state) + gamma * steps) >> np.uint64(11)) * 2.0 ** -53
                state = (state + GOLDEN_GAMMA * 2 * pairs) & MASK
                u, v = 2 * doubles[0::2] - 1, 2 * doubles[1::2] - 1
                s = u * u + v * v
                ok = (s < 1) & (s > 0)
                m = np.sqrt(-2 * np.log(s[ok]) / s[ok])
                both = np.empty(2 * int(ok.sum()))
                both[0::2], both[1::2] = u[ok] * m, v[ok] * m
                out.append(both)
        return np.concatenate(out)[:count].reshape(rows, cols)
    return randn


def canonical_eigh(c):
    """np.linalg.eigh, eigenvalues ascending, each eigenvector's largest entry positive."""
    values, vectors = np.linalg.eigh(c)
    order = np.argsort(values, kind="stable")
    values, vectors = values[order], vectors[:, order]
    largest = vectors[np.argmax(np.abs(vectors), axis=0), np.arange(vectors.shape[1])]
    return values, vectors * np.where(largest < 0, -1.0, 1.0)


def one_trace(cma, spec):
    f = PROBLEMS[spec["problem"]]
    n = spec["n"]
    opts = {"seed": 1, "verbose": -9, "CMA_active": spec["active"],
            "randn": evomerge_randn(spec["streamSeed"]), "CMA_eigenmethod": canonical_eigh}
    if spec.get("separable"):
        opts["CMA_diagonal"] = True
    if spec.get("popsize"):
        opts["popsize"] = spec["popsize"]
    if spec.get("bounds"):
        opts["bounds"] = spec["bounds"]
    es = cma.CMAEvolutionStrategy(n * [spec["x0"]], spec["sigma"], opts)
    trace = []
    for _ in range(spec["generations"]):
        xs = es.ask()
        es.tell(xs, f(np.array(xs)).tolist())
        trace.append({"mean": list(map(float, es.mean)), "sigma": float(es.sigma),
                      "scaling": list(map(float, es.sigma_vec.scaling * np.ones(n))),
                      "pc": list(map(float, es.pc)), "ps": list(map(float, es.adapt_sigma.ps)),
                      "C": None if spec.get("separable") else es.sm.C.tolist()})
    return trace


def main():
    request = json.load(sys.stdin)
    if "traces" in request:
        json.dump({"cma": cma.__version__,
                   "traces": [one_trace(cma, spec) for spec in request["traces"]]}, sys.stdout)
        sys.stdout.write("\n")
        return
    results = []
    for spec in request["runs"]:
        for seed in spec["seeds"]:
            spent, restart = 0, 0
            while True:
                evaluations, reached = one_run(cma, spec, 1000 * seed + restart)
                spent += evaluations
                if reached or spent >= spec["maxEvaluations"]:
                    break
                restart += 1
            results.append({"problem": spec["problem"], "n": spec["n"], "active": spec["active"],
                            "seed": seed, "evaluations": spent, "restarts": restart,
                            "reached": reached})
    json.dump({"cma": cma.__version__, "results": results}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
