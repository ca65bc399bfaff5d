//! The owner's view (admin token): upcoming bookings by day and stylist, as JSON or CSV, and
//! a conversation's transcript with what each turn did. Behind `/bookings`.

use std::sync::Arc;

use axum::extract::{Query, Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone};
use serde::Deserialize;
use serde_json::{json, Value};

use super::auth;
use super::error::ApiError;
use super::state::AppState;
use crate::domain::actions::{BookingInfo, BookingStatus};
use crate::domain::catalog::Workspace;
use crate::store::BookingQuery;

/// The most days one listing covers.
const MAX_DAYS: i64 = 92;
/// The most turns a transcript shows (the latest ones).
const MAX_TURNS: usize = 500;

#[derive(Debug, Deserialize)]
pub struct BookingsQuery {
    pub workspace_id: Option<String>,
    /// First day, `YYYY-MM-DD` in the business's zone (today when absent).
    pub from: Option<String>,
    /// Days from `from` (default 14, at most 92).
    pub days: Option<String>,
    /// A staff id: only visits where she does a service.
    pub staff: Option<String>,
    /// `confirmed` (default) or `all` (cancelled ones too).
    pub status: Option<String>,
    /// `csv` for a spreadsheet; JSON otherwise.
    pub format: Option<String>,
}

fn workspace(state: &AppState, id: Option<&str>) -> Result<Arc<Workspace>, ApiError> {
    let id = match id {
        Some(id) => id.to_string(),
        // One business on the box: it needs no naming.
        None if state.workspaces.len() == 1 => {
            state.workspaces.keys().next().cloned().unwrap_or_default()
        }
        None => {
            return Err(ApiError::Validation(
                "workspace_id: several workspaces are served; say which".into(),
            ))
        }
    };
    state
        .workspaces
        .get(&id)
        .cloned()
        .ok_or_else(|| ApiError::UnknownWorkspace(id.chars().take(64).collect()))
}

fn store_down(e: crate::store::StoreError) -> ApiError {
    tracing::error!(error = %e, "OWNER view could not read the store");
    ApiError::NotReady("the store is not available right now".into())
}

/// One visit as the owner reads it: names, not ids.
fn visit_json(ws: &Workspace, v: &BookingInfo, conversation_id: &str) -> Value {
    let name = |id: &str| {
        ws.staff_member(id)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let end = v.date.and_time(v.time) + Duration::minutes(i64::from(v.total_minutes()));
    let services: Vec<&str> = std::iter::once(v.service_name.as_str())
        .chain(v.then.iter().map(|p| p.service_name.as_str()))
        .collect();
    let staff_ids: Vec<&str> = std::iter::once(v.staff.as_str())
        .chain(v.then.iter().map(|p| p.staff.as_str()))
        .collect();
    let mut staff: Vec<String> = staff_ids.iter().map(|s| name(s)).collect();
    staff.dedup();
    let price: u64 = v
        .service_ids()
        .iter()
        .filter_map(|id| ws.service(id))
        .map(|s| s.price)
        .sum();
    json!({
        "booking_id": v.booking_id,
        "date": v.date,
        "time": v.time.format("%H:%M").to_string(),
        "end": end.time().format("%H:%M").to_string(),
        "services": services,
        "staff_ids": staff_ids,
        "staff": staff,
        "customer_name": v.customer_name,
        "customer_phone": v.customer_phone,
        "contact_phone": v.contact_phone,
        "status": if v.status == BookingStatus::Confirmed { "confirmed" } else { "cancelled" },
        "price": price,
        "conversation_id": conversation_id,
    })
}

/// A CSV field: quoted, and a leading `= + - @` neutralised (a spreadsheet would run it).
fn csv_field(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_string()
    };
    format!("\"{}\"", v.replace('"', "\"\""))
}

pub async fn bookings(
    State(state): State<Arc<AppState>>,
    Query(q): Query<BookingsQuery>,
    req: Request,
) -> Result<Response, ApiError> {
    auth::admin(req.headers(), state.config.admin_token.as_deref())?;
    let ws = workspace(&state, q.workspace_id.as_deref())?;
    let today = state
        .pipeline
        .clock
        .now()
        .with_timezone(&ws.tz)
        .date_naive();
    let from = match q.from.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            ApiError::Validation(format!(
                "from: `{}` is not YYYY-MM-DD",
                s.chars().take(20).collect::<String>()
            ))
        })?,
        None => today,
    };
    let days = match q.days.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => s
            .parse::<i64>()
            .ok()
            .filter(|d| (1..=MAX_DAYS).contains(d))
            .ok_or_else(|| ApiError::Validation(format!("days: a number from 1 to {MAX_DAYS}")))?,
        None => 14,
    };
    let all = match q.status.as_deref() {
        None | Some("") | Some("confirmed") => false,
        Some("all") => true,
        Some(_) => return Err(ApiError::Validation("status: `confirmed` or `all`".into())),
    };
    let staff = q.staff.as_deref().filter(|s| !s.is_empty());
    if let Some(s) = staff {
        if ws.staff_member(s).is_none() {
            return Err(ApiError::Validation(format!(
                "staff: `{}` is not on this workspace's staff",
                s.chars().take(40).collect::<String>()
            )));
        }
    }
    let utc = |d: NaiveDate| {
        ws.tz
            .from_local_datetime(&d.and_time(NaiveTime::MIN))
            .earliest()
            .map(|t| t.with_timezone(&chrono::Utc))
    };
    let rows = state
        .pipeline
        .store
        .find_bookings(
            &ws.id,
            &BookingQuery {
                from_utc: utc(from),
                to_utc: utc(from + Duration::days(days)),
                only_confirmed: !all,
                ..Default::default()
            },
        )
        .await
        .map_err(store_down)?;
    let conversation_of: std::collections::HashMap<&str, &str> = rows
        .iter()
        .map(|r| (r.booking_id.as_str(), r.conversation_id.as_str()))
        .collect();
    let visits: Vec<Value> = crate::tools::builtin::visits(&ws, &rows)
        .iter()
        .filter(|v| staff.is_none_or(|s| v.staff == s || v.then.iter().any(|p| p.staff == s)))
        .map(|v| {
            let conversation = conversation_of.get(v.booking_id.as_str()).copied();
            visit_json(&ws, v, conversation.unwrap_or_default())
        })
        .collect();
    if q.format.as_deref() == Some("csv") {
        let mut out = String::from(
            "codigo,fecha,hora,fin,servicios,profesionales,cliente,telefono,telefono_contacto,estado,precio,conversacion\n",
        );
        for v in &visits {
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            let list = |k: &str| {
                v[k].as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join(" + ")
                    })
                    .unwrap_or_default()
            };
            let row = [
                s("booking_id"),
                s("date"),
                s("time"),
                s("end"),
                list("services"),
                list("staff"),
                s("customer_name"),
                s("customer_phone"),
                s("contact_phone"),
                s("status"),
                v["price"].to_string(),
                s("conversation_id"),
            ];
            let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
            out.push_str(&fields.join(","));
            out.push('\n');
        }
        let name = format!("turnos-{}-{from}.csv", ws.id);
        return Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
            ],
            out,
        )
            .into_response());
    }
    Ok(Json(json!({
        "workspace_id": ws.id,
        "from": from,
        "days": days,
        "bookings": visits,
    }))
    .into_response())
}

#[derive(Debug, Deserialize)]
pub struct ConversationQuery {
    pub workspace_id: Option<String>,
    pub conversation_id: Option<String>,
}

/// A conversation's transcript: each turn with what the customer wrote, what Pulpo answered,
/// and what it did (intent, route, fallback, tool calls and their outcome).
pub async fn conversation(
    State(state): State<Arc<AppState>>,
    Query(q): Query<ConversationQuery>,
    req: Request,
) -> Result<Json<Value>, ApiError> {
    auth::admin(req.headers(), state.config.admin_token.as_deref())?;
    let ws = workspace(&state, q.workspace_id.as_deref())?;
    let Some(conv) = q.conversation_id.filter(|c| !c.is_empty()) else {
        return Err(ApiError::Validation("conversation_id is required".into()));
    };
    let store = &state.pipeline.store;
    let messages = store
        .conversation_messages(&ws.id, &conv, MAX_TURNS)
        .await
        .map_err(store_down)?;
    let current = store
        .load_conversation(&ws.id, &conv)
        .await
        .map_err(store_down)?;
    if messages.is_empty() && current.is_none() {
        return Err(ApiError::NotFound(format!(
            "no conversation `{}` in {}",
            conv.chars().take(128).collect::<String>(),
            ws.id
        )));
    }
    let turns: Vec<Value> = messages
        .iter()
        .map(|m| {
            let r = m.response.clone().unwrap_or(Value::Null);
            let actions: Vec<Value> = r["actions"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| json!({"tool": x["tool"], "status": x["status"], "args": x["args"]}))
                        .collect()
                })
                .unwrap_or_default();
            json!({
                "message_id": m.message_id,
                "at": m.created_at.with_timezone(&ws.tz).format("%Y-%m-%d %H:%M:%S").to_string(),
                "text": m.text,
                "route": m.route,
                "intent": m.intent,
                "fallback_reason": r["fallback_reason"],
                "reply": r["reply"]["text"],
                "next_action": r["next_action"],
                "actions": actions,
            })
        })
        .collect();
    let state_json = current.map(|(s, _)| {
        json!({
            "flow": s.flow,
            "turns": s.turns,
            "handed_off": s.handed_off,
            "last_booking": s.last_booking,
            "lang": s.lang,
        })
    });
    Ok(Json(json!({
        "workspace_id": ws.id,
        "conversation_id": conv,
        "state": state_json,
        "turns": turns,
    })))
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_cannot_become_formulas() {
        assert_eq!(csv_field("Ana \"la\" Gómez"), "\"Ana \"\"la\"\" Gómez\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+54 9 11"), "\"'+54 9 11\"");
        assert_eq!(csv_field("@Bea"), "\"'@Bea\"");
        assert_eq!(csv_field("5491155551234"), "\"5491155551234\"");
    }
}
