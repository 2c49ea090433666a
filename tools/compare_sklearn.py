#!/usr/bin/python3
"""Compare FastNet with scikit-learn's MLPClassifier (adam) on the same data, split and hidden sizes.

A reproduction aid for docs/training.md, not a project dependency. Needs python3 with numpy and scikit-learn
(Debian: apt-get install python3-sklearn python3-numpy) and a built FastNet CLI:

    dotnet build src/FastNet.Cli -c Release
    /usr/bin/python3 tools/compare_sklearn.py --fastnet src/FastNet.Cli/bin/Release/net10.0/FastNet.Cli --out /tmp/fastnet-compare

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


def problems():
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
    a = parser.parse_args()
    os.makedirs(a.out, exist_ok=True)
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; hidden {HIDDEN} relu, adam lr {LR}, batch {BATCH}, {EPOCHS} epochs, mean of seeds {list(SEEDS)}")
    print()
    print("| dataset | train/test | sklearn acc % | FastNet acc % | sklearn ms | FastNet ms | speed-up |")
    print("|---|---|---|---|---|---|---|")
    for name, (x, y) in problems():
        sk_acc, fn_acc, sk_ms, fn_ms = [], [], [], []
        for seed in SEEDS:
            x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.25, random_state=seed, stratify=y)
            slug = name.split(" ")[0]
            train, test, model = (os.path.join(a.out, f"{slug}-{seed}-{p}.json") for p in ("train", "test", "model"))
            write(train, x_train, y_train, f"{name}, training split (scikit-learn {sklearn.__version__}, random_state={seed})")
            write(test, x_test, y_test, f"{name}, test split (random_state={seed})")

            clf = make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(HIDDEN,), solver="adam", learning_rate_init=LR,
                                                                batch_size=BATCH, max_iter=EPOCHS, n_iter_no_change=EPOCHS,
                                                                alpha=0.0, random_state=seed))
            started = time.perf_counter()
            clf.fit(x_train.astype(np.float32), y_train)
            sk_ms.append((time.perf_counter() - started) * 1000)
            sk_acc.append(clf.score(x_test.astype(np.float32), y_test) * 100)

            # the same output layer as MLPClassifier: one logistic unit for two classes, softmax otherwise
            classes = int(max(y)) + 1
            output, loss = ("1:sigmoid", "bce") if classes == 2 else (f"{classes}:softmax", "ce")
            trained = fastnet(a.fastnet, "train", "--data", train, "--layers", f"{HIDDEN}:relu,{output}", "--loss", loss,
                              "--optimizer", "adam", "--lr", str(LR), "--batch", str(BATCH), "--epochs", str(EPOCHS),
                              "--standardize", "--seed", str(seed), "--out", model)
            evaluated = fastnet(a.fastnet, "eval", "--model", model, "--data", test)
            fn_ms.append(trained["trainMilliseconds"])
            fn_acc.append(evaluated["accuracy"] * 100)
        mean = lambda v: sum(v) / len(v)
        print(f"| {name} | {len(y_train)}/{len(y_test)} | {mean(sk_acc):.1f} | {mean(fn_acc):.1f} | {mean(sk_ms):.0f} | {mean(fn_ms):.0f} | {mean(sk_ms) / mean(fn_ms):.1f}× |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
