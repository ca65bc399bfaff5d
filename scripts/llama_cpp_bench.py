#!/usr/bin/env python3
"""Reference numbers from llama.cpp (llama-cpp-python) on the same model and threads.

    CMAKE_BUILD_PARALLEL_LEVEL=2 pip install llama-cpp-python==0.3.36   # ~10 minutes
    python3 scripts/llama_cpp_bench.py models/qwen2.5-coder-0.5b-instruct.gguf --threads 2 [--q8]

Prints one JSON object: prefill tok/s at 32 and 300 tokens, decode tok/s (64 tokens).
With --q8, first re-quantizes the model to all-Q8_0 (what our engine runs) next to it.
"""
import argparse, json, os, sys, time
import ctypes

import llama_cpp
from llama_cpp import Llama


def requantize_q8(src, dst):
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = llama_cpp.LLAMA_FTYPE_MOSTLY_Q8_0
    params.allow_requantize = True
    params.nthread = 2
    rc = llama_cpp.llama_model_quantize(src.encode(), dst.encode(), ctypes.byref(params))
    if rc != 0:
        sys.exit(f"quantize failed: {rc}")


def no_extra_bufts():
    """This build's AMX/repack extra buffers crash on CPUs without AMX: use plain CPU buffers."""
    orig = llama_cpp.llama_model_default_params

    def params():
        p = orig()
        p.use_extra_bufts = False
        return p

    llama_cpp.llama_model_default_params = params
    import llama_cpp.llama as L
    L.llama_cpp.llama_model_default_params = params


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--q8", action="store_true")
    a = ap.parse_args()
    if os.environ.get("LLAMA_EXTRA_BUFTS") != "1":
        no_extra_bufts()
    path = a.model
    if a.q8:
        q8 = path.replace(".gguf", ".q8_0.gguf")
        if not os.path.exists(q8):
            requantize_q8(path, q8)
        path = q8
    llm = Llama(model_path=path, n_ctx=1024, n_threads=a.threads, n_threads_batch=a.threads,
                n_batch=512, verbose=False, logits_all=False)
    vocab = llm.n_vocab()
    toks = lambda n: [(i * 7919 + 13) % 30000 for i in range(n)]
    out = {"engine": "llama.cpp", "model": os.path.basename(path), "threads": a.threads}
    for n in (32, 300):
        best = 1e9
        for _ in range(4):
            llm.reset()
            t = time.perf_counter()
            llm.eval(toks(n))
            best = min(best, time.perf_counter() - t)
        out[f"prefill_tok_s_{n}"] = round(n / best, 1)
    llm.reset()
    llm.eval(toks(32))
    t = time.perf_counter()
    tok = 42
    for _ in range(64):
        llm.eval([tok])
        tok = (tok * 31 + 7) % 30000
    out["decode_tok_s"] = round(64 / (time.perf_counter() - t), 1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
