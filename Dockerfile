# Pulpo: multi-stage build. CPU by default; an NVIDIA GPU build (untested on a GPU, see
# docs/deploy.md) with:
#   docker build --build-arg FEATURES=cuda --build-arg BASE_BUILD=nvidia/cuda:12.4.1-devel-ubuntu22.04 \
#                --build-arg BASE_RUN=nvidia/cuda:12.4.1-runtime-ubuntu22.04 -t pulpo:cuda .
# The image is built for a portable x86-64-v3 baseline; the int8 kernels still use AVX-512
# at run time where the CPU has it.
ARG BASE_BUILD=rust:1.95-bookworm
ARG BASE_RUN=debian:bookworm-slim

FROM ${BASE_BUILD} AS build
ARG FEATURES=""
# candle's CUDA kernels are compiled for this compute capability when no GPU is visible at
# build time (90 = H100/H200, 89 = L4/RTX 40xx, 86 = A10/RTX 30xx, 80 = A100).
ARG CUDA_COMPUTE_CAP=80
ENV CUDA_COMPUTE_CAP=${CUDA_COMPUTE_CAP}
RUN if ! command -v cargo >/dev/null; then \
      apt-get update && apt-get install -y --no-install-recommends curl ca-certificates build-essential pkg-config && \
      curl -sSf https://sh.rustup.rs | sh -s -- -y --default-toolchain 1.95.0 --profile minimal; fi
ENV PATH=/root/.cargo/bin:$PATH
WORKDIR /src
COPY . .
ENV RUSTFLAGS="-C target-cpu=x86-64-v3"
RUN cargo build --release --locked ${FEATURES:+--features $FEATURES} && cp target/release/pulpo /pulpo

FROM ${BASE_RUN}
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates python3 python3-pip \
    && rm -rf /var/lib/apt/lists/* && useradd --create-home pulpo
WORKDIR /app
COPY --from=build /pulpo /usr/local/bin/pulpo
COPY config ./config
COPY models/manifest.toml ./models/manifest.toml
COPY tests/data ./tests/data
# The volumes' mount points exist and belong to the service user before the volumes are
# mounted, so a new named volume comes up owned by it (SQLite can create its file).
RUN mkdir -p /app/data /app/models/.cache && chown -R pulpo /app
USER pulpo
# The model is fetched at first start into a volume (weights are never baked into the image):
#   docker run -v pulpo-models:/app/models -v pulpo-data:/app/data -p 8080:8080 pulpo
# The download cache (and the heads' training features) live in that volume too.
ENV PULPO_ADDR=0.0.0.0:8080 PULPO_DB=/app/data/pulpo.db PULPO_MODELS_DIR=/app/models \
    PULPO_CACHE_DIR=/app/models/.cache
VOLUME ["/app/models", "/app/data"]
EXPOSE 8080
# Liveness: the process answers /health (the first start fetches the model and trains the
# heads before serving, hence the long start period).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30m --retries=3 \
    CMD python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/health', timeout=4)"
CMD ["sh", "-c", "pulpo models fetch && exec pulpo serve"]
