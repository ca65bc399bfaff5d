//! `pulpo train`: fits the reader heads (intent, slot tagger) on the dev part of the labelled
//! data. The model's hidden states of every example are computed once and cached on disk
//! (keyed by model, prompt and data), so experiments and re-training are quick.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use sha2::{Digest, Sha256};

use super::eval::Progress;
use crate::domain::catalog::Workspace;
use crate::engine::{Encoded, Generator};
use crate::eval::{load_dataset, Example};
use crate::nlu::linear::{Fit, Linear};
use crate::nlu::reader::{self, Heads, TAG_CLASSES, TAG_SLOTS};
use crate::nlu::rules::RuleExtractor;
use crate::nlu::slm::{self, READER_PROMPT};
use crate::nlu::ExtractContext;
use crate::text::fold_compare;

/// The dev data the shipped heads are trained on (never the test part).
pub const TRAIN_SETS: [&str; 4] = [
    "tests/data/dev_a.jsonl",
    "tests/data/dev_b.jsonl",
    "tests/data/dev_c.jsonl",
    "tests/data/dev_d.jsonl",
];
pub use crate::nlu::reader::FEATURES_VERSION;

/// Where a model's heads live.
pub fn head_path(models_dir: &Path, model_id: &str) -> PathBuf {
    let safe: String = model_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    models_dir.join("heads").join(format!("{safe}.heads.json"))
}

pub fn load_examples(paths: &[PathBuf]) -> anyhow::Result<(Vec<Example>, String)> {
    let mut all = Vec::new();
    let mut h = Sha256::new();
    for p in paths {
        let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
        h.update(&bytes);
        let (ex, errs) = load_dataset(p)?;
        for e in errs {
            eprintln!("{}:{}: skipped: {}", p.display(), e.line, e.error);
        }
        all.extend(ex);
    }
    Ok((all, hex::encode(h.finalize())))
}

fn write_encoded(w: &mut impl Write, e: &Encoded) -> std::io::Result<()> {
    w.write_all(&(e.tokens.len() as u32).to_le_bytes())?;
    w.write_all(&(e.hidden_dim as u32).to_le_bytes())?;
    for (t, (a, b)) in e.tokens.iter().zip(&e.offsets) {
        w.write_all(&t.to_le_bytes())?;
        w.write_all(&(*a as u32).to_le_bytes())?;
        w.write_all(&(*b as u32).to_le_bytes())?;
    }
    for v in &e.hidden {
        w.write_all(&v.to_le_bytes())?;
    }
    Ok(())
}

fn read_u32(r: &mut impl Read) -> std::io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

fn read_encoded(r: &mut impl Read) -> std::io::Result<Encoded> {
    let n = read_u32(r)? as usize;
    let hd = read_u32(r)? as usize;
    let mut tokens = Vec::with_capacity(n);
    let mut offsets = Vec::with_capacity(n);
    for _ in 0..n {
        tokens.push(read_u32(r)?);
        offsets.push((read_u32(r)? as usize, read_u32(r)? as usize));
    }
    let mut raw = vec![0u8; n * hd * 4];
    r.read_exact(&mut raw)?;
    let hidden = raw
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    Ok(Encoded {
        tokens,
        offsets,
        hidden_dim: hd,
        hidden,
    })
}

/// The encodings of every example, from the cache when present.
pub fn encodings(
    g: &dyn Generator,
    model_sha: &str,
    data_sha: &str,
    examples: &[Example],
) -> anyhow::Result<Vec<Encoded>> {
    let key = hex::encode(Sha256::digest(format!(
        "{FEATURES_VERSION}|{model_sha}|{}|{data_sha}",
        slm::prompt_sha256()
    )));
    let dir = crate::engine::fetch::cache_dir().join("features");
    let path = dir.join(format!("{}.bin", &key[..32]));
    if let Ok(f) = std::fs::File::open(&path) {
        let mut r = std::io::BufReader::new(f);
        let read: std::io::Result<Vec<Encoded>> =
            (0..examples.len()).map(|_| read_encoded(&mut r)).collect();
        if let Ok(v) = read {
            eprintln!("features: {} encodings from {}", v.len(), path.display());
            return Ok(v);
        }
    }
    let ctx = ExtractContext::default();
    let mut bar = Progress::new("features", examples.len());
    let mut out = Vec::with_capacity(examples.len());
    for (i, e) in examples.iter().enumerate() {
        let (suffix, _, _) = slm::prompt_parts(&e.text, &ctx);
        out.push(g.encode(READER_PROMPT, &suffix)?);
        bar.tick(i + 1);
    }
    std::fs::create_dir_all(&dir)?;
    let tmp = path.with_extension("tmp");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
    for e in &out {
        write_encoded(&mut w, e)?;
    }
    w.flush()?;
    drop(w);
    std::fs::rename(&tmp, &path)?;
    Ok(out)
}

/// Per-example training material.
pub struct Item {
    pub intent_x: Vec<f32>,
    pub intent_y: usize,
    /// Word features and gold tags (None when gold spans do not align with words).
    pub words: Option<(Vec<Vec<f32>>, Vec<usize>)>,
    pub example: usize,
}

pub fn items(ws: &Workspace, examples: &[Example], encs: &[Encoded]) -> Vec<Item> {
    let ctx = ExtractContext::default();
    examples
        .iter()
        .zip(encs)
        .enumerate()
        .map(|(i, (e, enc))| {
            let (_, start, clean) = slm::prompt_parts(&e.text, &ctx);
            let rules = RuleExtractor.analyze(ws, &clean, &ctx);
            let v = reader::view(enc, &clean, start);
            let words = reader::gold_tags(&v.words, &e.slots)
                .map(|tags| (reader::word_features(enc, &v, ws, &rules), tags));
            Item {
                intent_x: reader::intent_features(enc, &v, &rules),
                intent_y: e.intent.index(),
                words,
                example: i,
            }
        })
        .collect()
}

fn fit_intent(items: &[&Item], l2: f32) -> Linear {
    let xs: Vec<Vec<f32>> = items.iter().map(|i| i.intent_x.clone()).collect();
    let ys: Vec<usize> = items.iter().map(|i| i.intent_y).collect();
    Linear::fit(
        &xs,
        &ys,
        9,
        Fit {
            l2,
            epochs: 300,
            lr: 0.01,
        },
    )
}

fn fit_tagger(items: &[&Item], l2: f32) -> Linear {
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for it in items {
        if let Some((f, t)) = &it.words {
            xs.extend(f.iter().cloned());
            ys.extend(t.iter().copied());
        }
    }
    Linear::fit(
        &xs,
        &ys,
        TAG_CLASSES,
        Fit {
            l2,
            epochs: 200,
            lr: 0.01,
        },
    )
}

/// Micro F1 of tagged slots against gold, over examples.
fn tag_f1(tagger: &Linear, items: &[&Item], examples: &[Example]) -> (usize, usize, usize) {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for it in items {
        let e = &examples[it.example];
        let Some((feats, _)) = &it.words else {
            continue;
        };
        let words = crate::text::Words::new(&e.text.chars().take(1000).collect::<String>());
        let probs: Vec<Vec<f32>> = feats.iter().map(|x| tagger.predict(x)).collect();
        let slots = reader::decode(&words, &probs);
        for s in TAG_SLOTS {
            match (e.slots.get(s.as_str()), slots.get(s)) {
                (Some(g), Some(p)) if fold_compare(g) == fold_compare(p) => tp += 1,
                (Some(_), Some(_)) => {
                    fp += 1;
                    fn_ += 1
                }
                (Some(_), None) => fn_ += 1,
                (None, Some(_)) => fp += 1,
                _ => {}
            }
        }
    }
    (tp, fp, fn_)
}

fn f1((tp, fp, fn_): (usize, usize, usize)) -> f32 {
    let p = tp as f32 / (tp + fp).max(1) as f32;
    let r = tp as f32 / (tp + fn_).max(1) as f32;
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// k-fold cross-validation of both heads at one regularization each.
pub fn cross_validate(
    items: &[Item],
    examples: &[Example],
    k: usize,
    l2_intent: f32,
    l2_tag: f32,
) -> (f32, f32) {
    let mut correct = 0;
    let mut counts = (0, 0, 0);
    for fold in 0..k {
        let train: Vec<&Item> = items.iter().filter(|i| i.example % k != fold).collect();
        let test: Vec<&Item> = items.iter().filter(|i| i.example % k == fold).collect();
        let intent = fit_intent(&train, l2_intent);
        correct += test
            .iter()
            .filter(|i| intent.argmax(&i.intent_x).0 == i.intent_y)
            .count();
        let tagger = fit_tagger(&train, l2_tag);
        let c = tag_f1(&tagger, &test, examples);
        counts = (counts.0 + c.0, counts.1 + c.1, counts.2 + c.2);
    }
    (correct as f32 / items.len().max(1) as f32, f1(counts))
}

/// Rules' F1 on the tagged slots (the bar the tagger must clear).
pub fn rules_tag_f1(ws: &Workspace, examples: &[Example]) -> f32 {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for e in examples {
        let r = RuleExtractor.extract(ws, &e.text, &ExtractContext::default());
        for s in TAG_SLOTS {
            match (e.slots.get(s.as_str()), r.slots.get(s)) {
                (Some(g), Some(p)) if fold_compare(g) == fold_compare(p) => tp += 1,
                (Some(_), Some(_)) => {
                    fp += 1;
                    fn_ += 1
                }
                (Some(_), None) => fn_ += 1,
                (None, Some(_)) => fp += 1,
                _ => {}
            }
        }
    }
    f1((tp, fp, fn_))
}

/// Deterministic shuffle of example order (folds mix both dev files).
fn shuffled(n: usize) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    let mut s = 0x9E3779B97F4A7C15u64;
    for i in (1..n).rev() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        v.swap(i, (s % (i as u64 + 1)) as usize);
    }
    v
}

pub fn train(
    g: &dyn Generator,
    model_sha: &str,
    ws: &Workspace,
    sets: &[PathBuf],
    out: &Path,
    cv: usize,
) -> anyhow::Result<Heads> {
    let (mut examples, data_sha) = load_examples(sets)?;
    anyhow::ensure!(
        examples.len() >= 50,
        "too few training examples ({})",
        examples.len()
    );
    let order = shuffled(examples.len());
    examples = order.iter().map(|&i| examples[i].clone()).collect();
    let encs = encodings(g, model_sha, &data_sha, &examples)?;
    let items = items(ws, &examples, &encs);
    let aligned = items.iter().filter(|i| i.words.is_some()).count();
    eprintln!(
        "{} examples, {aligned} with word-aligned slots; rules' F1 on the tagged slots: {:.3}",
        items.len(),
        rules_tag_f1(ws, &examples)
    );
    let mut best = (0f32, 0.01f32, 0f32, 0.01f32);
    for l2 in [3e-3f32, 1e-2, 3e-2, 1e-1] {
        let (acc, sf1) = cross_validate(&items, &examples, cv, l2, l2);
        eprintln!("l2 {l2:<6}: {cv}-fold intent accuracy {acc:.3}, tagged-slot F1 {sf1:.3}");
        if acc > best.0 {
            best.0 = acc;
            best.1 = l2;
        }
        if sf1 > best.2 {
            best.2 = sf1;
            best.3 = l2;
        }
    }
    let all: Vec<&Item> = items.iter().collect();
    let heads = Heads {
        version: FEATURES_VERSION,
        model_sha256: model_sha.to_string(),
        prompt_sha256: slm::prompt_sha256(),
        data_sha256: data_sha,
        hidden_dim: encs.first().map(|e| e.hidden_dim).unwrap_or(0),
        train_examples: items.len(),
        cv_intent_accuracy: best.0,
        cv_slot_f1: best.2,
        intent: fit_intent(&all, best.1),
        tagger: fit_tagger(&all, best.3),
    };
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = out.with_extension("json.tmp");
    std::fs::write(&tmp, serde_json::to_vec(&heads)?)?;
    std::fs::rename(&tmp, out)?;
    eprintln!(
        "heads: intent l2 {} (cv {:.3}), tagger l2 {} (cv F1 {:.3}) → {}",
        best.1,
        best.0,
        best.3,
        best.2,
        out.display()
    );
    Ok(heads)
}
