//! The native CPU transformer, one decoder-only forward pass for every architecture of
//! `engine::arch` (reading its description, never its name): int8 block weights, a KV cache that
//! can be cloned and truncated (prefix reuse), hidden states for classifier heads, and an LM
//! head that can compute only the rows a grammar allows.

use std::time::Instant;

use rayon::prelude::*;

use super::arch::Rope;
use super::device::{self, DeviceCache, DeviceModel};
use super::gguf::{GgufFile, ModelConfig};
use super::kernels::{matmul_panels, matmul_panels_raw, rms_norm};
use super::priority::Background;
use super::quant::{Q8Activations, Q8Panels, Q8Rows, PANEL, QK};
use super::EngineError;

mod forward;

struct Layer {
    attn_norm: Vec<f32>,
    /// q, k and v stacked: `(n_heads + 2·n_kv_heads)·head_dim` rows.
    wqkv: Q8Panels,
    bqkv: Option<Vec<f32>>,
    wo: Q8Panels,
    ffn_norm: Vec<f32>,
    /// gate and up stacked: `2·ffn` rows.
    wgu: Q8Panels,
    wdown: Q8Panels,
    /// Gemma 3: per-head norms of q and k, and norms of the attention and feed-forward
    /// outputs before they join the residual stream.
    q_norm: Option<Vec<f32>>,
    k_norm: Option<Vec<f32>>,
    post_attn_norm: Option<Vec<f32>>,
    post_ffw_norm: Option<Vec<f32>>,
}

pub struct Model {
    pub cfg: ModelConfig,
    embed: Q8Rows,
    layers: Vec<Layer>,
    norm: Vec<f32>,
    lm_head: Q8Panels,
    rope_cos: Vec<f32>,
    rope_sin: Vec<f32>,
    /// The sliding layers' rotary tables (empty without sliding layers).
    rope_cos_local: Vec<f32>,
    rope_sin_local: Vec<f32>,
    pub max_ctx: usize,
    pool: rayon::ThreadPool,
    /// Background (shadow) jobs: half the threads (at least one), at idle priority.
    pub background: Background,
    pub threads: usize,
    pub load_ms: f64,
    /// Set when the layers run on a candle device (`PULPO_DEVICE`, or a `cuda`/`metal`
    /// build); the native layers above are then empty.
    gpu: Option<DeviceModel>,
}

/// The attention cache of one sequence. Cloning it snapshots a prefix.
#[derive(Clone)]
pub struct KvCache {
    /// Per layer: `len × n_kv_heads × head_dim` keys and values.
    k: Vec<Vec<f32>>,
    v: Vec<Vec<f32>>,
    len: usize,
    kv_dim: usize,
    /// The device path's cache (when the model runs on a device).
    dev: Option<DeviceCache>,
}

impl KvCache {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// A copy to extend by `extra` positions through the first `layers` layers only (an
    /// encode that stops early): the later layers are left empty and room for the new
    /// positions is reserved, so neither unread layers nor a reallocation get copied (a full
    /// clone of a ~900-token prefix was ~22 MB per message, and its growth as much again).
    /// Like an early-stopped cache, it must not be extended past those layers.
    pub fn snapshot(&self, layers: usize, extra: usize) -> KvCache {
        if self.dev.is_some() {
            return self.clone();
        }
        let copy = |src: &Vec<Vec<f32>>| -> Vec<Vec<f32>> {
            src.iter()
                .enumerate()
                .map(|(l, x)| {
                    if l >= layers {
                        return Vec::new();
                    }
                    let mut v = Vec::with_capacity(x.len() + extra * self.kv_dim);
                    v.extend_from_slice(x);
                    v
                })
                .collect()
        };
        KvCache {
            k: copy(&self.k),
            v: copy(&self.v),
            len: self.len,
            kv_dim: self.kv_dim,
            dev: None,
        }
    }

    /// Forgets everything after the first `n` positions.
    pub fn truncate(&mut self, n: usize) {
        if n < self.len {
            for l in 0..self.k.len() {
                self.k[l].truncate(n * self.kv_dim);
                self.v[l].truncate(n * self.kv_dim);
            }
            if let Some(d) = &mut self.dev {
                d.truncate(n);
            }
            self.len = n;
        }
    }

    pub fn bytes(&self) -> usize {
        self.k
            .iter()
            .chain(&self.v)
            .map(|x| x.capacity() * 4)
            .sum::<usize>()
            + self.dev.as_ref().map_or(0, DeviceCache::bytes)
    }
}

/// What a forward pass should return about its last token.
#[derive(Debug, Clone, Copy)]
pub enum Want<'a> {
    /// Nothing (prefill of a prefix).
    Nothing,
    /// The full vocabulary's logits.
    Logits,
    /// Only these rows of the LM head (the tokens a grammar allows).
    Rows(&'a [u32]),
    /// Only the final hidden state (classifier features), no LM head.
    Hidden,
    /// The final hidden state of every token of this call (token classifiers).
    AllHidden,
    /// The hidden state of every token after only the first `n` layers, final-normed (the
    /// reader heads that read an earlier layer). The later layers are skipped, so the cache
    /// holds this call's keys and values for the first `n` layers only: it must not be
    /// extended afterwards.
    AllHiddenAt(usize),
}

#[derive(Debug, Default, Clone)]
pub struct Output {
    /// Final-norm hidden state of the last token.
    pub hidden: Vec<f32>,
    /// Full logits (`Want::Logits`) or the requested rows' logits, in request order.
    pub logits: Vec<f32>,
    /// `Want::AllHidden`: `tokens × hidden`, final-normed.
    pub all_hidden: Vec<f32>,
}

/// A pointer into one output that several threads write disjoint parts of.
#[derive(Clone, Copy)]
struct SharedOut(*mut f32);
// SAFETY: only used where each thread writes elements no other thread touches.
unsafe impl Send for SharedOut {}
// SAFETY: as above.
unsafe impl Sync for SharedOut {}

impl SharedOut {
    /// Through a method, so closures capture the whole `SharedOut` (Sync), not the field.
    fn get(self) -> *mut f32 {
        self.0
    }
}

/// `out[t][r]` for every row of `w`, panels split across the pool's threads.
fn par_matmul(
    pool: &rayon::ThreadPool,
    threads: usize,
    w: &Q8Panels,
    a: &Q8Activations,
    out: &mut Vec<f32>,
) {
    let rows = w.rows;
    let toks = a.rows;
    let parts = threads.max(1);
    let chunk = w.panels.div_ceil(parts).max(1);
    let ranges: Vec<(usize, usize)> = (0..w.panels)
        .step_by(chunk)
        .map(|p| (p, (p + chunk).min(w.panels)))
        .collect();
    if toks == 1 {
        // One token: each thread's panels are a contiguous part of the output.
        out.resize(w.panels * PANEL, 0.0);
        pool.install(|| {
            out.par_chunks_mut(chunk * PANEL)
                .zip(&ranges)
                .for_each(|(o, &(p0, p1))| {
                    matmul_panels(w, a, p0, p1, o, (p1 - p0) * PANEL);
                });
        });
        out.truncate(rows);
        return;
    }
    out.resize(toks * rows, 0.0);
    if rows.is_multiple_of(PANEL) {
        // Each thread writes its own columns of every token's row straight into `out` (no
        // padding rows spill into the next token's row).
        let at = SharedOut(out.as_mut_ptr());
        pool.install(|| {
            ranges.par_iter().for_each(|&(p0, p1)| {
                // SAFETY: the thread owns columns `16·p0..16·p1` of every token's row:
                // disjoint across threads, and inside `out` (`p1 ≤ panels = rows / 16`).
                unsafe { matmul_panels_raw(w, a, p0, p1, at.get().add(p0 * PANEL), rows) }
            });
        });
        return;
    }
    let locals: Vec<Vec<f32>> = pool.install(|| {
        ranges
            .par_iter()
            .map(|&(p0, p1)| {
                let n = (p1 - p0) * PANEL;
                let mut local = vec![0f32; toks * n];
                matmul_panels(w, a, p0, p1, &mut local, n);
                local
            })
            .collect()
    });
    for (&(p0, p1), local) in ranges.iter().zip(&locals) {
        let n = (p1 - p0) * PANEL;
        let r0 = p0 * PANEL;
        let r1 = (p1 * PANEL).min(rows);
        for t in 0..toks {
            out[t * rows + r0..t * rows + r1].copy_from_slice(&local[t * n..t * n + (r1 - r0)]);
        }
    }
}

fn to_q8(g: &mut GgufFile, name: &str, rows: usize, cols: usize) -> Result<Q8Rows, EngineError> {
    let (data, dims) = g.f32_tensor(name)?;
    if dims.iter().product::<usize>() != rows * cols || !cols.is_multiple_of(QK) {
        return Err(EngineError::Model(format!(
            "`{name}` has shape {dims:?}, expected {rows}×{cols}"
        )));
    }
    Ok(Q8Rows::from_f32(&data, rows, cols))
}

fn panels(g: &mut GgufFile, name: &str, rows: usize, cols: usize) -> Result<Q8Panels, EngineError> {
    Ok(Q8Panels::from_rows(&to_q8(g, name, rows, cols)?))
}

fn vector(g: &mut GgufFile, name: &str, len: usize) -> Result<Vec<f32>, EngineError> {
    let (v, _) = g.f32_tensor(name)?;
    if v.len() != len {
        return Err(EngineError::Model(format!(
            "`{name}` has {} values, expected {len}",
            v.len()
        )));
    }
    Ok(v)
}

impl Model {
    /// Loads a GGUF model, converting every matmul weight to int8 blocks.
    pub fn load(g: &mut GgufFile, threads: usize, max_ctx: usize) -> Result<Model, EngineError> {
        Model::load_on(g, threads, max_ctx, device::select()?)
    }

    /// Loads for the native CPU engine (`None`) or a candle device.
    pub fn load_on(
        g: &mut GgufFile,
        threads: usize,
        max_ctx: usize,
        device: Option<candle_core::Device>,
    ) -> Result<Model, EngineError> {
        let started = Instant::now();
        let cfg = g.config()?;
        let (h, hd) = (cfg.hidden, cfg.head_dim);
        let q_rows = cfg.n_heads * hd;
        let kv_rows = cfg.n_kv_heads * hd;
        let embed = to_q8(g, "token_embd.weight", cfg.vocab, h)?;
        let max_ctx = max_ctx.min(cfg.context).max(64);
        let half = hd / 2;
        let tables = |theta: f32| {
            let mut cos = vec![0f32; max_ctx * half];
            let mut sin = vec![0f32; max_ctx * half];
            for p in 0..max_ctx {
                for i in 0..half {
                    let freq = 1.0 / theta.powf((2 * i) as f32 / hd as f32);
                    let angle = p as f32 * freq;
                    cos[p * half + i] = angle.cos();
                    sin[p * half + i] = angle.sin();
                }
            }
            (cos, sin)
        };
        let (rope_cos, rope_sin) = tables(cfg.rope_theta);
        let (rope_cos_local, rope_sin_local) = if let Some(s) = cfg.spec.sliding {
            tables(s.rope_theta)
        } else {
            (Vec::new(), Vec::new())
        };
        let threads = threads.max(1);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("pulpo-infer-{i}"))
            .build()
            .map_err(|e| EngineError::Model(format!("thread pool: {e}")))?;
        // Shadow readings need no speed: half the threads leave a core to the requests.
        let background = Background::new((threads / 2).max(1))?;
        if let Some(device) = device {
            let gpu = DeviceModel::load(
                g,
                &cfg,
                device,
                max_ctx,
                (&rope_cos, &rope_sin),
                (!rope_cos_local.is_empty()).then_some((&rope_cos_local[..], &rope_sin_local[..])),
            )?;
            let empty = Q8Panels::from_rows(&Q8Rows {
                rows: 0,
                cols: h,
                qs: Vec::new(),
                d: Vec::new(),
            });
            return Ok(Model {
                cfg,
                embed,
                layers: Vec::new(),
                norm: Vec::new(),
                lm_head: empty,
                rope_cos: Vec::new(),
                rope_sin: Vec::new(),
                rope_cos_local: Vec::new(),
                rope_sin_local: Vec::new(),
                max_ctx,
                pool,
                background,
                threads,
                load_ms: started.elapsed().as_secs_f64() * 1000.0,
                gpu: Some(gpu),
            });
        }
        let mut layers = Vec::with_capacity(cfg.n_layers);
        for l in 0..cfg.n_layers {
            let n = |s: &str| format!("blk.{l}.{s}");
            let wqkv = Q8Panels::stack(&[
                to_q8(g, &n("attn_q.weight"), q_rows, h)?,
                to_q8(g, &n("attn_k.weight"), kv_rows, h)?,
                to_q8(g, &n("attn_v.weight"), kv_rows, h)?,
            ]);
            let bqkv = if g.has(&n("attn_q.bias")) {
                let mut b = vector(g, &n("attn_q.bias"), q_rows)?;
                b.extend(vector(g, &n("attn_k.bias"), kv_rows)?);
                b.extend(vector(g, &n("attn_v.bias"), kv_rows)?);
                Some(b)
            } else {
                None
            };
            let optional = |g: &mut GgufFile, name: &str, len: usize| {
                if g.has(name) {
                    vector(g, name, len).map(Some)
                } else {
                    Ok(None)
                }
            };
            let q_norm = optional(g, &n("attn_q_norm.weight"), hd)?;
            let k_norm = optional(g, &n("attn_k_norm.weight"), hd)?;
            let post_attn_norm = optional(g, &n("post_attention_norm.weight"), h)?;
            let post_ffw_norm = optional(g, &n("post_ffw_norm.weight"), h)?;
            if cfg.spec.qk_and_post_norms
                && (q_norm.is_none()
                    || k_norm.is_none()
                    || post_attn_norm.is_none()
                    || post_ffw_norm.is_none())
            {
                return Err(EngineError::Model(format!(
                    "layer {l} lacks a q/k or post norm tensor its architecture needs"
                )));
            }
            layers.push(Layer {
                q_norm,
                k_norm,
                post_attn_norm,
                post_ffw_norm,
                attn_norm: vector(g, &n("attn_norm.weight"), h)?,
                wqkv,
                bqkv,
                wo: panels(g, &n("attn_output.weight"), h, q_rows)?,
                ffn_norm: vector(g, &n("ffn_norm.weight"), h)?,
                wgu: Q8Panels::stack(&[
                    to_q8(g, &n("ffn_gate.weight"), cfg.ffn, h)?,
                    to_q8(g, &n("ffn_up.weight"), cfg.ffn, h)?,
                ]),
                wdown: panels(g, &n("ffn_down.weight"), h, cfg.ffn)?,
            });
        }
        let norm = vector(g, "output_norm.weight", h)?;
        let lm_head = if g.has("output.weight") {
            panels(g, "output.weight", cfg.vocab, h)?
        } else {
            Q8Panels::from_rows(&embed)
        };
        Ok(Model {
            cfg,
            embed,
            layers,
            norm,
            lm_head,
            rope_cos,
            rope_sin,
            rope_cos_local,
            rope_sin_local,
            max_ctx,
            pool,
            background,
            threads,
            load_ms: started.elapsed().as_secs_f64() * 1000.0,
            gpu: None,
        })
    }

    /// The pool this thread's work runs on: the background pool on its own threads.
    fn pool(&self) -> &rayon::ThreadPool {
        if self.background.is_current() {
            self.background.pool()
        } else {
            &self.pool
        }
    }

    pub fn new_cache(&self) -> KvCache {
        let kv_dim = self.cfg.n_kv_heads * self.cfg.head_dim;
        KvCache {
            k: vec![Vec::new(); self.cfg.n_layers],
            v: vec![Vec::new(); self.cfg.n_layers],
            len: 0,
            kv_dim,
            dev: self
                .gpu
                .as_ref()
                .map(|_| DeviceCache::new(self.cfg.n_layers)),
        }
    }

    /// Where the layers run: the native kernel family, or the candle device.
    pub fn backend(&self) -> String {
        match &self.gpu {
            None => format!("{:?}", super::kernels::simd()),
            Some(g) if g.device.is_cuda() => "cuda".into(),
            Some(g) if g.device.is_metal() => "metal".into(),
            Some(_) => "candle-cpu".into(),
        }
    }

    /// The int8 multiply-accumulates of one token through every layer's matrices (attention
    /// and the LM head not counted): what a prefill's tokens/s is converted with to compare it
    /// with the machine's int8 peak.
    pub fn layer_macs_per_token(&self) -> usize {
        self.layers
            .iter()
            .map(|l| {
                [&l.wqkv, &l.wo, &l.wgu, &l.wdown]
                    .iter()
                    .map(|w| w.rows * w.cols)
                    .sum::<usize>()
            })
            .sum()
    }

    /// `(rows, cols)` of the largest layer matrix (the stacked gate and up projections).
    pub fn largest_matrix(&self) -> (usize, usize) {
        self.layers
            .iter()
            .flat_map(|l| [&l.wqkv, &l.wo, &l.wgu, &l.wdown])
            .map(|w| (w.rows, w.cols))
            .max_by_key(|(r, c)| r * c)
            .unwrap_or((PANEL, QK))
    }

    /// Bytes of weights held.
    pub fn weight_bytes(&self) -> usize {
        let layers: usize = self
            .layers
            .iter()
            .map(|l| l.wqkv.bytes() + l.wo.bytes() + l.wgu.bytes() + l.wdown.bytes())
            .sum();
        layers
            + self.embed.bytes()
            + self.lm_head.bytes()
            + self.gpu.as_ref().map_or(0, DeviceModel::weight_bytes)
    }

    /// Whether layer `l` attends over a sliding window (and the window).
    fn window(&self, l: usize) -> Option<usize> {
        let s = self.cfg.spec.sliding?;
        (!(l + 1).is_multiple_of(s.pattern.max(1))).then_some(s.window)
    }

    fn rope(&self, v: &mut [f32], pos: usize, local: bool) {
        let hd = self.cfg.head_dim;
        let half = hd / 2;
        let (cos, sin) = if local {
            (&self.rope_cos_local, &self.rope_sin_local)
        } else {
            (&self.rope_cos, &self.rope_sin)
        };
        let cos = &cos[pos * half..(pos + 1) * half];
        let sin = &sin[pos * half..(pos + 1) * half];
        for head in v.chunks_exact_mut(hd) {
            match self.cfg.spec.rope {
                Rope::Halves => {
                    for i in 0..half {
                        let (a, b) = (head[i], head[i + half]);
                        head[i] = a * cos[i] - b * sin[i];
                        head[i + half] = a * sin[i] + b * cos[i];
                    }
                }
                Rope::Adjacent => {
                    for i in 0..half {
                        let (a, b) = (head[2 * i], head[2 * i + 1]);
                        head[2 * i] = a * cos[i] - b * sin[i];
                        head[2 * i + 1] = a * sin[i] + b * cos[i];
                    }
                }
            }
        }
    }

    /// The layers on the candle device; the same outputs as the native path.
    fn forward_device(
        &self,
        gpu: &DeviceModel,
        x: Vec<f32>,
        p0: usize,
        cache: &mut KvCache,
        want: Want,
    ) -> Result<Output, EngineError> {
        let cfg = &self.cfg;
        let h = cfg.hidden;
        let t_n = x.len() / h;
        let dc = cache
            .dev
            .get_or_insert_with(|| DeviceCache::new(cfg.n_layers));
        let stop = match want {
            Want::AllHiddenAt(n) => n.min(cfg.n_layers),
            _ => cfg.n_layers,
        };
        let x = gpu
            .layers(cfg, x, p0, dc, |l| self.window(l), stop)
            .map_err(device::err)?;
        cache.len = p0 + t_n;
        let mut out = Output::default();
        match want {
            Want::Nothing => {}
            Want::AllHidden | Want::AllHiddenAt(_) => {
                let all = device::to_host(&gpu.final_norm(cfg, &x).map_err(device::err)?)?;
                out.hidden = all[(t_n - 1) * h..].to_vec();
                out.all_hidden = all;
            }
            Want::Hidden | Want::Logits | Want::Rows(_) => {
                let last = x
                    .narrow(0, t_n - 1, 1)
                    .and_then(|l| gpu.final_norm(cfg, &l))
                    .map_err(device::err)?;
                out.hidden = device::to_host(&last)?;
                if !matches!(want, Want::Hidden) {
                    let all = gpu.logits(&last).map_err(device::err)?;
                    out.logits = match want {
                        Want::Rows(rows) => rows
                            .iter()
                            .map(|&r| all.get(r as usize).copied().unwrap_or(f32::NEG_INFINITY))
                            .collect(),
                        _ => all,
                    };
                }
            }
        }
        Ok(out)
    }

    /// Runs `tokens` after what `cache` holds, appending to it.
    pub fn forward(
        &self,
        tokens: &[u32],
        cache: &mut KvCache,
        want: Want,
    ) -> Result<Output, EngineError> {
        let mut outs = self.forward_batch(&mut [(tokens, cache)], want)?;
        outs.pop()
            .ok_or_else(|| EngineError::Model("a pass returned no output".into()))
    }

    /// Runs several sequences, each after what its own cache holds, in one pass: the matmuls
    /// take every sequence's tokens at once, attention stays within each sequence. One output
    /// per sequence, in order, as [`forward`](Self::forward) gives it.
    pub fn forward_batch(
        &self,
        seqs: &mut [(&[u32], &mut KvCache)],
        want: Want,
    ) -> Result<Vec<Output>, EngineError> {
        let cfg = &self.cfg;
        for (tokens, cache) in seqs.iter() {
            if tokens.is_empty() {
                return Err(EngineError::Model("forward with no tokens".into()));
            }
            if cache.len + tokens.len() > self.max_ctx {
                return Err(EngineError::ContextFull {
                    needed: cache.len + tokens.len(),
                    max: self.max_ctx,
                });
            }
            if let Some(&bad) = tokens.iter().find(|&&t| t as usize >= cfg.vocab) {
                return Err(EngineError::Model(format!(
                    "token id {bad} outside the vocabulary ({})",
                    cfg.vocab
                )));
            }
        }
        let h = cfg.hidden;
        let embed = |tokens: &[u32]| {
            let mut x = vec![0f32; tokens.len() * h];
            for (t, &tok) in tokens.iter().enumerate() {
                self.embed.row_f32(tok as usize, &mut x[t * h..(t + 1) * h]);
            }
            if cfg.spec.scaled_embeddings {
                let scale = (h as f32).sqrt();
                x.iter_mut().for_each(|v| *v *= scale);
            }
            x
        };
        if let Some(gpu) = &self.gpu {
            // The device path runs one sequence at a time.
            return seqs
                .iter_mut()
                .map(|(tokens, cache)| {
                    let p0 = cache.len;
                    self.forward_device(gpu, embed(tokens), p0, cache, want)
                })
                .collect();
        }
        let mut x = Vec::new();
        let mut batch = Vec::with_capacity(seqs.len());
        for (tokens, cache) in seqs.iter_mut() {
            batch.push(forward::Seq {
                row: x.len() / h,
                len: tokens.len(),
                cache,
            });
            x.extend(embed(tokens));
        }
        let stop = match want {
            Want::AllHiddenAt(n) => n.min(cfg.n_layers),
            _ => cfg.n_layers,
        };
        self.run_layers(&mut x, &mut batch, stop)?;
        Ok(batch
            .iter()
            .map(|s| self.finish(&x[s.row * h..(s.row + s.len) * h], want))
            .collect())
    }

    /// What `want` asks of one sequence's rows after the layers.
    fn finish(&self, x: &[f32], want: Want) -> Output {
        let cfg = &self.cfg;
        let h = cfg.hidden;
        let t_n = x.len() / h;
        let mut out = Output::default();
        if matches!(want, Want::Nothing) {
            return out;
        }
        if matches!(want, Want::AllHidden | Want::AllHiddenAt(_)) {
            let mut all = x.to_vec();
            for row in all.chunks_exact_mut(h) {
                rms_norm(row, &self.norm, cfg.rms_eps);
            }
            out.hidden = all[(t_n - 1) * h..].to_vec();
            out.all_hidden = all;
            return out;
        }
        let mut last = x[(t_n - 1) * h..].to_vec();
        rms_norm(&mut last, &self.norm, cfg.rms_eps);
        let qa = Q8Activations::quantize(&last, 1, h);
        match want {
            Want::Nothing | Want::Hidden | Want::AllHidden | Want::AllHiddenAt(_) => {}
            Want::Logits => par_matmul(
                self.pool(),
                self.threads,
                &self.lm_head,
                &qa,
                &mut out.logits,
            ),
            // Many rows: the full head is as cheap, then gather.
            Want::Rows(rows) if rows.len() * 8 > self.lm_head.rows => {
                let mut all = Vec::new();
                par_matmul(self.pool(), self.threads, &self.lm_head, &qa, &mut all);
                out.logits = rows
                    .iter()
                    .map(|&r| all.get(r as usize).copied().unwrap_or(f32::NEG_INFINITY))
                    .collect();
            }
            Want::Rows(rows) => {
                // Only the panels holding the requested rows.
                let head = &self.lm_head;
                let mut wanted: Vec<usize> = rows
                    .iter()
                    .map(|&r| r as usize / PANEL)
                    .filter(|&p| p < head.panels)
                    .collect();
                wanted.sort_unstable();
                wanted.dedup();
                let computed: Vec<(usize, [f32; PANEL])> = self.pool().install(|| {
                    wanted
                        .par_iter()
                        .map(|&p| {
                            let mut o = [0f32; PANEL];
                            matmul_panels(head, &qa, p, p + 1, &mut o, PANEL);
                            (p, o)
                        })
                        .collect()
                });
                out.logits = rows
                    .iter()
                    .map(|&r| {
                        let r = r as usize;
                        match computed.binary_search_by_key(&(r / PANEL), |(p, _)| *p) {
                            Ok(i) if r < head.rows => computed[i].1[r % PANEL],
                            _ => f32::NEG_INFINITY,
                        }
                    })
                    .collect();
            }
        }
        out.hidden = last;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::KvCache;

    #[test]
    fn a_snapshot_copies_the_layers_read_and_reserves_room() {
        let layer = |x: f32| vec![x; 8];
        let c = KvCache {
            k: vec![layer(1.0), layer(2.0), layer(3.0)],
            v: vec![layer(-1.0), layer(-2.0), layer(-3.0)],
            len: 4,
            kv_dim: 2,
            dev: None,
        };
        let s = c.snapshot(2, 3);
        assert_eq!((s.len, &s.k[..2], &s.v[..2]), (4, &c.k[..2], &c.v[..2]));
        assert!(s.k[2].is_empty() && s.v[2].is_empty());
        assert!(s.k[0].capacity() >= 8 + 3 * 2);
        let all = c.snapshot(usize::MAX, 0);
        assert_eq!((all.k, all.v), (c.k, c.v));
    }
}
