//! The model on a candle device: CUDA or Metal when built with those features, or candle's own
//! CPU backend (`PULPO_DEVICE=candle-cpu`), which is how this path is checked against the
//! native engine and llama.cpp on machines without a GPU. Same architectures and the same
//! `forward` contract as the native CPU code in `model.rs`, written with candle's tensor ops and
//! its quantized matmuls (the GGUF's own block types stay on the device).

use candle_core::quantized::QMatMul;
use candle_core::{Device, Module, Tensor, D};

use super::arch::{Activation, Rope};
use super::gguf::{GgufFile, ModelConfig};
use super::EngineError;

/// A candle error as an engine error.
pub fn err(e: candle_core::Error) -> EngineError {
    EngineError::Model(format!("device: {e}"))
}

/// Which device `PULPO_DEVICE` (or the build's features) asks for; `None` = the native CPU
/// engine.
pub fn select() -> Result<Option<Device>, EngineError> {
    let explicit = std::env::var("PULPO_DEVICE").ok();
    let default = if cfg!(feature = "cuda") {
        "cuda"
    } else if cfg!(feature = "metal") {
        "metal"
    } else {
        "cpu"
    };
    let want = explicit.clone().unwrap_or_else(|| default.to_string());
    let device = match want.as_str() {
        "cpu" | "native" => return Ok(None),
        "candle-cpu" => Ok(Device::Cpu),
        "cuda" => Device::new_cuda(0),
        "metal" => Device::new_metal(0),
        other => {
            return Err(EngineError::Model(format!(
                "PULPO_DEVICE={other} is not a device (cpu, cuda, metal, candle-cpu)"
            )))
        }
    };
    match device {
        Ok(d) => Ok(Some(d)),
        // A GPU build on a machine without the GPU still serves, on the CPU engine.
        Err(e) if explicit.is_none() => {
            tracing::warn!(device = %want, error = %e, "no usable GPU: the model runs on the CPU engine");
            Ok(None)
        }
        Err(e) => Err(EngineError::Model(format!("PULPO_DEVICE={want}: {e}"))),
    }
}

struct Layer {
    attn_norm: Tensor,
    wq: QMatMul,
    wk: QMatMul,
    wv: QMatMul,
    bias: Option<(Tensor, Tensor, Tensor)>,
    wo: QMatMul,
    ffn_norm: Tensor,
    gate: QMatMul,
    up: QMatMul,
    down: QMatMul,
    q_norm: Option<Tensor>,
    k_norm: Option<Tensor>,
    post_attn_norm: Option<Tensor>,
    post_ffw_norm: Option<Tensor>,
}

pub struct DeviceModel {
    pub device: Device,
    layers: Vec<Layer>,
    norm: Tensor,
    lm_head: QMatMul,
    /// Rotary tables `max_ctx × head_dim/2`: global layers, then sliding ones (if any).
    rope: (Tensor, Tensor),
    rope_local: Option<(Tensor, Tensor)>,
    weight_bytes: usize,
}

/// Per layer: keys and values `kv_heads × positions × head_dim`.
#[derive(Clone, Default)]
pub struct DeviceCache {
    k: Vec<Option<Tensor>>,
    v: Vec<Option<Tensor>>,
}

impl DeviceCache {
    pub fn new(layers: usize) -> Self {
        DeviceCache {
            k: vec![None; layers],
            v: vec![None; layers],
        }
    }

    /// Keeps the first `n` positions (narrowing within the length cannot fail).
    pub fn truncate(&mut self, n: usize) {
        for t in self.k.iter_mut().chain(self.v.iter_mut()).flatten() {
            if let Ok(shorter) = t.narrow(1, 0, n.min(t.dim(1).unwrap_or(0))) {
                *t = shorter;
            }
        }
    }

    pub fn bytes(&self) -> usize {
        self.k
            .iter()
            .chain(&self.v)
            .flatten()
            .map(|t| t.elem_count() * 4)
            .sum()
    }
}

fn rms_norm(x: &Tensor, w: &Tensor, eps: f32) -> candle_core::Result<Tensor> {
    let ms = x.sqr()?.mean_keepdim(D::Minus1)?;
    x.broadcast_div(&(ms + f64::from(eps))?.sqrt()?)?
        .broadcast_mul(w)
}

fn softmax_last(x: &Tensor) -> candle_core::Result<Tensor> {
    let m = x.max_keepdim(D::Minus1)?;
    let e = x.broadcast_sub(&m)?.exp()?;
    e.broadcast_div(&e.sum_keepdim(D::Minus1)?)
}

impl DeviceModel {
    pub fn load(
        g: &mut GgufFile,
        cfg: &ModelConfig,
        device: Device,
        max_ctx: usize,
        rope: (&[f32], &[f32]),
        rope_local: Option<(&[f32], &[f32])>,
    ) -> Result<DeviceModel, EngineError> {
        let mut weight_bytes = 0usize;
        let mut qmm = |g: &mut GgufFile, name: &str| -> Result<QMatMul, EngineError> {
            let qt = g
                .content
                .tensor(&mut g.reader, name, &device)
                .map_err(|e| EngineError::Model(format!("tensor `{name}`: {e}")))?;
            weight_bytes += qt.storage_size_in_bytes();
            QMatMul::from_qtensor(qt).map_err(err)
        };
        let vector = |g: &mut GgufFile, name: &str| -> Result<Tensor, EngineError> {
            let (v, _) = g.f32_tensor(name)?;
            let n = v.len();
            Tensor::from_vec(v, n, &device).map_err(err)
        };
        let optional = |g: &mut GgufFile, name: &str| -> Result<Option<Tensor>, EngineError> {
            if g.has(name) {
                vector(g, name).map(Some)
            } else {
                Ok(None)
            }
        };
        let mut layers = Vec::with_capacity(cfg.n_layers);
        for l in 0..cfg.n_layers {
            let n = |s: &str| format!("blk.{l}.{s}");
            let bias = if g.has(&n("attn_q.bias")) {
                Some((
                    vector(g, &n("attn_q.bias"))?,
                    vector(g, &n("attn_k.bias"))?,
                    vector(g, &n("attn_v.bias"))?,
                ))
            } else {
                None
            };
            layers.push(Layer {
                attn_norm: vector(g, &n("attn_norm.weight"))?,
                wq: qmm(g, &n("attn_q.weight"))?,
                wk: qmm(g, &n("attn_k.weight"))?,
                wv: qmm(g, &n("attn_v.weight"))?,
                bias,
                wo: qmm(g, &n("attn_output.weight"))?,
                ffn_norm: vector(g, &n("ffn_norm.weight"))?,
                gate: qmm(g, &n("ffn_gate.weight"))?,
                up: qmm(g, &n("ffn_up.weight"))?,
                down: qmm(g, &n("ffn_down.weight"))?,
                q_norm: optional(g, &n("attn_q_norm.weight"))?,
                k_norm: optional(g, &n("attn_k_norm.weight"))?,
                post_attn_norm: optional(g, &n("post_attention_norm.weight"))?,
                post_ffw_norm: optional(g, &n("post_ffw_norm.weight"))?,
            });
        }
        let norm = vector(g, "output_norm.weight")?;
        let head = if g.has("output.weight") {
            "output.weight"
        } else {
            "token_embd.weight"
        };
        let lm_head = qmm(g, head)?;
        let half = cfg.head_dim / 2;
        let table = |(c, s): (&[f32], &[f32])| -> Result<(Tensor, Tensor), EngineError> {
            Ok((
                Tensor::from_slice(c, (max_ctx, half), &device).map_err(err)?,
                Tensor::from_slice(s, (max_ctx, half), &device).map_err(err)?,
            ))
        };
        Ok(DeviceModel {
            rope: table(rope)?,
            rope_local: rope_local.map(table).transpose()?,
            device: device.clone(),
            layers,
            norm,
            lm_head,
            weight_bytes,
        })
    }

    pub fn weight_bytes(&self) -> usize {
        self.weight_bytes
    }

    /// Rotary embedding of `x` (`tokens × heads × head_dim`) for positions `p0..`.
    fn rope(
        &self,
        cfg: &ModelConfig,
        x: &Tensor,
        p0: usize,
        local: bool,
    ) -> candle_core::Result<Tensor> {
        let (t, h, hd) = x.dims3()?;
        let half = hd / 2;
        let (cos, sin) = match (&self.rope_local, local) {
            (Some(l), true) => l,
            _ => &self.rope,
        };
        let c = cos.narrow(0, p0, t)?.reshape((t, 1, half))?;
        let s = sin.narrow(0, p0, t)?.reshape((t, 1, half))?;
        match cfg.spec.rope {
            Rope::Halves => {
                let a = x.narrow(2, 0, half)?;
                let b = x.narrow(2, half, half)?;
                let r1 = (a.broadcast_mul(&c)? - b.broadcast_mul(&s)?)?;
                let r2 = (a.broadcast_mul(&s)? + b.broadcast_mul(&c)?)?;
                Tensor::cat(&[r1, r2], 2)
            }
            Rope::Adjacent => {
                let pairs = x.reshape((t, h, half, 2))?;
                let a = pairs.narrow(3, 0, 1)?.squeeze(3)?;
                let b = pairs.narrow(3, 1, 1)?.squeeze(3)?;
                let r1 = (a.broadcast_mul(&c)? - b.broadcast_mul(&s)?)?;
                let r2 = (a.broadcast_mul(&s)? + b.broadcast_mul(&c)?)?;
                Tensor::stack(&[r1, r2], 3)?.reshape((t, h, hd))
            }
        }
    }

    /// Runs the embedded tokens `x` (`tokens × hidden`, host memory) after what `cache`
    /// holds (`p0` positions). Returns the final hidden states, not yet normed, on the device.
    pub fn layers(
        &self,
        cfg: &ModelConfig,
        x: Vec<f32>,
        p0: usize,
        cache: &mut DeviceCache,
        window: impl Fn(usize) -> Option<usize>,
        stop: usize,
    ) -> candle_core::Result<Tensor> {
        let h = cfg.hidden;
        let t_n = x.len() / h;
        let (nh, nkv, hd) = (cfg.n_heads, cfg.n_kv_heads, cfg.head_dim);
        let group = nh / nkv;
        let scale = 1.0 / (hd as f64).sqrt();
        let mut x = Tensor::from_vec(x, (t_n, h), &self.device)?;
        let n = p0 + t_n;
        for (l, layer) in self.layers.iter().enumerate().take(stop) {
            let win = window(l);
            let xn = rms_norm(&x, &layer.attn_norm, cfg.rms_eps)?;
            let (mut q, mut k, mut v) = (
                layer.wq.forward(&xn)?,
                layer.wk.forward(&xn)?,
                layer.wv.forward(&xn)?,
            );
            if let Some((bq, bk, bv)) = &layer.bias {
                q = q.broadcast_add(bq)?;
                k = k.broadcast_add(bk)?;
                v = v.broadcast_add(bv)?;
            }
            let mut q = q.reshape((t_n, nh, hd))?;
            let mut k = k.reshape((t_n, nkv, hd))?;
            let v = v.reshape((t_n, nkv, hd))?;
            if let (Some(qn), Some(kn)) = (&layer.q_norm, &layer.k_norm) {
                q = rms_norm(&q, qn, cfg.rms_eps)?;
                k = rms_norm(&k, kn, cfg.rms_eps)?;
            }
            let q = self.rope(cfg, &q, p0, win.is_some())?;
            let k = self.rope(cfg, &k, p0, win.is_some())?;
            // Heads first; append to the cache.
            let k = k.transpose(0, 1)?.contiguous()?;
            let v = v.transpose(0, 1)?.contiguous()?;
            let k_all = match &cache.k[l] {
                Some(old) => Tensor::cat(&[old, &k], 1)?,
                None => k,
            };
            let v_all = match &cache.v[l] {
                Some(old) => Tensor::cat(&[old, &v], 1)?,
                None => v,
            };
            cache.k[l] = Some(k_all.clone());
            cache.v[l] = Some(v_all.clone());
            // Query heads grouped under their KV head: `kv × (group·tokens) × head_dim`.
            let q = q
                .transpose(0, 1)?
                .contiguous()?
                .reshape((nkv, group * t_n, hd))?;
            let scores = (q.matmul(&k_all.t()?.contiguous()?)? * scale)?;
            // Causal mask, and the window for sliding layers.
            let mut mask = vec![0f32; t_n * n];
            for t in 0..t_n {
                let pos = p0 + t;
                let first = win.map_or(0, |w| (pos + 1).saturating_sub(w));
                for (p, m) in mask[t * n..(t + 1) * n].iter_mut().enumerate() {
                    if p > pos || p < first {
                        *m = f32::NEG_INFINITY;
                    }
                }
            }
            let mask = Tensor::from_vec(mask, (t_n, n), &self.device)?;
            let scores = scores.reshape((nkv, group, t_n, n))?.broadcast_add(&mask)?;
            let probs = softmax_last(&scores)?.reshape((nkv, group * t_n, n))?;
            let out = probs
                .matmul(&v_all)?
                .reshape((nh, t_n, hd))?
                .transpose(0, 1)?
                .contiguous()?
                .reshape((t_n, nh * hd))?;
            let mut o = layer.wo.forward(&out)?;
            if let Some(w) = &layer.post_attn_norm {
                o = rms_norm(&o, w, cfg.rms_eps)?;
            }
            x = (x + o)?;
            let xn = rms_norm(&x, &layer.ffn_norm, cfg.rms_eps)?;
            let g = layer.gate.forward(&xn)?;
            let act = match cfg.spec.activation {
                Activation::GeluTanh => g.gelu()?,
                Activation::Silu => g.silu()?,
            };
            let mut d = layer.down.forward(&(act * layer.up.forward(&xn)?)?)?;
            if let Some(w) = &layer.post_ffw_norm {
                d = rms_norm(&d, w, cfg.rms_eps)?;
            }
            x = (x + d)?;
        }
        Ok(x)
    }

    pub fn final_norm(&self, cfg: &ModelConfig, x: &Tensor) -> candle_core::Result<Tensor> {
        rms_norm(x, &self.norm, cfg.rms_eps)
    }

    /// Full-vocabulary logits of one normed hidden state (`1 × hidden`).
    pub fn logits(&self, last: &Tensor) -> candle_core::Result<Vec<f32>> {
        self.lm_head.forward(last)?.flatten_all()?.to_vec1()
    }
}

pub fn to_host(t: &Tensor) -> Result<Vec<f32>, EngineError> {
    t.flatten_all()
        .and_then(|t| t.to_vec1::<f32>())
        .map_err(err)
}
