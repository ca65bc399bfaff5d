"""The smoke checks that send many requests (scripts/smoke.sh canary|routing).

canary:  1000 fixed conversation ids; the share on slm is within 3 points of the flags'. The
         ids are fixed, so the share is a property of the flags and the canary salt, not of
         chance: the same server gives the same answer twice.
routing: one conversation id 50 times gets one route.
A 429/503 is waited out after its Retry-After, as a well-behaved client does.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

URL = os.environ.get("PULPO_URL", "http://127.0.0.1:8080")
KEY = os.environ.get("PULPO_API_KEY", "demo-key")


def decide(conversation_id, message_id, text="hola"):
    body = {"workspace_id": "demo-salon", "conversation_id": conversation_id,
            "message": {"id": message_id, "text": text}}
    req = urllib.request.Request(URL + "/v1/decide", data=json.dumps(body).encode(), method="POST",
                                 headers={"Authorization": "Bearer " + KEY,
                                          "Content-Type": "application/json"})
    for _ in range(50):
        try:
            return json.load(urllib.request.urlopen(req, timeout=30))
        except urllib.error.HTTPError as e:
            if e.code not in (429, 503):
                raise SystemExit(f"{e.code}: {e.read().decode()[:300]}")
            time.sleep(float(e.headers.get("Retry-After") or 1))
    raise SystemExit("still refused after 50 tries")


def ready_flags():
    try:
        return json.load(urllib.request.urlopen(URL + "/ready"))["flags"]
    except urllib.error.HTTPError as e:  # 503 while the model loads still says the flags
        return json.load(e)["flags"]


def canary():
    flags = ready_flags()
    want = flags["slm_canary_percent"] if flags["enable_slm_pipeline"] else 0
    n = 1000
    slm = sum(decide(f"smoke-canary-{i}", f"smoke-canary-{i}-1")["route"] == "slm" for i in range(n))
    share = slm / n * 100
    print(f"slm share {share:.1f}% over {n} conversations (flags: {want}%)")
    assert abs(share - want) <= 3, "route distribution off by more than 3 points"


def routing():
    stamp = time.time_ns()
    routes = {decide("smoke-routing-1", f"r{i}-{stamp}")["route"] for i in range(50)}
    assert len(routes) == 1, f"route changed: {routes}"
    print(f"ok  50 calls, always {routes.pop()}")


if __name__ == "__main__":
    {"canary": canary, "routing": routing}[sys.argv[1]]()
