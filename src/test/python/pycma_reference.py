"""Runs pycma (the Python package `cma`) on the problems CmaEsVersusPycmaTest names, in one process.

Reads a JSON request on stdin:
  {"runs": [{"problem": "sphere", "n": 10, "x0": 1.0, "sigma": 0.5, "popsize": null,
             "bounds": null, "active": true, "seeds": [1, 2, 3, 4, 5],
             "target": 1e-8, "maxEvaluations": 400000}, ...]}
and prints one JSON object on stdout:
  {"cma": "4.5.0", "results": [{"problem": ..., "n": ..., "active": ..., "seed": ...,
                                "evaluations": ..., "restarts": ...}, ...]}

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


def main():
    warnings.simplefilter("ignore")  # cma warns that matplotlib is missing
    try:
        import cma
    except ImportError as e:
        sys.stderr.write("pycma is missing (%s): install it with "
                         "python3 -m pip install -r submit/requirements-test.txt\n" % e)
        sys.exit(3)
    request = json.load(sys.stdin)
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
