#!/usr/bin/env bash
# Compiles Pulpo with `--features cuda` on a machine without a GPU or a CUDA install: nvcc and
# the CUDA headers come from NVIDIA's PyPI packages (CUDA 13.0; the cudarc that candle 0.11 uses
# knows CUDA up to 13.4), and candle's kernels are compiled for CUDA_COMPUTE_CAP (default 80;
# 90 = H100/H200). Builds the library (every CUDA code path, and the kernels through nvcc) in
# the dev profile. It does not link the binary: candle links the CUDA driver library, whose
# link stub comes with NVIDIA's toolkit images (the GPU Dockerfile build) but not with PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${CUDA_PIP_DIR:-$HOME/.cache/pulpo/cuda-13.0}
cuda=$dir/nvidia/cu13
if [ ! -x "$cuda/bin/nvcc" ]; then
  echo "== installing nvcc and the CUDA 13.0 headers from PyPI into $dir"
  python3 -m pip install -q --disable-pip-version-check --no-deps --target "$dir" \
    nvidia-cuda-nvcc==13.0.88 nvidia-cuda-crt==13.0.88 nvidia-nvvm==13.0.88 \
    nvidia-cuda-runtime==13.0.96 nvidia-cuda-cccl==13.0.85
  chmod +x "$cuda"/bin/* "$cuda"/nvvm/bin/* 2>/dev/null || true
fi
"$cuda/bin/nvcc" --version | tail -1
export CUDA_HOME=$cuda PATH=$cuda/bin:$PATH CUDA_COMPUTE_CAP=${CUDA_COMPUTE_CAP:-80} \
  CUDAFORGE_THREADS=${CUDAFORGE_THREADS:-2}
cargo build --quiet --features cuda --lib
echo "compiled with --features cuda: the library and candle's kernels (compute capability $CUDA_COMPUTE_CAP)"
