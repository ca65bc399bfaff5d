//! The model planner: the model chooses the next step among the steps valid in the current
//! state, under `schemas/planner_v1.json` narrowed per request to exactly those steps.
//!
//! The domain decides what is possible (which slots are missing, which tools have their
//! arguments, what a message's topic forces); the model decides which of those to take;
//! tool arguments are never generated, they come from the state. The policy engine still
//! checks the result, and the rule planner takes over when it refuses.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use serde_json::{json, Value};

use crate::domain::actions::ToolCall;
use crate::domain::catalog::Workspace;
use crate::domain::plan::{Plan, RefuseReason, ReplyTopic};
use crate::domain::state::Flow;
use crate::engine::chat::{PromptFormat, PromptTemplate};
use crate::engine::{EngineError, GenRequest, GenStats, Generator, Grammar};
use crate::nlu::signals::Topic;
use crate::nlu::Intent;
use crate::planner::{rules, PlanInput};

pub const PROMPT_SOURCE: &str = include_str!("../../prompts/planner_v1.txt");

/// The planner prompt for a business in a model's format.
pub fn prompt(format: PromptFormat, ws: &Workspace) -> Arc<str> {
    static TEMPLATE: PromptTemplate = PromptTemplate::new(PROMPT_SOURCE);
    TEMPLATE.render(format, &ws.introduction())
}
pub const SCHEMA: &str = include_str!("../../schemas/planner_v1.json");

#[derive(Debug)]
pub enum PlanError {
    Engine(EngineError),
    Schema(String),
}

/// The steps valid in this state; the rule planner's choice first.
pub fn candidates(input: &PlanInput) -> Vec<Plan> {
    let ex = input.extraction;
    let st = input.state;
    let mut c = vec![rules::plan(input)];
    // A person takes over: nothing else to choose.
    if matches!(c[0], Plan::Reply(topic) if topic.hands_off()) || c[0] == Plan::Handoff {
        return c;
    }
    match ex.signals.topic {
        Some(Topic::Injection) => return c,
        Some(Topic::Handoff) | Some(Topic::Complaint) => return c,
        // "¿aceptan tarjeta?", "¿dónde están?", "¿cuánto dura?": the answer is fixed.
        Some(
            Topic::Address
            | Topic::Payment
            | Topic::Staff
            | Topic::Faq
            | Topic::Expert
            | Topic::Duration,
        ) => return c,
        Some(Topic::Medical) => {
            c.push(Plan::Handoff);
            return dedupe(c);
        }
        _ => {}
    }
    if let Some(p) = &st.pending {
        if ex.signals.affirmation == Some(true) {
            return vec![Plan::Call(p.call.clone())];
        }
        // "a la misma hora" to the change asked: the same question again, nothing to choose.
        if c[0] == Plan::Confirm(p.call.clone()) {
            return c;
        }
    }
    // "mejor cancelalo" while booking lets that booking go: nothing else to choose.
    if st.drops_booking {
        return c;
    }
    // A yes or no inside a flow answers it: the flow's next step, not a new choice.
    if ex.signals.affirmation.is_some() && (st.flow.is_some() || st.pending.is_some()) {
        return c;
    }
    let service = ex
        .slots
        .service_type
        .as_deref()
        .and_then(|s| input.ws.resolve_service(s))
        .map(|s| s.id.clone());
    match ex.intent {
        Intent::InfoServices | Intent::InfoPrices | Intent::InfoHours => {
            c.push(Plan::Call(ToolCall::ListServices {}));
            c.push(Plan::Call(ToolCall::GetPrices {
                service,
                then: Vec::new(),
            }));
            c.push(Plan::Call(super::rules::hours_call(input)));
        }
        Intent::Other => {
            c.extend([
                Plan::Reply(ReplyTopic::Address),
                Plan::Reply(ReplyTopic::Payment),
                Plan::Refuse(RefuseReason::OffTopic),
                Plan::Handoff,
            ]);
        }
        Intent::Greeting | Intent::Chitchat => {
            c.extend([
                Plan::Reply(ReplyTopic::Greeting),
                Plan::Reply(ReplyTopic::Thanks),
                Plan::Reply(ReplyTopic::Ack),
            ]);
        }
        Intent::Book | Intent::Cancel | Intent::Reschedule => {}
    }
    // In a flow, continuing it is always an option (an info question mid-booking can be
    // answered or the booking pursued); missing slots are asked in the flow's own order.
    if st.flow.is_some() {
        c.push(rules::plan_flow(input));
    }
    dedupe(c)
}

/// The step's identity in the planner schema (no arguments).
pub fn key(p: &Plan) -> Value {
    match p {
        Plan::Call(c) => json!({"step": "call_tool", "tool": c.name().as_str()}),
        Plan::Confirm(c) => json!({"step": "confirm", "tool": c.name().as_str()}),
        Plan::Ask(s) => json!({"step": "ask", "slot": s.as_str()}),
        Plan::Reply(t) => json!({"step": "reply", "topic": t.as_str()}),
        Plan::Handoff => json!({"step": "handoff"}),
        Plan::Refuse(r) => json!({"step": "refuse", "reason": r.as_str()}),
    }
}

fn dedupe(plans: Vec<Plan>) -> Vec<Plan> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for p in plans {
        let k = key(&p);
        if !seen.contains(&k) {
            seen.push(k);
            out.push(p);
        }
    }
    out
}

/// The per-request schema: one alternative per valid step.
pub fn request_schema(cands: &[Plan]) -> Value {
    let alts: Vec<Value> = cands
        .iter()
        .map(|p| {
            let k = key(p);
            let obj = k.as_object().cloned().unwrap_or_default();
            let props: serde_json::Map<String, Value> = obj.iter().map(|(f, v)| (f.clone(), json!({"const": v}))).collect();
            let required: Vec<&String> = obj.keys().collect();
            json!({"type": "object", "properties": props, "required": required, "additionalProperties": false})
        })
        .collect();
    json!({"anyOf": alts})
}

fn flow_name(f: Option<Flow>) -> &'static str {
    match f {
        Some(Flow::Book) => "reservar",
        Some(Flow::Cancel) => "cancelar",
        Some(Flow::Reschedule) => "cambiar un turno",
        None => "ninguno",
    }
}

/// The state, as the planner prompt describes it.
pub fn describe(input: &PlanInput) -> String {
    let ex = input.extraction;
    let st = input.state;
    let r = &st.resolved;
    let mut s = format!("Intención: {}.", ex.intent);
    if let Some(svc) = &ex.slots.service_type {
        s.push_str(&format!(
            " Servicio mencionado: {}.",
            svc.replace(['<', '>', '|'], " ")
        ));
    }
    if let Some(t) = ex.signals.topic {
        let name = match t {
            Topic::Handoff => "quiere hablar con una persona",
            Topic::Medical => "consulta médica",
            Topic::Injection => "intenta cambiar las instrucciones",
            Topic::Address => "dirección",
            Topic::Payment => "pagos",
            Topic::Complaint => "queja",
            Topic::Staff => "quién atiende",
            Topic::Duration => "cuánto dura",
            Topic::Bookings => "sus turnos",
            Topic::Late => "llega tarde o está en camino",
            Topic::Faq => "pregunta que el negocio responde",
            Topic::Expert => "pregunta sobre su caso para alguien del equipo",
        };
        s.push_str(&format!(" Tema: {name}."));
    }
    s.push_str(&format!(" Flujo: {}.", flow_name(st.flow)));
    if st.flow.is_some() {
        let have: Vec<&str> = [
            (r.service.is_some(), "servicio"),
            (r.date.is_some(), "fecha"),
            (
                r.time.is_some(),
                if st.checked.is_some() {
                    "hora (disponible)"
                } else {
                    "hora"
                },
            ),
            (r.name.is_some(), "nombre"),
            (st.target.is_some(), "turno a modificar"),
        ]
        .into_iter()
        .filter(|(h, _)| *h)
        .map(|(_, n)| n)
        .collect();
        let missing: Vec<&str> = [
            (r.service.is_none(), "servicio"),
            (r.date.is_none(), "fecha"),
            (r.time.is_none(), "hora"),
            (r.name.is_none(), "nombre"),
        ]
        .into_iter()
        .filter(|(m, _)| *m)
        .map(|(_, n)| n)
        .collect();
        if !have.is_empty() {
            s.push_str(&format!(" Tenemos: {}.", have.join(", ")));
        }
        s.push_str(&format!(
            " Falta: {}.",
            if missing.is_empty() {
                "nada".to_string()
            } else {
                missing.join(", ")
            }
        ));
    }
    match ex.signals.affirmation {
        Some(true) => s.push_str(" El cliente dijo que sí."),
        Some(false) => s.push_str(" El cliente dijo que no."),
        None => {}
    }
    if let Some(p) = &st.pending {
        s.push_str(&format!(
            " Pendiente de confirmar: {}.",
            p.call.name().as_str()
        ));
    }
    s
}

pub struct SlmPlanner {
    validator: jsonschema::Validator,
}

impl SlmPlanner {
    pub fn new() -> Result<SlmPlanner, String> {
        let schema: Value =
            serde_json::from_str(SCHEMA).map_err(|e| format!("schemas/planner_v1.json: {e}"))?;
        let validator = jsonschema::validator_for(&schema)
            .map_err(|e| format!("schemas/planner_v1.json: {e}"))?;
        Ok(SlmPlanner { validator })
    }

    /// Proposes a step (blocking; run it on the model worker).
    pub fn plan(
        &self,
        g: &dyn Generator,
        input: &PlanInput,
        cancel: Option<Arc<AtomicBool>>,
    ) -> Result<(Plan, GenStats), PlanError> {
        let cands = candidates(input);
        // One valid step: nothing to choose (the grammar would force every token).
        if cands.len() == 1 {
            return Ok((
                cands.into_iter().next().expect("one candidate"),
                GenStats::default(),
            ));
        }
        let format = g.prompt_format();
        let request = format.ask(&describe(input));
        let out = g
            .generate(&GenRequest {
                prefix: &prompt(format, input.ws),
                prompt: &request,
                grammar: Grammar::JsonSchema(request_schema(&cands)),
                max_tokens: 32,
                cancel,
                want_prompt_hidden: false,
            })
            .map_err(PlanError::Engine)?;
        let v = out.json.clone().unwrap_or(Value::Null);
        if let Err(e) = self.validator.validate(&v) {
            return Err(PlanError::Schema(format!("{e} in {}", out.text)));
        }
        let plan = cands.into_iter().find(|p| key(p) == v).ok_or_else(|| {
            PlanError::Schema(format!("{} is not one of the offered steps", out.text))
        })?;
        Ok((plan, out.stats))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::tests::demo;
    use crate::domain::state::ConversationState;
    use crate::nlu::{Extraction, Signals, SlotName, Slots};

    fn ex(intent: Intent, topic: Option<Topic>) -> Extraction {
        Extraction {
            intent,
            confidence: 1.0,
            slots: Slots::default(),
            signals: Signals {
                affirmation: None,
                topic,
                ..Default::default()
            },
        }
    }

    #[test]
    fn candidates_start_with_the_rule_choice_and_respect_topics() {
        let ws = demo();
        let st = ConversationState::default();
        let e = ex(Intent::Other, Some(Topic::Injection));
        let input = PlanInput {
            ws: &ws,
            state: &st,
            extraction: &e,
            message_key: "k",
        };
        assert_eq!(
            candidates(&input),
            vec![Plan::Refuse(RefuseReason::Injection)]
        );
        let e = ex(Intent::InfoPrices, None);
        let input = PlanInput {
            ws: &ws,
            state: &st,
            extraction: &e,
            message_key: "k",
        };
        let c = candidates(&input);
        assert_eq!(
            c[0],
            Plan::Call(ToolCall::GetPrices {
                service: None,
                then: Vec::new()
            })
        );
        assert_eq!(c.len(), 3);
    }

    #[test]
    fn the_schema_admits_exactly_the_candidates() {
        let cands = vec![
            Plan::Ask(SlotName::PreferredDate),
            Plan::Reply(ReplyTopic::Greeting),
        ];
        let v = jsonschema::validator_for(&request_schema(&cands)).unwrap();
        assert!(v.is_valid(&json!({"step": "ask", "slot": "preferred_date"})));
        assert!(v.is_valid(&json!({"step": "reply", "topic": "greeting"})));
        assert!(!v.is_valid(&json!({"step": "ask", "slot": "client_name"})));
        assert!(!v.is_valid(&json!({"step": "call_tool", "tool": "create_booking"})));
    }
}
