"""The region's HTTP/JSON API (pps-web) as a script or a browser uses it.

Python's standard library only (urllib, http.client): every service driven
over HTTP, accounts and sessions, CSRF, an API token, CSV bulk, Server-Sent
Events resumed after a disconnect, and the refusals.

Usage: web_api.py BASE_URL PPSCTL
(a region served by pps-region with its gateway at BASE_URL; PPSCTL to
manage its users, run against the same data directory.)
"""
import http.client
import json
import subprocess
import sys
import time
import urllib.parse

passed = 0
failed = 0


def check(condition, what):
    global passed, failed
    if condition:
        passed += 1
        print("ok   " + what)
    else:
        failed += 1
        print("FAIL " + what)
    return condition


class Client:
    """One HTTP client with its own cookie and CSRF token."""

    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port
        self.cookie = None
        self.csrf = None
        self.token = None

    def request(self, method, path, body=None, headers=None, content_type="application/json"):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=20)
        sent = dict(headers or {})
        if self.cookie:
            sent["Cookie"] = self.cookie
        if self.csrf and method != "GET" and "X-CSRF-Token" not in sent:
            sent["X-CSRF-Token"] = self.csrf
        if self.token:
            sent["Authorization"] = "Bearer " + self.token
        data = None
        if body is not None:
            data = body if isinstance(body, (bytes, str)) else json.dumps(body)
            if isinstance(data, str):
                data = data.encode("utf-8")   # http.client would send Latin-1
            sent["Content-Type"] = content_type
        connection.request(method, "/api/v1/" + path, body=data, headers=sent)
        response = connection.getresponse()
        raw = response.read()
        connection.close()
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:
            payload = raw
        return response.status, dict(response.getheaders()), payload

    def login(self, login, password):
        status, headers, body = self.request("POST", "login",
                                             {"login": login, "password": password})
        if status == 200:
            self.cookie = headers["Set-Cookie"].split(";")[0]
            self.csrf = body["csrf_token"]
        return status, headers, body


def ppsctl(ppsctl_path, args, stdin=""):
    return subprocess.run([ppsctl_path] + args, input=stdin, capture_output=True, text=True)


# ---------------------------------------------------------------- checks

def check_public(base):
    anonymous = Client(base)
    status, headers, doc = anonymous.request("GET", "openapi.json")
    check(status == 200 and doc["openapi"].startswith("3.") and len(doc["paths"]) > 100,
          "the OpenAPI document is served (%d paths)" % len(doc.get("paths", {})))
    status, headers, problem = anonymous.request("GET", "registry/list_regions")
    check(status == 401 and headers.get("Content-Type") == "application/problem+json"
          and problem["status"] == 401, "a call without credentials: 401 as a problem")


def check_login(base, admin_password):
    admin = Client(base)
    status, _, problem = admin.request("POST", "login", {"login": "admin", "password": "wrong-"
                                                          "password"})
    check(status == 401 and "wrong login or password" in problem["detail"],
          "a wrong password: 401")
    status, headers, body = admin.login("admin", admin_password)
    cookie = headers.get("Set-Cookie", "")
    check(status == 200 and body["role"] == "admin" and "HttpOnly" in cookie
          and "SameSite=Strict" in cookie, "admin logs in: an HttpOnly, SameSite=Strict cookie")
    status, _, me = admin.request("GET", "me")
    check(status == 200 and me["login"] == "admin", "GET me names the user")
    return admin


def check_csrf(admin):
    region = {"code": "32", "name": "Hauts-de-France", "ars_name": "ARS Hauts-de-France"}
    status, _, problem = admin.request("POST", "registry/create_region", region,
                                       headers={"X-CSRF-Token": "forged"})
    check(status == 403 and problem.get("field") == "X-CSRF-Token",
          "a write with the cookie but a wrong CSRF token: 403")
    status, _, body = admin.request("POST", "registry/create_region", region)
    check(status == 200 and body["code"] == "32", "the same write with its CSRF token: 200")


def check_services(admin):
    """One read and one write of every service, over HTTP."""
    status, _, body = admin.request("POST", "registry/create_establishment", {
        "code": "W01", "name": "MA du client HTTP", "region_code": "32", "kind": "MA",
        "capacity": 90, "departement_code": "59", "commune": "Lille"})
    check(status == 200 and body["kind"] == "MA" and int(body["id"]) > 0,
          "registry: create_establishment (enum by name, id as a 64-bit string)")
    establishment = body.get("id")
    status, _, body = admin.request("GET", "registry/list_establishments?region_code=32")
    check(status == 200 and len(body["items"]) == 1, "registry: list_establishments by query")
    writes = [
        ("projects/create_project", {"title": "Atelier nutrition", "establishment_id":
                                     establishment, "carrier": "HEALTH_UNIT",
                                     "created_on": "2024-03-01"}),
        ("training/create_offer", {"title": "Repérage de la crise suicidaire", "region_code": "32",
                                   "duration_minutes": 420, "provider_kind": "IREPS",
                                   "open_from": "2024-01-01"}),
        ("funding/create_funder", {"name": "ARS Hauts-de-France", "region_code": "32",
                                   "kind": "FIR", "level": "REGIONAL"}),
        ("notify/run_check", {}),
        ("indicators/finalise_bilan", {"region_code": "32", "year": 2024}),
    ]
    for path, body in writes:
        status, headers, reply = admin.request("POST", path, body)
        check(status == 200 and headers.get("Idempotency-Key"),
              "%s: write over HTTP, 200 with its Idempotency-Key (%s)"
              % (path, reply if status != 200 else "ok"))
    reads = ["projects/list_projects", "training/list_offers", "funding/list_funders",
             "notify/list_notifications", "indicators/list_bilans?region_code=32"]
    for path in reads:
        status, _, reply = admin.request("GET", path)
        check(status == 200, "%s: read over HTTP" % path)
    status, _, money = admin.request("GET", "funding/list_funders")
    return establishment


def check_refusals(admin):
    status, _, problem = admin.request("POST", "registry/create_person",
                                       {"full_name": "X", "colour": "blue"})
    check(status == 400 and problem.get("field") == "colour", "an unknown field: 400 naming it")
    status, _, problem = admin.request("POST", "registry/create_person",
                                       {"full_name": "X", "category": "ASTRONAUT"})
    check(status == 400 and problem.get("field") == "category", "an unknown enum name: 400")
    status, _, problem = admin.request("POST", "registry/create_person", "{not json")
    check(status == 400, "a body that is not JSON: 400")
    status, _, problem = admin.request("POST", "registry/create_person",
                                       {"region_code": "32", "category": "HEALTH_PROFESSIONAL"})
    check(status == 400 and problem.get("field", "").endswith("full_name"),
          "a missing required field: 400 naming it (%s)" % problem.get("field"))
    status, _, problem = admin.request("GET", "registry/no_such_operation")
    check(status == 404, "an unknown operation: 404")
    status, headers, problem = admin.request("GET", "registry/create_person")
    check(status == 405 and headers.get("Allow") == "POST", "a write by GET: 405, Allow: POST")
    status, _, problem = admin.request("GET", "registry/get_region?region_code=99")
    check(status == 404 and problem["status"] == 404, "a record that does not exist: 404")
    status, _, problem = admin.request("POST", "registry/create_person",
                                       {"full_name": "x" * 100000})
    check(status == 413, "a body over web/max_body_kb: 413")


def person(name):
    return {"full_name": name, "region_code": "32", "category": "HEALTH_PROFESSIONAL"}


def count_persons(client):
    return len(client.request("GET", "registry/list_persons?region_code=32")[2].get("items", []))


def check_idempotency(admin):
    before = count_persons(admin)
    key = {"Idempotency-Key": "web-test-replay-1"}
    first = admin.request("POST", "registry/create_person", person("Jeanne Replay"), headers=key)
    second = admin.request("POST", "registry/create_person", person("Jeanne Replay"), headers=key)
    check(first[0] == 200 and first[2] == second[2] and count_persons(admin) == before + 1,
          "an Idempotency-Key replayed: the first answer again, one person created")


def check_bulk(admin):
    before = count_persons(admin)
    csv = ("full_name,region_code,category\n"
           "Anne Import,32,HEALTH_PROFESSIONAL\n"
           "Bruno Import,32,PRISON_STAFF\n"
           "\"Chloé, Import\",32,SPIP_STAFF\n"
           "Denis Import,32,ASTRONAUT\n")
    status, _, summary = admin.request("POST", "registry/create_person", csv,
                                       content_type="text/csv")
    conflicts = summary.get("conflicts", []) if isinstance(summary, dict) else []
    check(status == 200 and summary["status"] == "WARNING"
          and summary["importCount"]["imported"] == 3 and summary["importCount"]["refused"] == 1
          and conflicts and conflicts[0]["line"] == 5 and conflicts[0]["field"] == "category",
          "a CSV of 4 rows: 3 imported, line 5 refused naming category (%s)" % summary)
    check(summary["importCount"]["ignored"] == 0, "a first post ignores no row (%s)" % summary)
    status, _, again = admin.request("POST", "registry/create_person", csv, content_type="text/csv")
    check(count_persons(admin) == before + 3,
          "the same file posted again creates nobody (%d persons, %d before)"
          % (count_persons(admin), before))
    counts = again.get("importCount", {}) if isinstance(again, dict) else {}
    check(status == 200 and counts.get("imported") == 0 and counts.get("ignored") == 3
          and counts.get("refused") == 1,
          "posted again: 0 imported, the 3 applied rows ignored, line 5 refused again (%s)"
          % again)
    key = {"Idempotency-Key": "web-test-replay-header"}
    first = admin.request("POST", "registry/create_person", person("Lucie Replay"), headers=key)
    second = admin.request("POST", "registry/create_person", person("Lucie Replay"), headers=key)
    check(first[1].get("Idempotent-Replayed") is None
          and second[1].get("Idempotent-Replayed") == "true",
          "a replayed write says so in Idempotent-Replayed, the first one does not")


def read_events(response, wanted, seconds):
    """Read SSE events until `wanted` have come or time is up."""
    events, current = [], {}
    deadline = time.monotonic() + seconds
    while len(events) < wanted and time.monotonic() < deadline:
        line = response.fp.readline().decode()
        if not line:
            break
        line = line.rstrip("\n")
        if not line:
            if "data" in current:
                events.append(current)
            current = {}
        elif not line.startswith(":") and ":" in line:
            key, value = line.split(":", 1)
            current[key] = value.strip()
    return events


def open_stream(client, last_event_id=None):
    connection = http.client.HTTPConnection(client.host, client.port, timeout=10)
    headers = {"Cookie": client.cookie}
    if last_event_id:
        headers["Last-Event-ID"] = last_event_id
    connection.request("GET", "/api/v1/events?topics=registry.person", headers=headers)
    response = connection.getresponse()
    return connection, response


def check_events(admin):
    connection, response = open_stream(admin)
    check(response.status == 200
          and response.getheader("Content-Type") == "text/event-stream", "events: a stream opens")
    time.sleep(0.3)
    admin.request("POST", "registry/create_person", person("Émile Live"))
    events = read_events(response, 1, 5)
    got = events and json.loads(events[0]["data"])
    check(events and events[0]["event"] == "registry.person.created"
          and got["person"]["full_name"] == "Émile Live" and got["actor"] == "admin",
          "events: the write arrives live, its actor the user's login")
    last_id = events[0]["id"] if events else ""
    connection.close()
    # Missed while away: sent first when the client comes back
    admin.request("POST", "registry/create_person", person("Fanny Missed"))
    connection, response = open_stream(admin, last_id)
    events = read_events(response, 1, 5)
    check(events and json.loads(events[0]["data"])["person"]["full_name"] == "Fanny Missed",
          "events: resumed with Last-Event-ID, the missed event comes first")
    connection.close()


def check_roles(base, ppsctl_path, admin):
    result = ppsctl(ppsctl_path, ["user", "add", "rita", "--name", "Rita Reader", "--role",
                                  "reader"], "reader-password-1\n")
    check(result.returncode == 0, "ppsctl user add a reader (%s)" % result.stderr.strip())
    reader = Client(base)
    reader.login("rita", "reader-password-1")
    status, _, _ = reader.request("GET", "registry/list_regions")
    check(status == 200, "a reader reads")
    status, _, problem = reader.request("POST", "registry/create_person", person("Nope"))
    check(status == 403, "a reader refused a write: 403")
    status, _, _ = reader.request("POST", "logout")
    status, _, _ = reader.request("GET", "registry/list_regions")
    check(status == 401, "after logout the session is gone: 401")

    # A locked account: five wrong passwords, then even the right one waits
    for _ in range(5):
        Client(base).request("POST", "login", {"login": "rita", "password": "wrong-password!"})
    status, headers, problem = Client(base).login("rita", "reader-password-1")
    check(status == 429 and "Retry-After" in headers and "locked" in problem["detail"],
          "after 5 failures the account is locked: 429 with Retry-After")

    # An API token: works as a bearer, then revoked
    result = ppsctl(ppsctl_path, ["token", "create", "import-script", "--role", "editor",
                                  "--by", "admin"])
    token = next((word for word in result.stdout.split() if word.startswith("ppst_")), None)
    check(result.returncode == 0 and token, "ppsctl token create prints the token once")
    script = Client(base)
    script.token = token
    status, _, body = script.request("POST", "registry/create_person", person("Gaston Script"))
    check(status == 200, "a bearer token writes")
    listing = ppsctl(ppsctl_path, ["token", "list", "--json"])
    token_id = None
    try:
        token_id = json.loads(listing.stdout)[0]["id"]
    except (ValueError, IndexError, KeyError, TypeError):
        pass
    ppsctl(ppsctl_path, ["token", "revoke", str(token_id)])
    status, _, _ = script.request("GET", "registry/list_regions")
    check(status == 401, "a revoked token: 401")


def main():
    base, ppsctl_path, admin_password = sys.argv[1], sys.argv[2], sys.argv[3]
    check_public(base)
    admin = check_login(base, admin_password)
    check_csrf(admin)
    check_services(admin)
    check_refusals(admin)
    check_idempotency(admin)
    check_bulk(admin)
    check_events(admin)
    check_roles(base, ppsctl_path, admin)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
