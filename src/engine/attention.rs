//! Attention of one token: the query heads that share a KV head (grouped-query attention) are
//! scored together, so each key and value the cache holds is loaded once for all of them, and
//! the sums stay in registers. Compiled per SIMD level and picked at run time, like the int8
//! kernels. Every step is a multiply then an add, in position and dimension order, never
//! fused: the same bits on every kernel family and as a plain loop.

use super::kernels::{simd, softmax, Simd};

/// Positions scored per register tile.
const TILE: usize = 16;

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
    match simd() {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the CPU has the feature (checked by `simd()`); slices bound every access.
        Simd::Avx512Vnni => unsafe { attend_avx512(keys, kvh, q, heads, first, n_pos, out) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: as above.
        Simd::Avx2 => unsafe { attend_avx2(keys, kvh, q, heads, first, n_pos, out) },
        _ => attend_any(keys, kvh, q, heads, first, n_pos, out),
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
    attend_any(keys, kvh, q, heads, first, n_pos, out)
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
    attend_any(keys, kvh, q, heads, first, n_pos, out)
}

#[inline(always)]
fn attend_any(
    keys: &Keys,
    kvh: usize,
    q: &[f32],
    heads: usize,
    first: usize,
    n_pos: usize,
    out: &mut [f32],
) {
    // A fixed head count keeps the tile's sums in registers.
    match heads {
        1 => group::<1>(keys, kvh, q, first, n_pos, out),
        2 => group::<2>(keys, kvh, q, first, n_pos, out),
        4 => group::<4>(keys, kvh, q, first, n_pos, out),
        7 => group::<7>(keys, kvh, q, first, n_pos, out),
        8 => group::<8>(keys, kvh, q, first, n_pos, out),
        _ => {
            let hd = keys.hd;
            for (qh, oh) in q.chunks_exact(hd).zip(out.chunks_exact_mut(hd)) {
                group::<1>(keys, kvh, qh, first, n_pos, oh);
            }
        }
    }
}

#[inline(always)]
fn group<const G: usize>(
    keys: &Keys,
    kvh: usize,
    q: &[f32],
    first: usize,
    n_pos: usize,
    out: &mut [f32],
) {
    let (hd, n_total) = (keys.hd, keys.n_total);
    let len = n_pos - first;
    let mut scores = vec![0f32; G * len];
    // Scores: a tile of positions for every head, summed over the dimensions in order.
    let mut p = 0;
    while p < len {
        let c = TILE.min(len - p);
        let mut acc = [[0f32; TILE]; G];
        for d in 0..hd {
            let row = &keys.kt[(kvh * hd + d) * n_total + first + p..][..c];
            let k = tile(row);
            for (h, a) in acc.iter_mut().enumerate() {
                let qd = q[h * hd + d];
                for i in 0..TILE {
                    a[i] += qd * k[i];
                }
            }
        }
        for (h, a) in acc.iter().enumerate() {
            scores[h * len + p..h * len + p + c].copy_from_slice(&a[..c]);
        }
        p += TILE;
    }
    for s in scores.chunks_exact_mut(len) {
        softmax(s);
    }
    // Values: a tile of dimensions for every head, summed over the positions in order.
    let mut d0 = 0;
    while d0 < hd {
        let c = TILE.min(hd - d0);
        let mut acc = [[0f32; TILE]; G];
        for i in 0..len {
            let at = (first + i) * keys.kv_stride + kvh * hd + d0;
            let v = tile(&keys.v[at..at + c]);
            for (h, a) in acc.iter_mut().enumerate() {
                let w = scores[h * len + i];
                for j in 0..TILE {
                    a[j] += w * v[j];
                }
            }
        }
        for (h, a) in acc.iter().enumerate() {
            out[h * hd + d0..h * hd + d0 + c].copy_from_slice(&a[..c]);
        }
        d0 += TILE;
    }
}

/// A tile's values: the slice itself when full (no copy through the stack), else padded
/// with zeros.
#[inline(always)]
fn tile(x: &[f32]) -> [f32; TILE] {
    match <&[f32; TILE]>::try_from(x) {
        Ok(full) => *full,
        Err(_) => {
            let mut t = [0f32; TILE];
            t[..x.len()].copy_from_slice(x);
            t
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
