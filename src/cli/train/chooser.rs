//! Training the chooser: a logistic regression over each candidate value the rules found
//! (dates, times, services), with the model's states around it, that says whether it is the
//! value the customer wants. Cross-validation decides, slot by slot, whether it beats the
//! rules' own choice; only then does it own the slot.

use crate::domain::catalog::Workspace;
use crate::eval::Example;
use crate::nlu::linear::{Fit, Linear};
use crate::nlu::reader::{self, CHOOSER_SLOTS};
use crate::nlu::rules::RuleExtractor;
use crate::nlu::{ExtractContext, SlotName};

use super::{count, Item};

/// The chooser's regularization.
pub const CHOOSER_L2: f32 = 0.03;

/// One candidate's training row.
pub struct Scored {
    pub slot: SlotName,
    pub value: String,
    pub x: Vec<f32>,
    pub gold: bool,
}

pub fn fit(items: &[&Item], l2: f32) -> Linear {
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for it in items {
        for c in &it.cands {
            xs.push(c.x.clone());
            ys.push(usize::from(c.gold));
        }
    }
    Linear::fit(
        &xs,
        &ys,
        2,
        Fit {
            l2,
            epochs: 250,
            lr: 0.01,
        },
    )
}

/// (tp, fp, fn) per chooser slot.
pub type Counts = [(usize, usize, usize); CHOOSER_SLOTS.len()];

/// Thresholds tried for taking a slot's best candidate.
pub const FLOORS: [f32; 5] = [0.2, 0.3, 0.4, 0.5, 0.6];

/// k-fold counts of the chooser per threshold of [`FLOORS`] (`[f][0]`: the floor alone;
/// `[f][1]`: when no candidate reaches the floor, taking the one the rules chose) and of the rules
/// on the same messages.
pub fn cv(
    items: &[Item],
    held: &[Item],
    examples: &[Example],
    ws: &Workspace,
    k: usize,
    l2: f32,
) -> (Vec<[Counts; 2]>, Counts) {
    let mut ch = vec![[[(0, 0, 0); CHOOSER_SLOTS.len()]; 2]; FLOORS.len()];
    let mut ru = [(0, 0, 0); CHOOSER_SLOTS.len()];
    for fold in 0..k {
        let train: Vec<&Item> = items.iter().filter(|i| i.example % k != fold).collect();
        let model = fit(&train, l2);
        for it in held.iter().filter(|i| i.example % k == fold) {
            let e = &examples[it.example];
            let scored: Vec<(SlotName, f32, String)> = it
                .cands
                .iter()
                .map(|c| (c.slot, model.predict(&c.x)[1], c.value.clone()))
                .collect();
            let rules = RuleExtractor.extract(ws, &e.text, &ExtractContext::default());
            for (f, floor) in FLOORS.iter().enumerate() {
                let min = CHOOSER_SLOTS.iter().map(|s| (*s, *floor)).collect();
                for (a, agree) in [&[][..], &CHOOSER_SLOTS[..]].into_iter().enumerate() {
                    let chosen = reader::decide(&scored, &CHOOSER_SLOTS, &min, agree, &rules.slots);
                    for (s, slot) in CHOOSER_SLOTS.iter().enumerate() {
                        count(
                            &mut ch[f][a][s],
                            e.slots.get(slot.as_str()),
                            chosen.get(*slot),
                        );
                    }
                }
            }
            for (s, slot) in CHOOSER_SLOTS.iter().enumerate() {
                count(
                    &mut ru[s],
                    e.slots.get(slot.as_str()),
                    rules.slots.get(*slot),
                );
            }
        }
    }
    (ch, ru)
}
