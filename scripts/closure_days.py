"""Prints test-clock instants (RFC 3339) next to each closure of a workspace file: the day
before each closure and three days before it, at 10:00 in the workspace's time zone.
scripts/test.sh runs the date-sensitive tests once per instant (PULPO_NOW)."""
import datetime
import sys
import tomllib
from zoneinfo import ZoneInfo

ws = tomllib.load(open(sys.argv[1], "rb"))
tz = ZoneInfo(ws.get("timezone", "UTC"))
seen = []
for c in ws.get("hours", {}).get("closures", []):
    day = datetime.date.fromisoformat(c)
    for back in (1, 3):
        d = day - datetime.timedelta(days=back)
        inst = datetime.datetime(d.year, d.month, d.day, 10, tzinfo=tz).isoformat()
        if inst not in seen:
            seen.append(inst)
print(" ".join(seen))
