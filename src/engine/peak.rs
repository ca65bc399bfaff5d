//! The machine's int8 peak: the multiply-accumulates per second one core sustains from
//! registers with the best int8 dot-product sequence of a kernel family, so `pulpo models
//! bench` can say what share of it the engine reaches.
//!
//! - AVX-512 VNNI: `vpdpbusd` on 512-bit registers (64 u8×i8 products summed into i32).
//! - AVX2 (no VNNI): `vpmaddubsw` + `vpmaddwd` + `vpaddd`, the shortest way to sum 32 u8×i8
//!   products into i32 lanes. The engine's AVX2 kernel needs one more instruction per 32
//!   products (a `vpsignb`, because both of its operands are signed), so it cannot reach
//!   this peak; the gap is part of what the share shows.
//! - Scalar: i32 multiply-adds.
//!
//! Twelve independent accumulators hide the instructions' latency; each product reads its own
//! accumulator, so the compiler can neither hoist nor merge them; nothing touches memory.

use std::time::Instant;

use super::kernels::Simd;

/// Independent accumulator chains (enough for a 4–5 cycle latency at two per cycle).
const CHAINS: usize = 12;
/// Loop trips per timed round.
const TRIPS: usize = 1 << 16;

/// Peak int8 multiply-accumulates per second of one core for `simd`, the best of rounds run
/// for about `secs` seconds.
pub fn int8_macs_per_second(simd: Simd, secs: f64) -> f64 {
    let start = Instant::now();
    let mut best = 0f64;
    loop {
        let t = Instant::now();
        let macs = round(simd);
        let rate = macs as f64 / t.elapsed().as_secs_f64();
        best = best.max(rate);
        if start.elapsed().as_secs_f64() >= secs {
            return best;
        }
    }
}

/// The engine's own matmul kernel on one core: multiply-accumulates per second of a
/// `rows × cols` int8 matrix times `tokens` activations (the best of rounds run for about
/// `secs` seconds), to set against [`int8_macs_per_second`].
pub fn kernel_macs_per_second(rows: usize, cols: usize, tokens: usize, secs: f64) -> f64 {
    use super::quant::{Q8Activations, Q8Panels, Q8Rows, PANEL};
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 40) as f32 / (1u64 << 24) as f32 - 0.5
    };
    let w: Vec<f32> = (0..rows * cols).map(|_| next()).collect();
    let x: Vec<f32> = (0..tokens * cols).map(|_| next()).collect();
    let wq = Q8Panels::from_rows(&Q8Rows::from_f32(&w, rows, cols));
    let aq = Q8Activations::quantize(&x, tokens, cols);
    let stride = wq.panels * PANEL;
    let mut out = vec![0f32; tokens * stride];
    let start = Instant::now();
    let mut best = 0f64;
    loop {
        let t = Instant::now();
        super::kernels::matmul_panels(&wq, &aq, 0, wq.panels, &mut out, stride);
        std::hint::black_box(&mut out);
        best = best.max((rows * cols * tokens) as f64 / t.elapsed().as_secs_f64());
        if start.elapsed().as_secs_f64() >= secs {
            return best;
        }
    }
}

/// One timed round; returns the multiply-accumulates done.
fn round(simd: Simd) -> u64 {
    match simd {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `simd()` chose this family because the CPU has it.
        Simd::Avx512Vnni => unsafe { x86::vnni() },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: as above.
        Simd::Avx2 => unsafe { x86::avx2() },
        _ => scalar(),
    }
}

fn scalar() -> u64 {
    let mut acc: [i32; CHAINS] = std::array::from_fn(|i| i as i32);
    let a = std::hint::black_box(3i32);
    let b = std::hint::black_box(-5i32);
    for _ in 0..TRIPS {
        for x in acc.iter_mut() {
            *x = x.wrapping_mul(b).wrapping_add(a);
        }
    }
    std::hint::black_box(acc);
    (TRIPS * CHAINS) as u64
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::{CHAINS, TRIPS};
    use std::arch::x86_64::*;

    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub unsafe fn vnni() -> u64 {
        let b = _mm512_set1_epi8(std::hint::black_box(-5));
        let mut acc: [__m512i; CHAINS] = std::array::from_fn(|i| _mm512_set1_epi32(i as i32));
        for _ in 0..TRIPS {
            for x in acc.iter_mut() {
                *x = _mm512_dpbusd_epi32(*x, *x, b);
            }
        }
        std::hint::black_box(acc);
        (TRIPS * CHAINS * 64) as u64
    }

    #[target_feature(enable = "avx2")]
    pub unsafe fn avx2() -> u64 {
        let b = _mm256_set1_epi8(std::hint::black_box(-5));
        let ones = _mm256_set1_epi16(1);
        let mut acc: [__m256i; CHAINS] = std::array::from_fn(|i| _mm256_set1_epi32(i as i32));
        for _ in 0..TRIPS {
            for x in acc.iter_mut() {
                let p = _mm256_maddubs_epi16(*x, b);
                *x = _mm256_add_epi32(*x, _mm256_madd_epi16(p, ones));
            }
        }
        std::hint::black_box(acc);
        (TRIPS * CHAINS * 32) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_this_cpu_has_reports_a_positive_rate() {
        let simd = super::super::kernels::simd();
        assert!(int8_macs_per_second(Simd::Scalar, 0.0) > 0.0);
        assert!(int8_macs_per_second(simd, 0.0) > 0.0);
        assert!(kernel_macs_per_second(16, 64, 3, 0.0) > 0.0);
    }
}
