//! Multinomial logistic regression with per-feature standardization, trained by full-batch
//! Adam with L2. The classifier heads (intent, slot tags) over the model's hidden states.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Linear {
    pub classes: usize,
    pub dim: usize,
    pub l2: f32,
    pub mean: Vec<f32>,
    pub inv_std: Vec<f32>,
    /// `classes × dim`.
    pub w: Vec<f32>,
    pub b: Vec<f32>,
}

fn softmax(z: &mut [f32]) {
    let m = z.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
    let mut s = 0.0;
    for v in z.iter_mut() {
        *v = (*v - m).exp();
        s += *v;
    }
    for v in z.iter_mut() {
        *v /= s;
    }
}

/// Training options.
#[derive(Debug, Clone, Copy)]
pub struct Fit {
    pub l2: f32,
    pub epochs: usize,
    pub lr: f32,
}

impl Default for Fit {
    fn default() -> Self {
        Fit {
            l2: 0.01,
            epochs: 300,
            lr: 0.01,
        }
    }
}

impl Linear {
    /// Class probabilities.
    pub fn predict(&self, x: &[f32]) -> Vec<f32> {
        let mut z = vec![0f32; self.classes];
        self.logits_into(x, &mut z);
        softmax(&mut z);
        z
    }

    fn logits_into(&self, x: &[f32], z: &mut [f32]) {
        let d = self.dim;
        for (k, zk) in z.iter_mut().enumerate() {
            let row = &self.w[k * d..(k + 1) * d];
            let mut s = self.b[k];
            for i in 0..d {
                s += row[i] * (x[i] - self.mean[i]) * self.inv_std[i];
            }
            *zk = s;
        }
    }

    pub fn argmax(&self, x: &[f32]) -> (usize, f32) {
        let p = self.predict(x);
        let (i, v) = p
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, v)| (i, *v))
            .unwrap_or((0, 0.0));
        (i, v)
    }

    /// Fits on `xs` (rows of `dim` features) with labels in `0..classes`.
    pub fn fit(xs: &[Vec<f32>], ys: &[usize], classes: usize, opt: Fit) -> Linear {
        let dim = xs.first().map(|x| x.len()).unwrap_or(0);
        let n = xs.len().max(1) as f32;
        let mut mean = vec![0f32; dim];
        for x in xs {
            for (m, v) in mean.iter_mut().zip(x) {
                *m += v / n;
            }
        }
        let mut var = vec![0f32; dim];
        for x in xs {
            for ((s, v), m) in var.iter_mut().zip(x).zip(&mean) {
                *s += (v - m) * (v - m) / n;
            }
        }
        let inv_std: Vec<f32> = var
            .iter()
            .map(|v| if *v < 1e-10 { 0.0 } else { 1.0 / v.sqrt() })
            .collect();
        let z: Vec<Vec<f32>> = xs
            .iter()
            .map(|x| {
                x.iter()
                    .zip(&mean)
                    .zip(&inv_std)
                    .map(|((v, m), s)| (v - m) * s)
                    .collect()
            })
            .collect();
        let mut w = vec![0f32; classes * dim];
        let mut b = vec![0f32; classes];
        let (mut mw, mut vw) = (vec![0f32; classes * dim], vec![0f32; classes * dim]);
        let (mut mb, mut vb) = (vec![0f32; classes], vec![0f32; classes]);
        let (b1, b2, eps) = (0.9f32, 0.999f32, 1e-8f32);
        let mut p = vec![0f32; classes];
        for epoch in 1..=opt.epochs {
            let mut gw = vec![0f32; classes * dim];
            let mut gb = vec![0f32; classes];
            for (x, &y) in z.iter().zip(ys) {
                for (k, pk) in p.iter_mut().enumerate() {
                    *pk = b[k]
                        + w[k * dim..(k + 1) * dim]
                            .iter()
                            .zip(x)
                            .map(|(a, c)| a * c)
                            .sum::<f32>();
                }
                softmax(&mut p);
                p[y] -= 1.0;
                for k in 0..classes {
                    let g = p[k] / n;
                    if g.abs() < 1e-7 {
                        continue;
                    }
                    gb[k] += g;
                    for (gwi, xi) in gw[k * dim..(k + 1) * dim].iter_mut().zip(x) {
                        *gwi += g * xi;
                    }
                }
            }
            let t = epoch as i32;
            let (c1, c2) = (1.0 - b1.powi(t), 1.0 - b2.powi(t));
            for i in 0..w.len() {
                let g = gw[i] + opt.l2 * w[i];
                mw[i] = b1 * mw[i] + (1.0 - b1) * g;
                vw[i] = b2 * vw[i] + (1.0 - b2) * g * g;
                w[i] -= opt.lr * (mw[i] / c1) / ((vw[i] / c2).sqrt() + eps);
            }
            for k in 0..classes {
                mb[k] = b1 * mb[k] + (1.0 - b1) * gb[k];
                vb[k] = b2 * vb[k] + (1.0 - b2) * gb[k] * gb[k];
                b[k] -= opt.lr * (mb[k] / c1) / ((vb[k] / c2).sqrt() + eps);
            }
        }
        Linear {
            classes,
            dim,
            l2: opt.l2,
            mean,
            inv_std,
            w,
            b,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_a_three_class_problem() {
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for i in 0..300 {
            let c = i % 3;
            let j = (i as f32 * 0.618).fract() - 0.5;
            xs.push(vec![c as f32 + j * 0.5, 1.0 - c as f32 + j, 7.0]);
            ys.push(c);
        }
        let m = Linear::fit(&xs, &ys, 3, Fit::default());
        let acc = xs
            .iter()
            .zip(&ys)
            .filter(|(x, y)| m.argmax(x).0 == **y)
            .count();
        assert!(acc > 280, "{acc}");
        assert!((m.predict(&xs[0]).iter().sum::<f32>() - 1.0).abs() < 1e-5);
    }
}
