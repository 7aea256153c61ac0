"""Runs pycma (the Python package `cma`) on the problems CmaEsVersusPycmaTest names, in one process.

Reads a JSON request on stdin:
  {"runs": [{"problem": "sphere", "n": 10, "x0": 1.0, "sigma": 0.5, "popsize": null,
             "bounds": null, "active": true, "seeds": [1, 2, 3, 4, 5],
             "target": 1e-8, "maxEvaluations": 400000}, ...]}
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

Each (run, seed) counts evaluations until the best f-value is below the target. A run that pycma
stops short of it (a local minimum) is restarted with seed `1000 * seed + restart` and its
evaluations count too. The objective functions must stay the same as the Java test's.
Exit status 3 with a message on stderr when `cma` cannot be imported.
"""
import json
import math
import sys
import warnings


def sphere(x):
    return sum(v * v for v in x)


def ellipsoid(x):
    n = len(x)
    return sum(math.pow(1e6, i / (n - 1.0)) * x[i] * x[i] for i in range(n))


def rosenbrock(x):
    s = 0.0
    for i in range(len(x) - 1):
        a = x[i] * x[i] - x[i + 1]
        b = x[i] - 1
        s += 100 * a * a + b * b
    return s


def bounded_ellipsoid(x):
    """Condition 1e2, optimum c_i = 0.2 + 0.6 i / (n - 1), inside [0, 1]^n."""
    n = len(x)
    s = 0.0
    for i in range(n):
        d = x[i] - (0.2 + 0.6 * i / (n - 1.0))
        s += math.pow(100.0, i / (n - 1.0)) * d * d
    return s


PROBLEMS = {"sphere": sphere, "ellipsoid": ellipsoid, "rosenbrock": rosenbrock,
            "bounded-ellipsoid": bounded_ellipsoid}


def one_run(cma, spec, seed):
    f = PROBLEMS[spec["problem"]]
    n = spec["n"]
    opts = {"seed": seed, "verbose": -9, "CMA_active": spec["active"],
            "maxfevals": spec["maxEvaluations"]}
    if spec.get("popsize"):
        opts["popsize"] = spec["popsize"]
    if spec.get("bounds"):
        opts["bounds"] = spec["bounds"]
    es = cma.CMAEvolutionStrategy(n * [spec["x0"]], spec["sigma"], opts)
    while not es.stop():
        xs = es.ask()
        fs = [f(list(x)) for x in xs]
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


class Gaussians:
    """Gaussians.forGeneration(streamSeed, generation) of the Java code, bit for bit."""

    def __init__(self, stream_seed, generation):
        self.seed = mix64(stream_seed + GOLDEN_GAMMA * (generation + 1))  # java.util.SplittableRandom
        self.spare = None

    def next_double(self):
        self.seed = (self.seed + GOLDEN_GAMMA) & MASK
        return (mix64(self.seed) >> 11) * 2.0 ** -53

    def next(self):
        if self.spare is not None:
            spare, self.spare = self.spare, None
            return spare
        while True:
            u = 2 * self.next_double() - 1
            v = 2 * self.next_double() - 1
            s = u * u + v * v
            if 0 < s < 1:
                break
        m = math.sqrt(-2 * math.log(s) / s)
        self.spare = v * m
        return u * m


def canonical_eigh(np):
    def eigh(c):
        values, vectors = np.linalg.eigh(c)
        order = np.argsort(values, kind="stable")
        values, vectors = values[order], vectors[:, order]
        for j in range(vectors.shape[1]):
            if vectors[np.argmax(np.abs(vectors[:, j])), j] < 0:
                vectors[:, j] = -vectors[:, j]
        return values, vectors
    return eigh


def one_trace(cma, spec):
    import numpy as np
    f = PROBLEMS[spec["problem"]]
    n = spec["n"]
    generation = [0]

    def randn(rows, cols):
        g = Gaussians(spec["streamSeed"], generation[0])
        generation[0] += 1
        return np.array([[g.next() for _ in range(cols)] for _ in range(rows)])

    opts = {"seed": 1, "verbose": -9, "CMA_active": spec["active"], "randn": randn,
            "CMA_eigenmethod": canonical_eigh(np)}
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
        es.tell(xs, [f(list(x)) for x in xs])
        trace.append({"mean": list(map(float, es.mean)), "sigma": float(es.sigma),
                      "scaling": list(map(float, es.sigma_vec.scaling * np.ones(n))),
                      "pc": list(map(float, es.pc)), "ps": list(map(float, es.adapt_sigma.ps)),
                      "C": None if spec.get("separable") else es.sm.C.tolist()})
    return trace


def main():
    warnings.simplefilter("ignore")  # cma warns that matplotlib is missing
    try:
        import cma
    except ImportError as e:
        sys.stderr.write("pycma is missing (%s): install it with "
                         "python3 -m pip install -r submit/requirements-test.txt\n" % e)
        sys.exit(3)
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
