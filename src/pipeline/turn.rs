//! One turn as its stages: extract → reduce → plan (under the policy) → act → reply →
//! persist. Each stage is a function; [`Pipeline::turn`] reads as the list of them.

use std::time::Instant;

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::model::FallbackReason;
use super::{masked, ms, round, turn_time, Pipeline, Reading, TurnError, TurnRequest};
use crate::contract::{Action, DecideResponse, Reply, CONTRACT_VERSION};
use crate::domain::actions::ToolCall;
use crate::domain::nlg::{self, Executed, NextAction};
use crate::domain::plan::{Plan, ReplyTopic};
use crate::domain::reducer::{self, TurnContext};
use crate::domain::state::{ConversationState, Flow, Pending};
use crate::nlu::{ExtractContext, Extraction, SlotName};
use crate::planner::steps::{self, Checked};
use crate::planner::{self, PlanInput};
use crate::router::Route;
use crate::store::{MessageKey, ToolCallRecord, TurnRecord};
use crate::text::log_conversation;
use crate::tools::ToolContext;

/// What the tools did this turn.
struct Acted {
    executed: Vec<Executed>,
    actions: Vec<Action>,
    records: Vec<ToolCallRecord>,
    /// The step that talks to the customer.
    last: Plan,
}

/// Stage timings, in ms.
#[derive(Default)]
struct Timings {
    extract: f64,
    plan: f64,
    tools: f64,
    nlg: f64,
}

impl Pipeline {
    /// Runs the stages of one turn on the conversation's state (its lease is held).
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn turn(
        &self,
        req: &TurnRequest,
        route: Route,
        key: &MessageKey,
        holder: &str,
        mut state: ConversationState,
        version: i64,
        started: Instant,
    ) -> Result<DecideResponse, TurnError> {
        let now = turn_time(req.timestamp, self.clock.now());
        let deadline = started + self.slm_deadline;
        let message_key = key.joined();
        let mut t = Timings::default();

        let ctx = extract_context(&state, req);
        let clock = Instant::now();
        let reading = self.extract(req, route, &ctx, deadline).await;
        t.extract = ms(clock);
        let ex = reading.extraction.clone();

        reduce(&mut state, &ex, req, now);

        let clock = Instant::now();
        let (plan, fallback) = self
            .plan(
                req,
                route,
                &state,
                &ex,
                &message_key,
                reading.fallback,
                deadline,
            )
            .await;
        t.plan = ms(clock);

        let clock = Instant::now();
        let acted = self
            .act(req, now, &mut state, &ex, &message_key, plan)
            .await;
        t.tools = ms(clock);

        let clock = Instant::now();
        let (text, next_action) = reply(req, &mut state, &ex, &acted);
        t.nlg = ms(clock);

        let response = respond(
            req,
            route,
            fallback,
            &ex,
            acted.actions,
            &acted.last,
            text,
            next_action,
            &t,
            started,
        );
        self.persist(
            req,
            route,
            key,
            holder,
            &state,
            version,
            &ex,
            &acted.records,
            &response,
        )
        .await?;
        // A model output that failed its schema: the extractor's, or else the planner's.
        let schema_invalid = if reading.schema_invalid {
            Some("extractor")
        } else if fallback == Some(FallbackReason::SchemaInvalid) {
            Some("planner")
        } else {
            None
        };
        self.observe(&response, route, fallback, schema_invalid);
        Ok(response)
    }

    /// Extract: the model's reading (or the rules', saying why), logged; a rule-route
    /// message may also be read in the background (shadow mode).
    async fn extract(
        &self,
        req: &TurnRequest,
        route: Route,
        ctx: &ExtractContext,
        deadline: Instant,
    ) -> Reading {
        let clock = Instant::now();
        let reading = self.read(req, route, ctx, deadline).await;
        let ex = &reading.extraction;
        tracing::info!(
            conversation_id = %log_conversation(&req.conversation_id),
            route = route.as_str(),
            intent = ex.intent.as_str(),
            confidence = ex.confidence,
            slots = %masked(&serde_json::to_value(&ex.slots).unwrap_or_default()),
            fallback = reading.fallback.map(|f| f.as_str()),
            latency_ms = ms(clock),
            "EXTRACT"
        );
        if route == Route::Legacy {
            self.maybe_shadow(req, ctx, &reading.analysis);
        }
        reading
    }

    /// Plan: the model proposes on its route, the policy decides; otherwise the rules plan.
    #[allow(clippy::too_many_arguments)]
    async fn plan(
        &self,
        req: &TurnRequest,
        route: Route,
        state: &ConversationState,
        ex: &Extraction,
        message_key: &str,
        mut fallback: Option<FallbackReason>,
        deadline: Instant,
    ) -> (Plan, Option<FallbackReason>) {
        let input = PlanInput {
            ws: &req.ws,
            state,
            extraction: ex,
            message_key,
        };
        let mut plan = planner::rules::plan(&input);
        // One model pass per turn by default: the rules plan from the model's reading.
        let model = self.model.get().filter(|_| self.model_planner);
        if let (Route::Slm, None, Some(model)) = (route, fallback, model) {
            match model.plan(&input, deadline).await {
                Ok(p) => match steps::checked(p.clone(), &input) {
                    Checked::Accepted(p) => {
                        if p != plan {
                            tracing::info!(conversation_id = %log_conversation(&req.conversation_id), rules = %masked(&plan.to_json()), model = %masked(&p.to_json()), "PLANNER model differs from the rules");
                        }
                        plan = p
                    }
                    Checked::Replaced { refused, .. } => {
                        tracing::warn!(conversation_id = %log_conversation(&req.conversation_id), violation = %refused, proposed = %masked(&p.to_json()), "PLANNER rejected by policy; the rules plan");
                        fallback = Some(FallbackReason::PlannerRejected);
                    }
                },
                Err(f) => {
                    tracing::warn!(conversation_id = %log_conversation(&req.conversation_id), error = %f, "PLANNER falling back to legacy");
                    fallback = Some(match f.reason() {
                        r @ (FallbackReason::SchemaInvalid
                        | FallbackReason::SlmTimeout
                        | FallbackReason::SlmOverloaded) => r,
                        _ => FallbackReason::PlannerRejected,
                    });
                }
            }
        }
        tracing::info!(conversation_id = %log_conversation(&req.conversation_id), plan = %masked(&plan.to_json()), "PLANNER");
        (plan, fallback)
    }

    /// Act: runs tool steps through the broker, every one checked by the policy, following a
    /// flow after lookups and availability checks, until a step talks to the customer.
    async fn act(
        &self,
        req: &TurnRequest,
        now: DateTime<Utc>,
        state: &mut ConversationState,
        ex: &Extraction,
        message_key: &str,
        plan: Plan,
    ) -> Acted {
        let tool_ctx = ToolContext {
            ws: req.ws.clone(),
            store: self.store.clone(),
            conversation_id: req.conversation_id.clone(),
            request_id: req.request_id.clone(),
            now,
            clock: self.clock.clone(),
        };
        let mut acted = Acted {
            executed: Vec::new(),
            actions: Vec::new(),
            records: Vec::new(),
            last: plan,
        };
        let mut last_call = None;
        loop {
            let input = PlanInput {
                ws: &req.ws,
                state,
                extraction: ex,
                message_key,
            };
            let step = match steps::checked(acted.last.clone(), &input) {
                Checked::Accepted(p) => p,
                Checked::Replaced { refused, instead } => {
                    tracing::warn!(violation = %refused, step = %masked(&acted.last.to_json()), "PIPELINE step refused by policy");
                    instead
                }
            };
            acted.last = step.clone();
            let Plan::Call(call) = step else { break };
            if !steps::may_run(&call, acted.executed.len(), last_call.as_ref()) {
                acted.last = Plan::Reply(crate::domain::plan::ReplyTopic::Unclear);
                break;
            }
            let outcome = self.broker.run(&tool_ctx, &call).await;
            acted.actions.push(Action {
                tool: call.name().as_str().to_string(),
                args: call.args_json(),
                status: outcome.record.status.clone(),
                latency_ms: round(outcome.record.latency_ms),
                error: outcome.record.error.clone(),
                result: outcome
                    .result
                    .as_ref()
                    .ok()
                    .and_then(|o| serde_json::to_value(o).ok()),
            });
            acted.records.push(outcome.record);
            let observation = outcome.result.ok();
            if let Some(obs) = &observation {
                reducer::apply_observation(state, &req.ws, &call, obs);
            }
            let observed = observation.is_some();
            acted.executed.push(Executed {
                call: call.clone(),
                observation,
            });
            let input = PlanInput {
                ws: &req.ws,
                state,
                extraction: ex,
                message_key,
            };
            let next = steps::after(&call, observed, &input);
            last_call = Some(call);
            match next {
                Some(next) => acted.last = next,
                None => break,
            }
        }
        acted
    }

    /// Persist: the state, the answer (exactly what is returned, so a retried message gets
    /// the same bytes) and the tool audit, releasing the conversation.
    #[allow(clippy::too_many_arguments)]
    async fn persist(
        &self,
        req: &TurnRequest,
        route: Route,
        key: &MessageKey,
        holder: &str,
        state: &ConversationState,
        version: i64,
        ex: &Extraction,
        records: &[ToolCallRecord],
        response: &DecideResponse,
    ) -> Result<(), TurnError> {
        let stored = serde_json::to_value(response).unwrap_or(Value::Null);
        self.store
            .finish_turn(TurnRecord {
                key,
                holder,
                state,
                expected_version: version,
                text: &req.text,
                response: &stored,
                route: route.as_str(),
                intent: ex.intent.as_str(),
                tool_calls: records,
            })
            .await?;
        Ok(())
    }
}

/// What the conversation was waiting for, which changes what short answers mean.
fn extract_context(state: &ConversationState, req: &TurnRequest) -> ExtractContext {
    ExtractContext {
        customer_name: state
            .resolved
            .name
            .clone()
            .or_else(|| req.customer_name.clone()),
        expected_slot: state.expected_slot,
        pending_confirmation: state
            .pending
            .as_ref()
            .map(|p| p.call.name().as_str().to_string()),
        active_flow: state.flow.map(|f| f.intent()),
        after_booking: state.last_booking.is_some(),
        offered_times: state.offers.iter().map(|o| o.time).collect(),
        last_info: state.last_info.filter(|_| state.flow.is_none()),
    }
}

/// Reduce: the reading into the conversation's state, at the turn's instant in the
/// business's time zone.
fn reduce(state: &mut ConversationState, ex: &Extraction, req: &TurnRequest, now: DateTime<Utc>) {
    let ctx = TurnContext {
        ws: &req.ws,
        now: now.with_timezone(&req.ws.tz).naive_local(),
        customer_phone: req.customer_phone.clone(),
    };
    reducer::apply_extraction(state, ex, &ctx);
    // Replies follow the language the customer writes in, once a message says it clearly.
    if let Some(lang) = crate::domain::replies::detect(&req.text, state.lang) {
        state.lang = Some(lang);
    }
}

/// Reply: records what the step waits for, then renders the templates.
fn reply(
    req: &TurnRequest,
    state: &mut ConversationState,
    ex: &Extraction,
    acted: &Acted,
) -> (String, NextAction) {
    // "¿se puede hacer con el pelo teñido?" outside a booking: a person is offered, and a
    // yes next hands over.
    state.offered_handoff = (matches!(acted.last, Plan::Reply(ReplyTopic::Expert))
        && state.flow.is_none())
        || nlg::expert_after_price(state, ex, &acted.last);
    match &acted.last {
        Plan::Ask(slot) => {
            state.expected_slot = Some(*slot);
            // The channel's profile name is offered once; a name given in the chat wins.
            state.offered_name = match slot {
                SlotName::ClientName
                    if state.resolved.name.is_none() && !state.name_offer_declined =>
                {
                    state
                        .booked_name
                        .clone()
                        .or_else(|| req.customer_name.clone())
                }
                _ => None,
            };
        }
        Plan::Confirm(call) => {
            state.pending = Some(Pending { call: call.clone() });
            state.expected_slot = None;
        }
        // "necesito turno para alisado, ¿cuánto demora?": the answer, and the booking's next
        // question, where nothing was asked yet.
        Plan::Call(ToolCall::GetPrices { .. } | ToolCall::GetHours { .. })
            if state.flow == Some(Flow::Book)
                && state.expected_slot.is_none()
                && state.pending.is_none()
                && state.offers.is_empty()
                && state.checked.is_none() =>
        {
            state.expected_slot = state.booking_missing();
        }
        Plan::Handoff => state.handed_off = true,
        Plan::Reply(ReplyTopic::Dropped) => state.let_go(),
        // "chau" in the middle of a booking: nothing stays pending ("quiero cambiar mi turno"
        // next is about a booking made, not the one left unfinished).
        Plan::Reply(ReplyTopic::Farewell) => state.end_flow(),
        Plan::Reply(topic) if topic.hands_off() => {
            state.end_flow();
            state.handed_off = true;
        }
        _ => {}
    }
    // "¿me anotás para barba?": what is not offered is said once, with what is alike
    // ("lo más parecido que tenemos: …"), and named as asked (so forgotten after the reply);
    // the booking goes on with a service from the list or one alike: "a las 13" or "sí"
    // next ask which one.
    let unknown = acted.last == Plan::Reply(ReplyTopic::UnknownService);
    if unknown {
        let asked = ex
            .slots
            .service_type
            .as_deref()
            .or(state.slots.service_type.as_deref())
            .unwrap_or_default();
        state.kin = req.ws.kin(asked).iter().map(|s| s.id.clone()).collect();
    }
    let (mut text, next_action) = nlg::render(&req.ws, state, ex, &acted.executed, &acted.last);
    if unknown {
        state.forget_unknown_service();
    }
    if nlg::tells_closed(&req.ws, state, &acted.last) {
        state.told_closed = state.resolved.date;
    }
    if nlg::tells_room(state, &acted.executed, &acted.last) {
        state.room_told = state.resolved.time;
    }
    // A message with no text (a sticker, an audio, a photo: n8n passes the text as empty)
    // is not a message to answer in kind: say what we can read (a question of a flow in
    // progress stands).
    if req.text.trim().is_empty() && matches!(acted.last, Plan::Reply(_)) {
        text = nlg::no_text(state);
    }
    let next_action = if state.pending.is_some() && next_action == NextAction::Reply {
        NextAction::AwaitConfirmation
    } else {
        next_action
    };
    (text, next_action)
}

/// The response of the contract.
#[allow(clippy::too_many_arguments)]
fn respond(
    req: &TurnRequest,
    route: Route,
    fallback: Option<FallbackReason>,
    ex: &Extraction,
    actions: Vec<Action>,
    last: &Plan,
    text: String,
    next_action: NextAction,
    t: &Timings,
    started: Instant,
) -> DecideResponse {
    let mut timings = Map::new();
    timings.insert("extract".into(), json!(round(t.extract)));
    timings.insert("plan".into(), json!(round(t.plan)));
    timings.insert("tools".into(), json!(round(t.tools)));
    timings.insert("nlg".into(), json!(round(t.nlg)));
    DecideResponse {
        contract_version: CONTRACT_VERSION.into(),
        request_id: req.request_id.clone(),
        conversation_id: req.conversation_id.clone(),
        message_id: req.message_id.clone(),
        route: route.as_str().into(),
        fallback_reason: fallback.map(|f| f.as_str().to_string()),
        intent: ex.intent,
        confidence: (ex.confidence.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
        slots: ex.slots.clone(),
        actions,
        reply: Reply { text },
        next_action,
        latency_ms: round(ms(started)),
        plan: last.to_json(),
        timings_ms: timings,
    }
}
