//! The reply templates, per language: data files (`replies/{es,en,pt}.txt`, one `key = text`
//! per line), so changing a wording or adding a language is no code change. Spanish (voseo)
//! is the default; a conversation's language is the one its customer writes in.

pub mod hours;

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// The languages replies are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Es,
    En,
    Pt,
}

const ES: &str = include_str!("replies/es.txt");
const EN: &str = include_str!("replies/en.txt");
const PT: &str = include_str!("replies/pt.txt");

fn parse(text: &'static str) -> HashMap<&'static str, &'static str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim(), v))
        .collect()
}

fn table(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    static TABLES: OnceLock<[HashMap<&'static str, &'static str>; 3]> = OnceLock::new();
    let t = TABLES.get_or_init(|| [parse(ES), parse(EN), parse(PT)]);
    &t[lang as usize]
}

/// The template `key` in `lang` (Spanish where a translation lacks it).
pub fn raw(lang: Lang, key: &str) -> &'static str {
    table(lang)
        .get(key)
        .or_else(|| table(Lang::Es).get(key))
        .copied()
        .unwrap_or("")
}

/// The template `key` in `lang` with its `{name}` placeholders filled.
pub fn t(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut out = raw(lang, key).to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

fn nth(lang: Lang, key: &str, i: usize) -> &'static str {
    raw(lang, key).split(',').nth(i).unwrap_or("")
}

pub fn weekday(lang: Lang, wd: Weekday) -> &'static str {
    nth(lang, "weekdays", wd.num_days_from_monday() as usize)
}

pub fn weekday_plural(lang: Lang, wd: Weekday) -> &'static str {
    nth(lang, "weekdays_plural", wd.num_days_from_monday() as usize)
}

/// "jueves 10 de diciembre", "Thursday, December 10", "dia 10 de dezembro (quinta-feira)".
pub fn date(lang: Lang, d: NaiveDate) -> String {
    t(
        lang,
        "date",
        &[
            ("weekday", weekday(lang, d.weekday())),
            ("day", &d.day().to_string()),
            ("month", nth(lang, "months", d.month0() as usize)),
        ],
    )
}

/// "a, b y c" / "a, b and c" / "a, b e c".
pub fn join(lang: Lang, items: &[String]) -> String {
    join_with(lang, items, "and")
}

/// "a, b o c" / "a, b or c" / "a, b ou c".
pub fn join_or(lang: Lang, items: &[String]) -> String {
    join_with(lang, items, "or")
}

fn join_with(lang: Lang, items: &[String], last: &str) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!(
            "{} {} {}",
            items[..n - 1].join(", "),
            raw(lang, last),
            items[n - 1]
        ),
    }
}

/// Words that mark a language, folded (no accents): function words and the usual openings.
/// Spanish has its own, so a Spanish message with one English word stays Spanish. Words
/// Spanish writes too ("no", "dia", "horario") mark neither.
const EN_WORDS: &[&str] = &[
    "i",
    "i'd",
    "i'm",
    "the",
    "my",
    "is",
    "are",
    "you",
    "your",
    "would",
    "like",
    "want",
    "book",
    "appointment",
    "please",
    "hi",
    "hello",
    "thanks",
    "thank",
    "can",
    "could",
    "have",
    "on",
    "at",
    "and",
    "for",
    "what",
    "how",
    "much",
    "do",
    "does",
    "tomorrow",
    "today",
    "yes",
    "wait",
    "make",
    "morning",
    "afternoon",
    "evening",
    "next",
    "week",
];
const PT_WORDS: &[&str] = &[
    "voce",
    "quero",
    "gostaria",
    "obrigado",
    "obrigada",
    "ola",
    "oi",
    "marcar",
    "nao",
    "sim",
    "meu",
    "minha",
    "amanha",
    "hoje",
    "cabelo",
    "unhas",
    "tem",
    "fazer",
    "quanto",
    "custa",
    "um",
    "uma",
    "com",
    "na",
    "as",
    "e",
    "pra",
    "tudo",
    "bem",
    "voces",
    "vcs",
    "pode",
    "posso",
    "tenho",
    "consegue",
    "desmarca",
    "desmarcar",
    "remarcar",
    "coloca",
    "sexta",
    "terca",
    "quarta",
    "pro",
    "pras",
    "estou",
    "muito",
    "abrem",
    "fecham",
    "passa",
    "alguem",
    "cancelar",
];
/// Words only one language writes: each counts twice, so one of them says the language of a
/// conversation that has none yet ("oi", "thanks!", "preciso remarcar").
const EN_STRONG: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "haircut",
    "sorry",
    "hello",
    "hi",
    "thanks",
    "thank",
    "please",
    "appointment",
    "i'd",
    "i'm",
    "where",
    "need",
    "reschedule",
    "the",
    "you",
    "your",
    "would",
    "could",
];
const PT_STRONG: &[&str] = &[
    "escova",
    "unha",
    "unhas",
    "sobrancelha",
    "sobrancelhas",
    "cabelo",
    "segunda",
    "terca",
    "quarta",
    "quinta",
    "sexta",
    "oi",
    "ola",
    "obrigado",
    "obrigada",
    "voce",
    "voces",
    "vcs",
    "nao",
    "quero",
    "gostaria",
    "preciso",
    "remarcar",
    "desmarcar",
    "onde",
    "fica",
    "salao",
    "meu",
    "minha",
    "amanha",
    "tudo",
    "bem",
    "bom",
    "tchau",
];
const ES_STRONG: &[&str] = &[
    "hola", "gracias", "quiero", "tenes", "podes", "turno", "dale", "buenas",
];
const ES_WORDS: &[&str] = &[
    "quiero", "queria", "hola", "turno", "el", "la", "los", "las", "de", "que", "para", "con",
    "gracias", "tenes", "podes", "hacen", "cuanto", "sale", "manana", "hoy", "si", "dale", "mi",
    "un", "una", "y", "me", "buenas", "buen", "hay", "lugar", "nombre", "mejor", "bueno", "pero",
    "otro", "deja", "despues",
];

/// How many marker words of each language a message has.
fn markers(text: &str) -> [(Lang, usize); 3] {
    let folded = crate::text::fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let count = |list: &[&str], strong: &[&str]| {
        words
            .iter()
            .map(|w| {
                if strong.contains(w) {
                    2
                } else {
                    usize::from(list.contains(w))
                }
            })
            .sum()
    };
    [
        (Lang::Es, count(ES_WORDS, ES_STRONG)),
        (Lang::En, count(EN_WORDS, EN_STRONG)),
        (Lang::Pt, count(PT_WORDS, PT_STRONG)),
    ]
}

/// Whether a message leans Portuguese: a Portuguese marker and no more Spanish ones. Weaker
/// than [`detect`]: it decides whether "no sábado" is "on Saturday" or "not Saturday".
pub fn leans_portuguese(text: &str) -> bool {
    let [(_, es), _, (_, pt)] = markers(text);
    pt >= 1 && pt >= es
}

/// The language a message is written in, when it says so clearly: two marker words of one
/// language (a word only it writes counts twice) and more than of any other. Short answers
/// ("ok", "Ana") say nothing. Switching away from the conversation's language `current`
/// takes one marker more: a Spanish conversation's "ok thanks" stays Spanish.
pub fn detect(text: &str, current: Option<Lang>) -> Option<Lang> {
    let scores = markers(text);
    let (best, n) = scores.iter().copied().max_by_key(|s| s.1)?;
    let others = scores.iter().filter(|s| s.0 != best).map(|s| s.1).max()?;
    let needed = if current.is_some_and(|c| c != best) {
        3
    } else {
        2
    };
    (n >= needed && n > others).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[test]
    fn every_language_has_every_key() {
        let es = parse(ES);
        for (lang, text) in [(Lang::En, EN), (Lang::Pt, PT)] {
            let other = parse(text);
            let missing: Vec<&&str> = es.keys().filter(|k| !other.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
            let extra: Vec<&&str> = other.keys().filter(|k| !es.contains_key(*k)).collect();
            assert!(extra.is_empty(), "{lang:?} has unknown keys {extra:?}");
            for key in ["weekdays", "weekdays_plural"] {
                assert_eq!(other[key].split(',').count(), 7, "{lang:?} {key}");
            }
            assert_eq!(other["months"].split(',').count(), 12, "{lang:?} months");
        }
    }

    #[test]
    fn dates_and_lists_read_naturally() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        assert_eq!(date(Lang::Es, d), "jueves 10 de diciembre");
        assert_eq!(date(Lang::En, d), "Thursday, December 10");
        assert_eq!(date(Lang::Pt, d), "dia 10 de dezembro (quinta-feira)");
        let items = vec!["a".to_string(), "b".into(), "c".into()];
        assert_eq!(join(Lang::Es, &items), "a, b y c");
        assert_eq!(join(Lang::En, &items), "a, b and c");
        assert!(t(Lang::Es, "ask_name_offer", &[("name", "John")]).contains("John"));
    }

    #[rstest]
    #[case("hi, I'd like to book a haircut on Friday at 11", Some(Lang::En))]
    #[case("quero marcar um corte de cabelo na quinta", Some(Lang::Pt))]
    #[case("hola, quiero un turno para el viernes", Some(Lang::Es))]
    #[case("quiero un turno para haircut", Some(Lang::Es))]
    #[case("ok", None)]
    #[case("Ana", None)]
    #[case("yes", None)]
    #[case("no, mejor no", None)]
    #[case("no, otro dia", None)]
    #[case("queria un horario", Some(Lang::Es))]
    #[case("queria marcar um horario", Some(Lang::Pt))]
    #[case("no thanks", Some(Lang::En))]
    #[case("oi", Some(Lang::Pt))]
    #[case("vocês abrem domingo?", Some(Lang::Pt))]
    #[case("preciso remarcar", Some(Lang::Pt))]
    #[case("I need to reschedule", Some(Lang::En))]
    #[case("hello", Some(Lang::En))]
    #[case("pedicure saturday 10am", Some(Lang::En))]
    #[case("escova sábado às 10", Some(Lang::Pt))]
    fn languages_are_detected(#[case] text: &str, #[case] want: Option<Lang>) {
        assert_eq!(detect(text, None), want, "{text}");
    }

    #[rstest]
    #[case("ok thanks", Some(Lang::Es), None)]
    #[case("thanks!", Some(Lang::Es), None)]
    #[case(
        "hi, I'd like to book a haircut on Friday at 11",
        Some(Lang::Es),
        Some(Lang::En)
    )]
    #[case("obrigada!", Some(Lang::Pt), Some(Lang::Pt))]
    // "a", "por favor" are Portuguese too: no switch to Spanish.
    #[case("tira a pedicure por favor, só manicure", Some(Lang::Pt), None)]
    fn switching_language_takes_more(
        #[case] text: &str,
        #[case] current: Option<Lang>,
        #[case] want: Option<Lang>,
    ) {
        assert_eq!(detect(text, current), want, "{text}");
    }
}
