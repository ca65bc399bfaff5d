//! The model as an encoder: one prefill of the message after the cached extraction prompt
//! yields a hidden state per token; two small heads read them.
//!
//! - The intent head: the hidden state at the end of the prompt and the mean over the
//!   message's tokens, beside the rules' cue scores.
//! - The slot tagger: a B/I/O tag per word of the message (for services, dates, names and
//!   staff) from the hidden state of the word's last token, the rules' tags of that word and a
//!   few word-shape features. Its spans are spans of the message by construction.
//!
//! Times, phones, emails and booking ids keep their deterministic patterns.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::catalog::Workspace;
use crate::domain::normalize::{find_dates, find_times, month_of, weekday_of};
use crate::engine::Encoded;
use crate::nlu::candidates::Candidate;
use crate::nlu::lexicon::lexicon;
use crate::nlu::linear::Linear;
use crate::nlu::rules::RuleAnalysis;
use crate::nlu::signals::Topic;
use crate::nlu::{Intent, SlotName, Slots};
use crate::text::{fold_compare, Words};

/// Bumped when features change, so caches and heads from older code are not reused.
pub const FEATURES_VERSION: u32 = 70;

/// The slots the tagger reads, in tag order.
pub const TAG_SLOTS: [SlotName; 4] = [
    SlotName::ServiceType,
    SlotName::PreferredDate,
    SlotName::ClientName,
    SlotName::StaffName,
];
/// O, then B and I per slot.
pub const TAG_CLASSES: usize = 1 + 2 * TAG_SLOTS.len();
/// Word features besides the hidden state.
pub const WORD_EXTRA: usize = 2 * TAG_SLOTS.len() + 14;

/// Where a model's heads live.
pub fn heads_path(models_dir: &Path, model_id: &str) -> PathBuf {
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

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Heads {
    pub version: u32,
    pub model_sha256: String,
    pub prompt_sha256: String,
    pub data_sha256: String,
    pub hidden_dim: usize,
    /// The heads read the hidden states after this many layers (the rest of the pass is
    /// skipped); `None`: after every layer.
    #[serde(default)]
    pub layers: Option<usize>,
    pub train_examples: usize,
    /// Cross-validated accuracy of each head on the training data (for the record; only
    /// `pulpo train --cv` measures it).
    #[serde(default)]
    pub cv_intent_accuracy: Option<f32>,
    #[serde(default)]
    pub cv_slot_f1: Option<f32>,
    pub intent: Linear,
    /// Absent when no slot uses it.
    pub tagger: Option<Linear>,
    /// The slots the tagger reads better than the rules (out of fold on the training data);
    /// the rules keep the others.
    pub tagger_slots: Vec<SlotName>,
    /// Scores each candidate value the rules found (a date, a time, a service) with what the
    /// model read around it: is it the one the customer wants?
    #[serde(default)]
    pub chooser: Option<Linear>,
    /// The slots the chooser decides better than the rules (out of fold).
    #[serde(default)]
    pub chooser_slots: Vec<SlotName>,
    /// Per slot, the probability the best candidate needs to be taken (chosen out of fold).
    #[serde(default)]
    pub chooser_min: std::collections::BTreeMap<SlotName, f32>,
    /// The chooser slots where, when no candidate reaches the floor, the candidate the rules
    /// picked is taken (chosen out of fold).
    #[serde(default)]
    pub chooser_agree: Vec<SlotName>,
}

/// The message as the model saw it: its words and, per word, the tokens covering it.
pub struct View {
    pub words: Words,
    /// Per word: (first token, last token) in the encoded suffix.
    pub tokens: Vec<Option<(usize, usize)>>,
    /// Tokens of the message.
    pub message_tokens: (usize, usize),
}

/// Aligns the message's words with the tokens of `suffix`, in which the message starts at
/// byte `start`.
pub fn view(enc: &Encoded, message: &str, start: usize) -> View {
    let words = Words::new(message);
    let byte_of: Vec<usize> = message
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(message.len()))
        .collect();
    let mut tokens = Vec::with_capacity(words.len());
    for w in &words.words {
        let (b0, b1) = (start + byte_of[w.start], start + byte_of[w.end]);
        let mut first = None;
        let mut last = None;
        for (t, &(s, e)) in enc.offsets.iter().enumerate() {
            if s < b1 && e > b0 {
                first.get_or_insert(t);
                last = Some(t);
            }
        }
        tokens.push(first.zip(last));
    }
    let end = start + message.len();
    let covering: Vec<usize> = enc
        .offsets
        .iter()
        .enumerate()
        .filter(|(_, &(s, e))| s < end && e > start)
        .map(|(t, _)| t)
        .collect();
    let message_tokens = (
        covering.first().copied().unwrap_or(0),
        covering.last().copied().unwrap_or(0),
    );
    View {
        words,
        tokens,
        message_tokens,
    }
}

/// Finds `value` as a word sequence of `words` (folded); the last match for dates of a
/// reschedule is the caller's concern.
pub fn find_span(words: &Words, value: &str) -> Option<(usize, usize)> {
    let target: Vec<String> = Words::new(value)
        .norms()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let n = words.norms();
    if target.is_empty() || target.len() > n.len() {
        return None;
    }
    (0..=n.len() - target.len())
        .find(|&i| {
            n[i..i + target.len()]
                .iter()
                .zip(&target)
                .all(|(a, b)| *a == b)
        })
        .map(|i| (i, i + target.len()))
}

/// Rule features: 9 cue scores, the rule intent one-hot, the certainty flag, the topic
/// one-hot, and signals that tell intents apart: a booking the customer has told of ("tengo
/// turno el sábado a las 10"), a price or the hours asked, a yes or a no, thanks, a goodbye,
/// a correction, a time moved earlier or later.
pub fn rule_features(r: &RuleAnalysis) -> Vec<f32> {
    let mut f = Vec::with_capacity(45);
    f.extend(r.scores.iter().map(|s| (s / 4.0).min(2.0)));
    let mut one = [0f32; 9];
    one[r.extraction.intent.index()] = 1.0;
    f.extend(one);
    f.push(flag(r.certain));
    let s = &r.extraction.signals;
    let mut topic = [0f32; TOPICS];
    if let Some(one) = s.topic.and_then(|t| topic.get_mut(t as usize)) {
        *one = 1.0;
    }
    f.extend(topic);
    let told = r.candidates.iter().any(|c| c.role.old);
    f.extend([
        flag(told || s.booked_date.is_some() || s.booked_time.is_some()),
        flag(r.candidates.iter().any(|c| c.role.new)),
        flag(s.asks_price),
        flag(s.asks_hours),
        flag(s.affirmation == Some(true)),
        flag(s.affirmation == Some(false)),
        flag(s.thanks),
        flag(s.farewell),
        flag(s.closes),
        flag(s.corrects),
        flag(s.shift.is_some()),
        flag(s.books),
        flag(r.extraction.slots.service_type.is_some()),
    ]);
    f
}

/// How many topics `Signals::topic` tells apart (`Topic::Expert` is the last).
const TOPICS: usize = Topic::Expert as usize + 1;

fn flag(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

pub fn intent_features(enc: &Encoded, v: &View, rules: &RuleAnalysis) -> Vec<f32> {
    let h = enc.hidden_dim;
    let t_last = enc.tokens.len() - 1;
    let mut x = enc.row(t_last).to_vec();
    let (a, b) = v.message_tokens;
    let mut mean = vec![0f32; h];
    let n = (b + 1 - a).max(1) as f32;
    for t in a..=b.min(t_last) {
        for (m, x) in mean.iter_mut().zip(enc.row(t)) {
            *m += x / n;
        }
    }
    x.extend(mean);
    x.extend(rule_features(rules));
    x
}

fn rule_tags(words: &Words, rules: &RuleAnalysis) -> Vec<[f32; 2 * TAG_SLOTS.len()]> {
    let mut tags = vec![[0f32; 2 * TAG_SLOTS.len()]; words.len()];
    for (k, slot) in TAG_SLOTS.iter().enumerate() {
        if let Some(value) = rules.extraction.slots.get(*slot) {
            if let Some((i, j)) = find_span(words, value) {
                tags[i][2 * k] = 1.0;
                for t in tags.iter_mut().take(j).skip(i + 1) {
                    t[2 * k + 1] = 1.0;
                }
            }
        }
    }
    tags
}

/// Features of every word of the message.
pub fn word_features(
    enc: &Encoded,
    v: &View,
    ws: &Workspace,
    rules: &RuleAnalysis,
) -> Vec<Vec<f32>> {
    let n = v.words.norms();
    let tags = rule_tags(&v.words, rules);
    let times = find_times(&v.words);
    let dates = find_dates(&v.words);
    let in_time = |i: usize| times.iter().any(|t| (t.from..t.to).contains(&i));
    let in_date = |i: usize| dates.iter().any(|d| (d.from..d.to).contains(&i));
    let staff_alias = |w: &str| {
        ws.staff
            .iter()
            .any(|s| fold_compare(&s.name) == w || s.aliases.iter().any(|a| fold_compare(a) == w))
    };
    let h = enc.hidden_dim;
    (0..n.len())
        .map(|i| {
            let row = |j: usize| match v.tokens.get(j).copied().flatten() {
                Some((_, last)) => enc.row(last).to_vec(),
                None => vec![0f32; h],
            };
            // The word's own state, and the next word's (which has seen this one: right context).
            let mut x = row(i);
            x.extend(row(i + 1));
            x.extend_from_slice(&tags[i]);
            let raw = v.words.raw(i);
            let prev = if i > 0 { n[i - 1] } else { "" };
            x.extend_from_slice(&[
                flag(raw.chars().next().is_some_and(char::is_uppercase)),
                flag(n[i].chars().any(|c| c.is_ascii_digit())),
                flag(i == 0),
                flag(i + 1 == n.len()),
                (n[i].chars().count() as f32 / 10.0).min(2.0),
                flag(lexicon().common_names.contains(n[i])),
                flag(weekday_of(n[i]).is_some() || month_of(n[i]).is_some()),
                flag(staff_alias(n[i])),
                flag(prev == "con"),
                flag(matches!(prev, "soy" | "llamo" | "nombre" | "habla")),
                flag(matches!(prev, "el" | "la" | "este" | "esta")),
                flag(matches!(prev, "para" | "a" | "al" | "del" | "de")),
                flag(in_date(i)),
                flag(in_time(i)),
            ]);
            x
        })
        .collect()
}

/// Gold word tags for a labelled message; `None` when a gold span is not a word sequence.
pub fn gold_tags(
    words: &Words,
    slots: &std::collections::BTreeMap<String, String>,
) -> Option<Vec<usize>> {
    let mut tags = vec![0usize; words.len()];
    for (k, slot) in TAG_SLOTS.iter().enumerate() {
        if let Some(value) = slots.get(slot.as_str()) {
            let (i, j) = find_span(words, value)?;
            if tags[i..j].iter().any(|&t| t != 0) {
                return None;
            }
            tags[i] = 1 + 2 * k;
            for t in tags.iter_mut().take(j).skip(i + 1) {
                *t = 2 + 2 * k;
            }
        }
    }
    Some(tags)
}

/// Spans from per-word tag probabilities: per slot, the best-scoring B(I)* run.
pub fn decode(words: &Words, probs: &[Vec<f32>]) -> Slots {
    let mut slots = Slots::default();
    let labels: Vec<usize> = probs
        .iter()
        .map(|p| {
            p.iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1))
                .map(|(i, _)| i)
                .unwrap_or(0)
        })
        .collect();
    for (k, slot) in TAG_SLOTS.iter().enumerate() {
        let (b, i) = (1 + 2 * k, 2 + 2 * k);
        let mut best: Option<(f32, usize, usize)> = None;
        let mut w = 0;
        while w < labels.len() {
            if labels[w] == b || labels[w] == i {
                let start = w;
                let mut score = probs[w][labels[w]];
                w += 1;
                while w < labels.len() && labels[w] == i {
                    score += probs[w][i];
                    w += 1;
                }
                let mean = score / (w - start) as f32;
                if best.is_none_or(|(s, _, _)| mean > s) {
                    best = Some((mean, start, w));
                }
            } else {
                w += 1;
            }
        }
        if let Some((_, s, e)) = best {
            slots.set(*slot, Some(words.span(s, e)));
        }
    }
    slots
}

/// The slots whose candidates the chooser scores.
pub const CHOOSER_SLOTS: [SlotName; 3] = [
    SlotName::ServiceType,
    SlotName::PreferredDate,
    SlotName::PreferredTime,
];

/// Features of one candidate: the model's state at the end of the span and just after it
/// (which has read the span and what follows: "no puedo", "sino"), the cues the rules saw,
/// its place among the slot's candidates, and the rules' reading of the intent.
pub fn candidate_features(
    enc: &Encoded,
    v: &View,
    rules: &RuleAnalysis,
    c: &Candidate,
) -> Vec<f32> {
    let h = enc.hidden_dim;
    let last_token = |w: usize| v.tokens.get(w).copied().flatten().map(|(_, l)| l);
    let row = |t: Option<usize>| match t {
        Some(t) if t < enc.tokens.len() => enc.row(t).to_vec(),
        _ => vec![0f32; h],
    };
    let end = last_token(c.to.saturating_sub(1));
    let after = last_token(c.to).or_else(|| end.map(|e| (e + 1).min(enc.tokens.len() - 1)));
    let mut x = row(end);
    x.extend(row(after));
    let r = &c.role;
    x.extend_from_slice(&[
        flag(r.negated),
        flag(r.refused),
        flag(r.old),
        flag(r.new),
        flag(r.context),
        flag(r.not_service),
        flag(c.service.is_some()),
        flag(r.fallback),
    ]);
    for s in CHOOSER_SLOTS {
        x.push(flag(c.slot == s));
    }
    let same: Vec<&Candidate> = rules
        .candidates
        .iter()
        .filter(|o| o.slot == c.slot)
        .collect();
    let idx = same.iter().position(|o| o.from == c.from).unwrap_or(0);
    x.extend_from_slice(&[
        flag(idx == 0),
        flag(idx + 1 == same.len()),
        flag(same.len() == 1),
        (same.len() as f32 / 4.0).min(1.0),
        c.from as f32 / v.words.len().max(1) as f32,
        flag(
            rules
                .extraction
                .slots
                .get(c.slot)
                .is_some_and(|s| fold_compare(s) == fold_compare(&c.value)),
        ),
    ]);
    x.extend(rule_features(rules));
    x
}

/// Whether a candidate is the gold value of its slot (for services: any service wanted).
pub fn candidate_label(
    c: &Candidate,
    gold: &std::collections::BTreeMap<String, String>,
    gold_services: &[String],
) -> bool {
    let same = |g: &str| fold_compare(g) == fold_compare(&c.value);
    match c.slot {
        SlotName::ServiceType => {
            gold.get("service_type").is_some_and(|g| same(g))
                || gold_services.iter().any(|g| same(g))
        }
        s => gold.get(s.as_str()).is_some_and(|g| same(g)),
    }
}

/// The chooser's reading of the slots it owns.
pub fn choose(
    chooser: &Linear,
    enc: &Encoded,
    v: &View,
    rules: &RuleAnalysis,
    owned: &[SlotName],
    min: &std::collections::BTreeMap<SlotName, f32>,
    agree: &[SlotName],
) -> Slots {
    let scored: Vec<(SlotName, f32, String)> = rules
        .candidates
        .iter()
        // A bound ("después de las 6") or the hour of the customer's party ("la fiesta es a
        // las 8") is no value to choose, however it scores.
        .filter(|c| {
            let never = c.role.bound
                || c.role.people
                || (c.slot == SlotName::PreferredTime && c.role.event);
            owned.contains(&c.slot) && !never
        })
        .map(|c| {
            let p = chooser.predict(&candidate_features(enc, v, rules, c))[1];
            (c.slot, p, c.value.clone())
        })
        .collect();
    decide(&scored, owned, min, agree, &rules.extraction.slots)
}

/// Slots from scored candidates `(slot, probability, value)` in message order: per slot the
/// best candidate above the slot's floor; for services every one above it, in order. For the
/// slots in `agree`, when no candidate reaches the floor, the one the rules chose is taken
/// ("en 15 días": one value, nothing to choose it against; "el 12, no el 11").
pub fn decide(
    scored: &[(SlotName, f32, String)],
    owned: &[SlotName],
    min: &std::collections::BTreeMap<SlotName, f32>,
    agree: &[SlotName],
    rules: &Slots,
) -> Slots {
    let mut out = Slots::default();
    for slot in owned {
        let floor = min.get(slot).copied().unwrap_or(0.5);
        let mine: Vec<&(SlotName, f32, String)> = scored.iter().filter(|s| s.0 == *slot).collect();
        if *slot == SlotName::ServiceType {
            let mut wanted: Vec<String> = Vec::new();
            for s in mine.iter().filter(|s| s.1 > floor) {
                if !wanted
                    .iter()
                    .any(|w| crate::text::fold(w) == crate::text::fold(&s.2))
                {
                    wanted.push(s.2.clone());
                }
            }
            out.service_type = wanted.first().cloned();
            if wanted.len() > 1 {
                out.services = wanted;
            }
        } else if let Some(best) = mine.iter().max_by(|a, b| a.1.total_cmp(&b.1)) {
            if best.1 > floor {
                out.set(*slot, Some(best.2.clone()));
            } else if agree.contains(slot) {
                // Unsure of every candidate: the rules' pick, when it is one of them ("el
                // 12, no el 11": the rules rule the 11 out).
                let picked = rules.get(*slot).and_then(|r| {
                    mine.iter()
                        .find(|c| crate::text::fold(&c.2) == crate::text::fold(r))
                });
                if let Some(c) = picked {
                    out.set(*slot, Some(c.2.clone()));
                }
            }
        }
    }
    out
}

impl Heads {
    /// Intent probabilities (`Intent::ALL` order) and slots of one encoded message.
    pub fn read(
        &self,
        enc: &Encoded,
        v: &View,
        ws: &Workspace,
        rules: &RuleAnalysis,
    ) -> ([f32; 9], Slots) {
        let p = self.intent.predict(&intent_features(enc, v, rules));
        let mut probs = [0f32; 9];
        probs.copy_from_slice(&p[..9]);
        let mut slots = match self
            .tagger
            .as_ref()
            .filter(|_| !self.tagger_slots.is_empty())
        {
            Some(tagger) => {
                let feats = word_features(enc, v, ws, rules);
                let tag_probs: Vec<Vec<f32>> = feats.iter().map(|x| tagger.predict(x)).collect();
                decode(&v.words, &tag_probs)
            }
            None => Slots::default(),
        };
        if let Some(chooser) = self
            .chooser
            .as_ref()
            .filter(|_| !self.chooser_slots.is_empty())
        {
            let chosen = choose(
                chooser,
                enc,
                v,
                rules,
                &self.chooser_slots,
                &self.chooser_min,
                &self.chooser_agree,
            );
            for s in &self.chooser_slots {
                slots.set(*s, chosen.get(*s).map(str::to_string));
            }
            slots.services = chosen.services;
        }
        (probs, slots)
    }

    pub fn best_intent(probs: &[f32; 9]) -> (Intent, f32) {
        let i = (0..9)
            .max_by(|a, b| probs[*a].total_cmp(&probs[*b]))
            .unwrap_or(8);
        (Intent::ALL[i], probs[i])
    }
}

#[cfg(test)]
impl Heads {
    /// Heads with only this intent head (no tagger, no chooser), for unit tests.
    pub fn intent_only(intent: Linear, train_examples: usize) -> Heads {
        Heads {
            version: FEATURES_VERSION,
            model_sha256: "m".into(),
            prompt_sha256: "p".into(),
            data_sha256: "d".into(),
            hidden_dim: intent.dim,
            layers: None,
            train_examples,
            cv_intent_accuracy: None,
            cv_slot_f1: None,
            intent,
            tagger: None,
            tagger_slots: vec![],
            chooser: None,
            chooser_slots: vec![],
            chooser_min: Default::default(),
            chooser_agree: vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_trained_without_cross_validation_load_back() {
        // `pulpo models fetch` trains without --cv: the unmeasured scores must survive JSON
        // (a NaN became `null` and made the file unreadable, so the service fell back to
        // the generate mode).
        let lin = Linear {
            classes: 2,
            dim: 1,
            l2: 0.1,
            mean: vec![0.0],
            inv_std: vec![1.0],
            w: vec![0.5, -0.5],
            b: vec![0.0, 0.0],
        };
        let h = Heads::intent_only(lin, 50);
        let back: Heads = serde_json::from_slice(&serde_json::to_vec(&h).unwrap()).unwrap();
        assert_eq!(back.cv_intent_accuracy, None);
        assert_eq!(back.intent.w, vec![0.5, -0.5]);
        // Files written before the scores were optional still load.
        let mut v = serde_json::to_value(&h).unwrap();
        v["cv_intent_accuracy"] = serde_json::json!(0.95);
        v.as_object_mut().unwrap().remove("cv_slot_f1");
        let old: Heads = serde_json::from_value(v).unwrap();
        assert_eq!(old.cv_intent_accuracy, Some(0.95));
        assert_eq!(old.cv_slot_f1, None);
    }

    #[test]
    fn gold_tags_and_decoding_round_trip() {
        let words = Words::new("quiero corte de pelo el viernes con Caro, soy Ana Paz");
        let mut gold = std::collections::BTreeMap::new();
        gold.insert("service_type".to_string(), "corte de pelo".to_string());
        gold.insert("preferred_date".to_string(), "el viernes".to_string());
        gold.insert("staff_name".to_string(), "Caro".to_string());
        gold.insert("client_name".to_string(), "Ana Paz".to_string());
        let tags = gold_tags(&words, &gold).unwrap();
        let probs: Vec<Vec<f32>> = tags
            .iter()
            .map(|&t| {
                let mut p = vec![0.01; TAG_CLASSES];
                p[t] = 0.9;
                p
            })
            .collect();
        let slots = decode(&words, &probs);
        assert_eq!(slots.service_type.as_deref(), Some("corte de pelo"));
        assert_eq!(slots.preferred_date.as_deref(), Some("el viernes"));
        assert_eq!(slots.staff_name.as_deref(), Some("Caro"));
        assert_eq!(slots.client_name.as_deref(), Some("Ana Paz"));
    }

    #[test]
    fn below_the_floor_the_rules_pick_is_taken_only_where_agreed() {
        let scored = vec![
            (SlotName::PreferredDate, 0.3, "el 12".to_string()),
            (SlotName::PreferredDate, 0.1, "el 11".to_string()),
        ];
        let owned = [SlotName::PreferredDate];
        let min = [(SlotName::PreferredDate, 0.4)].into_iter().collect();
        let rules = Slots {
            preferred_date: Some("el 12".into()),
            ..Default::default()
        };
        assert_eq!(
            decide(&scored, &owned, &min, &[], &rules).preferred_date,
            None
        );
        let agreed = decide(&scored, &owned, &min, &owned, &rules);
        assert_eq!(agreed.preferred_date.as_deref(), Some("el 12"));
        // A rules' pick that is no candidate is not taken; above the floor the best wins.
        let other = Slots {
            preferred_date: Some("el 13".into()),
            ..Default::default()
        };
        assert_eq!(
            decide(&scored, &owned, &min, &owned, &other).preferred_date,
            None
        );
        let low = [(SlotName::PreferredDate, 0.2)].into_iter().collect();
        let best = decide(&scored, &owned, &low, &owned, &other);
        assert_eq!(best.preferred_date.as_deref(), Some("el 12"));
    }

    #[test]
    fn unalignable_gold_is_refused() {
        let words = Words::new("hola");
        let mut gold = std::collections::BTreeMap::new();
        gold.insert("client_name".to_string(), "Ana".to_string());
        assert!(gold_tags(&words, &gold).is_none());
    }
}
