"""The `whatsapp_cloud` checks of scripts/n8n_e2e.sh: docs/n8n-whatsapp-cloud.json in a real n8n,
fed the WhatsApp Business Cloud API's own webhook payloads, answering through a local stand-in
of the Graph API (scripts/n8n_standins.py records what it is sent).

Usage: python3 n8n_cloud_checks.py up|down   (up: Pulpo running; down: Pulpo and its proxy stopped)
Environment: HOOK (the workflow's webhook URL), LOG_DIR (the stand-ins' logs), FROM (customer
number), NOTIFY_TO (the person handoffs go to), TOKEN (the Graph API token the workflow sends),
VERIFY_TOKEN, RUN (a unique run id).
"""
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

HOOK = os.environ["HOOK"]
LOG = os.environ["LOG_DIR"]
FROM = os.environ["FROM"]
NOTIFY_TO = os.environ["NOTIFY_TO"]
TOKEN = os.environ["TOKEN"]
VERIFY = os.environ["VERIFY_TOKEN"]
RUN = os.environ["RUN"]
PHONE_NUMBER_ID = "109876543210"
FAILS = []
SEQ = [0]


def lines(name):
    try:
        with open(f"{LOG}/{name}.jsonl", encoding="utf-8") as f:
            return [json.loads(x) for x in f if x.strip()]
    except FileNotFoundError:
        return []


def payload(messages, statuses=None):
    """A webhook body as Meta sends it (one entry, one change)."""
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "5491100000000", "phone_number_id": PHONE_NUMBER_ID},
    }
    if messages:
        value["contacts"] = [{"profile": {"name": "Ana Gómez"}, "wa_id": FROM}]
        value["messages"] = messages
    if statuses:
        value["statuses"] = statuses
    return {"object": "whatsapp_business_account",
            "entry": [{"id": "102290129340398", "changes": [{"value": value, "field": "messages"}]}]}


def text_message(text, suffix=""):
    SEQ[0] += 1
    return {"from": FROM, "id": f"wamid.cloud.{RUN}.{SEQ[0]}{suffix}", "timestamp": str(int(time.time())),
            "type": "text", "text": {"body": text}}


def post(body):
    req = urllib.request.Request(HOOK, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status


def sent_to(number, since):
    return [g for g in lines("graph") if g["at"] >= since and (g.get("body") or {}).get("to") == number]


def wait_sent(number, since, n=1, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        got = sent_to(number, since)
        if len(got) >= n:
            return got
        time.sleep(0.3)
    return sent_to(number, since)


def check(name, fn):
    try:
        detail = fn()
        print(f"ok   whatsapp_cloud {name}: {detail}")
    except AssertionError as e:
        print(f"FAIL whatsapp_cloud {name}: {e}")
        FAILS.append(name)


def say(text, suffix="", expect=1):
    """Posts one customer text; returns the Graph API messages sent to the customer."""
    since = time.time()
    status = post(payload([text_message(text, suffix)]))
    assert status == 200, f"webhook answered {status}"
    got = wait_sent(FROM, since, expect)
    assert len(got) >= expect, f"{len(got)} message(s) sent to the customer, expected {expect}"
    return got


def up():
    def verification():
        q = urllib.parse.urlencode({"hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "1158201444"})
        with urllib.request.urlopen(f"{HOOK}?{q}", timeout=15) as r:
            body = r.read().decode()
        assert body == "1158201444", f"challenge answered {body!r}"
        q = urllib.parse.urlencode({"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"})
        try:
            urllib.request.urlopen(f"{HOOK}?{q}", timeout=15)
            raise AssertionError("a wrong verify token was accepted")
        except urllib.error.HTTPError as e:
            assert e.code == 403, f"wrong token answered {e.code}"
        return "challenge echoed, wrong token 403"

    def price():
        g = say("Hola! cuánto sale el corte?")[0]
        assert g["path"] == f"/v21.0/{PHONE_NUMBER_ID}/messages", g["path"]
        assert g["authorization"] == f"Bearer {TOKEN}", g["authorization"]
        b = g["body"]
        assert b["messaging_product"] == "whatsapp" and b["type"] == "text", b
        assert "$18.000" in b["text"]["body"], b["text"]["body"]
        return b["text"]["body"][:80]

    def booking():
        ask = say("quiero turno para corte el viernes a las 5")[-1]["body"]["text"]["body"]
        # The profile name from contacts[].profile.name is offered for the booking: a yes takes it.
        offered = "Ana Gómez" in ask
        confirm = say("sí" if offered else "Ana Gómez")[-1]["body"]["text"]["body"]
        assert "Ana Gómez" in confirm and "¿Lo reservo?" in confirm, confirm
        done = say("sí")[-1]["body"]["text"]["body"]
        m = re.search(r"\bBK-\w+", done)
        assert m, done
        return m.group(0)

    def retry_after():
        since = time.time()
        got = say("hola, ¿hacen mechas?", suffix=".busy")
        tries = [p for p in lines("proxy") if p["message_id"].endswith(".busy") and p["at"] >= since]
        assert len(tries) == 2, f"{len(tries)} tries reached Pulpo, expected 2"
        gap = tries[1]["at"] - tries[0]["at"]
        assert gap >= 1.9, f"retried after {gap:.2f} s; Retry-After said 2"
        return f"429 waited out ({gap:.1f} s), then answered: {got[0]['body']['text']['body'][:50]}"

    def handoff():
        since = time.time()
        got = say("quiero hablar con una persona")
        notes = wait_sent(NOTIFY_TO, since)
        assert notes, "nobody was notified"
        note = notes[0]["body"]["text"]["body"]
        assert FROM in note and "persona" in note, note
        return f"customer told «{got[0]['body']['text']['body'][:40]}…», person notified"

    def receipts_and_media():
        since = time.time()
        post(payload([], statuses=[{"id": "wamid.x", "status": "delivered", "timestamp": str(int(time.time())),
                                    "recipient_id": FROM}]))
        SEQ[0] += 1
        audio = {"from": FROM, "id": f"wamid.cloud.{RUN}.{SEQ[0]}", "timestamp": str(int(time.time())),
                 "type": "audio", "audio": {"id": "123", "mime_type": "audio/ogg"}}
        post(payload([audio]))
        got = wait_sent(FROM, since)
        time.sleep(2)
        got = sent_to(FROM, since)
        assert len(got) == 1, f"{len(got)} messages for a receipt and an audio, expected 1"
        assert "texto" in got[0]["body"]["text"]["body"], got[0]["body"]["text"]["body"]
        return "a receipt answers nothing; an audio is asked for in text"

    for name, fn in [("verification", verification), ("price", price), ("booking", booking),
                     ("retry_after", retry_after), ("handoff", handoff),
                     ("receipts_and_media", receipts_and_media)]:
        check(name, fn)


def down():
    def apology():
        since = time.time()
        got = say("hola?")
        assert got[0]["body"]["text"]["body"].startswith("Perdón"), got[0]["body"]["text"]["body"]
        assert wait_sent(NOTIFY_TO, since), "nobody was notified"
        return "apology sent, person notified"

    check("pulpo_down", apology)


if __name__ == "__main__":
    {"up": up, "down": down}[sys.argv[1]]()
    sys.exit(1 if FAILS else 0)
