#!/usr/bin/python3
"""Compare FastNet with scikit-learn's MLPClassifier (adam, or lbfgs with --solver lbfgs) on the same data, split and hidden sizes.

A reproduction aid for docs/training.md, not a project dependency. Needs python3 with numpy and scikit-learn
(Debian: apt-get install python3-sklearn python3-numpy) and a built FastNet CLI:

    dotnet build src/FastNet.Cli -c Release
    /usr/bin/python3 tools/compare_sklearn.py --fastnet src/FastNet.Cli/bin/Release/net10.0/FastNet.Cli --out /tmp/fastnet-compare
    /usr/bin/python3 tools/compare_sklearn.py --fastnet src/FastNet.Cli/bin/Release/net10.0/FastNet.Cli --solver lbfgs

With --solver lbfgs both run full-batch L-BFGS for at most 200 iterations with gradient tolerance 1e-4 (sklearn's
MLPClassifier(solver="lbfgs", tol=1e-4, alpha=0), FastNet's --optimizer lbfgs --lbfgs-tol 1e-4), and the seed's own
data/moons.json (100 samples) is the first problem.

For every dataset it writes train.json and test.json (FastNet's dataset format) under --out, trains
StandardScaler + MLPClassifier and `fastnet train --standardize` with the same settings, evaluates both on the test
split, and prints a Markdown table (mean over the seeds of the test accuracy in % and of the training wall time in ms:
sklearn's fit, FastNet's epoch loop).
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np
import sklearn
from sklearn import datasets
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEEDS = range(10)    # each seed: its own split, sklearn random_state and FastNet --seed; the table shows means
HIDDEN = 32          # one hidden layer of 32 relu units for both
EPOCHS = 200         # sklearn's default max_iter
BATCH = 32
LR = 0.001           # sklearn's default learning_rate_init
TOL = 1e-4           # sklearn's default tol, its L-BFGS gradient tolerance


def problems(solver):
    if solver == "lbfgs":
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "moons.json")) as f:
            seed = json.load(f)
        yield "seed moons (data/moons.json, n=100)", (np.array(seed["features"], dtype=np.float64), np.array(seed["labels"]))
    yield "moons (noise 0.3, n=1000)", datasets.make_moons(n_samples=1000, noise=0.3, random_state=0)
    yield "circles (noise 0.1, factor 0.5, n=1000)", datasets.make_circles(n_samples=1000, noise=0.1, factor=0.5, random_state=0)
    yield "blobs (5 classes, 4 dims, std 2.5, n=1000)", datasets.make_blobs(n_samples=1000, centers=5, n_features=4, cluster_std=2.5, random_state=0)
    yield "iris", datasets.load_iris(return_X_y=True)
    yield "breast cancer", datasets.load_breast_cancer(return_X_y=True)
    yield "digits", datasets.load_digits(return_X_y=True)


def write(path, x, y, description):
    with open(path, "w") as f:
        json.dump({"description": description, "features": x.astype(np.float32).tolist(), "labels": [int(v) for v in y]}, f)


def fastnet(exe, *args):
    out = subprocess.run([exe, *args, "--json"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fastnet", required=True, help="path of the built fastnet CLI")
    parser.add_argument("--out", default="/tmp/fastnet-compare")
    parser.add_argument("--solver", choices=["adam", "lbfgs"], default="adam")
    a = parser.parse_args()
    os.makedirs(a.out, exist_ok=True)
    if a.solver == "adam":
        print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; hidden {HIDDEN} relu, adam lr {LR}, batch {BATCH}, {EPOCHS} epochs, mean of seeds {list(SEEDS)}")
    else:
        print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; hidden {HIDDEN} relu, lbfgs full batch, at most {EPOCHS} iterations, gtol {TOL}, mean of seeds {list(SEEDS)}")
    print()
    print("| dataset | train/test | sklearn acc % | FastNet acc % | sklearn ms | FastNet ms | speed-up | sklearn iterations | FastNet iterations |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, (x, y) in problems(a.solver):
        sk_acc, fn_acc, sk_ms, fn_ms, sk_it, fn_it = [], [], [], [], [], []
        for seed in SEEDS:
            x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.25, random_state=seed, stratify=y)
            slug = name.split(" ")[0]
            train, test, model = (os.path.join(a.out, f"{slug}-{seed}-{p}.json") for p in ("train", "test", "model"))
            write(train, x_train, y_train, f"{name}, training split (scikit-learn {sklearn.__version__}, random_state={seed})")
            write(test, x_test, y_test, f"{name}, test split (random_state={seed})")

            if a.solver == "adam":
                mlp = MLPClassifier(hidden_layer_sizes=(HIDDEN,), solver="adam", learning_rate_init=LR, batch_size=BATCH, max_iter=EPOCHS,
                                    n_iter_no_change=EPOCHS, alpha=0.0, random_state=seed)
            else:
                mlp = MLPClassifier(hidden_layer_sizes=(HIDDEN,), solver="lbfgs", max_iter=EPOCHS, tol=TOL, alpha=0.0, random_state=seed)
            clf = make_pipeline(StandardScaler(), mlp)
            started = time.perf_counter()
            clf.fit(x_train.astype(np.float32), y_train)
            sk_ms.append((time.perf_counter() - started) * 1000)
            sk_acc.append(clf.score(x_test.astype(np.float32), y_test) * 100)
            sk_it.append(clf[-1].n_iter_)

            # the same output layer as MLPClassifier: one logistic unit for two classes, softmax otherwise
            classes = int(max(y)) + 1
            output, loss = ("1:sigmoid", "bce") if classes == 2 else (f"{classes}:softmax", "ce")
            rule = (["--optimizer", "adam", "--lr", str(LR), "--batch", str(BATCH)] if a.solver == "adam"
                    else ["--optimizer", "lbfgs", "--lbfgs-tol", str(TOL), "--batch", "full"])
            trained = fastnet(a.fastnet, "train", "--data", train, "--layers", f"{HIDDEN}:relu,{output}", "--loss", loss,
                              *rule, "--epochs", str(EPOCHS), "--standardize", "--seed", str(seed), "--out", model)
            evaluated = fastnet(a.fastnet, "eval", "--model", model, "--data", test)
            fn_ms.append(trained["trainMilliseconds"])
            fn_it.append(trained["epochs"])
            fn_acc.append(evaluated["accuracy"] * 100)
        mean = lambda v: sum(v) / len(v)
        print(f"| {name} | {len(y_train)}/{len(y_test)} | {mean(sk_acc):.1f} | {mean(fn_acc):.1f} | {mean(sk_ms):.0f} | {mean(fn_ms):.0f} | {mean(sk_ms) / mean(fn_ms):.1f}× | {mean(sk_it):.0f} | {mean(fn_it):.0f} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
