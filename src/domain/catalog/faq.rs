//! The business's own answers to the questions its customers ask ("¿hay que dejar seña?",
//! "¿tienen estacionamiento?", "¿puedo ir con mi perro?"): `[[faq]]` in the workspace file,
//! each with the words that name it and the answer, said as written.

use serde::{Deserialize, Serialize};

use super::Workspace;
use crate::text::Words;

/// One answer, as written in the workspace file.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    /// Words or phrases that name the question ("seña", "estacionamiento", "gift card"),
    /// matched as whole words, ignoring case and accents.
    pub keywords: Vec<String>,
    /// The answer, in the business's language.
    pub answer: String,
    /// The answer for customers who write in English or Portuguese (optional; `answer`
    /// otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_pt: Option<String>,
    /// `keywords`, folded into words.
    #[serde(skip)]
    pub phrases: Vec<Vec<String>>,
}

/// Longest answer a workspace may give, in characters (one WhatsApp message).
const MAX_ANSWER: usize = 600;

/// Checks an entry and folds its keywords; `Err((field, reason))`.
pub fn parse_faq(i: usize, f: &mut Faq) -> Result<(), (String, String)> {
    let field = |k: &str| format!("faq[{i}].{k}");
    for (key, answer) in [
        ("answer", Some(&f.answer)),
        ("answer_en", f.answer_en.as_ref()),
        ("answer_pt", f.answer_pt.as_ref()),
    ] {
        let Some(a) = answer else { continue };
        if a.trim().is_empty() || a.chars().count() > MAX_ANSWER {
            return Err((field(key), format!("must be 1..={MAX_ANSWER} characters")));
        }
    }
    f.phrases = f
        .keywords
        .iter()
        .map(|k| {
            Words::new(k)
                .norms()
                .iter()
                .map(|w| w.to_string())
                .collect()
        })
        .filter(|p: &Vec<String>| !p.is_empty())
        .collect();
    if f.phrases.is_empty() {
        return Err((field("keywords"), "must name at least one word".into()));
    }
    Ok(())
}

/// A message's word is a keyword's, or its plural ("gift cards", "señas").
fn same(w: &str, k: &str) -> bool {
    w == k
        || w.strip_suffix('s')
            .is_some_and(|b| b == k || b.strip_suffix('e') == Some(k))
}

impl Workspace {
    /// The answer a message asks for: the entry with a keyword in it (the one whose keyword
    /// comes first in the message when several do).
    pub fn faq_match(&self, words: &Words) -> Option<usize> {
        let n = words.norms();
        let mut best: Option<(usize, usize)> = None;
        for (i, f) in self.faq.iter().enumerate() {
            for p in &f.phrases {
                let at = (0..n.len()).find(|&s| {
                    n.len() - s >= p.len()
                        && n[s..s + p.len()].iter().zip(p).all(|(w, k)| same(w, k))
                });
                if let Some(at) = at {
                    if best.is_none_or(|(b, _)| at < b) {
                        best = Some((at, i));
                    }
                }
            }
        }
        best.map(|(_, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::catalog::{CatalogError, Workspace};
    use crate::text::Words;

    const DEMO: &str = include_str!("../../../config/workspaces/demo-salon.toml");

    #[test]
    fn a_question_finds_the_businesss_answer_by_its_words() {
        let ws = Workspace::from_toml(DEMO, |_| None).unwrap();
        assert!(!ws.faq.is_empty(), "the demo salon shows the feature");
        let found = |text: &str| ws.faq_match(&Words::new(text)).map(|i| &ws.faq[i]);
        let deposit = found("hay que dejar seña para reservar?").unwrap();
        assert!(deposit.keywords.iter().any(|k| k == "seña"));
        assert!(found("¿tienen ESTACIONAMIENTO cerca?").is_some());
        assert!(found("ah, y tienen gift cards?").is_some(), "plurals too");
        assert!(found("quiero un corte el viernes").is_none());
        // Whole words only: "señal" is no "seña".
        assert!(found("no tengo señal").is_none());
    }

    #[test]
    fn an_entry_without_words_or_answer_is_refused() {
        let bad = DEMO.to_string() + "\n[[faq]]\nkeywords = [\"  \"]\nanswer = \"Sí.\"\n";
        let err = Workspace::from_toml(&bad, |_| None).unwrap_err();
        assert!(
            matches!(&err, CatalogError::Invalid { field, .. } if field.ends_with(".keywords")),
            "{err}"
        );
        let bad = DEMO.to_string() + "\n[[faq]]\nkeywords = [\"perro\"]\nanswer = \"\"\n";
        assert!(Workspace::from_toml(&bad, |_| None).is_err());
    }
}
