//! Attention of one token: the query heads that share a KV head (grouped-query attention) are
//! scored together, so each key and value the cache holds is loaded once for all of them, and
//! the sums stay in registers. Compiled per SIMD level and picked at run time, like the int8
//! kernels. Every step is a multiply then an add, in position and dimension order, never
//! fused: the same bits on every kernel family and as a plain loop.

use super::kernels::{simd, softmax, Simd};

/// A register of `N` floats, and the only operations attention needs: a multiply then an add
/// (never fused), so every implementation gives the plain loops' bits. Written with explicit
/// intrinsics: left to itself, the compiler vectorized the tiles across the heads, with
/// gathers and scatters, and attention took four fifths of a pass.
trait Lanes: Copy {
    const N: usize;
    /// # Safety
    /// The CPU has the implementation's features, and `x` holds at least `N` values.
    unsafe fn load(x: &[f32]) -> Self;
    /// # Safety
    /// The CPU has the implementation's features.
    unsafe fn splat(v: f32) -> Self;
    /// `self + a · b`, rounded after the multiply and after the add.
    ///
    /// # Safety
    /// The CPU has the implementation's features.
    unsafe fn mul_add(self, a: Self, b: Self) -> Self;
    /// # Safety
    /// The CPU has the implementation's features, and `out` has room for `N` values.
    unsafe fn store(self, out: &mut [f32]);
}

/// Plain loops, for CPUs without the x86 paths (and the reference in tests).
#[derive(Clone, Copy)]
struct Plain([f32; 16]);

impl Lanes for Plain {
    const N: usize = 16;
    unsafe fn load(x: &[f32]) -> Self {
        Plain(std::array::from_fn(|i| x[i]))
    }
    unsafe fn splat(v: f32) -> Self {
        Plain([v; 16])
    }
    unsafe fn mul_add(self, a: Self, b: Self) -> Self {
        Plain(std::array::from_fn(|i| self.0[i] + a.0[i] * b.0[i]))
    }
    unsafe fn store(self, out: &mut [f32]) {
        out[..16].copy_from_slice(&self.0);
    }
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::Lanes;
    use std::arch::x86_64::*;

    impl Lanes for __m512 {
        const N: usize = 16;
        #[inline(always)]
        unsafe fn load(x: &[f32]) -> Self {
            debug_assert!(x.len() >= 16);
            unsafe { _mm512_loadu_ps(x.as_ptr()) }
        }
        #[inline(always)]
        unsafe fn splat(v: f32) -> Self {
            unsafe { _mm512_set1_ps(v) }
        }
        #[inline(always)]
        unsafe fn mul_add(self, a: Self, b: Self) -> Self {
            unsafe { _mm512_add_ps(self, _mm512_mul_ps(a, b)) }
        }
        #[inline(always)]
        unsafe fn store(self, out: &mut [f32]) {
            debug_assert!(out.len() >= 16);
            unsafe { _mm512_storeu_ps(out.as_mut_ptr(), self) }
        }
    }

    /// Two AVX2 registers: sixteen positions per tile keep twice as many independent sums in
    /// flight as eight, which hides the add's latency (measured faster, despite a spill).
    #[derive(Clone, Copy)]
    pub struct Avx2x2(__m256, __m256);

    impl Lanes for Avx2x2 {
        const N: usize = 16;
        #[inline(always)]
        unsafe fn load(x: &[f32]) -> Self {
            debug_assert!(x.len() >= 16);
            unsafe {
                Avx2x2(
                    _mm256_loadu_ps(x.as_ptr()),
                    _mm256_loadu_ps(x.as_ptr().add(8)),
                )
            }
        }
        #[inline(always)]
        unsafe fn splat(v: f32) -> Self {
            unsafe { Avx2x2(_mm256_set1_ps(v), _mm256_set1_ps(v)) }
        }
        #[inline(always)]
        unsafe fn mul_add(self, a: Self, b: Self) -> Self {
            unsafe {
                Avx2x2(
                    _mm256_add_ps(self.0, _mm256_mul_ps(a.0, b.0)),
                    _mm256_add_ps(self.1, _mm256_mul_ps(a.1, b.1)),
                )
            }
        }
        #[inline(always)]
        unsafe fn store(self, out: &mut [f32]) {
            debug_assert!(out.len() >= 16);
            unsafe {
                _mm256_storeu_ps(out.as_mut_ptr(), self.0);
                _mm256_storeu_ps(out.as_mut_ptr().add(8), self.1);
            }
        }
    }
}

/// Where one token's attention reads.
pub struct Keys<'a> {
    /// Keys transposed per KV head: `(kv_head · hd + d) · n_total + position`.
    pub kt: &'a [f32],
    /// Values, row-major: `position · kv_stride + kv_head · hd + d`.
    pub v: &'a [f32],
    pub n_total: usize,
    pub kv_stride: usize,
    pub hd: usize,
}

/// `out` (`heads × hd`) = attention of `q` (`heads × hd`, already scaled) over positions
/// `first..n_pos` of KV head `kvh`.
pub fn attend(keys: &Keys, kvh: usize, q: &[f32], first: usize, n_pos: usize, out: &mut [f32]) {
    let heads = q.len() / keys.hd;
    assert!(out.len() >= heads * keys.hd, "attention output too small");
    match simd() {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the CPU has the feature (checked by `simd()`).
        Simd::Avx512Vnni => unsafe { attend_avx512(keys, kvh, q, heads, first, n_pos, out) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: as above.
        Simd::Avx2 => unsafe { attend_avx2(keys, kvh, q, heads, first, n_pos, out) },
        // SAFETY: plain loops need no feature.
        _ => unsafe { attend_any::<Plain>(keys, kvh, q, heads, first, n_pos, out) },
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn attend_avx512(
    keys: &Keys,
    kvh: usize,
    q: &[f32],
    heads: usize,
    first: usize,
    n_pos: usize,
    out: &mut [f32],
) {
    // SAFETY: this function has the feature.
    unsafe { attend_any::<std::arch::x86_64::__m512>(keys, kvh, q, heads, first, n_pos, out) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn attend_avx2(
    keys: &Keys,
    kvh: usize,
    q: &[f32],
    heads: usize,
    first: usize,
    n_pos: usize,
    out: &mut [f32],
) {
    // SAFETY: this function has the feature.
    unsafe { attend_any::<x86::Avx2x2>(keys, kvh, q, heads, first, n_pos, out) }
}

/// # Safety
/// The CPU has `L`'s features.
#[inline(always)]
unsafe fn attend_any<L: Lanes>(
    keys: &Keys,
    kvh: usize,
    q: &[f32],
    heads: usize,
    first: usize,
    n_pos: usize,
    out: &mut [f32],
) {
    // A fixed head count keeps the tile's sums in registers.
    // SAFETY (all arms): passed on from the caller.
    unsafe {
        match heads {
            1 => group::<L, 1>(keys, kvh, q, first, n_pos, out),
            2 => group::<L, 2>(keys, kvh, q, first, n_pos, out),
            4 => group::<L, 4>(keys, kvh, q, first, n_pos, out),
            7 => group::<L, 7>(keys, kvh, q, first, n_pos, out),
            8 => group::<L, 8>(keys, kvh, q, first, n_pos, out),
            _ => {
                let hd = keys.hd;
                for (qh, oh) in q.chunks_exact(hd).zip(out.chunks_exact_mut(hd)) {
                    group::<L, 1>(keys, kvh, qh, first, n_pos, oh);
                }
            }
        }
    }
}

/// `L::N` values from `x`, zero-padded when `x` is shorter (the end of a row).
#[inline(always)]
unsafe fn load_tile<L: Lanes>(x: &[f32]) -> L {
    // SAFETY: the caller has `L`'s features; a short slice goes through a full buffer.
    unsafe {
        if x.len() >= L::N {
            L::load(x)
        } else {
            let mut t = [0f32; 16];
            t[..x.len()].copy_from_slice(x);
            L::load(&t)
        }
    }
}

/// # Safety
/// The CPU has `L`'s features.
#[inline(always)]
unsafe fn group<L: Lanes, const G: usize>(
    keys: &Keys,
    kvh: usize,
    q: &[f32],
    first: usize,
    n_pos: usize,
    out: &mut [f32],
) {
    // The short-tile buffers below hold 16 values.
    const { assert!(L::N <= 16) };
    let (hd, n_total) = (keys.hd, keys.n_total);
    let len = n_pos - first;
    let t = L::N;
    let kt = &keys.kt[kvh * hd * n_total..(kvh + 1) * hd * n_total];
    // Rows padded to whole tiles, so every store is a full register.
    let padded = len.div_ceil(t) * t;
    let mut scores = vec![0f32; G * padded];
    let mut buf = [0f32; 16];
    // SAFETY (the block): the caller has `L`'s features; loads and stores go through
    // slices of at least `L::N` values.
    unsafe {
        // Scores: a tile of positions for every head, summed over the dimensions in order.
        let mut p = 0;
        while p < len {
            let c = t.min(len - p);
            let mut acc = [L::splat(0.0); G];
            for d in 0..hd {
                let k = load_tile::<L>(&kt[d * n_total + first + p..][..c]);
                for (h, a) in acc.iter_mut().enumerate() {
                    *a = a.mul_add(L::splat(q[h * hd + d]), k);
                }
            }
            for (h, a) in acc.iter().enumerate() {
                a.store(&mut scores[h * padded + p..]);
            }
            p += t;
        }
        for h in 0..G {
            softmax(&mut scores[h * padded..h * padded + len]);
        }
        // Values: a tile of dimensions for every head, summed over the positions in order.
        let mut d0 = 0;
        while d0 < hd {
            let c = t.min(hd - d0);
            let lo = kvh * hd + d0;
            let mut acc = [L::splat(0.0); G];
            for i in 0..len {
                let at = (first + i) * keys.kv_stride + lo;
                let v = load_tile::<L>(&keys.v[at..at + c]);
                for (h, a) in acc.iter_mut().enumerate() {
                    *a = a.mul_add(L::splat(scores[h * padded + i]), v);
                }
            }
            for (h, a) in acc.iter().enumerate() {
                if c == t {
                    a.store(&mut out[h * hd + d0..]);
                } else {
                    a.store(&mut buf);
                    out[h * hd + d0..h * hd + d0 + c].copy_from_slice(&buf[..c]);
                }
            }
            d0 += t;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tiles give exactly the plain loops' numbers, for odd lengths and group sizes.
    #[test]
    fn tiled_attention_equals_the_plain_loops() {
        let mut seed = 11u64;
        let mut rnd = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as f32 / (1u64 << 31) as f32) * 2.0 - 1.0
        };
        for (hd, kv_heads, group, n_total, first) in [
            (64, 2, 7, 37, 0),
            (64, 2, 7, 200, 150),
            (32, 1, 3, 5, 0),
            (256, 1, 4, 17, 3),
        ] {
            let kv_stride = kv_heads * hd;
            let k: Vec<f32> = (0..n_total * kv_stride).map(|_| rnd()).collect();
            let v: Vec<f32> = (0..n_total * kv_stride).map(|_| rnd()).collect();
            let mut kt = vec![0f32; kv_stride * n_total];
            for p in 0..n_total {
                for x in 0..kv_stride {
                    kt[x * n_total + p] = k[p * kv_stride + x];
                }
            }
            let keys = Keys {
                kt: &kt,
                v: &v,
                n_total,
                kv_stride,
                hd,
            };
            for kvh in 0..kv_heads {
                let q: Vec<f32> = (0..group * hd).map(|_| rnd()).collect();
                let mut got = vec![0f32; group * hd];
                attend(&keys, kvh, &q, first, n_total, &mut got);
                // The plain loops too, whichever family the CPU picks.
                let mut plain = vec![0f32; group * hd];
                // SAFETY: plain loops need no feature.
                unsafe { attend_any::<Plain>(&keys, kvh, &q, group, first, n_total, &mut plain) };
                assert_eq!(got, plain, "hd {hd} group {group}: the families differ");
                #[cfg(target_arch = "x86_64")]
                if is_x86_feature_detected!("avx2") {
                    let mut narrow = vec![0f32; group * hd];
                    // SAFETY: the CPU has the feature.
                    unsafe { attend_avx2(&keys, kvh, &q, group, first, n_total, &mut narrow) };
                    assert_eq!(got, narrow, "hd {hd} group {group}: AVX2 differs");
                }
                for h in 0..group {
                    let qh = &q[h * hd..(h + 1) * hd];
                    let mut s = vec![0f32; n_total - first];
                    for (d, &qd) in qh.iter().enumerate() {
                        for (i, x) in s.iter_mut().enumerate() {
                            *x += qd * kt[(kvh * hd + d) * n_total + first + i];
                        }
                    }
                    softmax(&mut s);
                    let mut want = vec![0f32; hd];
                    for (i, w) in s.iter().enumerate() {
                        let row = &v[(first + i) * kv_stride + kvh * hd..][..hd];
                        for (o, x) in want.iter_mut().zip(row) {
                            *o += w * x;
                        }
                    }
                    assert_eq!(
                        &got[h * hd..(h + 1) * hd],
                        &want[..],
                        "hd {hd} group {group}"
                    );
                }
            }
        }
    }
}
