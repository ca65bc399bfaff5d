//! Scoring date and time understanding on a corpus of messages with the calendar date and
//! clock time they mean (`tests/data/datetime_*.jsonl`, see `docs/labelling.md`): how often
//! the resolved date and the time are right, overall and per class of expression.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// One message of the corpus.
#[derive(Debug, Clone, Deserialize)]
pub struct DateExample {
    pub id: String,
    pub text: String,
    /// When it was sent.
    pub now: String,
    pub date: Option<String>,
    pub time: Option<String>,
    #[serde(default)]
    pub class: String,
}

impl DateExample {
    pub fn sent(&self) -> Result<DateTime<FixedOffset>, String> {
        DateTime::parse_from_rfc3339(&self.now).map_err(|e| format!("{}: now: {e}", self.id))
    }
}

/// Reads the corpus; malformed lines are errors (the corpus is ours).
pub fn parse(src: &str) -> Result<Vec<DateExample>, String> {
    src.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// What a route resolved for one message.
#[derive(Debug, Clone, Serialize)]
pub struct Resolved {
    pub id: String,
    pub date: Option<NaiveDate>,
    pub time: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    pub n: usize,
    pub date_right: usize,
    pub time_right: usize,
}

impl Score {
    pub fn date_accuracy(&self) -> f64 {
        self.date_right as f64 / self.n.max(1) as f64
    }
    pub fn time_accuracy(&self) -> f64 {
        self.time_right as f64 / self.n.max(1) as f64
    }
}

/// Per class and overall (key `all`). A date or time is right when it equals the gold one,
/// absent included (a vague expression resolves to nothing).
pub fn score(examples: &[DateExample], got: &[Resolved]) -> BTreeMap<String, Score> {
    let mut out: BTreeMap<String, Score> = BTreeMap::new();
    for (e, r) in examples.iter().zip(got) {
        let gold_date = e
            .date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let date_ok = gold_date == r.date;
        let time_ok = e.time.as_deref() == r.time.as_deref();
        for key in ["all", e.class.as_str()] {
            let s = out.entry(key.to_string()).or_default();
            s.n += 1;
            s.date_right += usize::from(date_ok);
            s.time_right += usize::from(time_ok);
        }
    }
    out
}

/// The table `pulpo eval --dates` prints.
pub fn summary(route: &str, scores: &BTreeMap<String, Score>) -> String {
    let mut s = format!("{route:<24} {:>5} {:>8} {:>8}\n", "n", "date", "time");
    let mut rows: Vec<(&str, &Score)> = scores
        .iter()
        .filter(|(k, _)| *k != "all")
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    if let Some(all) = scores.get("all") {
        rows.insert(0, ("all", all));
    }
    for (k, v) in rows {
        s.push_str(&format!(
            "{k:<24} {:>5} {:>8.3} {:>8.3}\n",
            v.n,
            v.date_accuracy(),
            v.time_accuracy()
        ));
    }
    s
}
