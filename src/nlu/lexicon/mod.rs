//! The words the rule reader knows, as data: `es.lex`, `en.lex` and `pt.lex` next to this
//! file, one entry per line, built into the binary and read once. Adding a word is an edit
//! of a word list a non-programmer can review, not a code change.
//!
//! Sections (`[name]` lines; `#` starts a comment):
//! - `[cue <intent>]`: a weight and a phrase that points to an intent (`3 cancel*`); the rule
//!   reader sums the weights of the phrases a message contains (see `rules.rs`).
//! - `[name leads]`: words after which a name follows ("me llamo"); `[not a name]`: words
//!   never part of a name; `[common names]`: first names recognised in lower case.
//! - `[service words]`: services outside any catalog ("microblading"); `[service
//!   complements]`: words that stay part of a service's name ("californianas");
//!   `[service of]`: what "de …" completes a service with ("de pestañas").
//! - `[yes]`, `[no]`: explicit answers; `[closing]`: what turns a no into "leave it" (the
//!   flow ends); `[topic <name>]`: phrases of the topics the policy
//!   handles (handoff, medical, injection, address, payment, complaint).
//! - `[service verbs]`, `[service objects]`: a service said as a verb and its object is
//!   named whole ("cortar la franja", "dye my hair").
//! - `[service done]`, `[service again]`: a service named with its article and then
//!   spoken of as done ("la keratina no me duró") is not wanted, unless asked for again.
//! - `[turned down]`: what turns down the intent cue right after it ("No es para
//!   reprogramar", "not cancelling"): that cue does not count.
//! - `[new booking]`: a new booking, not a change: asked which booking to change (none was
//!   found), "entonces quiero uno nuevo" books one.
//! - `[other staff]`: another stylist than the one on the table, who does the service.
//! - `[relatives]`: who else a booking may be for; "para mi amiga Julieta" names Julieta.
//! - `[men's names]`: first names that are a man's (never one a woman also bears): a customer
//!   so named who books a generic service for themself ("soy Pedro, un corte") gets the
//!   catalog's men's version.
//! - `[rebook]`: what asks for a new booking; after a cancel cue, it makes the message a
//!   change ("cancelá el jueves y dame el viernes", "desmarca a de quinta e me coloca no
//!   sábado").

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use crate::domain::understanding::Intent;

const FILES: [(&str, &str); 3] = [
    ("es.lex", include_str!("es.lex")),
    ("en.lex", include_str!("en.lex")),
    ("pt.lex", include_str!("pt.lex")),
];

/// A weighted cue phrase.
#[derive(Debug, Clone)]
pub struct Cue {
    pub phrase: String,
    pub weight: f32,
}

/// Everything the rule reader knows, merged from every language's file.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Cue phrases per intent, in `Intent::ALL` order.
    pub cues: [Vec<Cue>; 9],
    pub name_leads: Vec<Vec<String>>,
    /// Leads of a name that count only when the booking's name was just asked ("se llama
    /// Rosa Díaz").
    pub name_leads_asked: Vec<Vec<String>>,
    pub not_name: HashSet<String>,
    pub common_names: HashSet<String>,
    pub mens_names: HashSet<String>,
    /// Words that open a question ("donde", "cuanto", "where"): such a message is no name.
    pub question_words: HashSet<String>,
    pub service_words: Vec<String>,
    pub service_complements: Vec<String>,
    pub service_of: HashSet<String>,
    pub yes: Vec<String>,
    pub no: Vec<String>,
    /// Phrases that close a flow without anything ("dejá", "después te escribo").
    pub closing: Vec<String>,
    /// Words that add to what was said ("también", "also").
    pub adds: Vec<String>,
    /// Phrases asking for a second booking, or one for someone else ("otro turno", "para mi
    /// hermana").
    pub another: Vec<String>,
    /// Phrases pointing at the booking just talked about ("ese turno", "cancel it"); verbs
    /// with a clitic ("cancelalo") are read by `signals::that_one`.
    pub that_one: Vec<String>,
    /// "cancelame todos los turnos", "los dos", "both": every booking found.
    pub all_of_them: Vec<String>,
    /// "las dos", "todo junto", "both": the services asked about, together.
    pub both: Vec<String>,
    /// Phrases asking for a new booking rather than a change ("uno nuevo", "a new one").
    pub new_booking: Vec<String>,
    /// Phrases asking for another stylist than the one on the table ("con otra persona",
    /// "someone else").
    pub other_staff: Vec<String>,
    pub no_code: Vec<String>,
    /// Phrases asking for two people at once ("para mí y mi hermana", "both of us").
    pub for_two: Vec<String>,
    /// Words that make the visit a man's ("barba", "mi marido", "beard").
    pub for_a_man: Vec<String>,
    /// Another booking like the one just made ("otro turno igual", "same again").
    pub same_visit: Vec<String>,
    /// Right after the visit just booked ("cuando ella termine", "right after that").
    pub right_after: Vec<String>,
    /// The visit just cancelled, booked again ("volvelo a sacar", "book it again").
    pub again: Vec<String>,
    /// When the visit ends, asked ("¿a qué hora termino?", "what time will I be done?").
    pub ends_at: Vec<String>,
    /// Who else a booking may be for ("amiga", "hija", "daughter", "filha"): "para mi amiga
    /// Julieta" books in Julieta's name.
    pub relatives: HashSet<String>,
    /// Phrases correcting what was asked or booked ("me equivoqué", "en vez de", "I meant").
    pub corrects: Vec<String>,
    /// Word beginnings of information handed over ("precio", "direccion"): "pasame los
    /// precios" moves no booking.
    pub info_objects: Vec<String>,
    /// Goodbyes ("chau", "bye").
    pub farewell: Vec<String>,
    /// Phrases asking for an earlier / a later time ("más temprano", "later").
    pub earlier: Vec<String>,
    pub later: Vec<String>,
    /// Phrases that put the day given aside ("otro día", "another day").
    pub other_day: Vec<String>,
    /// Phrases asking for the first free time, whatever the day ("lo antes posible").
    pub soonest: Vec<String>,
    /// Phrases asking for the first time of the day named ("el sábado a primera hora").
    pub first_of_day: Vec<String>,
    pub last_of_day: Vec<String>,
    /// Phrases asking whether there is room ("¿tenés para el jueves?", "hay lugar"): with a
    /// service and a day, the message books, whatever else it asks on the way.
    pub asks_room: Vec<String>,
    /// Phrases leaving the day open ("cualquier día", "any day"): the first free time too,
    /// but no cue for booking ("puedo cualquier día" in a job application).
    pub any_day: Vec<String>,
    /// Phrases that put something off ("después te escribo para sacar otro").
    pub puts_off: Vec<String>,
    /// Phrases per part of the day (`morning`, `afternoon`, `evening`).
    pub day_parts: BTreeMap<String, Vec<String>>,
    /// Phrases per topic name (`handoff`, `medical`, …).
    pub topics: BTreeMap<String, Vec<String>>,
    /// Phrases asking for a new booking (after a cancel: a change).
    pub rebook: Vec<String>,
    /// Phrases that turn down the cue right after them ("no quiero", "not").
    pub turned_down: Vec<String>,
    /// Phrases after which the customer takes back the request before them ("cancelalo…
    /// no, espera, mejor pasalo al viernes").
    pub takes_back: Vec<String>,
    /// Verbs a service is said with ("cortar", "teñirme", "dye"), and their objects
    /// ("flequillo", "canas", "hair"): "cortar el flequillo" is the service's name.
    pub service_verbs: Vec<String>,
    pub service_objects: Vec<String>,
    /// After a service, what speaks of it as done ("que me hicieron", "no me duró").
    pub service_done: Vec<String>,
    /// What asks for a service again ("el mismo", "otra vez").
    pub service_again: Vec<String>,
}

impl Lexicon {
    pub fn cues(&self, intent: Intent) -> &[Cue] {
        &self.cues[intent.index()]
    }

    pub fn topic(&self, name: &str) -> &[String] {
        self.topics.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Parses word-list files (name, text), in order.
    pub fn parse(files: &[(&str, &str)]) -> Result<Lexicon, String> {
        let mut lx = Lexicon::default();
        for (file, text) in files {
            let mut section = String::new();
            for (n, raw) in text.lines().enumerate() {
                let line = raw.split('#').next().unwrap_or("").trim();
                if line.is_empty() {
                    continue;
                }
                let at = || format!("{file}:{}", n + 1);
                if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    section = name.trim().to_string();
                    continue;
                }
                let entry = as_read(line);
                match section.as_str() {
                    s if s.starts_with("cue ") => {
                        let intent = Intent::parse(s[4..].trim())
                            .ok_or_else(|| format!("{}: unknown intent in [{s}]", at()))?;
                        let (w, phrase) = line
                            .split_once(' ')
                            .ok_or_else(|| format!("{}: expected `<weight> <phrase>`", at()))?;
                        let phrase = as_read(phrase);
                        let weight: f32 = w
                            .parse()
                            .map_err(|_| format!("{}: `{w}` is not a weight", at()))?;
                        lx.cues[intent.index()].push(Cue { phrase, weight });
                    }
                    "name leads" => lx
                        .name_leads
                        .push(entry.split(' ').map(str::to_string).collect()),
                    "name leads asked" => lx
                        .name_leads_asked
                        .push(entry.split(' ').map(str::to_string).collect()),
                    "not a name" => {
                        lx.not_name.insert(entry);
                    }
                    "common names" => {
                        lx.common_names.insert(entry);
                    }
                    "men's names" => {
                        lx.mens_names.insert(entry);
                    }
                    "question words" => {
                        lx.question_words.insert(entry);
                    }
                    "service words" => lx.service_words.push(entry),
                    "service complements" => lx.service_complements.push(entry),
                    "service of" => {
                        lx.service_of.insert(entry);
                    }
                    "yes" => lx.yes.push(entry),
                    "no" => lx.no.push(entry),
                    "closing" => lx.closing.push(entry),
                    "other day" => lx.other_day.push(entry),
                    "soonest" => lx.soonest.push(entry),
                    "first of the day" => lx.first_of_day.push(entry),
                    "last of the day" => lx.last_of_day.push(entry),
                    "asks room" => lx.asks_room.push(entry),
                    "any day" => lx.any_day.push(entry),
                    "puts off" => lx.puts_off.push(entry),
                    "farewell" => lx.farewell.push(entry),
                    "adds" => lx.adds.push(entry),
                    "another" => lx.another.push(entry),
                    "that one" => lx.that_one.push(entry),
                    "all of them" => lx.all_of_them.push(entry),
                    "both" => lx.both.push(entry),
                    "new booking" => lx.new_booking.push(entry),
                    "other staff" => lx.other_staff.push(entry),
                    "no code" => lx.no_code.push(entry),
                    "for two" => lx.for_two.push(entry),
                    "for a man" => lx.for_a_man.push(entry),
                    "same visit" => lx.same_visit.push(entry),
                    "right after" => lx.right_after.push(entry),
                    "again" => lx.again.push(entry),
                    "ends at" => lx.ends_at.push(entry),
                    "relatives" => {
                        lx.relatives.insert(entry);
                    }
                    "info objects" => lx.info_objects.push(entry),
                    "corrects" => lx.corrects.push(entry),
                    "earlier" => lx.earlier.push(entry),
                    "later" => lx.later.push(entry),
                    "rebook" => lx.rebook.push(entry),
                    "turned down" => lx.turned_down.push(entry),
                    "takes back" => lx.takes_back.push(entry),
                    "service verbs" => lx.service_verbs.push(entry),
                    "service objects" => lx.service_objects.push(entry),
                    "service done" => lx.service_done.push(entry),
                    "service again" => lx.service_again.push(entry),
                    s if s.starts_with("day part ") => lx
                        .day_parts
                        .entry(s[9..].trim().to_string())
                        .or_default()
                        .push(entry),
                    s if s.starts_with("topic ") => lx
                        .topics
                        .entry(s[6..].trim().to_string())
                        .or_default()
                        .push(entry),
                    "" => return Err(format!("{}: an entry before any [section]", at())),
                    s => return Err(format!("{}: unknown section [{s}]", at())),
                }
            }
        }
        Ok(lx)
    }
}

/// An entry as messages are read: folded, and with the repeats [`crate::text::Words`]
/// squeezes squeezed, so "call it off" matches what a message's "off" becomes. A trailing
/// `*` (a stem) is kept.
fn as_read(entry: &str) -> String {
    use crate::text::{fold, squeeze_repeats, squeeze_trailing};
    entry
        .split_whitespace()
        .map(|w| match w.strip_suffix('*') {
            Some(stem) => format!("{}*", squeeze_repeats(&fold(stem))),
            None => squeeze_trailing(&squeeze_repeats(&fold(w))),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The built-in lexicon (parsed once; the files are checked by a unit test).
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        Lexicon::parse(&FILES).unwrap_or_else(|e| {
            tracing::error!(error = %e, "the built-in lexicon does not parse");
            Lexicon::default()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_word_lists_parse_and_cover_every_intent() {
        let lx = Lexicon::parse(&FILES).unwrap();
        for i in Intent::ALL {
            assert!(!lx.cues(i).is_empty(), "{i}");
        }
        for t in [
            "handoff",
            "medical",
            "injection",
            "address",
            "payment",
            "complaint",
            "staff",
            "duration",
            "bookings",
            "late",
        ] {
            assert!(!lx.topic(t).is_empty(), "{t}");
        }
        assert!(lx.common_names.contains("lucia"));
        assert!(lx.yes.iter().any(|y| y == "dale"));
    }

    #[test]
    fn mistakes_in_a_word_list_say_where() {
        let e = Lexicon::parse(&[("x.lex", "[cue nonsense]\n1 hola\n")]).unwrap_err();
        assert!(e.contains("x.lex:2"), "{e}");
        let e = Lexicon::parse(&[("x.lex", "[cue book]\nturno\n")]).unwrap_err();
        assert!(e.contains("x.lex:2"), "{e}");
    }
}
