//! Every value a message could be giving for a slot — each date, time and service it
//! names — with the cues around it that tell whether the customer wants it: excluded
//! ("menos el martes"), refused ("mañana no puedo"), the old one of a change ("mi turno del
//! viernes"), the new one ("pasalo al jueves"), mere context ("salgo del laburo a las 7",
//! "cumple el domingo"), or not a service at all (a product, a complaint, a job).
//!
//! The rule route chooses among them with [`choose_date`], [`choose_time`] and
//! [`choose_services`]; the model route scores the same candidates with what the model read
//! around them (`reader.rs`). Either way the value is a span of the message, or a time the
//! patterns read.

use serde::{Deserialize, Serialize};

use crate::domain::catalog::Workspace;
use crate::domain::normalize::{DateMatch, TimeMatch};
use crate::domain::understanding::{Intent, SlotName};
use crate::nlu::lexicon::lexicon;
use crate::nlu::service_span::extend_service_span;
pub(crate) use crate::nlu::service_span::extend_to;
use crate::text::Words;
use fallback::mark_fallbacks;
use taken_back::{answered_norms, mark_corrections, mark_taken_back};
use tense::{had_after, is_new, is_old};

/// The cues around a candidate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// Ruled out just before it: "menos", "excepto", "que no sea", "no el 11", "antes del".
    pub negated: bool,
    /// Refused just after it: "mañana no puedo", "el jueves no llego".
    pub refused: bool,
    /// The value of the booking being changed: "mi turno del viernes", "tengo turno a las 3".
    pub old: bool,
    /// A value being asked for: "al jueves", "para el viernes", "mejor a las 6".
    pub new: bool,
    /// Mentioned as context, not asked for: "salgo a las 7", "cumple el domingo", "de 9 a 19".
    pub context: bool,
    /// Named, but not as a service wanted: a product, a complaint, a job, a gift card.
    pub not_service: bool,
    /// A bound of the times wanted ("después de las 6", "antes de las 12"): never the value,
    /// whoever chooses (also `negated`, which the chooser's features carry).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bound: bool,
    /// The day or hour of an event the customer has ("tengo un casamiento el sábado", "la
    /// fiesta es a las 8"; also `context`). Its day is the day wanted when the message names no
    /// other; its hour is never the time wanted, whoever chooses.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub event: bool,
    /// Offered as a second choice after another value of its slot ("el 18, y si no hay el
    /// 19", "a las 5 o si no a las 6"): the first is the one wanted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fallback: bool,
    /// A headcount that reads as an hour ("somos 3, corte para las tres", "a las 10 las
    /// tres"; also `context`): never the time wanted, whoever chooses.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub people: bool,
}

impl Role {
    /// A value the customer wants now: not ruled out or refused, not the booking's own, not
    /// context, a bound or a second choice.
    pub fn wanted(&self) -> bool {
        !(self.negated || self.refused || self.old || self.context || self.bound || self.fallback)
    }
}

/// One candidate value of one slot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub slot: SlotName,
    /// Word range in the message.
    pub from: usize,
    pub to: usize,
    /// The value as the slot carries it: the span as written, or `HH:MM` for a time.
    pub value: String,
    pub role: Role,
    /// For services: the catalog service it names (`None`: not in the catalog).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
}

pub(crate) fn before<'a>(n: &[&'a str], from: usize, k: usize) -> Option<&'a str> {
    from.checked_sub(k).map(|i| n[i])
}

pub(crate) fn within_before(n: &[&str], from: usize, k: usize, words: &[&str]) -> bool {
    (1..=k).any(|j| before(n, from, j).is_some_and(|w| words.contains(&w)))
}

/// "mañana no puedo", "hoy a la tarde no llego", "el 20 no, el 21", "a las 19? ah no",
/// "mañana imposible": the customer turns this value down right after naming it.
fn refused(n: &[&str], to: usize, slot: SlotName) -> bool {
    let mut k = to;
    let mut skipped_time = false;
    // Skip a time of day or a time after the value ("hoy a la tarde no llego").
    while k < n.len()
        && k < to + 4
        && (matches!(
            n[k],
            "a" | "la"
                | "las"
                | "de"
                | "por"
                | "tarde"
                | "manana"
                | "noche"
                | "temprano"
                | "ah"
                | "uh"
                | "eh"
                | "re"
                | "muy"
                | "medio"
        ) || n[k].chars().next().is_some_and(|c| c.is_ascii_digit()))
    {
        skipped_time |= n[k].chars().next().is_some_and(|c| c.is_ascii_digit());
        k += 1;
    }
    // "hoy a las 7, no mentira, a las 8": the "no" takes back the time, not the day.
    if slot == SlotName::PreferredDate && skipped_time && n.get(k) == Some(&"no") {
        let mut j = k + 1;
        while n
            .get(j)
            .is_some_and(|w| matches!(*w, "mentira" | "perdon" | "digo" | "mejor" | "pera"))
        {
            j += 1;
        }
        if n.get(j).is_some_and(|w| {
            matches!(*w, "a" | "las" | "tipo") || w.starts_with(|c: char| c.is_ascii_digit())
        }) {
            return false;
        }
    }
    match n.get(k).copied() {
        Some("imposible" | "complicado" | "nop" | "nope" | "doesnt" | "cant" | "wont") => true,
        Some("nao") => n.get(k + 1).is_none_or(|v| {
            matches!(
                *v,
                "posso" | "consigo" | "da" | "vou" | "pode" | "rola" | "tenho" | "quero"
            )
        }),
        Some("no") => match n.get(k + 1).copied() {
            None => true,
            Some(v) => {
                crate::domain::when::cannot(v)
                    || matches!(
                        v,
                        "el" | "la"
                            | "las"
                            | "a"
                            | "al"
                            | "para"
                            | "mejor"
                            | "sino"
                            | "pero"
                            | "perdon"
                            | "mentira"
                            | "pera"
                            | "que"
                            | "q"
                            | "tengo"
                            | "quiero"
                    )
            }
        },
        Some("ya") => n.get(k + 1) == Some(&"no"),
        // "el jueves tengo dentista": taken that day.
        Some("tengo" | "tenemos") => n.get(k + 1).is_some_and(|w| {
            matches!(
                *w,
                "medico"
                    | "medica"
                    | "dentista"
                    | "clase"
                    | "clases"
                    | "reunion"
                    | "examen"
                    | "facu"
                    | "colegio"
                    | "guardia"
                    | "laburo"
                    | "trabajo"
            )
        }),
        _ => false,
    }
}

fn role(n: &[&str], from: usize, to: usize, slot: SlotName, negated: bool) -> Role {
    let refused = refused(n, to, slot);
    let old = is_old(n, from);
    Role {
        negated: negated && !refused,
        refused,
        old,
        new: !old && is_new(n, from),
        context: context::is_context(n, from, to, slot),
        not_service: false,
        bound: false,
        event: match slot {
            // Not "tengo casamiento en 10 días": a deadline, not the day.
            SlotName::PreferredDate => {
                context::an_event(n, from)
                    && !matches!(before(n, from, 1), Some("en" | "dentro" | "in" | "de"))
            }
            // "a las 13 tengo que estar en otro lado": an engagement's hour too.
            SlotName::PreferredTime => {
                context::an_events_time(n, from) || context::due_elsewhere(n, from, to)
            }
            _ => false,
        },
        fallback: false,
        people: false,
    }
}

/// The date candidates of a message.
pub fn dates(words: &Words, dates: &[DateMatch]) -> Vec<Candidate> {
    let n = answered_norms(words);
    let mut cands: Vec<Candidate> = dates
        .iter()
        .map(|d| {
            let pre_negated = crate::domain::when::excluded(&n, d.from, d.to);
            let mut role = role(&n, d.from, d.to, SlotName::PreferredDate, pre_negated);
            within_clause(
                words,
                &n,
                (d.from, d.to),
                SlotName::PreferredDate,
                &mut role,
            );
            Candidate {
                slot: SlotName::PreferredDate,
                from: d.from,
                to: d.to,
                value: words.span(d.from, d.to),
                role,
                service: None,
            }
        })
        .collect();
    mark_corrections(&n, &mut cands);
    mark_fallbacks(&n, &mut cands);
    framed_by_a_week(&n, dates, &mut cands);
    keep_before_a_new_sentence(words, &n, &mut cands);
    context::asked_back_then_another(words, &n, &mut cands);
    context::set_against_or_granted(&n, &mut cands);
    cands
}

/// "algún turno esta semana? el viernes puedo", "la semana que viene… el jueves": a week
/// named beside a day of it frames that day. The week alone is only a fallback, and the day
/// of a coming week is that week's ("la semana que viene el jueves").
fn framed_by_a_week(n: &[&str], dates: &[DateMatch], cands: &mut [Candidate]) {
    use crate::domain::when::{names_a_coming_week, DateExpr, WeekdayMode};
    for v in 0..cands.len() {
        let this_week = n[dates[v].from..dates[v].to]
            .iter()
            .any(|w| matches!(*w, "esta" | "this" | "essa"));
        let coming = names_a_coming_week(&cands[v].value);
        if dates[v].expr != DateExpr::Vague || !(this_week || coming) || !cands[v].role.wanted() {
            continue;
        }
        let day = (0..cands.len()).find(|&k| {
            let (a, b) = if k < v {
                (dates[k].to, dates[v].from)
            } else {
                (dates[v].to, dates[k].from)
            };
            k != v
                && dates[k].expr != DateExpr::Vague
                && cands[k].role.wanted()
                && b >= a
                && b - a <= 8
                && !n[a..b].iter().any(|w| {
                    matches!(
                        *w,
                        "no" | "nao"
                            | "not"
                            | "menos"
                            | "ni"
                            | "pero"
                            | "sino"
                            | "excepto"
                            | "salvo"
                            | "but"
                    )
                })
        });
        let Some(k) = day else { continue };
        cands[v].role.fallback = true;
        if coming && matches!(dates[k].expr, DateExpr::Weekday(_, WeekdayMode::Next)) {
            let framed = format!("{} {}", cands[v].value, cands[k].value);
            cands[k].value = framed;
        }
    }
}

/// "el jueves! no el miércoles", "a las 6. no a las 5": a "no" opening a sentence right before
/// another value turns that one down, not the one before it ("el jueves no, el miércoles"
/// still takes Thursday back).
fn keep_before_a_new_sentence(words: &Words, n: &[&str], cands: &mut [Candidate]) {
    let starts: Vec<(SlotName, usize)> = cands.iter().map(|c| (c.slot, c.from)).collect();
    for c in cands.iter_mut() {
        let k = c.to;
        if !c.role.refused || k == 0 || n.get(k) != Some(&"no") {
            continue;
        }
        let opens = words.gap(k - 1, k).contains(['!', '.', ';']);
        let bare = words.gap(k, k + 1).trim().is_empty();
        let next_value = starts.iter().any(|&(slot, from)| {
            slot == c.slot
                && from > k
                && from <= k + 3
                && n[k + 1..from]
                    .iter()
                    .all(|w| matches!(*w, "el" | "la" | "las" | "a"))
        });
        if opens && bare && next_value {
            c.role.refused = false;
        }
    }
}

/// The time candidates of a message (values as `HH:MM`).
pub fn times(words: &Words, times: &[TimeMatch]) -> Vec<Candidate> {
    let n = answered_norms(words);
    let mut cands: Vec<Candidate> = times
        .iter()
        .map(|t| {
            // "antes de las 12", "después de las 6": a bound, not the time wanted.
            let bound = crate::domain::when::bound(&n, t, times).is_some();
            let negated = bound || crate::domain::when::excluded(&n, t.from, t.to);
            let mut role = Role {
                bound,
                ..role(&n, t.from, t.to, SlotName::PreferredTime, negated)
            };
            within_clause(
                words,
                &n,
                (t.from, t.to),
                SlotName::PreferredTime,
                &mut role,
            );
            role.people = context::counts_people(&n, t.from, t.to);
            Candidate {
                slot: SlotName::PreferredTime,
                from: t.from,
                to: t.to,
                value: crate::domain::normalize::format_time(t.value),
                role,
                service: None,
            }
        })
        .collect();
    // A headcount only beside the hour asked ("somos 2, ¿turno para las 2?" is at 14:00).
    let several = cands.len() > 1;
    for c in &mut cands {
        c.role.people &= several;
        c.role.context |= c.role.people;
    }
    mark_corrections(&n, &mut cands);
    mark_fallbacks(&n, &mut cands);
    keep_before_a_new_sentence(words, &n, &mut cands);
    cands
}

/// The cues of a booking one has ("tengo …") and, for a time, of the customer's own hours
/// ("salgo …") reach no further back than the value's clause: "…el martes tengo médico, el
/// miércoles 19", "salgo temprano del laburo, tipo 17 o 18".
fn within_clause(
    words: &Words,
    n: &[&str],
    (from, to): (usize, usize),
    slot: SlotName,
    role: &mut Role,
) {
    // "mañana a las 10 tengo turno" (not "¿voy el sábado? tengo turno de pedicura").
    let told_after = had_after(n, to).is_some_and(|k| {
        (to.saturating_sub(1)..k).all(|j| !words.gap(j, j + 1).contains(['.', '!', '?', ';']))
    });
    role.old |= told_after;
    let start = clause_start(words, from);
    if start == 0 {
        return;
    }
    let clause = &n[start..];
    if role.old {
        role.old = is_old(clause, from - start) || told_after;
    }
    if role.context && slot == SlotName::PreferredTime {
        role.context = context::is_context(clause, from - start, to - start, slot);
    }
}

/// The first word of the clause word `at` is in, looking back a few words: the one after the
/// nearest comma or stop.
fn clause_start(words: &Words, at: usize) -> usize {
    (at.saturating_sub(3)..at)
        .rev()
        .find(|&k| words.gap(k, k + 1).contains([',', '.', '!', '?', ';']))
        .map_or(0, |k| k + 1)
}

/// The wanted date: for a change, the new one (never the old); for a cancel, the booking's
/// (even "mañana no llego"); otherwise the first one asked for.
pub fn choose_date(cands: &[Candidate], intent: Intent) -> Option<&Candidate> {
    choose(cands, intent)
}

/// The wanted time, by the same rules as the date.
pub fn choose_time(cands: &[Candidate], intent: Intent) -> Option<&Candidate> {
    choose(cands, intent)
}

fn choose(cands: &[Candidate], intent: Intent) -> Option<&Candidate> {
    let usable = |c: &&Candidate| !c.role.negated && !c.role.context;
    match intent {
        Intent::Reschedule => {
            let pool: Vec<&Candidate> = cands
                .iter()
                .filter(usable)
                .filter(|c| !c.role.refused)
                .collect();
            pool.iter()
                .rev()
                .find(|c| c.role.new)
                .or_else(|| pool.iter().rev().find(|c| !c.role.old))
                .copied()
        }
        Intent::Cancel => cands.iter().find(usable),
        // A booking's own date or time ("tengo turno el viernes") is not the one asked for.
        // a correction makes the later value the one.
        _ => {
            let mut pool: Vec<&Candidate> = cands
                .iter()
                .filter(usable)
                .filter(|c| !c.role.refused && !c.role.old)
                .collect();
            if pool.iter().any(|c| !c.role.fallback) {
                pool.retain(|c| !c.role.fallback);
            }
            // After a correction, the first value named after the last one taken back
            // ("el 18... perdón, el 19, que el 18 tengo médico" → el 19).
            let taken_back = cands.iter().filter(|c| c.role.refused).map(|c| c.to).max();
            let chosen = match taken_back {
                Some(end) => pool
                    .iter()
                    .find(|c| c.from >= end)
                    .or(pool.first())
                    .copied(),
                None => pool.first().copied(),
            };
            // "tengo un casamiento el sábado, necesito peinado": no other day named, the
            // service is for the event's.
            chosen.or_else(|| {
                cands.iter().find(|c| {
                    c.slot == SlotName::PreferredDate
                        && c.role.event
                        && !c.role.negated
                        && !c.role.refused
                })
            })
        }
    }
}

/// Words that, right before another service word, make one name with it.
const COMPOUND_LEFT: &[&str] = &[
    "gel", "acrylic", "acrilico", "eyebrow", "brow", "lash", "shellac", "nail", "hair", "deep",
    "spa", "french",
];

/// The service candidates: the catalog's matches, and services outside it from the general
/// vocabulary ("depilación con cera", "microblading"), adjacent words read as one name
/// ("gel nails", "eyebrow threading").
/// `dates` are the message's date matches: their words ("pasado" in "mañana no, pasado") are
/// no cue that a service was done.
pub fn services(
    ws: &Workspace,
    words: &Words,
    topic_complaint: bool,
    dates: &[DateMatch],
) -> Vec<Candidate> {
    let n = words.norms();
    let mut found: Vec<(usize, usize, Option<String>)> = Vec::new();
    for m in ws.find_services(words) {
        if m.to == m.from + 1 && not_service::homograph(words, &n, m.from) {
            continue;
        }
        found.push((m.from, m.to, Some(ws.services[m.service].id.clone())));
    }
    let unknown = &lexicon().service_words;
    let mut i = 0;
    while i < n.len() {
        let taken = found.iter().any(|(a, b, _)| *a <= i && i < *b);
        // ("¿incluye lavado?": what the service on the table includes, asked of it; "¿el corte
        // incluye lavado?" names both, for the reply to say so.)
        let named = found.iter().any(|f| f.2.is_some());
        if !taken
            && unknown.iter().any(|s| s == n[i])
            && !not_service::homograph(words, &n, i)
            && (named || !not_service::included(ws, &n, i))
        {
            let to = extend_to(&n, i + 1);
            found.push((i, to, None));
            i = to;
        } else {
            i += 1;
        }
    }
    found.sort_by_key(|f| f.0);
    crate::nlu::service_span::drop_verbs_of_next(&n, &mut found);
    // "el corte de hombre y el de mujer": the second is "corte de mujer".
    let elided = crate::nlu::service_span::elided(ws, words, &found);
    found.extend(
        elided
            .iter()
            .map(|(a, b, id, _)| (*a, *b, Some(id.clone()))),
    );
    found.sort_by_key(|f| f.0);
    // A modifier and a name are one ("gel nails", "eyebrow threading"); a list is not
    // ("corte color").
    let mut merged: Vec<(usize, usize, Option<String>)> = Vec::new();
    for f in found {
        match merged.last_mut() {
            Some(last)
                if last.1 == f.0
                    && last.1 == last.0 + 1
                    && COMPOUND_LEFT.contains(&n[last.0])
                    && words.gap(last.0, f.0).trim().is_empty() =>
            {
                last.1 = f.1;
                if last.2.is_none() {
                    last.2 = f.2;
                }
            }
            _ => merged.push(f),
        }
    }
    let dated: Vec<usize> = dates.iter().flat_map(|d| d.from..d.to).collect();
    let mut cands: Vec<Candidate> = merged
        .into_iter()
        .map(|(from, to, service)| {
            let (from, to, value) = match elided.iter().find(|e| e.0 == from && e.1 == to) {
                Some(e) => (from, to, e.3.clone()),
                None => extend_service_span(words, from, to),
            };
            // "manos y pies en semi": the "manos" read as the semipermanente says so.
            let value = match (&service, ws.resolve_service(&value)) {
                (Some(id), Some(other)) if other.id != *id => {
                    ws.service(id).map_or(value, |s| s.name.clone())
                }
                _ => value,
            };
            let negated = service_negated(words, &n, from, to);
            Candidate {
                slot: SlotName::ServiceType,
                from,
                to,
                value,
                role: Role {
                    negated,
                    not_service: not_service::not_a_service(&n, from, topic_complaint, &dated)
                        || not_service::done_before(&n, from, to),
                    ..Role::default()
                },
                service,
            }
        })
        .collect();
    not_service::describes_staff(&n, &mut cands);
    // A word inside a name already read ("uñas esculpidas") is not a service of its own.
    let mut end = 0;
    cands.retain(|c| {
        let inside = c.from < end;
        end = end.max(c.to);
        !inside
    });
    // "era pedicura no manicura", "pedicura, no manicura": a "no" run into the next service
    // is that one's; only "pedicura no, manicura" (a stop after the "no") takes the first back.
    let own_no: Vec<(usize, bool)> = (1..cands.len())
        .filter(|&k| {
            let (a, b) = (cands[k - 1].to, cands[k].from);
            b == a + 1
                && matches!(n[a], "no" | "nao" | "not")
                && !words.gap(a, b).contains([',', '.', '!', ';', '?'])
        })
        .map(|k| (k, cands[k - 1].role.negated))
        .collect();
    mark_taken_back(&n, &mut cands, usize::MAX, |r| r.negated = true);
    crate::nlu::service_span::trailing_no(words, &n, &mut cands);
    for (k, was) in own_no {
        cands[k - 1].role.negated = was;
        cands[k].role.negated = true;
    }
    // "ya tengo turno el viernes para corte, quiero sacar otro para uñas": the booking's
    // service, when another is named after it.
    // ("turno para manos y pies" is one booking's two services.)
    for k in 1..cands.len() {
        let (c, next) = (&cands[k - 1], &cands[k]);
        let joined = next.from <= c.to + 2
            && n[c.to..next.from]
                .iter()
                .all(|w| matches!(*w, "y" | "e" | "and" | "con" | "mas" | "el" | "la" | "las"));
        if !joined && booked_service(&n, c.from) {
            cands[k - 1].role.old = true;
        }
    }
    cands
}

/// "tengo turno el viernes para corte", "ya tengo hora para uñas": the service of a booking
/// the customer has (told in the same clause, a few words before).
fn booked_service(n: &[&str], from: usize) -> bool {
    if !matches!(before(n, from, 1), Some("para" | "de" | "pra" | "for")) {
        return false;
    }
    let back = n[from.saturating_sub(9)..from].to_vec();
    back.windows(2).any(|w| {
        matches!(w[0], "tengo" | "tenia" | "tenho" | "have")
            && matches!(w[1], "turno" | "hora" | "reserva" | "horario" | "cita")
    })
}

/// Whether the message turns a service down: "sin lavado", "no me hagan el brushing", "nada
/// de tintura", "no quiero la keratina", or a self-correction "pies no, para manos".
fn service_negated(words: &Words, n: &[&str], from: usize, to: usize) -> bool {
    // "No es para manos, es para pies", "no es un brushing común", "no quiero keratina".
    let mut j = 1;
    while before(n, from, j).is_some_and(|w| {
        matches!(
            w,
            "para" | "un" | "una" | "el" | "la" | "los" | "las" | "de" | "del" | "a" | "an" | "the"
        )
    }) {
        j += 1;
    }
    // "pedicura en vez de manos", "instead of nails": the one replaced.
    if matches!(
        (before(n, from, j + 1), before(n, from, j)),
        (Some("en" | "em"), Some("vez" | "lugar")) | (Some("instead"), Some("of"))
    ) {
        return true;
    }
    // Not "No, quiero un corte": that "no" answers something else.
    if matches!(
        before(n, from, j),
        Some("es" | "quiero" | "necesito" | "era")
    ) && before(n, from, j + 1) == Some("no")
        && !words
            .gap(from - j - 1, from - j)
            .contains([',', '.', '!', '?', ';'])
    {
        return true;
    }
    for j in 1..=4 {
        // "ah no perdón, era pedicura": a "no" before a stop is about something else; so is
        // one a sentence before ("sorry no spanish. pedicure"), but not one a comma before
        // ("no no, semi", "si no se puede, mechas").
        let stops: &[char] = if j > 1 {
            &[',', '.', '!', '?', ';']
        } else {
            &['.', '!', '?', ';']
        };
        if from >= j && words.gap(from - j, from - j + 1).contains(stops) {
            break;
        }
        match before(n, from, j) {
            Some("sin" | "without" | "sem" | "ni" | "nada") => return true,
            // "sacale el color", "quitá las uñas": taken off what was asked.
            // Not "sacame un turno, corte": only articles between the verb and the service.
            Some(
                "sacale" | "quitale" | "borrale" | "sacalo" | "sacame" | "quitame" | "remove"
                | "skip" | "drop",
            ) if n[from + 1 - j..from]
                .iter()
                .all(|w| matches!(*w, "el" | "la" | "los" | "las" | "lo" | "tambien" | "the")) =>
            {
                return true
            }
            // "tira a pedicure": the same in Portuguese.
            Some(
                "saca" | "quita" | "borra" | "tira" | "retira" | "sacar" | "quitar" | "borrar"
                | "tirar",
            ) if before(n, from, j - 1).is_some_and(|w| {
                matches!(w, "el" | "la" | "los" | "las" | "a" | "o" | "as" | "os")
            }) =>
            {
                return true
            }
            // Not "no, manicura nomás", "no no, semi": a "no" that opens the message before
            // a comma answers what was asked.
            // Nor "no sé si hacerme color o mechas": not knowing which.
            Some("no" | "not")
                if before(n, from, j + 1) != Some("o")
                    && !not_service::answers_before_comma(words, n, from)
                    && !(n[from + 1 - j] == "se" && n.get(to) == Some(&"o")) =>
            {
                return true
            }
            Some(
                "solo" | "solamente" | "pero" | "y" | "quiero" | "mejor" | "para" | "only" | "just",
            )
            | None => break,
            _ => {}
        }
    }
    // "pies no, para manos", "color. no perdón, mechitas": turned down right after.
    // "ah no, pensándolo mejor las cejas no": the last word.
    n.get(to) == Some(&"no")
        && (n[to + 1..]
            .iter()
            .take(4)
            .any(|w| matches!(*w, "para" | "perdon" | "mejor" | "digo" | "quise"))
            || (to + 1 == n.len()
                && from > 0
                && matches!(n[from - 1], "el" | "la" | "los" | "las")
                && !words.after(to).contains('?')))
}

/// The services the customer wants, in the order named.
/// A service named twice ("corte ... el corte") is kept once.
pub fn choose_services(cands: &[Candidate]) -> Vec<&Candidate> {
    let mut out: Vec<&Candidate> = Vec::new();
    for c in cands.iter().filter(|c| {
        c.slot == SlotName::ServiceType && !c.role.negated && !c.role.not_service && !c.role.old
    }) {
        let same = |o: &&Candidate| match (&o.service, &c.service) {
            (Some(a), Some(b)) => a == b,
            _ => crate::text::fold(&o.value) == crate::text::fold(&c.value),
        };
        if !out.iter().any(same) {
            out.push(c);
        }
    }
    out
}

mod context;
mod fallback;
mod not_service;
mod taken_back;
mod tense;
#[cfg(test)]
mod tests;
