#!/bin/bash
# One round of every comparison docs/benchmarks.md makes for issues 11 and 12, FastNet and its peer alternately, one
# line per measurement: SGEMM per form against NumPy's OpenBLAS (AVX2 / whatever the machine runs, and 128-bit against
# its Nehalem kernel), the seed's step and epoch against NumPy, the 784-256-10 step against TorchSharp, and prediction
# against ONNX Runtime. A measuring aid, not part of the build or the tests. Run it two or three times: shared
# machines vary by 10-25 % from one minute to the next.
#
#   tools/peer_round.sh CLI_DIR TORCH_PEER_DIR ORT_PEER_DIR [WORK_DIR]
#
# CLI_DIR: `dotnet build src/FastNet.Cli -c Release -o CLI_DIR`; the peer directories: the builds of ../shared/peers'
# torchsharp and onnxruntime harnesses (`dotnet build -c Release -o DIR` in each); NumPy from Debian
# (apt-get install python3-numpy python3-threadpoolctl libopenblas0-pthread). WORK_DIR (default /tmp/fastnet-peers)
# receives the models, made on the first run. Set OPENBLAS_CORES (default Haswell,Zen) to the core types this CPU runs.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,14p' "$0" >&2; exit 2; }
cli="dotnet $1/FastNet.Cli.dll"; torch="$2/TorchPeer.dll"; ort="$3/OnnxBench.dll"; work=${4:-/tmp/fastnet-peers}
cores=${OPENBLAS_CORES:-Haswell,Zen}
root=$(cd "$(dirname "$0")/.." && pwd)
field() { /usr/bin/python3 -c "import json,sys;print(json.load(sys.stdin)['$1'])"; }
mkdir -p "$work"
if [ ! -e "$work/mnist.onnx" ]; then
  $cli train --data "$root/data/moons.json" --layers 4:sigmoid,1:sigmoid --loss sse --lr 0.5 --epochs 3000 --out "$work/seed.json" --quiet
  $cli export --model "$work/seed.json" --onnx "$work/seed.onnx"
  $cli data blobs --samples 512 --classes 10 --features 784 --out "$work/blobs.json"
  $cli train --data "$work/blobs.json" --layers 256:relu,10:softmax --loss ce --lr 0.01 --epochs 1 --out "$work/mnist.json" --quiet
  $cli export --model "$work/mnist.json" --onnx "$work/mnist.onnx"
fi

echo "== $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
gemm() {   # gemm ENV CORES SHAPES...
  local env=$1 core=$2; shift 2
  for shape in "$@"; do
    line="fastnet $shape"
    for form in nn tn nt; do
      line="$line $(env $env $cli bench gemm --shape "$shape" --form $form --threads 1 --json | field gflops)"
    done
    echo "$line"
  done
  /usr/bin/python3 "$root/tools/openblas_forms.py" --core "$core" "$@" | grep '^best'
}
echo "-- SGEMM GFLOP/s nn tn nt, this machine's widest path"
gemm X=1 "$cores" 512x512x512 1024x1024x1024 1024x784x256 1024x256x10
echo "-- SGEMM GFLOP/s nn tn nt, 128-bit (DOTNET_EnableAVX=0)"
gemm DOTNET_EnableAVX=0 Nehalem 512x512x512 1024x256x10

echo "-- seed: ms per step, µs per fastnet-train epoch"
for env in X=1 DOTNET_EnableAVX=0; do
  step=$(env $env $cli bench train --layers 4:sigmoid,1:sigmoid --inputs 2 --batch 100 --loss sse --json | field millisecondsPerStep)
  epoch=$(env $env $cli train --data "$root/data/moons.json" --layers 4:sigmoid,1:sigmoid --loss sse --lr 0.5 --epochs 30000 \
    --json --quiet --out "$work/seed-timing.json" | field microsecondsPerEpoch)
  echo "fastnet $env step $step epoch $epoch"
done
/usr/bin/python3 "$root/tools/seed_numpy.py"

echo "-- 784-256-10 step, ms"
for threads in 1 2; do
  echo "torchsharp $threads $(dotnet "$torch" mnist $threads | tail -n 1 | field millisecondsPerStep)"
  echo "fastnet $threads $($cli bench train --layers 256:sigmoid,10:softmax --inputs 784 --batch 1024 --loss ce --threads $threads --json | field millisecondsPerStep)"
done

echo "-- prediction, µs per call, 1 thread"
for spec in "seed 2 1" "seed 2 1024" "mnist 784 1" "mnist 784 32" "mnist 784 1024"; do
  set -- $spec
  peer=$(dotnet "$ort" "$work/$1.onnx" "$2" "$3" 1 | tail -n 1 | field microsecondsPerCall)
  ours=$($cli bench predict --model "$work/$1.json" --batch "$3" --threads 1 --json | field microsecondsPerCall)
  echo "$1 batch $3: onnxruntime $peer fastnet $ours ($(/usr/bin/python3 -c "print(f'{$peer / $ours:.2f}')")x)"
done
