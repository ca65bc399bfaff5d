//! Offline evaluation: how well an extractor understands a labelled set of messages, and how
//! fast. `pulpo eval` reads JSON lines `{"id","text","intent","slots":{…}}` (extra fields are
//! ignored, except an optional `"messy": bool` that splits the report), runs one or both
//! routes, and reports intent accuracy, per-intent and per-slot precision/recall/F1 (slot
//! values compared after folding case and accents), the confusion matrix, schema-valid and
//! fallback rates, and latency percentiles.

pub mod dates;
pub(crate) mod report;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::nlu::{Intent, SlotName, Slots};
use crate::telemetry::metrics::percentile;
use crate::text::fold_compare;

/// One labelled message.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Example {
    pub id: String,
    pub text: String,
    pub intent: Intent,
    #[serde(default)]
    pub slots: BTreeMap<String, String>,
    #[serde(default)]
    pub messy: Option<bool>,
    /// Every service wanted, in order, when the line says (the hard split does).
    #[serde(default)]
    pub services: Vec<String>,
}

/// A line that could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct LineError {
    pub line: usize,
    pub error: String,
}

/// Reads a JSONL dataset; malformed lines are reported with their line number, not fatal.
pub fn load_dataset(path: &Path) -> std::io::Result<(Vec<Example>, Vec<LineError>)> {
    let src = std::fs::read_to_string(path)?;
    Ok(parse_dataset(&src))
}

pub fn parse_dataset(src: &str) -> (Vec<Example>, Vec<LineError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in src.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        match serde_json::from_str::<Example>(line) {
            Ok(mut e) => {
                // Non-string slot values are not part of the contract; keep strings only.
                e.slots
                    .retain(|k, v| SlotName::parse(k).is_some() && !v.trim().is_empty());
                out.push(e)
            }
            Err(err) => errors.push(LineError {
                line: i + 1,
                error: err.to_string(),
            }),
        }
    }
    (out, errors)
}

/// One extractor answer for one message (a line of `--out`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Prediction {
    pub id: String,
    pub route: String,
    pub intent: Intent,
    pub slots: Slots,
    pub confidence: f32,
    pub fallback_reason: Option<String>,
    pub latency_ms: f64,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn finish(mut self) -> Self {
        let p = if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        };
        let r = if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        };
        self.precision = p;
        self.recall = r;
        self.f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        self
    }
}

/// A misread message, for the report.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub id: String,
    pub text: String,
    pub gold_intent: Intent,
    pub pred_intent: Intent,
    pub gold_slots: BTreeMap<String, String>,
    pub pred_slots: Slots,
    pub wrong_slots: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Subset {
    pub n: usize,
    pub intent_accuracy: f64,
    pub slot_f1: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RouteMetrics {
    pub route: String,
    pub n: usize,
    pub intent_accuracy: f64,
    pub per_intent: BTreeMap<String, Prf>,
    /// `confusion[gold][pred]` in `Intent::ALL` order.
    pub confusion: Vec<Vec<usize>>,
    pub per_slot: BTreeMap<String, Prf>,
    pub slot_micro: Prf,
    pub schema_valid_rate: f64,
    pub fallback_rate: f64,
    pub fallbacks: BTreeMap<String, usize>,
    pub latency_p50_ms: f64,
    pub latency_p90_ms: f64,
    pub latency_p99_ms: f64,
    pub latencies_ms: Vec<f64>,
    pub messy: Option<Subset>,
    pub clean: Option<Subset>,
    pub misses: Vec<Miss>,
}

fn slot_eq(name: SlotName, a: &str, b: &str) -> bool {
    match name {
        SlotName::ClientPhone => a
            .chars()
            .filter(char::is_ascii_digit)
            .eq(b.chars().filter(char::is_ascii_digit)),
        _ => fold_compare(a) == fold_compare(b),
    }
}

/// Scores predictions against examples (matched by id).
pub fn score(route: &str, examples: &[Example], preds: &[Prediction]) -> RouteMetrics {
    let by_id: BTreeMap<&str, &Prediction> = preds.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut confusion = vec![vec![0usize; 9]; 9];
    let mut per_slot: BTreeMap<String, Prf> = SlotName::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), Prf::default()))
        .collect();
    let mut correct = 0;
    let mut misses = Vec::new();
    let mut fallbacks: BTreeMap<String, usize> = BTreeMap::new();
    let mut schema_invalid = 0;
    let mut latencies = Vec::new();
    let mut subsets: [(usize, usize, Prf); 2] = [(0, 0, Prf::default()), (0, 0, Prf::default())];
    let mut n = 0;
    for ex in examples {
        let Some(p) = by_id.get(ex.id.as_str()) else {
            continue;
        };
        n += 1;
        latencies.push(p.latency_ms);
        if let Some(f) = &p.fallback_reason {
            *fallbacks.entry(f.clone()).or_default() += 1;
            if f == "schema_invalid" {
                schema_invalid += 1;
            }
        }
        confusion[ex.intent.index()][p.intent.index()] += 1;
        let ok_intent = ex.intent == p.intent;
        correct += usize::from(ok_intent);
        let mut wrong = Vec::new();
        let mut local = Prf::default();
        for name in SlotName::ALL {
            let gold = ex.slots.get(name.as_str()).map(String::as_str);
            let pred = p.slots.get(name);
            let e = per_slot.entry(name.as_str().to_string()).or_default();
            match (gold, pred) {
                (Some(g), Some(v)) if slot_eq(name, g, v) => {
                    e.tp += 1;
                    local.tp += 1;
                }
                (Some(_), Some(_)) => {
                    e.fp += 1;
                    e.fn_ += 1;
                    local.fp += 1;
                    local.fn_ += 1;
                    wrong.push(name.as_str().to_string());
                }
                (Some(_), None) => {
                    e.fn_ += 1;
                    local.fn_ += 1;
                    wrong.push(name.as_str().to_string());
                }
                (None, Some(_)) => {
                    e.fp += 1;
                    local.fp += 1;
                    wrong.push(name.as_str().to_string());
                }
                (None, None) => {}
            }
        }
        if let Some(m) = ex.messy {
            let s = &mut subsets[usize::from(m)];
            s.0 += 1;
            s.1 += usize::from(ok_intent);
            s.2.tp += local.tp;
            s.2.fp += local.fp;
            s.2.fn_ += local.fn_;
        }
        if !ok_intent || !wrong.is_empty() {
            misses.push(Miss {
                id: ex.id.clone(),
                text: ex.text.clone(),
                gold_intent: ex.intent,
                pred_intent: p.intent,
                gold_slots: ex.slots.clone(),
                pred_slots: p.slots.clone(),
                wrong_slots: wrong,
            });
        }
    }
    let mut per_intent = BTreeMap::new();
    for i in Intent::ALL {
        let tp = confusion[i.index()][i.index()];
        let gold: usize = confusion[i.index()].iter().sum();
        let pred: usize = confusion.iter().map(|row| row[i.index()]).sum();
        per_intent.insert(
            i.as_str().to_string(),
            Prf {
                tp,
                fp: pred - tp,
                fn_: gold - tp,
                ..Default::default()
            }
            .finish(),
        );
    }
    let mut micro = Prf::default();
    for v in per_slot.values_mut() {
        micro.tp += v.tp;
        micro.fp += v.fp;
        micro.fn_ += v.fn_;
        *v = v.finish();
    }
    let mut sorted = latencies.clone();
    sorted.sort_by(f64::total_cmp);
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let subset = |s: &(usize, usize, Prf)| {
        (s.0 > 0).then(|| Subset {
            n: s.0,
            intent_accuracy: ratio(s.1, s.0),
            slot_f1: s.2.finish().f1,
        })
    };
    RouteMetrics {
        route: route.to_string(),
        n,
        intent_accuracy: ratio(correct, n),
        per_intent,
        confusion,
        per_slot,
        slot_micro: micro.finish(),
        schema_valid_rate: 1.0 - ratio(schema_invalid, n),
        fallback_rate: ratio(fallbacks.values().sum(), n),
        fallbacks,
        latency_p50_ms: percentile(&sorted, 0.5),
        latency_p90_ms: percentile(&sorted, 0.9),
        latency_p99_ms: percentile(&sorted, 0.99),
        latencies_ms: latencies,
        messy: subset(&subsets[1]),
        clean: subset(&subsets[0]),
        misses,
    }
}

/// The text summary printed by `pulpo eval`: routes side by side.
pub fn summary(routes: &[RouteMetrics]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let head: Vec<String> = routes.iter().map(|r| format!("{:>12}", r.route)).collect();
    let _ = writeln!(s, "{:<28}{}", "", head.join(""));
    let row = |s: &mut String, label: &str, f: &dyn Fn(&RouteMetrics) -> String| {
        let cells: Vec<String> = routes.iter().map(|r| format!("{:>12}", f(r))).collect();
        let _ = writeln!(s, "{:<28}{}", label, cells.join(""));
    };
    row(&mut s, "messages", &|r| r.n.to_string());
    row(&mut s, "intent accuracy", &|r| {
        format!("{:.3}", r.intent_accuracy)
    });
    row(&mut s, "slot F1 (micro)", &|r| {
        format!("{:.3}", r.slot_micro.f1)
    });
    row(&mut s, "slot precision", &|r| {
        format!("{:.3}", r.slot_micro.precision)
    });
    row(&mut s, "slot recall", &|r| {
        format!("{:.3}", r.slot_micro.recall)
    });
    if routes.iter().any(|r| r.messy.is_some()) {
        row(&mut s, "messy: intent acc", &|r| {
            r.messy
                .as_ref()
                .map(|m| format!("{:.3}", m.intent_accuracy))
                .unwrap_or_default()
        });
        row(&mut s, "messy: slot F1", &|r| {
            r.messy
                .as_ref()
                .map(|m| format!("{:.3}", m.slot_f1))
                .unwrap_or_default()
        });
        row(&mut s, "clean: intent acc", &|r| {
            r.clean
                .as_ref()
                .map(|m| format!("{:.3}", m.intent_accuracy))
                .unwrap_or_default()
        });
        row(&mut s, "clean: slot F1", &|r| {
            r.clean
                .as_ref()
                .map(|m| format!("{:.3}", m.slot_f1))
                .unwrap_or_default()
        });
    }
    row(&mut s, "schema-valid rate", &|r| {
        format!("{:.3}", r.schema_valid_rate)
    });
    row(&mut s, "fallback rate", &|r| {
        format!("{:.3}", r.fallback_rate)
    });
    row(&mut s, "latency p50 ms", &|r| {
        format!("{:.1}", r.latency_p50_ms)
    });
    row(&mut s, "latency p90 ms", &|r| {
        format!("{:.1}", r.latency_p90_ms)
    });
    row(&mut s, "latency p99 ms", &|r| {
        format!("{:.1}", r.latency_p99_ms)
    });
    let _ = writeln!(s, "\nper intent (P / R / F1)");
    for i in Intent::ALL {
        let cells: Vec<String> = routes
            .iter()
            .map(|r| {
                let p = &r.per_intent[i.as_str()];
                format!("  {:.2}/{:.2}/{:.2}", p.precision, p.recall, p.f1)
            })
            .collect();
        let _ = writeln!(s, "{:<28}{}", i.as_str(), cells.join(""));
    }
    let _ = writeln!(s, "\nper slot (P / R / F1)");
    for n in SlotName::ALL {
        let cells: Vec<String> = routes
            .iter()
            .map(|r| {
                let p = &r.per_slot[n.as_str()];
                format!("  {:.2}/{:.2}/{:.2}", p.precision, p.recall, p.f1)
            })
            .collect();
        let _ = writeln!(s, "{:<28}{}", n.as_str(), cells.join(""));
    }
    for r in routes {
        let _ = writeln!(s, "\nconfusion ({}; rows gold, columns predicted)", r.route);
        let abbrev = [
            "gre", "svc", "prc", "hrs", "bok", "can", "res", "cht", "oth",
        ];
        let _ = writeln!(
            s,
            "{:<14}{}",
            "",
            abbrev.map(|a| format!("{a:>5}")).join("")
        );
        for (i, intent) in Intent::ALL.iter().enumerate() {
            let cells: String = r.confusion[i].iter().map(|c| format!("{c:>5}")).collect();
            let _ = writeln!(s, "{:<14}{cells}", intent.as_str());
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_lines_are_reported_with_their_number() {
        let src = "{\"id\":\"a\",\"text\":\"hola\",\"intent\":\"greeting\",\"slots\":{}}\nnot json\n\n{\"id\":\"b\",\"text\":\"x\",\"intent\":\"nope\"}\n";
        let (ex, errs) = parse_dataset(src);
        assert_eq!(ex.len(), 1);
        assert_eq!(errs.iter().map(|e| e.line).collect::<Vec<_>>(), vec![2, 4]);
    }

    #[test]
    fn scoring_counts_wrong_values_as_both_errors() {
        let (ex, _) = parse_dataset(
            "{\"id\":\"1\",\"text\":\"t\",\"intent\":\"book\",\"slots\":{\"preferred_date\":\"Mañana\",\"preferred_time\":\"17:00\"},\"messy\":true}\n\
             {\"id\":\"2\",\"text\":\"t\",\"intent\":\"greeting\",\"slots\":{}}\n",
        );
        let p = |id: &str, intent, date: Option<&str>, time: Option<&str>| Prediction {
            id: id.into(),
            route: "legacy".into(),
            intent,
            slots: Slots {
                preferred_date: date.map(Into::into),
                preferred_time: time.map(Into::into),
                ..Default::default()
            },
            confidence: 1.0,
            fallback_reason: None,
            latency_ms: 1.0,
        };
        let preds = vec![
            p("1", Intent::Book, Some("manana"), Some("18:00")),
            p("2", Intent::Book, None, None),
        ];
        let m = score("legacy", &ex, &preds);
        assert_eq!(m.intent_accuracy, 0.5);
        assert_eq!(m.per_slot["preferred_date"].tp, 1, "folded comparison");
        let t = m.per_slot["preferred_time"];
        assert_eq!((t.tp, t.fp, t.fn_), (0, 1, 1));
        assert_eq!(
            m.confusion[Intent::Greeting.index()][Intent::Book.index()],
            1
        );
        assert_eq!(m.messy.as_ref().unwrap().n, 1);
        assert!((m.slot_micro.f1 - 0.5).abs() < 1e-9);
    }
}
