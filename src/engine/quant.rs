//! Our CPU weight formats, converted once at load from whatever the GGUF holds (Q5_0, Q4_K,
//! Q6_K, Q8_0, F16…), so one kernel family covers every model and the types without SIMD
//! paths in candle (Q4_1/Q5_0/Q5_1) run at int8 speed.
//!
//! - [`Q8Rows`]: row-major int8 blocks of 32 with an f32 scale (GGML's Q8_0 arithmetic), for
//!   embedding lookups.
//! - [`Q8Panels`]: the same values repacked in panels of 16 rows, so that one 512-bit
//!   `vpdpbusd` multiplies 4 consecutive values of 16 different rows by the same 4 activation
//!   values (broadcast): a block of 32 for 16 rows is 8 instructions, with no shuffles.

use rayon::prelude::*;

/// Rows from which per-row work is split across threads (below, the hand-off costs more).
pub const PAR_ROWS: usize = 4;

/// Elements per quantization block.
pub const QK: usize = 32;
/// Rows per panel.
pub const PANEL: usize = 16;

/// Quantizes one block to int8 in [-127, 127]; returns the scale.
pub fn quantize_block(x: &[f32], q: &mut [i8]) -> f32 {
    let amax = x.iter().fold(0f32, |m, v| m.max(v.abs()));
    if amax == 0.0 || !amax.is_finite() {
        q.fill(0);
        return 0.0;
    }
    let d = amax / 127.0;
    let id = 1.0 / d;
    for (o, v) in q.iter_mut().zip(x) {
        *o = round_away(v * id).clamp(-127.0, 127.0) as i8;
    }
    d
}

/// `f32::round` (halves away from zero) written with `trunc`, which the compiler turns into
/// one vector instruction where `round` is a library call per value: `r - trunc(r)` is exact
/// for every `|r|` this sees (at most 127), so the result is the same bit for bit.
#[inline(always)]
fn round_away(r: f32) -> f32 {
    let t = r.trunc();
    if (r - t).abs() >= 0.5 {
        t + 1f32.copysign(r)
    } else {
        t
    }
}

/// Row-major int8 blocks (embedding tables).
#[derive(Debug, Clone)]
pub struct Q8Rows {
    pub rows: usize,
    pub cols: usize,
    pub qs: Vec<i8>,
    pub d: Vec<f32>,
}

impl Q8Rows {
    pub fn from_f32(data: &[f32], rows: usize, cols: usize) -> Self {
        assert!(
            cols.is_multiple_of(QK) && data.len() == rows * cols,
            "shape {rows}×{cols}"
        );
        let mut qs = vec![0i8; rows * cols];
        let mut d = vec![0f32; rows * cols / QK];
        for (bi, (block, q)) in data
            .chunks_exact(QK)
            .zip(qs.chunks_exact_mut(QK))
            .enumerate()
        {
            d[bi] = quantize_block(block, q);
        }
        Q8Rows { rows, cols, qs, d }
    }

    /// Dequantizes one row.
    pub fn row_f32(&self, r: usize, out: &mut [f32]) {
        let nb = self.cols / QK;
        for b in 0..nb {
            let s = self.d[r * nb + b];
            let q = &self.qs[r * self.cols + b * QK..r * self.cols + (b + 1) * QK];
            for (o, &v) in out[b * QK..(b + 1) * QK].iter_mut().zip(q) {
                *o = f32::from(v) * s;
            }
        }
    }

    pub fn bytes(&self) -> usize {
        self.qs.len() + 4 * self.d.len()
    }
}

/// int8 blocks in 16-row panels. Layout of the quantized values: panel → block → group of 4
/// columns (8 per block) → row in panel (16) → 4 bytes; scales and offset corrections:
/// panel → block → row in panel. Rows past `rows` (the last panel's padding) are zero.
#[derive(Debug, Clone)]
pub struct Q8Panels {
    pub rows: usize,
    pub cols: usize,
    pub panels: usize,
    pub qs: Vec<i8>,
    /// Scale per (panel, block, row).
    pub d: Vec<f32>,
    /// `−128·Σq` per (panel, block, row): the VNNI kernel multiplies u8 activations offset by
    /// 128 and starts each block's integer sum here, so the offset cancels exactly.
    pub sums: Vec<i32>,
}

impl Q8Panels {
    pub fn blocks(&self) -> usize {
        self.cols / QK
    }

    #[cfg(test)]
    pub fn from_f32(data: &[f32], rows: usize, cols: usize) -> Self {
        let r = Q8Rows::from_f32(data, rows, cols);
        Q8Panels::from_rows(&r)
    }

    pub fn from_rows(m: &Q8Rows) -> Self {
        let (rows, cols) = (m.rows, m.cols);
        let nb = cols / QK;
        let panels = rows.div_ceil(PANEL);
        let mut qs = vec![0i8; panels * nb * QK * PANEL];
        let mut d = vec![0f32; panels * nb * PANEL];
        let mut sums = vec![0i32; panels * nb * PANEL];
        for r in 0..rows {
            let (p, l) = (r / PANEL, r % PANEL);
            for b in 0..nb {
                let src = &m.qs[r * cols + b * QK..r * cols + (b + 1) * QK];
                let base = (p * nb + b) * QK * PANEL;
                for g in 0..QK / 4 {
                    let dst = base + g * 4 * PANEL + l * 4;
                    qs[dst..dst + 4].copy_from_slice(&src[g * 4..g * 4 + 4]);
                }
                let scale = m.d[r * nb + b];
                let sum: i32 = src.iter().map(|&v| i32::from(v)).sum();
                d[(p * nb + b) * PANEL + l] = scale;
                sums[(p * nb + b) * PANEL + l] = -128 * sum;
            }
        }
        Q8Panels {
            rows,
            cols,
            panels,
            qs,
            d,
            sums,
        }
    }

    /// Stacks matrices with the same column count (q, k, v → one matmul). Each part must
    /// have a multiple of 16 rows except the last.
    pub fn stack(parts: &[Q8Rows]) -> Q8Panels {
        let cols = parts[0].cols;
        let mut all = Q8Rows {
            rows: 0,
            cols,
            qs: Vec::new(),
            d: Vec::new(),
        };
        for p in parts {
            assert_eq!(p.cols, cols);
            all.rows += p.rows;
            all.qs.extend_from_slice(&p.qs);
            all.d.extend_from_slice(&p.d);
        }
        Q8Panels::from_rows(&all)
    }

    pub fn bytes(&self) -> usize {
        self.qs.len() + 4 * (self.d.len() + self.sums.len())
    }

    /// The value at (row, col), dequantized (tests).
    #[cfg(test)]
    pub fn get(&self, r: usize, c: usize) -> f32 {
        let nb = self.blocks();
        let (p, l, b, k) = (r / PANEL, r % PANEL, c / QK, c % QK);
        let idx = (p * nb + b) * QK * PANEL + (k / 4) * 4 * PANEL + l * 4 + k % 4;
        f32::from(self.qs[idx]) * self.d[(p * nb + b) * PANEL + l]
    }
}

/// One row of [`Q8Activations::fill_on`]: its input, `qs`, `qu` and scales.
type RowParts<'a> = ((&'a [f32], &'a mut [i8]), (&'a mut [u8], &'a mut [f32]));

/// Activations quantized per block, one row per token. `qu` is the same values offset by 128
/// (for the u8×i8 instructions).
#[derive(Debug, Clone, Default)]
pub struct Q8Activations {
    pub rows: usize,
    pub cols: usize,
    pub qs: Vec<i8>,
    pub qu: Vec<u8>,
    pub d: Vec<f32>,
}

impl Q8Activations {
    pub fn quantize(x: &[f32], rows: usize, cols: usize) -> Self {
        let mut a = Q8Activations::default();
        a.fill(x, rows, cols);
        a
    }

    /// Re-quantizes into existing buffers.
    pub fn fill(&mut self, x: &[f32], rows: usize, cols: usize) {
        self.fill_on(None, x, rows, cols);
    }

    /// [`Q8Activations::fill`], its rows split across `pool`'s threads when there are
    /// enough of them to pay for the hand-off (the same values either way).
    pub fn fill_on(
        &mut self,
        pool: Option<&rayon::ThreadPool>,
        x: &[f32],
        rows: usize,
        cols: usize,
    ) {
        debug_assert_eq!(x.len(), rows * cols);
        debug_assert!(cols.is_multiple_of(QK), "rows are whole blocks");
        self.rows = rows;
        self.cols = cols;
        self.qs.resize(rows * cols, 0);
        self.qu.resize(rows * cols, 0);
        self.d.resize(rows * cols / QK, 0.0);
        let row = |((x, qs), (qu, d)): RowParts| {
            for ((block, q), d) in x.chunks_exact(QK).zip(qs.chunks_exact_mut(QK)).zip(d) {
                *d = quantize_block(block, q);
            }
            for (u, &q) in qu.iter_mut().zip(qs.iter()) {
                *u = (q as u8) ^ 0x80;
            }
        };
        let nb = cols / QK;
        match pool {
            Some(pool) if rows >= PAR_ROWS && nb > 0 => pool.install(|| {
                x.par_chunks(cols)
                    .zip(self.qs.par_chunks_mut(cols))
                    .zip(self.qu.par_chunks_mut(cols).zip(self.d.par_chunks_mut(nb)))
                    .for_each(row)
            }),
            _ if cols > 0 => x
                .chunks(cols)
                .zip(self.qs.chunks_mut(cols))
                .zip(self.qu.chunks_mut(cols).zip(self.d.chunks_mut(nb.max(1))))
                .for_each(row),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_with_trunc_is_rounding() {
        let mut v = -130.0f32;
        while v <= 130.0 {
            assert_eq!(round_away(v).to_bits(), v.round().to_bits(), "{v}");
            v += 0.001;
        }
        for v in [
            0.5f32,
            -0.5,
            1.5,
            -1.5,
            0.49999997,
            -0.49999997,
            126.5,
            -126.5,
            0.0,
            -0.0,
        ] {
            assert_eq!(round_away(v), v.round(), "{v}");
        }
    }

    #[test]
    fn quantization_round_trips_within_half_a_step() {
        let data: Vec<f32> = (0..64).map(|i| ((i as f32) * 0.37).sin() * 3.0).collect();
        let m = Q8Rows::from_f32(&data, 1, 64);
        let mut back = vec![0f32; 64];
        m.row_f32(0, &mut back);
        for (a, b) in data.iter().zip(&back) {
            assert!((a - b).abs() <= 3.0 / 127.0, "{a} vs {b}");
        }
    }

    #[test]
    fn panels_hold_the_same_values_as_rows() {
        let (rows, cols) = (37, 96);
        let data: Vec<f32> = (0..rows * cols)
            .map(|i| ((i as f32) * 0.11).cos())
            .collect();
        let r = Q8Rows::from_f32(&data, rows, cols);
        let p = Q8Panels::from_rows(&r);
        assert_eq!(p.panels, 3);
        let mut row = vec![0f32; cols];
        for i in 0..rows {
            r.row_f32(i, &mut row);
            for (c, v) in row.iter().enumerate() {
                assert_eq!(p.get(i, c), *v, "({i}, {c})");
            }
        }
    }

    #[test]
    fn zero_and_non_finite_blocks_do_not_poison() {
        let mut q = [1i8; 32];
        assert_eq!(quantize_block(&[0.0; 32], &mut q), 0.0);
        assert!(q.iter().all(|&v| v == 0));
        let mut x = [1.0f32; 32];
        x[3] = f32::NAN;
        let d = quantize_block(&x, &mut q);
        assert!(d.is_finite());
    }
}
