#!/usr/bin/env bash
# WebNet's CPU backend against the PyTorch peer (bench/pytorch_seed.py) on the seed network, in one sitting,
# alternating the two programs so that both see the same machine. Needs Debian's python3-torch and
# libopenblas0-openmp (apt-get install python3-torch libopenblas0-openmp); measure on an idle machine.
#   bench/compare-pytorch.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
openblas=/usr/lib/x86_64-linux-gnu/openblas-openmp
[ -d "$openblas" ] || { echo "libopenblas0-openmp is missing: apt-get install libopenblas0-openmp" >&2; exit 2; }
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "python3-torch is missing: apt-get install python3-torch" >&2; exit 2; }

dotnet build src/WebNet.Cli -c Release -nologo -clp:ErrorsOnly
cli=src/WebNet.Cli/bin/Release/net10.0/webnet
for round in $(seq "$rounds"); do
  for batch in 500 64; do
    echo "== round $round, batch $batch"
    "$cli" bench --batches "$batch" --epochs 10 --warmup 2 | grep -E '^ *[0-9]+ +cpu|per epoch'
    LD_LIBRARY_PATH="$openblas" OMP_NUM_THREADS=2 /usr/bin/python3 bench/pytorch_seed.py --batch "$batch" --epochs 10 --warmup 2 --threads 2
  done
done
