//! CPU kernels: the int8 panel matmul (AVX-512 VNNI, AVX2, scalar) and the small f32 ops of
//! a transformer layer. The SIMD level is detected once at run time, so a binary built for a
//! portable baseline still uses AVX-512 where the CPU has it.
//!
//! `out[t][r] = Σ_b dw[r,b]·da[t,b]·Σ_i w[r,b,i]·a[t,b,i]` over blocks of 32 (GGML's Q8_0×Q8_0
//! arithmetic). With 16-row panels, the VNNI kernel keeps a block's 8 weight vectors in
//! registers and reuses them for up to 8 tokens, and the AVX2 kernel each weight vector for up
//! to 4 (half a panel at a time), so prefill loads each weight byte once per 8 or 4 tokens and
//! decode streams the weights at memory speed.

use std::sync::OnceLock;

use super::quant::{Q8Activations, Q8Panels, PANEL, QK};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Simd {
    Avx512Vnni,
    Avx2,
    Scalar,
}

/// The best kernel family this CPU runs. `PULPO_SIMD=scalar|avx2` forces a lower one.
pub fn simd() -> Simd {
    static LEVEL: OnceLock<Simd> = OnceLock::new();
    *LEVEL.get_or_init(|| {
        let forced = std::env::var("PULPO_SIMD").ok();
        #[cfg(target_arch = "x86_64")]
        {
            let vnni = is_x86_feature_detected!("avx512f")
                && is_x86_feature_detected!("avx512bw")
                && is_x86_feature_detected!("avx512vnni");
            let avx2 = is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma");
            match forced.as_deref() {
                Some("scalar") => Simd::Scalar,
                Some("avx2") if avx2 => Simd::Avx2,
                _ if vnni => Simd::Avx512Vnni,
                _ if avx2 => Simd::Avx2,
                _ => Simd::Scalar,
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = forced;
            Simd::Scalar
        }
    })
}

/// Computes panels `p0..p1` for every token of `a`:
/// `out[t * stride + (p - p0) * 16 + l]` is row `16p + l` for token `t` (padding rows included).
pub fn matmul_panels(
    w: &Q8Panels,
    a: &Q8Activations,
    p0: usize,
    p1: usize,
    out: &mut [f32],
    stride: usize,
) {
    check_output(a, p0, p1, out.len(), stride);
    // SAFETY: the check bounds every write to `out`.
    unsafe { matmul_panels_raw(w, a, p0, p1, out.as_mut_ptr(), stride) }
}

/// Panics unless the weights, the activations and panels `p0..p1` fit together.
fn check_shapes(w: &Q8Panels, a: &Q8Activations, p0: usize, p1: usize) {
    assert_eq!(w.cols, a.cols, "matmul shapes");
    assert!(p1 <= w.panels && p0 <= p1);
}

/// Panics unless an output of `len` values holds every token's panels `p0..p1` at `stride`.
fn check_output(a: &Q8Activations, p0: usize, p1: usize, len: usize, stride: usize) {
    assert!(
        a.rows == 0 || len >= (a.rows - 1) * stride + (p1 - p0) * PANEL,
        "output too small"
    );
}

/// [`matmul_panels`] through a raw pointer, so that threads computing different panels can
/// write their columns straight into one shared output.
///
/// # Safety
/// `out` must be valid for writes at `t * stride + (p - p0) * 16 + l` for every token `t` of
/// `a`, every panel `p` in `p0..p1` and `l < 16`, and nothing else may access those
/// elements meanwhile.
pub unsafe fn matmul_panels_raw(
    w: &Q8Panels,
    a: &Q8Activations,
    p0: usize,
    p1: usize,
    out: *mut f32,
    stride: usize,
) {
    check_shapes(w, a, p0, p1);
    match simd() {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the CPU supports the features (checked by `simd()`); the weights and
        // activations are bounded by the shape asserts above, `out` by the caller.
        Simd::Avx512Vnni => unsafe { avx512::matmul(w, a, p0, p1, out, stride) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: as above.
        Simd::Avx2 => unsafe { avx2::matmul(w, a, p0, p1, out, stride) },
        // SAFETY: as above.
        _ => unsafe { scalar_panels(w, a, p0, p1, out, stride) },
    }
}

#[cfg(test)]
pub fn scalar_matmul(
    w: &Q8Panels,
    a: &Q8Activations,
    p0: usize,
    p1: usize,
    out: &mut [f32],
    stride: usize,
) {
    check_shapes(w, a, p0, p1);
    check_output(a, p0, p1, out.len(), stride);
    // SAFETY: the checks bound every access.
    unsafe { scalar_panels(w, a, p0, p1, out.as_mut_ptr(), stride) }
}

/// The plain loops, writing through `out` (see [`matmul_panels_raw`]).
unsafe fn scalar_panels(
    w: &Q8Panels,
    a: &Q8Activations,
    p0: usize,
    p1: usize,
    out: *mut f32,
    stride: usize,
) {
    let nb = w.blocks();
    let k = w.cols;
    for t in 0..a.rows {
        for p in p0..p1 {
            for l in 0..PANEL {
                let mut sum = 0f32;
                for b in 0..nb {
                    let base = (p * nb + b) * QK * PANEL;
                    let mut isum = 0i32;
                    for g in 0..QK / 4 {
                        for j in 0..4 {
                            let wv = w.qs[base + g * 4 * PANEL + l * 4 + j];
                            let av = a.qs[t * k + b * QK + g * 4 + j];
                            isum += i32::from(wv) * i32::from(av);
                        }
                    }
                    sum += w.d[(p * nb + b) * PANEL + l] * a.d[t * nb + b] * isum as f32;
                }
                // SAFETY: within what the caller guarantees.
                unsafe { *out.add(t * stride + (p - p0) * PANEL + l) = sum };
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use super::*;
    use std::arch::x86_64::*;

    /// One panel × T tokens (T ≤ 8) over all blocks: a block's eight weight vectors stay in
    /// registers for every token (32 vector registers hold them and eight accumulators).
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    #[inline]
    unsafe fn panel<const T: usize>(
        w: &Q8Panels,
        a: &Q8Activations,
        p: usize,
        t0: usize,
        out: *mut f32,
        stride: usize,
    ) {
        let nb = w.blocks();
        let k = w.cols;
        let mut acc = [_mm512_setzero_ps(); T];
        let wq = w.qs.as_ptr().add(p * nb * QK * PANEL);
        let wd = w.d.as_ptr().add(p * nb * PANEL);
        let ws = w.sums.as_ptr().add(p * nb * PANEL);
        let aq: [*const u8; T] = std::array::from_fn(|j| a.qu.as_ptr().add((t0 + j) * k));
        let ad: [*const f32; T] = std::array::from_fn(|j| a.d.as_ptr().add((t0 + j) * nb));
        for b in 0..nb {
            let wb = wq.add(b * QK * PANEL) as *const __m512i;
            let w0 = _mm512_loadu_si512(wb);
            let w1 = _mm512_loadu_si512(wb.add(1));
            let w2 = _mm512_loadu_si512(wb.add(2));
            let w3 = _mm512_loadu_si512(wb.add(3));
            let w4 = _mm512_loadu_si512(wb.add(4));
            let w5 = _mm512_loadu_si512(wb.add(5));
            let w6 = _mm512_loadu_si512(wb.add(6));
            let w7 = _mm512_loadu_si512(wb.add(7));
            let dv = _mm512_loadu_ps(wd.add(b * PANEL));
            // Start from −128·Σw: the u8 offset of the activations cancels in integers.
            let start = _mm512_loadu_si512(ws.add(b * PANEL) as *const __m512i);
            for j in 0..T {
                let ap = aq[j].add(b * QK) as *const i32;
                let mut s = _mm512_dpbusd_epi32(start, _mm512_set1_epi32(ap.read_unaligned()), w0);
                s = _mm512_dpbusd_epi32(s, _mm512_set1_epi32(ap.add(1).read_unaligned()), w1);
                s = _mm512_dpbusd_epi32(s, _mm512_set1_epi32(ap.add(2).read_unaligned()), w2);
                s = _mm512_dpbusd_epi32(s, _mm512_set1_epi32(ap.add(3).read_unaligned()), w3);
                s = _mm512_dpbusd_epi32(s, _mm512_set1_epi32(ap.add(4).read_unaligned()), w4);
                s = _mm512_dpbusd_epi32(s, _mm512_set1_epi32(ap.add(5).read_unaligned()), w5);
                s = _mm512_dpbusd_epi32(s, _mm512_set1_epi32(ap.add(6).read_unaligned()), w6);
                s = _mm512_dpbusd_epi32(s, _mm512_set1_epi32(ap.add(7).read_unaligned()), w7);
                let da = _mm512_set1_ps(*ad[j].add(b));
                acc[j] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s), _mm512_mul_ps(dv, da), acc[j]);
            }
        }
        for (j, v) in acc.iter().enumerate() {
            _mm512_storeu_ps(out.add((t0 + j) * stride), *v);
        }
    }

    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub unsafe fn matmul(
        w: &Q8Panels,
        a: &Q8Activations,
        p0: usize,
        p1: usize,
        base: *mut f32,
        stride: usize,
    ) {
        for p in p0..p1 {
            let o = base.add((p - p0) * PANEL);
            let mut t = 0;
            while t + 8 <= a.rows {
                panel::<8>(w, a, p, t, o, stride);
                t += 8;
            }
            match a.rows - t {
                7 => panel::<7>(w, a, p, t, o, stride),
                6 => panel::<6>(w, a, p, t, o, stride),
                5 => panel::<5>(w, a, p, t, o, stride),
                4 => panel::<4>(w, a, p, t, o, stride),
                3 => panel::<3>(w, a, p, t, o, stride),
                2 => panel::<2>(w, a, p, t, o, stride),
                1 => panel::<1>(w, a, p, t, o, stride),
                _ => {}
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::*;
    use std::arch::x86_64::*;

    /// Eight rows (one `half` of panel `p`) × T tokens (T ≤ 4) over all blocks. Each group's
    /// weight vector is loaded once and its absolute value reused for every token, so the
    /// weights stream once per T tokens (a token at a time, every token re-read the whole
    /// matrix from the last-level cache).
    #[target_feature(enable = "avx2,fma")]
    #[inline]
    unsafe fn half_panel<const T: usize>(
        w: &Q8Panels,
        a: &Q8Activations,
        p: usize,
        half: usize,
        t0: usize,
        out: *mut f32,
        stride: usize,
    ) {
        let nb = w.blocks();
        let k = w.cols;
        let ones = _mm256_set1_epi16(1);
        let mut acc = [_mm256_setzero_ps(); T];
        let wq = w.qs.as_ptr().add(p * nb * QK * PANEL + half * 8 * 4);
        let wd = w.d.as_ptr().add(p * nb * PANEL + half * 8);
        let aq: [*const i32; T] =
            std::array::from_fn(|j| a.qs.as_ptr().add((t0 + j) * k) as *const i32);
        let ad: [*const f32; T] = std::array::from_fn(|j| a.d.as_ptr().add((t0 + j) * nb));
        for b in 0..nb {
            let wb = wq.add(b * QK * PANEL);
            let mut s = [_mm256_setzero_si256(); T];
            for g in 0..QK / 4 {
                let wv = _mm256_loadu_si256(wb.add(g * 4 * PANEL) as *const __m256i);
                let aw = _mm256_sign_epi8(wv, wv);
                for j in 0..T {
                    let av = _mm256_set1_epi32(aq[j].add(b * QK / 4 + g).read_unaligned());
                    // Sign trick: |w| (u8) × sign(a, w) (i8) never saturates the i16 pairs.
                    let p16 = _mm256_maddubs_epi16(aw, _mm256_sign_epi8(av, wv));
                    s[j] = _mm256_add_epi32(s[j], _mm256_madd_epi16(p16, ones));
                }
            }
            let dv = _mm256_loadu_ps(wd.add(b * PANEL));
            for j in 0..T {
                let da = _mm256_set1_ps(*ad[j].add(b));
                acc[j] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(s[j]), _mm256_mul_ps(dv, da), acc[j]);
            }
        }
        for (j, v) in acc.iter().enumerate() {
            _mm256_storeu_ps(out.add((t0 + j) * stride + half * 8), *v);
        }
    }

    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn matmul(
        w: &Q8Panels,
        a: &Q8Activations,
        p0: usize,
        p1: usize,
        base: *mut f32,
        stride: usize,
    ) {
        for p in p0..p1 {
            let o = base.add((p - p0) * PANEL);
            for half in 0..2 {
                let mut t = 0;
                while t + 4 <= a.rows {
                    half_panel::<4>(w, a, p, half, t, o, stride);
                    t += 4;
                }
                match a.rows - t {
                    3 => half_panel::<3>(w, a, p, half, t, o, stride),
                    2 => half_panel::<2>(w, a, p, half, t, o, stride),
                    1 => half_panel::<1>(w, a, p, half, t, o, stride),
                    _ => {}
                }
            }
        }
    }
}

/// RMS norm in place: `x = x / rms(x) * weight`.
pub fn rms_norm(x: &mut [f32], weight: &[f32], eps: f32) {
    let ss: f32 = x.iter().map(|v| v * v).sum::<f32>() / x.len() as f32;
    let inv = 1.0 / (ss + eps).sqrt();
    for (v, w) in x.iter_mut().zip(weight) {
        *v = *v * inv * w;
    }
}

/// Softmax in place. Inlined into attention's per-feature code, where it vectorizes: sixteen
/// running maxima and sums, and [`exp_neg`] instead of a call per element (that call was a
/// sixth of a reader pass with a long prompt).
#[inline(always)]
pub fn softmax(x: &mut [f32]) {
    const L: usize = 16;
    let mut most = [f32::NEG_INFINITY; L];
    let (full, rest) = x.as_chunks::<L>();
    for c in full {
        for i in 0..L {
            most[i] = most[i].max(c[i]);
        }
    }
    for &v in rest {
        most[0] = most[0].max(v);
    }
    let m = most.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
    let mut sums = [0f32; L];
    let (full, rest) = x.as_chunks_mut::<L>();
    for c in full {
        for i in 0..L {
            c[i] = exp_neg(c[i] - m);
            sums[i] += c[i];
        }
    }
    for v in rest {
        *v = exp_neg(*v - m);
        sums[0] += *v;
    }
    let inv = 1.0 / sums.iter().sum::<f32>();
    for v in x.iter_mut() {
        *v *= inv;
    }
}

/// `e^x` for `x ≤ 0` (what softmax needs after subtracting the maximum), within 2 ulp:
/// Cephes' `expf` reduction and polynomial in plain multiplies and adds, and the power of
/// two built from the float's bits (no float-to-int conversion), so it vectorizes where it
/// is inlined and gives the same bits on every kernel family. Below −87 it returns `e^−87`
/// (≈1.6e−38), not 0.
#[inline(always)]
pub fn exp_neg(x: f32) -> f32 {
    // Adding 1.5·2^23 rounds to an integer held in the low bits of the mantissa.
    const SHIFT: f32 = 12_582_912.0;
    let x = x.clamp(-87.0, 0.0);
    let t = x * std::f32::consts::LOG2_E + SHIFT;
    let k = t - SHIFT;
    let r = x - k * 0.693_359_4 - k * -2.121_944_4e-4;
    let z = r * r;
    let p = ((((1.987_569_1e-4 * r + 1.398_199_9e-3) * r + 8.333_452e-3) * r + 4.166_579_6e-2) * r
        + 0.166_666_65)
        * r
        + 0.5;
    let y = p * z + r + 1.0;
    let k_bits = t.to_bits().wrapping_sub(SHIFT.to_bits());
    y * f32::from_bits(k_bits.wrapping_add(127) << 23)
}

pub fn silu(x: f32) -> f32 {
    x / (1.0 + (-x).exp())
}

/// GELU, tanh approximation (Gemma).
pub fn gelu_tanh(x: f32) -> f32 {
    const SQRT_2_OVER_PI: f32 = 0.797_884_6;
    0.5 * x * (1.0 + (SQRT_2_OVER_PI * (x + 0.044_715 * x * x * x)).tanh())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lcg(seed: &mut u64) -> f32 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((*seed >> 33) as f32 / (1u64 << 31) as f32) * 2.0 - 1.0
    }

    /// The SIMD kernels agree with the scalar one on odd shapes (partial panels, token tails).
    #[test]
    fn simd_matches_scalar_and_f32() {
        let mut seed = 7;
        for (rows, cols, toks) in [
            (1, 32, 1),
            (5, 96, 3),
            (17, 64, 7),
            (40, 896, 5),
            (16, 4864, 4),
        ] {
            let w: Vec<f32> = (0..rows * cols).map(|_| lcg(&mut seed)).collect();
            let x: Vec<f32> = (0..toks * cols).map(|_| lcg(&mut seed) * 4.0).collect();
            let wq = Q8Panels::from_f32(&w, rows, cols);
            let aq = Q8Activations::quantize(&x, toks, cols);
            let stride = wq.panels * PANEL;
            let mut want = vec![0f32; toks * stride];
            scalar_matmul(&wq, &aq, 0, wq.panels, &mut want, stride);
            let mut got = vec![0f32; toks * stride];
            matmul_panels(&wq, &aq, 0, wq.panels, &mut got, stride);
            for t in 0..toks {
                for r in 0..rows {
                    let (g, e) = (got[t * stride + r], want[t * stride + r]);
                    assert!(
                        (g - e).abs() <= 1e-3 * (1.0 + e.abs()),
                        "{rows}×{cols}×{toks}: {g} vs {e} ({:?})",
                        simd()
                    );
                    let exact: f32 = (0..cols).map(|i| w[r * cols + i] * x[t * cols + i]).sum();
                    assert!(
                        (e - exact).abs() < 0.1 * (cols as f32).sqrt(),
                        "{e} vs {exact}"
                    );
                }
            }
            // A panel range writes only its part.
            if wq.panels > 1 {
                let mut part = vec![0f32; toks * PANEL];
                matmul_panels(&wq, &aq, 1, 2, &mut part, PANEL);
                for t in 0..toks {
                    for l in 0..PANEL.min(rows.saturating_sub(PANEL)) {
                        let e = want[t * stride + PANEL + l];
                        assert!((part[t * PANEL + l] - e).abs() <= 1e-3 * (1.0 + e.abs()));
                    }
                }
            }
        }
    }

    #[test]
    fn exp_neg_is_within_two_ulp_of_libm() {
        let mut x = 0.0f32;
        while x > -87.0 {
            let (got, want) = (exp_neg(x), x.exp());
            assert!(
                (got - want).abs() <= 2.0 * f32::EPSILON * want,
                "e^{x}: {got} vs {want}"
            );
            x -= 0.001_7;
        }
        assert_eq!(exp_neg(0.0), 1.0);
        assert!(exp_neg(f32::NEG_INFINITY) < 1e-37);
    }

    #[test]
    fn softmax_sums_to_one() {
        let mut x = vec![1.0, 2.0, 3.0, -1e9];
        softmax(&mut x);
        assert!((x.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!(x[3] < 1e-12);
    }
}
