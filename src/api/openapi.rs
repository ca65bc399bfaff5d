//! `GET /openapi.json`: the API described as OpenAPI 3.1, built from the same JSON Schemas
//! the service validates against (`schemas/decide_*_v1.json`), so the description cannot
//! drift from what is enforced.

use std::sync::OnceLock;

use axum::Json;
use serde_json::{json, Value};

const REQUEST: &str = include_str!("../../schemas/decide_request_v1.json");
const RESPONSE: &str = include_str!("../../schemas/decide_response_v1.json");

fn schema(text: &str) -> Value {
    let mut v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    // Component schemas are referenced by position; their own ids would re-base refs.
    if let Some(o) = v.as_object_mut() {
        o.remove("$id");
        o.remove("$schema");
    }
    v
}

fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    })
}

fn retry_later(description: &str) -> Value {
    let mut p = problem(description);
    p["headers"] = json!({
        "Retry-After": {"description": "seconds to wait before retrying", "schema": {"type": "integer"}}
    });
    p
}

/// The whole document.
pub fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let admin = json!([{"admin": []}]);
        json!({
            "openapi": "3.1.0",
            "info": {
                "title": "Pulpo",
                "version": env!("CARGO_PKG_VERSION"),
                "description": "Answers a small business's WhatsApp customers: one customer message in, the understood intent and slots, the actions taken and the reply to send out. Errors are RFC 9457 problem documents with a stable `code`."
            },
            "paths": {
                "/v1/decide": {"post": {
                    "operationId": "decide",
                    "summary": "Understand one customer message, act on it and reply",
                    "description": "Retries with the same `message.id` are answered from the first answer (idempotent).",
                    "security": [{"workspaceKey": []}],
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DecideRequest"}}}},
                    "responses": {
                        "200": {"description": "the decision and the reply", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DecideResponse"}}}},
                        "400": problem("malformed JSON"),
                        "401": problem("missing or unknown API key"),
                        "403": problem("the key may not act on this workspace"),
                        "404": problem("unknown workspace"),
                        "408": problem("the body was not sent in time"),
                        "409": problem("the conversation is busy with another message"),
                        "413": problem("the body is too large"),
                        "415": problem("not application/json"),
                        "422": problem("the body does not match the request schema (the detail says where)"),
                        "429": retry_later("the workspace's rate limit"),
                        "503": retry_later("overloaded or not ready")
                    }
                }},
                "/health": {"get": {
                    "operationId": "health", "summary": "Liveness",
                    "responses": {"200": {"description": "the process answers", "content": {"application/json": {"schema": {"type": "object"}}}}}
                }},
                "/ready": {"get": {
                    "operationId": "ready", "summary": "Readiness: store, workspaces, flags and the model's state",
                    "responses": {
                        "200": {"description": "ready", "content": {"application/json": {"schema": {"type": "object"}}}},
                        "503": {"description": "not ready; `reasons` says why", "content": {"application/json": {"schema": {"type": "object"}}}}
                    }
                }},
                "/metrics": {"get": {
                    "operationId": "metrics", "summary": "Prometheus metrics (a bearer token when PULPO_METRICS_TOKEN is set)",
                    "responses": {"200": {"description": "text exposition format", "content": {"text/plain": {"schema": {"type": "string"}}}}, "401": problem("the metrics token is required")}
                }},
                "/openapi.json": {"get": {
                    "operationId": "openapi", "summary": "This document",
                    "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}
                }},
                "/admin/flags": {
                    "get": {"operationId": "getFlags", "summary": "The rollout flags", "security": admin,
                            "responses": {"200": {"description": "the flags", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": problem("admin token required")}},
                    "put": {"operationId": "putFlags", "summary": "Change the rollout flags (takes effect at once, on every replica)", "security": admin,
                            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {
                                "enable_slm_pipeline": {"type": "boolean"},
                                "slm_canary_percent": {"type": "integer", "minimum": 0, "maximum": 100},
                                "slm_shadow_percent": {"type": "integer", "minimum": 0, "maximum": 100}}}}}},
                            "responses": {"200": {"description": "the flags now", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": problem("admin token required"), "422": problem("invalid flags")}}
                },
                "/admin/stats": {"get": {"operationId": "stats", "summary": "Traffic by route, fallbacks and latencies", "security": admin,
                    "responses": {"200": {"description": "stats", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": problem("admin token required")}}},
                "/admin/workspaces": {"get": {"operationId": "workspaces", "summary": "The loaded workspaces", "security": admin,
                    "responses": {"200": {"description": "workspaces", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": problem("admin token required")}}},
                "/admin/bookings": {"get": {"operationId": "bookings", "summary": "Bookings by day and stylist (the owner's view), as JSON or CSV", "security": admin,
                    "parameters": [
                        {"name": "workspace_id", "in": "query", "schema": {"type": "string"}, "description": "optional when one workspace is served"},
                        {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "first day in the business's zone; today when absent"},
                        {"name": "days", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 92, "default": 14}},
                        {"name": "staff", "in": "query", "schema": {"type": "string"}, "description": "a staff id: visits where she does a service"},
                        {"name": "status", "in": "query", "schema": {"enum": ["confirmed", "all"], "default": "confirmed"}},
                        {"name": "format", "in": "query", "schema": {"enum": ["json", "csv"], "default": "json"}}
                    ],
                    "responses": {"200": {"description": "the visits", "content": {"application/json": {"schema": {"type": "object"}}, "text/csv": {"schema": {"type": "string"}}}}, "401": problem("admin token required"), "422": problem("a filter is not valid")}}},
                "/admin/conversation": {"get": {"operationId": "conversation", "summary": "A conversation's transcript with what each turn did", "security": admin,
                    "parameters": [
                        {"name": "workspace_id", "in": "query", "schema": {"type": "string"}},
                        {"name": "conversation_id", "in": "query", "required": true, "schema": {"type": "string"}}
                    ],
                    "responses": {"200": {"description": "the turns", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": problem("admin token required"), "404": problem("no such conversation")}}},
                "/admin/shadow/disagreements": {"get": {"operationId": "shadowDisagreements", "summary": "Where the shadow model reading disagreed with the rules (redacted)", "security": admin,
                    "responses": {"200": {"description": "disagreements", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": problem("admin token required")}}}
            },
            "components": {
                "securitySchemes": {
                    "workspaceKey": {"type": "http", "scheme": "bearer", "description": "a workspace API key (its SHA-256 is in the workspace file)"},
                    "admin": {"type": "http", "scheme": "bearer", "description": "PULPO_ADMIN_TOKEN"}
                },
                "schemas": {
                    "DecideRequest": schema(REQUEST),
                    "DecideResponse": schema(RESPONSE),
                    "Problem": {
                        "type": "object",
                        "required": ["type", "title", "status"],
                        "properties": {
                            "type": {"type": "string"},
                            "title": {"type": "string"},
                            "status": {"type": "integer"},
                            "detail": {"type": "string"},
                            "code": {"type": "string", "description": "stable, machine-readable"}
                        }
                    }
                }
            }
        })
    })
}

pub async fn openapi() -> Json<Value> {
    Json(document().clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_embeds_the_enforced_schemas_and_every_ref_resolves() {
        let doc = document();
        assert_eq!(doc["openapi"], "3.1.0");
        let req = schema(REQUEST);
        assert!(req.is_object());
        assert_eq!(doc["components"]["schemas"]["DecideRequest"], req);
        // Every internal $ref points at something that exists.
        fn refs(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(o) => {
                    if let Some(Value::String(r)) = o.get("$ref") {
                        out.push(r.clone());
                    }
                    o.values().for_each(|x| refs(x, out));
                }
                Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
                _ => {}
            }
        }
        let mut all = Vec::new();
        refs(doc, &mut all);
        assert!(!all.is_empty());
        for r in all {
            if let Some(path) = r.strip_prefix("#/") {
                let ptr = format!("/{path}");
                assert!(doc.pointer(&ptr).is_some(), "{r} resolves");
            }
        }
    }
}
