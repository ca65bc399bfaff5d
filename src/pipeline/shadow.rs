//! Shadow mode: for `SLM_SHADOW_PERCENT` of the rule-route conversations, the model also reads
//! the message — in the background, only when it is idle, never delaying the answer — and the
//! two readings are compared. Disagreements are kept (phones and emails redacted) for review
//! and can be exported as a dataset to label (`pulpo eval --export-disagreements`).

use std::time::Instant;

use super::Pipeline;
use crate::nlu::rules::RuleAnalysis;
use crate::nlu::{ExtractContext, Extraction, SlotName};
use crate::router;
use crate::store::ShadowRecord;
use crate::telemetry::metrics::Metrics;
use crate::text::{fold_compare, Words};

/// Intent agreement and the slots whose values differ (compared folded).
pub fn compare(legacy: &Extraction, slm: &Extraction) -> (bool, Vec<String>) {
    let mut differ = Vec::new();
    for name in SlotName::ALL {
        let a = legacy.slots.get(name).map(fold_compare);
        let b = slm.slots.get(name).map(fold_compare);
        if a != b {
            differ.push(name.as_str().to_string());
        }
    }
    (legacy.intent == slm.intent, differ)
}

/// Replaces emails and phone-like digit runs (8+ digits) with placeholders.
pub fn redact(text: &str) -> String {
    let words = Words::new(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut cursor = 0;
    let mut i = 0;
    while i < words.words.len() {
        let w = &words.words[i];
        if w.norm.contains('@') {
            out.extend(&chars[cursor..w.start]);
            out.push_str("[email]");
            cursor = w.end;
            i += 1;
            continue;
        }
        // A run of numeric words with 8+ digits in total.
        let mut j = i;
        let mut digits = 0;
        while j < words.words.len()
            && words.words[j]
                .norm
                .chars()
                .all(|c| c.is_ascii_digit() || c == '-')
        {
            digits += words.words[j]
                .norm
                .chars()
                .filter(|c| c.is_ascii_digit())
                .count();
            j += 1;
        }
        if j > i && digits >= 8 {
            let start = if w.start > 0 && chars[w.start - 1] == '+' {
                w.start - 1
            } else {
                w.start
            };
            out.extend(&chars[cursor..start]);
            out.push_str("[tel]");
            cursor = words.words[j - 1].end;
            i = j;
        } else {
            i = j.max(i + 1);
        }
    }
    out.extend(&chars[cursor..]);
    out
}

/// Counts a shadow reading that did not happen, and why.
fn skipped(metrics: &Metrics, reason: &str) {
    metrics.inc(
        "pulpo_shadow_skipped_total",
        vec![("reason", reason.to_string())],
    );
}

impl Pipeline {
    /// Starts a background comparison when this conversation is in the shadow sample.
    pub(crate) fn maybe_shadow(
        &self,
        req: &super::TurnRequest,
        ctx: &ExtractContext,
        analysis: &RuleAnalysis,
    ) {
        let flags = self.flags.get();
        if !router::shadowed(&flags, &self.salt, &req.conversation_id) {
            return;
        }
        let Some(model) = self.model.get().cloned() else {
            return;
        };
        // The common case on a busy server: nothing to start (extract_if_idle checks again).
        if !model.is_idle() {
            skipped(&self.metrics, "busy");
            return;
        }
        let (store, metrics, clock) =
            (self.store.clone(), self.metrics.clone(), self.clock.clone());
        let (ws, text, ctx, analysis) = (
            req.ws.clone(),
            req.text.clone(),
            ctx.clone(),
            analysis.clone(),
        );
        let (conversation_id, message_id) = (req.conversation_id.clone(), req.message_id.clone());
        let deadline = Instant::now() + self.slm_deadline;
        tokio::spawn(async move {
            let reading = model
                .extract_if_idle(ws.clone(), &text, &ctx, &analysis, deadline)
                .await;
            let m = match reading {
                Some(Ok(m)) => m,
                Some(Err(e)) => {
                    skipped(&metrics, e.reason().as_str());
                    return;
                }
                None => {
                    skipped(&metrics, "busy");
                    return;
                }
            };
            let legacy = &analysis.extraction;
            let (intent_agrees, differ) = compare(legacy, &m.extraction);
            metrics.inc(
                "pulpo_shadow_comparisons_total",
                vec![("intent_agrees", intent_agrees.to_string())],
            );
            for s in &differ {
                metrics.inc(
                    "pulpo_shadow_slot_disagreements_total",
                    vec![("slot", s.clone())],
                );
            }
            metrics.record_shadow(intent_agrees, differ.is_empty(), m.latency_ms);
            let rec = ShadowRecord {
                workspace_id: ws.id.clone(),
                conversation_id,
                message_id,
                text_redacted: redact(&text),
                legacy_intent: legacy.intent.as_str().into(),
                slm_intent: m.extraction.intent.as_str().into(),
                legacy_slots: serde_json::to_value(&legacy.slots).unwrap_or_default(),
                slm_slots: serde_json::to_value(&m.extraction.slots).unwrap_or_default(),
                intent_agrees,
                slot_disagreements: differ,
                slm_latency_ms: m.latency_ms,
                created_at: clock.now(),
            };
            if let Err(e) = store.record_shadow(&rec).await {
                tracing::warn!(error = %e, "SHADOW could not store a comparison");
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlu::{Intent, Signals, Slots};

    #[test]
    fn redacts_phones_and_emails() {
        assert_eq!(
            redact("soy Ana, mi cel es +54 9 11 5555-1234 y mi mail ana@x.com"),
            "soy Ana, mi cel es [tel] y mi mail [email]"
        );
        assert_eq!(
            redact("turno a las 17:30 el 12/12"),
            "turno a las 17:30 el 12/12"
        );
        assert_eq!(redact("1155551234"), "[tel]");
    }

    #[test]
    fn compare_folds_case_and_accents() {
        let mk = |intent, date: &str| Extraction {
            intent,
            confidence: 1.0,
            slots: Slots {
                preferred_date: Some(date.into()),
                ..Default::default()
            },
            signals: Signals::default(),
        };
        assert_eq!(
            compare(&mk(Intent::Book, "Mañana"), &mk(Intent::Book, "manana")),
            (true, vec![])
        );
        assert_eq!(
            compare(
                &mk(Intent::Book, "el viernes"),
                &mk(Intent::Reschedule, "viernes")
            ),
            (false, vec!["preferred_date".to_string()])
        );
    }
}
