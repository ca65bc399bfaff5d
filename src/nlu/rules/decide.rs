//! The intent from the scores: a bare answer, an injection and a pick first; then the
//! actionable intents by precedence unless one is much stronger; else the best score.

use crate::nlu::signals::Topic;
use crate::nlu::{ExtractContext, Intent, Signals};

pub(super) fn decide(
    scores: &[f32; 9],
    signals: &Signals,
    ctx: &ExtractContext,
    n: &[&str],
) -> (Intent, bool) {
    // A bare yes/no answering a pending confirmation or a question ("¿La reserva a nombre
    // de John?") is chitchat, and certain.
    if (ctx.pending_confirmation.is_some() || ctx.expected_slot.is_some())
        && signals.affirmation.is_some()
        && n.len() <= 4
    {
        return (Intent::Chitchat, true);
    }
    if matches!(signals.topic, Some(Topic::Injection)) {
        return (Intent::Other, true);
    }
    // "el primero" of the times offered answers the booking's question, as "a las 11" does.
    if signals.pick.is_some() {
        return (Intent::Book, true);
    }
    // Actionable intents above a threshold win by precedence; the rest by score.
    const ACTION_MIN: f32 = 1.5;
    let mut candidates: Vec<Intent> = Intent::ALL
        .into_iter()
        .filter(|i| scores[i.index()] >= ACTION_MIN)
        .collect();
    // Medical questions and complaints override the informational and booking intents they mention.
    if matches!(signals.topic, Some(Topic::Medical) | Some(Topic::Complaint)) {
        candidates.retain(|i| matches!(i, Intent::Cancel | Intent::Reschedule | Intent::Other));
    }
    candidates.sort_by_key(|i| i.precedence());
    // Greeting and chitchat lose to any real request; between requests precedence decides,
    // unless one is much stronger (a stray "turno" in a price question).
    let strong: Vec<Intent> = candidates
        .iter()
        .copied()
        .filter(|i| !matches!(i, Intent::Greeting | Intent::Chitchat))
        .collect();
    if let Some(first) = strong.first().copied() {
        let best = strong
            .iter()
            .copied()
            .max_by(|a, b| scores[a.index()].total_cmp(&scores[b.index()]))
            .unwrap_or(first);
        let chosen = if scores[best.index()] >= scores[first.index()] + 2.0 {
            best
        } else {
            first
        };
        let certain = strong.len() == 1 && scores[chosen.index()] >= 2.5;
        return (chosen, certain);
    }
    if let Some(first) = candidates.first().copied() {
        // Chitchat vs greeting: "hola gracias" → chitchat by precedence.
        return (first, candidates.len() == 1);
    }
    // Nothing readable (emoji, stickers): small talk.
    if n.is_empty() {
        return (Intent::Chitchat, false);
    }
    // Nothing matched: weak signals by score, else `other`.
    let (best, s) = Intent::ALL
        .into_iter()
        .map(|i| (i, scores[i.index()]))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or((Intent::Other, 0.0));
    if s > 0.0 {
        (best, false)
    } else {
        (Intent::Other, false)
    }
}
