#!/usr/bin/python3
"""Time the seed tutorial's NumPy training loop: the peer of `fastnet train` on data/moons.json.

A measuring aid for docs/benchmarks.md, not a project dependency (Debian: apt-get install python3-numpy):

    /usr/bin/python3 tools/seed_numpy.py [--data data/moons.json] [--epochs 3000] [--repeats 5]

The tutorial's code: a 2-4-1 sigmoid network, squared error ½Σ(a − t)², full-batch gradient descent with learning rate
0.5, forward, backward and update written with np.dot on float32 arrays of the 100 points. Prints the median and best
µs per epoch over the repeats (each repeat trains 3000 epochs from the same start) and the final cost.
"""
import argparse
import json
import time

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def train(x, t, epochs, lr, rng):
    w1 = rng.standard_normal((2, 4)).astype(np.float32)
    b1 = np.zeros((1, 4), np.float32)
    w2 = rng.standard_normal((4, 1)).astype(np.float32)
    b2 = np.zeros((1, 1), np.float32)
    cost = 0.0
    for _ in range(epochs):
        # forward
        a1 = sigmoid(np.dot(x, w1) + b1)
        a2 = sigmoid(np.dot(a1, w2) + b2)
        cost = 0.5 * np.sum((a2 - t) ** 2)
        # backward
        d2 = (a2 - t) * a2 * (1 - a2)
        d1 = np.dot(d2, w2.T) * a1 * (1 - a1)
        # update
        w2 -= lr * np.dot(a1.T, d2)
        b2 -= lr * np.sum(d2, axis=0, keepdims=True)
        w1 -= lr * np.dot(x.T, d1)
        b1 -= lr * np.sum(d1, axis=0, keepdims=True)
    return cost


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/moons.json")
    parser.add_argument("--epochs", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with open(args.data) as f:
        data = json.load(f)
    x = np.array(data["features"], np.float32)
    t = np.array(data["labels"], np.float32).reshape(-1, 1)
    times = []
    cost = 0.0
    for _ in range(args.repeats):
        start = time.perf_counter()
        cost = train(x, t, args.epochs, 0.5, np.random.default_rng(1))
        times.append((time.perf_counter() - start) / args.epochs * 1e6)
    times.sort()
    print(f"numpy {np.__version__}, {len(x)} points, {args.epochs} epochs: median {times[len(times) // 2]:.1f} µs/epoch, "
          f"best {times[0]:.1f} µs/epoch, final cost {cost:.4f}")


if __name__ == "__main__":
    main()
