//! What `pulpo train --cv` reports besides its choices: the intent head's out-of-fold
//! confusions, and how heads trained after one business's prompt read another's.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use super::{
    accuracy, chooser, cv_intent_predictions, encodings, f1, items, Item, CHOOSER_OWNS, INTENT_L2,
};
use crate::domain::catalog::Workspace;
use crate::engine::Generator;
use crate::eval::Example;
use crate::nlu::reader;
use crate::nlu::SlotName;

/// Per intent: out-of-fold recall and what it is most often read as; with `misread`, the
/// dev messages the head misreads out of fold, one JSON line each (for writing rules and
/// data against, never for scoring).
pub(super) fn report_confusion(
    items: &[Item],
    examples: &[Example],
    k: usize,
    preds: &[(usize, usize)],
    misread: Option<&Path>,
) -> anyhow::Result<()> {
    use crate::nlu::Intent;
    let mut m = [[0usize; 9]; 9];
    for (g, p) in preds {
        m[*g][*p] += 1;
    }
    for (g, row) in m.iter().enumerate() {
        let total: usize = row.iter().sum();
        let worst = (0..9)
            .filter(|&p| p != g && row[p] > 0)
            .max_by_key(|&p| row[p])
            .map(|p| format!(", most often misread as {} ({})", Intent::ALL[p], row[p]))
            .unwrap_or_default();
        eprintln!(
            "intent {:<14} {k}-fold recall {:.3} of {total}{worst}",
            Intent::ALL[g].as_str(),
            row[g] as f32 / total.max(1) as f32
        );
    }
    if let Some(path) = misread {
        let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
        for (it, (g, p)) in items.iter().zip(preds) {
            if g != p {
                let line = serde_json::json!({
                    "text": examples[it.example].text,
                    "gold": Intent::ALL[*g],
                    "read": Intent::ALL[*p],
                });
                writeln!(w, "{line}")?;
            }
        }
        eprintln!("misread dev messages → {}", path.display());
    }
    Ok(())
}

/// Out-of-fold intent accuracy and chooser F1 of heads trained after the training
/// catalog's prompt, on the held-out messages read after `other`'s prompt, beside the same
/// scores with the training prompt on both sides.
#[allow(clippy::too_many_arguments)]
pub(super) fn serve_as_report(
    g: &dyn Generator,
    ws: &Workspace,
    other: &Workspace,
    model_sha: &str,
    data_sha: &str,
    examples: &[Example],
    items_same: &[Item],
    k: usize,
    layers: Option<usize>,
) -> anyhow::Result<()> {
    let k = k.max(2);
    let encs = encodings(g, other, model_sha, data_sha, examples, layers)?;
    let held = items(ws, g.prompt_format(), examples, &encs);
    let floors: BTreeMap<SlotName, f32> = CHOOSER_OWNS.iter().copied().collect();
    for (name, test) in [("training prompt", items_same), ("served as", &held[..])] {
        let acc = accuracy(&cv_intent_predictions(items_same, test, k, INTENT_L2));
        let (ch, _) = chooser::cv(items_same, test, examples, ws, k, chooser::CHOOSER_L2);
        let mut line = format!("{name:<16} intent {acc:.3}");
        for (i, s) in reader::CHOOSER_SLOTS.iter().enumerate() {
            if let Some(f) = floors.get(s) {
                let at = chooser::FLOORS.iter().position(|x| x == f).unwrap_or(0);
                line.push_str(&format!(", {} {:.3}", s.as_str(), f1(ch[at][0][i])));
            }
        }
        eprintln!("{k}-fold, {line}");
    }
    eprintln!(
        "served as: {} (trained after: {})",
        other.introduction(),
        ws.introduction()
    );
    Ok(())
}
