"""Writes docs/n8n-whatsapp-cloud.json: the three tries of the Pulpo request, the Graph API
sends and the IF nodes are each made by one function here, so they stay in step. Edit this
file, run `python3 scripts/make_cloud_workflow.py`, and check with scripts/n8n_e2e.sh."""
import json, pathlib, uuid
def nid(i): return f"c1a0d2e0-{i:04d}-4b7e-9a11-{i:012d}"
TM = "$('Text messages').item.json"
def decide_node(i, name, pos):
    return {
      "id": nid(i), "name": name, "type": "n8n-nodes-base.httpRequest", "typeVersion": 4.2,
      "position": pos, "retryOnFail": True, "maxTries": 2, "waitBetweenTries": 1000,
      "onError": "continueRegularOutput",
      "parameters": {
        "method": "POST",
        "url": "={{ ($env.PULPO_URL || 'http://127.0.0.1:8080') + '/v1/decide' }}",
        "sendHeaders": True,
        "headerParameters": {"parameters": [
          {"name": "Authorization", "value": "={{ 'Bearer ' + ($env.PULPO_API_KEY || 'demo-key') }}"},
          {"name": "X-Request-Id", "value": "={{ $execution.id }}"}]},
        "sendBody": True, "specifyBody": "json",
        "jsonBody": "={{ JSON.stringify({ workspace_id: $env.PULPO_WORKSPACE || 'demo-salon', conversation_id: 'wa:' + " + TM + ".from, message: { id: " + TM + ".message_id, text: " + TM + ".text, timestamp: " + TM + ".timestamp }, customer: { phone: '+' + " + TM + ".from, name: " + TM + ".name }, channel: 'whatsapp', metadata: { source: 'n8n-whatsapp-cloud', phone_number_id: " + TM + ".phone_number_id } }) }}",
        "options": {"timeout": 30000, "response": {"response": {"neverError": True, "fullResponse": True, "responseFormat": "json"}}}
      }}
def busy_if(i, name, pos):
    return {"id": nid(i), "name": name, "type": "n8n-nodes-base.if", "typeVersion": 2, "position": pos,
      "parameters": {"conditions": {"options": {"caseSensitive": True, "leftValue": "", "typeValidation": "loose"},
        "conditions": [{"id": str(uuid.UUID(int=i)), "leftValue": "={{ [429, 503].includes($json.statusCode) }}", "rightValue": "",
                        "operator": {"type": "boolean", "operation": "true", "singleValue": True}}],
        "combinator": "and"}, "options": {}}}
def wait_node(i, name, pos):
    return {"id": nid(i), "name": name, "type": "n8n-nodes-base.wait", "typeVersion": 1.1, "position": pos,
      "webhookId": str(uuid.UUID(int=1000 + i)),
      "parameters": {"resume": "timeInterval", "unit": "seconds",
        "amount": "={{ Math.min(30, Math.max(1, Number(($json.headers || {})['retry-after']) || 1)) }}"}}
def graph_node(i, name, pos, to_expr, body_expr):
    return {"id": nid(i), "name": name, "type": "n8n-nodes-base.httpRequest", "typeVersion": 4.2, "position": pos,
      "retryOnFail": True, "maxTries": 3, "waitBetweenTries": 2000, "onError": "continueRegularOutput",
      "parameters": {"method": "POST",
        "url": "={{ ($env.WHATSAPP_GRAPH_URL || 'https://graph.facebook.com/v21.0') + '/' + " + TM + ".phone_number_id + '/messages' }}",
        "sendHeaders": True,
        "headerParameters": {"parameters": [{"name": "Authorization", "value": "={{ 'Bearer ' + $env.WHATSAPP_TOKEN }}"}]},
        "sendBody": True, "specifyBody": "json",
        "jsonBody": "={{ JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: " + to_expr + ", type: 'text', text: { preview_url: false, body: " + body_expr + " } }) }}",
        "options": {"timeout": 15000}}}
APOLOGY = "'Perdón, ahora no puedo responderte. En un rato te escribe alguien del equipo.'"
NOTIFY = "'Pulpo: el cliente +' + " + TM + ".from + (" + TM + ".name ? ' (' + " + TM + ".name + ')' : '') + ' necesita una persona. Su último mensaje: «' + " + TM + ".text + '»'"
code = r"""// One item per customer text in the Cloud API payload (entry[].changes[].value.messages[]).
// Delivery and read receipts (value.statuses) carry no message: nothing to answer.
// Other message types (audio, image, …) get a short answer asking for text.
const out = [];
for (const item of $input.all()) {
  const body = item.json.body || {};
  for (const entry of body.entry || []) {
    for (const change of entry.changes || []) {
      const v = change.value || {};
      const names = {};
      for (const c of v.contacts || []) names[c.wa_id] = (c.profile || {}).name || null;
      for (const m of v.messages || []) {
        const isText = m.type === 'text' && m.text && typeof m.text.body === 'string';
        out.push({ json: {
          from: m.from,
          message_id: m.id,
          text: isText ? m.text.body : '',
          type: m.type,
          timestamp: m.timestamp,
          name: names[m.from] || null,
          phone_number_id: (v.metadata || {}).phone_number_id,
        } });
      }
    }
  }
}
return out;"""
nodes = [
  {"id": nid(1), "name": "WhatsApp Cloud (POST)", "type": "n8n-nodes-base.webhook", "typeVersion": 2, "position": [0, 0],
   "webhookId": "7a1d0c2e-0001-4c2d-8e6f-000000000001",
   "parameters": {"httpMethod": "POST", "path": "pulpo-whatsapp-cloud", "responseMode": "onReceived", "options": {}}},
  {"id": nid(2), "name": "WhatsApp Cloud verification (GET)", "type": "n8n-nodes-base.webhook", "typeVersion": 2, "position": [0, -300],
   "webhookId": "7a1d0c2e-0002-4c2d-8e6f-000000000002",
   "parameters": {"httpMethod": "GET", "path": "pulpo-whatsapp-cloud", "responseMode": "responseNode", "options": {}}},
  {"id": nid(3), "name": "Verify token matches?", "type": "n8n-nodes-base.if", "typeVersion": 2, "position": [240, -300],
   "parameters": {"conditions": {"options": {"caseSensitive": True, "leftValue": "", "typeValidation": "loose"},
     "conditions": [{"id": str(uuid.UUID(int=3)), "leftValue": "={{ !!$env.WHATSAPP_VERIFY_TOKEN && $json.query['hub.mode'] === 'subscribe' && $json.query['hub.verify_token'] === $env.WHATSAPP_VERIFY_TOKEN }}", "rightValue": "",
                     "operator": {"type": "boolean", "operation": "true", "singleValue": True}}], "combinator": "and"}, "options": {}}},
  {"id": nid(4), "name": "Answer the challenge", "type": "n8n-nodes-base.respondToWebhook", "typeVersion": 1.1, "position": [480, -380],
   "parameters": {"respondWith": "text", "responseBody": "={{ $json.query['hub.challenge'] }}", "options": {}}},
  {"id": nid(5), "name": "Refuse (wrong verify token)", "type": "n8n-nodes-base.respondToWebhook", "typeVersion": 1.1, "position": [480, -220],
   "parameters": {"respondWith": "text", "responseBody": "forbidden", "options": {"responseCode": 403}}},
  {"id": nid(6), "name": "Text messages", "type": "n8n-nodes-base.code", "typeVersion": 2, "position": [240, 0],
   "parameters": {"mode": "runOnceForAllItems", "jsCode": code}},
  {"id": nid(7), "name": "Text?", "type": "n8n-nodes-base.if", "typeVersion": 2, "position": [460, 0],
   "parameters": {"conditions": {"options": {"caseSensitive": True, "leftValue": "", "typeValidation": "loose"},
     "conditions": [{"id": str(uuid.UUID(int=7)), "leftValue": "={{ $json.type === 'text' && $json.text.length > 0 }}", "rightValue": "",
                     "operator": {"type": "boolean", "operation": "true", "singleValue": True}}], "combinator": "and"}, "options": {}}},
  graph_node(8, "Ask for text (Graph API)", [700, 200], TM + ".from", "'Por ahora solo puedo leer mensajes de texto. ¿Me lo escribís?'"),
  decide_node(9, "Ask Pulpo", [700, 0]),
  busy_if(10, "Busy? (1)", [920, 0]),
  wait_node(11, "Wait Retry-After (1)", [1140, -120]),
  decide_node(12, "Ask Pulpo again (2)", [1360, -120]),
  busy_if(13, "Busy? (2)", [1580, -120]),
  wait_node(14, "Wait Retry-After (2)", [1800, -240]),
  decide_node(15, "Ask Pulpo again (3)", [2020, -240]),
  {"id": nid(16), "name": "Pulpo answered?", "type": "n8n-nodes-base.if", "typeVersion": 2, "position": [2240, 0],
   "parameters": {"conditions": {"options": {"caseSensitive": True, "leftValue": "", "typeValidation": "loose"},
     "conditions": [{"id": str(uuid.UUID(int=16)), "leftValue": "={{ $json.statusCode }}", "rightValue": 200,
                     "operator": {"type": "number", "operation": "equals"}}], "combinator": "and"}, "options": {}}},
  graph_node(17, "Send the reply (Graph API)", [2480, -100], TM + ".from", "$json.body.reply.text"),
  {"id": nid(18), "name": "Hand off?", "type": "n8n-nodes-base.if", "typeVersion": 2, "position": [2480, 60],
   "parameters": {"conditions": {"options": {"caseSensitive": True, "leftValue": "", "typeValidation": "loose"},
     "conditions": [{"id": str(uuid.UUID(int=18)), "leftValue": "={{ $json.body.next_action === 'handoff' && !!$env.HANDOFF_NOTIFY_TO }}", "rightValue": "",
                     "operator": {"type": "boolean", "operation": "true", "singleValue": True}}], "combinator": "and"}, "options": {}}},
  graph_node(19, "Notify a person (Graph API)", [2720, 60], "$env.HANDOFF_NOTIFY_TO", NOTIFY),
  graph_node(20, "Send the apology (Graph API)", [2480, 240], TM + ".from", APOLOGY),
  {"id": nid(21), "name": "Notify? (Pulpo unreachable)", "type": "n8n-nodes-base.if", "typeVersion": 2, "position": [2480, 400],
   "parameters": {"conditions": {"options": {"caseSensitive": True, "leftValue": "", "typeValidation": "loose"},
     "conditions": [{"id": str(uuid.UUID(int=21)), "leftValue": "={{ !!$env.HANDOFF_NOTIFY_TO }}", "rightValue": "",
                     "operator": {"type": "boolean", "operation": "true", "singleValue": True}}], "combinator": "and"}, "options": {}}},
  graph_node(22, "Notify a person (Pulpo unreachable)", [2720, 400], "$env.HANDOFF_NOTIFY_TO", NOTIFY),
]
def c(*targets): return {"main": [[{"node": t, "type": "main", "index": 0} for t in grp] for grp in targets]}
connections = {
  "WhatsApp Cloud verification (GET)": c(["Verify token matches?"]),
  "Verify token matches?": c(["Answer the challenge"], ["Refuse (wrong verify token)"]),
  "WhatsApp Cloud (POST)": c(["Text messages"]),
  "Text messages": c(["Text?"]),
  "Text?": c(["Ask Pulpo"], ["Ask for text (Graph API)"]),
  "Ask Pulpo": c(["Busy? (1)"]),
  "Busy? (1)": c(["Wait Retry-After (1)"], ["Pulpo answered?"]),
  "Wait Retry-After (1)": c(["Ask Pulpo again (2)"]),
  "Ask Pulpo again (2)": c(["Busy? (2)"]),
  "Busy? (2)": c(["Wait Retry-After (2)"], ["Pulpo answered?"]),
  "Wait Retry-After (2)": c(["Ask Pulpo again (3)"]),
  "Ask Pulpo again (3)": c(["Pulpo answered?"]),
  "Pulpo answered?": c(["Send the reply (Graph API)", "Hand off?"], ["Send the apology (Graph API)", "Notify? (Pulpo unreachable)"]),
  "Hand off?": c(["Notify a person (Graph API)"], []),
  "Notify? (Pulpo unreachable)": c(["Notify a person (Pulpo unreachable)"], []),
}
wf = {"id": "pulpoWhatsappCloud1", "versionId": "9b2e6d41-3c7a-4f0e-8a52-1d3c5e7f9a02",
      "name": "Pulpo — WhatsApp Business Cloud API", "active": False,
      "settings": {"executionOrder": "v1"}, "tags": [], "nodes": nodes, "connections": connections, "pinData": {}}
out = pathlib.Path(__file__).resolve().parent.parent / "docs" / "n8n-whatsapp-cloud.json"
out.write_text(json.dumps(wf, indent=1, ensure_ascii=False))
print(len(nodes), "nodes")
