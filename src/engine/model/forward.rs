//! The native layers over a batch of sequences in one pass: every matmul takes all the
//! sequences' rows at once (each weight streams once per pass, not once per sequence), while
//! positions, the KV cache and attention stay per sequence.

use rayon::prelude::*;

use super::{par_matmul, KvCache, Model};
use crate::engine::arch::Activation;
use crate::engine::attention::{attend, Keys};
use crate::engine::kernels::{gelu_tanh, rms_norm, silu};
use crate::engine::quant::{Q8Activations, PAR_ROWS};
use crate::engine::EngineError;

/// One sequence of a pass: its new tokens' rows start at `row` of the batch.
pub(super) struct Seq<'a> {
    pub cache: &'a mut KvCache,
    pub row: usize,
    pub len: usize,
}

struct Scratch {
    xn: Vec<f32>,
    qkv: Vec<f32>,
    attn: Vec<f32>,
    proj: Vec<f32>,
    gu: Vec<f32>,
    act: Vec<f32>,
    qa: Q8Activations,
}

/// What attention reads of one sequence in one layer.
struct SeqView<'a> {
    /// Keys transposed per KV head (`hd × n_total`), so scores vectorize over positions
    /// instead of reducing 64-wide dot products one position at a time.
    kt: Vec<f32>,
    v: &'a [f32],
    /// Positions before this pass's tokens.
    p0: usize,
    n_total: usize,
}

impl Model {
    /// Runs the first `stop` layers over `x` (`rows × hidden`, the embedded tokens of every
    /// sequence, in order), appending each sequence's keys and values to its cache.
    pub(super) fn run_layers(
        &self,
        x: &mut [f32],
        seqs: &mut [Seq],
        stop: usize,
    ) -> Result<(), EngineError> {
        let cfg = &self.cfg;
        let (h, hd) = (cfg.hidden, cfg.head_dim);
        let t_n = x.len() / h;
        let q_dim = cfg.n_heads * hd;
        let kv_dim = cfg.n_kv_heads * hd;
        let qkv_dim = q_dim + 2 * kv_dim;
        // Row → (sequence, position).
        let mut at = Vec::with_capacity(t_n);
        for (i, s) in seqs.iter().enumerate() {
            at.extend((0..s.len).map(|t| (i, s.cache.len + t)));
        }
        debug_assert_eq!(at.len(), t_n);
        let mut s = Scratch {
            xn: vec![0f32; t_n * h],
            qkv: Vec::new(),
            attn: vec![0f32; t_n * q_dim],
            proj: Vec::new(),
            gu: Vec::new(),
            act: vec![0f32; t_n * cfg.ffn],
            qa: Q8Activations::default(),
        };
        let scale = 1.0 / (hd as f32).sqrt();
        let group = cfg.n_heads / cfg.n_kv_heads;
        let gelu = cfg.spec.activation == Activation::GeluTanh;
        let pool = self.pool();
        for (l, layer) in self.layers.iter().enumerate().take(stop) {
            let window = self.window(l);
            // Attention.
            let xr: &[f32] = x;
            rows_mut(pool, &mut s.xn, h, |r, row| {
                row.copy_from_slice(&xr[r * h..(r + 1) * h]);
                rms_norm(row, &layer.attn_norm, cfg.rms_eps);
            });
            s.qa.fill_on(Some(pool), &s.xn, t_n, h);
            // Before each large step, a background job waits while requests are answered,
            // and stops when a customer's job waits for the model (no-op otherwise).
            self.background.checkpoint()?;
            par_matmul(self.pool(), self.threads, &layer.wqkv, &s.qa, &mut s.qkv);
            let positions = &at;
            rows_mut(pool, &mut s.qkv, qkv_dim, |r, row| {
                if let Some(b) = &layer.bqkv {
                    for (v, bb) in row.iter_mut().zip(b) {
                        *v += bb;
                    }
                }
                if let (Some(qn), Some(kn)) = (&layer.q_norm, &layer.k_norm) {
                    let (q, k) = row[..q_dim + kv_dim].split_at_mut(q_dim);
                    q.chunks_exact_mut(hd)
                        .for_each(|x| rms_norm(x, qn, cfg.rms_eps));
                    k.chunks_exact_mut(hd)
                        .for_each(|x| rms_norm(x, kn, cfg.rms_eps));
                }
                self.rope(&mut row[..q_dim + kv_dim], positions[r].1, window.is_some());
            });
            for (r, &(i, _)) in at.iter().enumerate() {
                let row = &s.qkv[r * qkv_dim..(r + 1) * qkv_dim];
                let cache = &mut *seqs[i].cache;
                cache.k[l].extend_from_slice(&row[q_dim..q_dim + kv_dim]);
                cache.v[l].extend_from_slice(&row[q_dim + kv_dim..]);
            }
            let views: Vec<SeqView> = seqs
                .iter()
                .map(|sq| {
                    let (kc, vc) = (&sq.cache.k[l], &sq.cache.v[l]);
                    let n_total = sq.cache.len + sq.len;
                    let mut kt = vec![0f32; cfg.n_kv_heads * hd * n_total];
                    for p in 0..n_total {
                        for kvh in 0..cfg.n_kv_heads {
                            let k = &kc[p * kv_dim + kvh * hd..p * kv_dim + (kvh + 1) * hd];
                            for (d, &x) in k.iter().enumerate() {
                                kt[(kvh * hd + d) * n_total + p] = x;
                            }
                        }
                    }
                    SeqView {
                        kt,
                        v: vc,
                        p0: sq.cache.len,
                        n_total,
                    }
                })
                .collect();
            let (qkv, views, at) = (&s.qkv, &views, &at);
            // One item per token and KV head: the query heads sharing that KV head.
            let width = group * hd;
            self.pool().install(|| {
                s.attn
                    .par_chunks_mut(width)
                    .enumerate()
                    .for_each(|(i, out)| {
                        let (r, kvh) = (i / cfg.n_kv_heads, i % cfg.n_kv_heads);
                        let (seq, pos) = at[r];
                        let view = &views[seq];
                        let q: Vec<f32> = qkv
                            [r * qkv_dim + kvh * width..r * qkv_dim + (kvh + 1) * width]
                            .iter()
                            .map(|x| x * scale)
                            .collect();
                        let n_pos = pos + 1;
                        debug_assert!(pos >= view.p0 && n_pos <= view.n_total);
                        // A sliding layer sees only the last `w` positions.
                        let first = window.map_or(0, |w| n_pos.saturating_sub(w));
                        let keys = Keys {
                            kt: &view.kt,
                            v: view.v,
                            n_total: view.n_total,
                            kv_stride: kv_dim,
                            hd,
                        };
                        attend(&keys, kvh, &q, first, n_pos, out);
                    });
            });
            s.qa.fill_on(Some(pool), &s.attn, t_n, q_dim);
            self.background.checkpoint()?;
            par_matmul(self.pool(), self.threads, &layer.wo, &s.qa, &mut s.proj);
            if let Some(w) = &layer.post_attn_norm {
                s.proj
                    .chunks_exact_mut(h)
                    .for_each(|r| rms_norm(r, w, cfg.rms_eps));
            }
            add_rows(pool, x, &s.proj, h);
            // Feed-forward: gated, with the architecture's activation.
            let xr: &[f32] = x;
            rows_mut(pool, &mut s.xn, h, |r, row| {
                row.copy_from_slice(&xr[r * h..(r + 1) * h]);
                rms_norm(row, &layer.ffn_norm, cfg.rms_eps);
            });
            s.qa.fill_on(Some(pool), &s.xn, t_n, h);
            self.background.checkpoint()?;
            par_matmul(self.pool(), self.threads, &layer.wgu, &s.qa, &mut s.gu);
            let gu = &s.gu;
            rows_mut(pool, &mut s.act, cfg.ffn, |t, act| {
                let (g, u) = gu[t * 2 * cfg.ffn..(t + 1) * 2 * cfg.ffn].split_at(cfg.ffn);
                for ((a, gv), uv) in act.iter_mut().zip(g).zip(u) {
                    *a = if gelu { gelu_tanh(*gv) } else { silu(*gv) } * uv;
                }
            });
            s.qa.fill_on(Some(pool), &s.act, t_n, cfg.ffn);
            self.background.checkpoint()?;
            par_matmul(self.pool(), self.threads, &layer.wdown, &s.qa, &mut s.proj);
            if let Some(w) = &layer.post_ffw_norm {
                s.proj
                    .chunks_exact_mut(h)
                    .for_each(|r| rms_norm(r, w, cfg.rms_eps));
            }
            add_rows(pool, x, &s.proj, h);
        }
        for sq in seqs.iter_mut() {
            sq.cache.len += sq.len;
        }
        Ok(())
    }
}

/// `f(r, row r of out)` for every row of `width` values, split across `pool`'s threads when
/// there are enough rows to pay for the hand-off: the per-token steps between the matmuls
/// (norms, rotary embedding, activation) left one core idle, a tenth of a prefill.
fn rows_mut<F>(pool: &rayon::ThreadPool, out: &mut [f32], width: usize, f: F)
where
    F: Fn(usize, &mut [f32]) + Sync + Send,
{
    if out.len() / width.max(1) >= PAR_ROWS {
        pool.install(|| {
            out.par_chunks_mut(width)
                .enumerate()
                .for_each(|(r, row)| f(r, row))
        });
    } else {
        out.chunks_mut(width.max(1))
            .enumerate()
            .for_each(|(r, row)| f(r, row));
    }
}

/// `x += add`, row by row (the residual connection).
fn add_rows(pool: &rayon::ThreadPool, x: &mut [f32], add: &[f32], width: usize) {
    rows_mut(pool, x, width, |r, row| {
        for (v, a) in row.iter_mut().zip(&add[r * width..(r + 1) * width]) {
            *v += a;
        }
    });
}
