//! The labelled data keeps its promises: no message is in both a dev split (what heads are
//! trained and rules are tuned on) and a test split (what is only scored), compared the way
//! the labelling guide compares text (case, accents and punctuation folded), and every
//! surface slot label is a span of its message.

mod common;

use std::collections::HashMap;

use common::repo;
use pulpo::text::Words;

fn folded(text: &str) -> String {
    Words::new(text).norms().join(" ")
}

fn lines(file: &str) -> Vec<serde_json::Value> {
    std::fs::read_to_string(repo().join("tests/data").join(file))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn splits(prefix: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(repo().join("tests/data"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(prefix) && n.ends_with(".jsonl"))
        .collect();
    out.sort();
    out
}

#[test]
fn no_message_is_in_both_a_dev_and_a_test_split() {
    for (dev_prefix, test_prefix) in [("dev_", "test"), ("datetime_dev", "datetime_test")] {
        let mut dev: HashMap<String, String> = HashMap::new();
        for f in splits(dev_prefix) {
            for v in lines(&f) {
                dev.insert(folded(v["text"].as_str().unwrap()), f.clone());
            }
        }
        assert!(!dev.is_empty(), "{dev_prefix}");
        let mut checked = 0;
        let mut shared = Vec::new();
        for f in splits(test_prefix) {
            for v in lines(&f) {
                let t = v["text"].as_str().unwrap();
                if let Some(d) = dev.get(&folded(t)) {
                    shared.push(format!("{f} {}: {t:?} is also in {d}", v["id"]));
                }
                checked += 1;
            }
        }
        assert!(shared.is_empty(), "{}", shared.join("\n"));
        assert!(checked > 200, "{test_prefix}: {checked}");
    }
}

#[test]
fn surface_slot_labels_are_spans_of_their_message() {
    for f in splits("dev_").into_iter().chain(splits("test")) {
        for v in lines(&f) {
            let text = folded(v["text"].as_str().unwrap());
            for slot in [
                "service_type",
                "preferred_date",
                "client_name",
                "staff_name",
            ] {
                if let Some(s) = v["slots"][slot].as_str() {
                    assert!(
                        format!(" {text} ").contains(&format!(" {} ", folded(s))),
                        "{f} {}: {slot} {s:?} is not a span of {:?}",
                        v["id"],
                        v["text"]
                    );
                }
            }
        }
    }
}
