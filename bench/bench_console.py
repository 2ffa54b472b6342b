#!/usr/bin/python3
"""The console's speed and weight as a browser sees them: a benchmark, not a
test (nothing is asserted; every figure is printed next to a raw baseline
measured in the same run). Issue 15, "Performance (benchmark, not test)".

Run by bench/console.sh, which starts the region (with the sample, its
gateway on a free loopback port), bootstraps an admin and gives:

    bench_console.py BASE_URL REGION_PID          (ADMIN_PASSWORD in the environment)
    bench_console.py --sink PORT                  (a national stand-in: answers 201 to a push)

What is measured, in Debian's Chromium headless driven by Selenium (the same
flags as tests/browser/browser.py), each page loaded N times (default 20) from
about:blank, cold (cache disabled through CDP Network.setCacheDisabled: every
byte fetched again) and warm (cache on: the assets are revalidated by their
ETag, 304; the API answers are no-store), the two alternating, the pages
round-robin, after one untimed load of each:

  first render   first-contentful-paint (performance.getEntriesByType('paint'))
  complete       the console's 'pps:page-drawn' mark (console/common/shell.js),
                 whose startTime is relative to the navigation's start; for the
                 login page, which has no such mark, a mark set by a script
                 injected before the page's own (Page.addScriptToEvaluateOnNewDocument)
                 when #login-form enters the document
  bytes          navigation + every resource entry (scripts, style, API fetches):
                 transferSize (headers + body as sent) and encodedBodySize (the
                 bodies as sent, before decoding; a 304 counts none)
  waterfall      each request's start, its wait for a connection (startTime ->
                 requestStart), time to first byte (requestStart -> responseStart:
                 the server's part) and end, median over the loads, and the time
                 before the mark with some request in flight

Raw baselines of the same run: the navigation to a static file
(/common/app.css, 9.6 kB, shown as text: its first paint), fetch() of that file
and of GET /api/v1/me from a page of the console's origin (Resource Timing),
and the same two GETs by urllib (a new connection each).

Memory: VmRSS and VmHWM (and RssAnon, RssFile) of the region from
/proc/PID/status before the loads, after them, and again after BENCH_IDLE_S;
the peak is reset before the loads (echo 5 > /proc/PID/clear_refs) so that
VmHWM after is the peak during them, and VmRSS is also sampled every 20 ms
(the highest, and what was loading then). console.sh measures the same
program with web/bind off in the same run and passes it as BENCH_OFF_STATUS
(the status lines, ';'-separated).

Percentiles are nearest-rank: with 20 loads p50 is the 10th, p95 the 19th.
A load whose paint or mark did not come within 30 s is counted apart ("loads
failed", with the last requests it finished) and left out of the percentiles.

Environment: BENCH_LOADS (20), BENCH_PACE_S (1: the pause on about:blank before
each load; at 0 the pages follow each other back to back and the server's
lingering event streams reach its 32 connections per address, see
console.sh's closing lines), BENCH_IDLE_S (35: the wait before the last RSS,
once kept-alive connections timed out; 0 skips it), BENCH_BFCACHE (0: Chromium
runs with its back/forward cache off, see Browser).
"""
import argparse
import http.cookiejar
import http.server
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

# ---------------------------------------------------------------- the national stand-in


def run_sink(port):
    """Answers 201 to every POST (the outbox counts the bilan delivered) and
    200 {} to anything else, so the sample finalises its bilans and nothing
    retries during the measure."""
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def reply(self, status):
            body = b"{}"
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            self.reply(201)

        def do_GET(self):
            self.reply(200)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.serve_forever()


# ---------------------------------------------------------------- figures


def pct(values, p):
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100.0 * len(ordered)))
    return ordered[rank - 1]


def ms(value):
    return "—" if value is None else f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def kb(value):
    return "—" if value is None else f"{value / 1000:.1f}"


def trio(values):
    return f"{ms(pct(values, 50))} / {ms(pct(values, 95))} / {ms(max(values) if values else None)}"


def proc_status(pid):
    wanted = ("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem", "Threads")
    found = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in wanted:
                found[key] = int(value.split()[0])
    return found


def parse_status_lines(text):
    found = {}
    for line in (text or "").split(";"):
        key, _, value = line.partition(":")
        if key.strip() and value.strip():
            found[key.strip()] = int(value.split()[0])
    return found


def mib(kib):
    return "—" if kib is None else f"{kib / 1024:.1f}"


# ---------------------------------------------------------------- the browser

LOGIN_MARK_SCRIPT = """
(() => {
  let done = false;
  const seen = () => {
    if (!done && document.getElementById ('login-form')) {
      done = true;
      performance.mark ('bench:login-drawn');
      observer.disconnect ();
    }
  };
  const observer = new MutationObserver (seen);
  observer.observe (document, { childList: true, subtree: true });
}) ();
"""

# Resolves once the page's first contentful paint and its 'drawn' mark are
# both there (or after timeoutMs), with the timings and every resource entry.
COLLECT_SCRIPT = """
const [markName, detail, timeoutMs] = arguments;
const done = arguments [arguments.length - 1];
const started = performance.now ();
let finished = false;
const rel = url => { try { const u = new URL (url); return u.pathname + u.search; } catch (e) { return url; } };
function collect (error) {
  if (finished) return;
  finished = true;
  const nav = performance.getEntriesByType ('navigation') [0];
  const fcp = performance.getEntriesByName ('first-contentful-paint', 'paint') [0];
  const marks = markName ? performance.getEntriesByName (markName, 'mark').filter (m => !detail || m.detail === detail) : [];
  done (JSON.stringify ({
    error: error || null,
    fcp: fcp ? fcp.startTime : null,
    drawn: marks.length ? marks [0].startTime : null,
    drawnPath: location.hash,
    nav: nav ? { name: rel (nav.name), startTime: 0, requestStart: nav.requestStart, responseStart: nav.responseStart,
                 responseEnd: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
                 transferSize: nav.transferSize, encodedBodySize: nav.encodedBodySize,
                 decodedBodySize: nav.decodedBodySize, status: nav.responseStatus } : null,
    resources: performance.getEntriesByType ('resource').map (r => ({
      name: rel (r.name), type: r.initiatorType, startTime: r.startTime, requestStart: r.requestStart,
      connectStart: r.connectStart, connectEnd: r.connectEnd,
      responseStart: r.responseStart, responseEnd: r.responseEnd, transferSize: r.transferSize,
      encodedBodySize: r.encodedBodySize, decodedBodySize: r.decodedBodySize, status: r.responseStatus })),
  }));
}
function check () {
  const fcp = performance.getEntriesByName ('first-contentful-paint', 'paint').length;
  const marks = !markName || performance.getEntriesByName (markName, 'mark').filter (m => !detail || m.detail === detail).length;
  if (fcp && marks)
    collect (null);
}
const observer = new PerformanceObserver (check);
observer.observe ({ entryTypes: ['mark', 'paint'] });
check ();
setTimeout (() => collect (`waited ${timeoutMs} ms for the paint and the mark ${markName}`), timeoutMs);
"""

# Times n fetches of url one after the other (Resource Timing), cache bypassed.
FETCH_SCRIPT = """
const [url, count] = arguments;
const done = arguments [arguments.length - 1];
(async () => {
  const times = [];
  for (let index = 0; index < count; index++) {
    performance.clearResourceTimings ();
    const response = await fetch (url, { cache: 'no-store', credentials: 'same-origin' });
    await response.arrayBuffer ();
    await new Promise (resolve => setTimeout (resolve, 0));
    const entry = performance.getEntriesByType ('resource').find (r => r.name.endsWith (url));
    times.push ({ duration: entry ? entry.duration : null, ttfb: entry ? entry.responseStart - entry.requestStart : null,
                  status: response.status, transferSize: entry ? entry.transferSize : null });
  }
  done (JSON.stringify (times));
}) ().catch (error => done (JSON.stringify ({ error: String (error) })));
"""


class Browser:
    def __init__(self, base):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.base = base.rstrip("/")
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1280,800",
                         "--lang=fr-FR", "--no-first-run", "--password-store=basic"):
            options.add_argument(argument)
        # A page left for about:blank would otherwise be kept in the
        # back/forward cache with its EventSource open: each one holds one of
        # the 6 connections Chromium opens to a host over HTTP/1.1 until a
        # keep-alive comment (every 15 s) evicts it, and the next loads
        # stall for up to 30 s (BENCH_BFCACHE=1 keeps Chromium's default to
        # see it). Each load here is a fresh one, as a person's first.
        self.bfcache = os.environ.get("BENCH_BFCACHE", "0") == "1"
        if not self.bfcache:
            options.add_argument("--disable-features=BackForwardCache")
        options.add_experimental_option("prefs", {"intl.accept_languages": "fr-FR,fr"})
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(30)
        self.driver.set_script_timeout(40)
        self.cdp("Network.enable", {})
        self.cold = None
        self.pace = float(os.environ.get("BENCH_PACE_S", "1"))
        self.version = self.driver.capabilities.get("browserVersion", "?")

    def cdp(self, command, params):
        return self.driver.execute_cdp_cmd(command, params)

    def set_cold(self, cold):
        if self.cold != cold:
            self.cdp("Network.setCacheDisabled", {"cacheDisabled": bool(cold)})
            self.cold = cold

    def load(self, fragment, mark, detail, cold):
        """One full navigation from about:blank, after the pause; the
        page's figures."""
        self.set_cold(cold)
        self.driver.get("about:blank")
        time.sleep(self.pace)
        self.driver.get(f"{self.base}/{fragment}")
        result = json.loads(self.driver.execute_async_script(COLLECT_SCRIPT, mark, detail, 30000))
        return result

    def login(self, login, password):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import WebDriverWait

        self.set_cold(False)
        self.driver.get("about:blank")
        self.driver.get(f"{self.base}/")
        wait = WebDriverWait(self.driver, 20)
        wait.until(EC.presence_of_element_located((By.ID, "login-form")))
        self.driver.find_element(By.ID, "login").send_keys(login)
        self.driver.find_element(By.ID, "password").send_keys(password)
        self.driver.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.ID, "logout")))

    def fetch_times(self, url, count):
        return json.loads(self.driver.execute_async_script(FETCH_SCRIPT, url, count))

    def quit(self):
        self.driver.quit()


# ---------------------------------------------------------------- one load's figures


def bytes_of(result):
    nav = result.get("nav") or {}
    resources = result.get("resources") or []
    entries = ([nav] if nav else []) + resources
    transfer = sum(e.get("transferSize") or 0 for e in entries)
    # The bodies that came over the wire: a revalidated (304) entry reports
    # its cached body's size as encodedBodySize, or 0, with only the
    # headers' bytes as transferSize: it counts for nothing here
    encoded = sum(e.get("encodedBodySize") or 0 for e in entries
                  if (e.get("transferSize") or 0) > (e.get("encodedBodySize") or 0))
    return transfer, encoded, len(entries)


def busy_time(result, until):
    """Milliseconds before `until` during which at least one request
    (the navigation included) was in flight: the rest is the browser's
    own work (parsing, scripts, layout) or waiting on nothing."""
    spans = []
    nav = result.get("nav")
    if nav:
        spans.append((0.0, nav["responseEnd"]))
    for r in result.get("resources") or []:
        if r["startTime"] < until:
            spans.append((r["startTime"], min(r["responseEnd"], until)))
    spans.sort()
    total, current_start, current_end = 0.0, None, None
    for start, end in spans:
        if current_end is None or start > current_end:
            if current_end is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        total += current_end - current_start
    return total


class RssSampler(threading.Thread):
    """VmRSS of the region every 20 ms while the pages load: its peak,
    and what was loading then."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.phase, self.peak, self.peak_phase = pid, "start", 0, ""
        self.samples = 0
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            try:
                rss = proc_status(self.pid).get("VmRSS", 0)
            except OSError:
                break
            self.samples += 1
            if rss > self.peak:
                self.peak, self.peak_phase = rss, self.phase
            self.stopping.wait(0.02)


class Series:
    """The loads of one page in one cache mode."""

    def __init__(self, label, fragment, mark, detail):
        self.label, self.fragment, self.mark, self.detail = label, fragment, mark, detail
        self.loads = {True: [], False: []}
        self.errors = {True: [], False: []}

    def add(self, cold, result):
        if result.get("error") or result.get("fcp") is None or result.get("drawn") is None:
            done = [r["name"] for r in result.get("resources") or []]
            self.errors[cold].append((result.get("error") or "no paint or no mark")
                                     + f" (last requests done: {', '.join(done[-3:]) or 'none'})")
        else:
            self.loads[cold].append(result)


# ---------------------------------------------------------------- the run


def urllib_times(url, count, opener):
    times = []
    for _ in range(count):
        start = time.perf_counter()
        with opener.open(url, timeout=10) as response:
            response.read()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base", nargs="?")
    parser.add_argument("pid", nargs="?", type=int)
    parser.add_argument("--loads", type=int, default=int(os.environ.get("BENCH_LOADS", "20")))
    parser.add_argument("--sink", type=int, metavar="PORT")
    args = parser.parse_args()
    if args.sink:
        run_sink(args.sink)
        return 0
    if not args.base or not args.pid:
        parser.error("BASE_URL and REGION_PID are needed")
    base = args.base.rstrip("/")
    password = os.environ.get("ADMIN_PASSWORD", "")
    loads = args.loads

    # ------------------------------------------------ the region as it is, idle
    before = proc_status(args.pid)

    # ------------------------------------------------ what the API says (urllib, its own session)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    request = urllib.request.Request(f"{base}/api/v1/login", method="POST",
                                     data=json.dumps({"login": "admin", "password": password}).encode(),
                                     headers={"Content-Type": "application/json"})
    with opener.open(request, timeout=10) as response:
        json.load(response)

    def api(path):
        with opener.open(f"{base}/api/v1/{path}", timeout=30) as response:
            return json.load(response)

    status = api("status")
    region = next((s.get("region_code") for s in status.get("services", []) if s.get("region_code")), "")
    bilans = api("indicators/list_bilans?" + urllib.parse.urlencode({"region_code": region})).get("items", [])
    finalised_years = sorted({int(item["year"]) for item in bilans})
    latest = {}
    for item in bilans:
        latest[int(item["year"])] = max(latest.get(int(item["year"]), 0), int(item.get("version") or 1))
    this_year = int(time.strftime("%Y"))
    if finalised_years:
        bilan_year, bilan_kind = finalised_years[-1], "finalised"
    else:
        bilan_year, bilan_kind = this_year - 1, "draft (no finalised version)"
    print(f"bench_console: region {region}, finalised bilans of {finalised_years or 'no year'}; "
          f"bilan page of {bilan_year} ({bilan_kind})", file=sys.stderr, flush=True)

    pages = [
        Series("connexion (login page)", "", "bench:login-drawn", None),
        Series("tableau de bord", "#/tableau-de-bord", "pps:page-drawn", "tableau-de-bord"),
        Series(f"bilan {bilan_year} ({'version finalisée' if finalised_years else 'brouillon'})",
               f"#/bilan?year={bilan_year}", "pps:page-drawn", "bilan"),
    ]
    if finalised_years and this_year not in finalised_years:
        pages.append(Series(f"bilan {this_year} (brouillon, compute_bilan)", f"#/bilan?year={this_year}",
                            "pps:page-drawn", "bilan"))
    static = Series("static file /common/app.css (navigation)", "common/app.css", None, None)

    def loadavg():
        with open("/proc/loadavg", encoding="ascii") as avg:
            return " ".join(avg.read().split()[:3])

    try:
        with open(f"/proc/{args.pid}/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
        peak_reset = True
    except OSError as error:
        print(f"bench_console: cannot reset the region's peak RSS ({error}); VmHWM after includes the start",
              file=sys.stderr)
        peak_reset = False
    load_before = loadavg()
    sampler = RssSampler(args.pid)
    sampler.start()
    browser = Browser(base)
    started = time.time()
    try:
        # ---------------------------------------- logged out: the login page and the static file
        script = browser.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": LOGIN_MARK_SCRIPT})
        login_page = pages[0]
        for cold in (True, False):
            browser.load(login_page.fragment, login_page.mark, None, cold)     # untimed
        for _ in range(loads):
            for cold in (True, False):
                sampler.phase = f"{login_page.label}, {'cold' if cold else 'warm'}"
                login_page.add(cold, browser.load(login_page.fragment, login_page.mark, None, cold))
        browser.cdp("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})

        # ---------------------------------------- logged in: the console's pages, round-robin
        sampler.phase = "the login itself (POST /api/v1/login: the password's Argon2id hash)"
        browser.login("admin", password)
        console_pages = pages[1:]
        for page in console_pages:
            for cold in (True, False):
                browser.load(page.fragment, page.mark, page.detail, cold)      # untimed
        for _ in range(loads):
            for page in console_pages:
                for cold in (True, False):
                    sampler.phase = f"{page.label}, {'cold' if cold else 'warm'}"
                    page.add(cold, browser.load(page.fragment, page.mark, page.detail, cold))

        # ---------------------------------------- baselines, same run
        sampler.phase = "baselines"
        for cold in (True, False):
            browser.set_cold(cold)
            browser.driver.get("about:blank")
            browser.driver.get(f"{base}/common/app.css")
        static_paint = {True: [], False: [], "end": {True: [], False: []}}
        for _ in range(loads):
            for cold in (True, False):
                browser.set_cold(cold)
                browser.driver.get("about:blank")
                time.sleep(browser.pace)
                browser.driver.get(f"{base}/common/app.css")
                result = json.loads(browser.driver.execute_async_script(
                    COLLECT_SCRIPT, None, None, 5000))
                if result.get("fcp") is not None:
                    static_paint[cold].append(result["fcp"])
                if result.get("nav"):
                    static_paint["end"][cold].append(result["nav"]["responseEnd"])
                    static.loads[cold].append(result)
        browser.set_cold(False)
        browser.driver.get(f"{base}/common/app.css")
        fetch_css = browser.fetch_times("/common/app.css", loads)
        fetch_me = browser.fetch_times("/api/v1/me", loads)
        fetch_bilan = browser.fetch_times(
            f"/api/v1/indicators/get_bilan?year={bilan_year}&version={latest.get(bilan_year, 1)}" if finalised_years
            else f"/api/v1/indicators/compute_bilan?year={bilan_year}", loads)
        fetch_draft = browser.fetch_times(f"/api/v1/indicators/compute_bilan?year={this_year}", loads)
        fetch_describe = browser.fetch_times("/api/v1/describe", loads)
    finally:
        browser.quit()
    elapsed = time.time() - started
    url_css = urllib_times(f"{base}/common/app.css", loads, opener)
    url_me = urllib_times(f"{base}/api/v1/me", loads, opener)
    after = proc_status(args.pid)
    sampler.stopping.set()
    sampler.join()
    load_after = loadavg()
    idle_s = float(os.environ.get("BENCH_IDLE_S", "35"))
    idle = None
    if idle_s > 0:
        print(f"bench_console: {idle_s:.0f} s idle (connections time out), then the RSS again",
              file=sys.stderr, flush=True)
        time.sleep(idle_s)
        idle = proc_status(args.pid)
    off = parse_status_lines(os.environ.get("BENCH_OFF_STATUS", ""))

    # ------------------------------------------------ the report
    out = []
    say = out.append
    cpu = "?"
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "?")
    except OSError:
        pass
    say(f"## Console benchmark ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})")
    say("")
    say(f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), "
        f"Chromium {browser.version} headless (Selenium), region {region} with the sample, "
        f"{os.environ.get('BENCH_BUILD_INFO', '')}; {loads} loads per page and cache mode, "
        f"cold and warm alternating, from about:blank, {browser.pace:g} s between loads (back/forward cache "
        f"{'on' if browser.bfcache else 'off'}); {elapsed:.0f} s of loads; load average "
        f"{load_before} before, {load_after} after (other work on the machine shares its cores). "
        "Times in ms from the navigation's start (p50 / p95 / max, nearest rank); sizes in kB (1000 bytes).")
    say("")
    say("Baseline of each row: the navigation to the static file /common/app.css (9.6 kB, shown as "
        "text) in the same cache mode, its first paint p50.")
    say("")
    say("| page | cache | requests | first render (FCP) | complete (drawn mark) | complete p50 / baseline "
        "| transferred kB | bodies sent kB | loads failed |")
    say("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for page in pages:
        for cold in (True, False):
            rows = page.loads[cold]
            fcp = [r["fcp"] for r in rows]
            drawn = [r["drawn"] for r in rows]
            sizes = [bytes_of(r) for r in rows]
            baseline = pct(static_paint[cold], 50)
            ratio = (pct(drawn, 50) / baseline) if drawn and baseline else None
            say(f"| {page.label} | {'cold' if cold else 'warm'} | "
                f"{pct([s[2] for s in sizes], 50) or '—'} | {trio(fcp)} | {trio(drawn)} | "
                f"{'—' if ratio is None else f'{ratio:.1f}x'} | "
                f"{kb(pct([s[0] for s in sizes], 50))} | {kb(pct([s[1] for s in sizes], 50))} | "
                f"{len(page.errors[cold])} |")
    say("")
    say("### Raw baselines (same run)")
    say("")
    say("| baseline | cache | p50 / p95 / max ms | transferred kB |")
    say("| --- | --- | ---: | ---: |")
    for cold in (True, False):
        mode = "cold" if cold else "warm"
        rows = static.loads[cold]
        say(f"| navigation to /common/app.css: first paint | {mode} | {trio(static_paint[cold])} | "
            f"{kb(pct([bytes_of(r)[0] for r in rows], 50))} |")
        say(f"| navigation to /common/app.css: responseEnd | {mode} | {trio(static_paint['end'][cold])} | |")

    def fetch_row(label, times):
        if isinstance(times, dict):
            say(f"| {label} | — | failed: {times.get('error')} | |")
            return
        durations = [t["duration"] for t in times if t["duration"] is not None]
        ttfb = [t["ttfb"] for t in times if t["ttfb"] is not None]
        size = pct([t["transferSize"] or 0 for t in times], 50)
        say(f"| {label} | no-store | {trio(durations)} (server part, requestStart to responseStart: "
            f"{ms(pct(ttfb, 50))}) | {kb(size)} |")
    fetch_row("fetch() /common/app.css (Resource Timing)", fetch_css)
    fetch_row("fetch() GET /api/v1/me (Resource Timing)", fetch_me)
    fetch_row(f"fetch() the bilan page's main read ({'get_bilan' if finalised_years else 'compute_bilan'} "
              f"{bilan_year})", fetch_bilan)
    fetch_row(f"fetch() compute_bilan {this_year} (draft)", fetch_draft)
    fetch_row("fetch() GET /api/v1/describe", fetch_describe)
    say(f"| urllib GET /common/app.css (new connection each) | — | {trio(url_css)} | |")
    say(f"| urllib GET /api/v1/me (new connection each) | — | {trio(url_me)} | |")
    say("")
    say("### Resident memory of the region (MiB, /proc/PID/status)")
    say("")
    say("| process | VmRSS | VmHWM | RssAnon | RssFile | threads |")
    say("| --- | ---: | ---: | ---: | ---: | ---: |")
    if off:
        say(f"| web/bind off (same program, own data dir, same sample, same run), idle after ready "
            f"| {mib(off.get('VmRSS'))} | {mib(off.get('VmHWM'))} | {mib(off.get('RssAnon'))} "
            f"| {mib(off.get('RssFile'))} | {off.get('Threads', '—')} |")
    say(f"| console on, idle after ready, before any page | {mib(before.get('VmRSS'))} | "
        f"{mib(before.get('VmHWM'))} | {mib(before.get('RssAnon'))} | {mib(before.get('RssFile'))} | "
        f"{before.get('Threads', '—')} |")
    say(f"| console on, after the {sum(len(p.loads[True]) + len(p.loads[False]) for p in pages)} loads "
        f"(VmHWM: {'the peak during the loads' if peak_reset else 'since start'}) | {mib(after.get('VmRSS'))} | "
        f"{mib(after.get('VmHWM'))} | {mib(after.get('RssAnon'))} | {mib(after.get('RssFile'))} | "
        f"{after.get('Threads', '—')} |")
    if idle:
        say(f"| console on, {idle_s:.0f} s later, idle (kept-alive connections timed out) | {mib(idle.get('VmRSS'))} | "
            f"{mib(idle.get('VmHWM'))} | {mib(idle.get('RssAnon'))} | {mib(idle.get('RssFile'))} | "
            f"{idle.get('Threads', '—')} |")
    say(f"| console on, the highest VmRSS sampled every 20 ms during the loads ({sampler.samples} samples; "
        f"while loading: {sampler.peak_phase}) | {mib(sampler.peak)} | | | | |")
    if off:
        def diff(key):
            return None if after.get(key) is None or off.get(key) is None else after[key] - off[key]
        threads = diff("Threads")
        say(f"| the console's cost: after the loads − web off | {mib(diff('VmRSS'))} | — | "
            f"{mib(diff('RssAnon'))} | {mib(diff('RssFile'))} | {'—' if threads is None else threads} |")
    say("")

    # ------------------------------------------------ where the time goes
    say("### Where the time goes (median load; ms from the navigation's start)")
    say("")
    say("Network busy = time before the drawn mark with at least one request in flight; the rest is "
        "the browser's own work (parse, module evaluation, rendering) between requests.")
    for page in pages:
        for cold in (True, False):
            rows = page.loads[cold]
            if not rows:
                continue
            drawn = [r["drawn"] for r in rows]
            busy = [busy_time(r, r["drawn"]) for r in rows]
            dcl = [r["nav"]["dcl"] for r in rows if r.get("nav")]
            say("")
            say(f"**{page.label}, {'cold' if cold else 'warm'}**: complete p50 {ms(pct(drawn, 50))}, "
                f"network busy p50 {ms(pct(busy, 50))}, DOMContentLoaded p50 {ms(pct(dcl, 50))}, "
                f"first paint p50 {ms(pct([r['fcp'] for r in rows], 50))}")
            say("")
            say("| request | start | queued | server (TTFB) | end | transferred kB |")
            say("| --- | ---: | ---: | ---: | ---: | ---: |")
            # Group by name and occurrence (a URL fetched twice is two rows)
            groups = {}
            order = []
            for r in rows:
                seen = {}
                entries = [dict(r["nav"], name=r["nav"]["name"] + " (document)")] + r["resources"]
                for entry in entries:
                    name = re.sub(r"=\d{10,}", "=…", entry["name"])
                    key = (name, seen.get(name, 0))
                    seen[name] = key[1] + 1
                    if key not in groups:
                        groups[key] = []
                        order.append(key)
                    groups[key].append(entry)
            lines = []
            for key in order:
                entries = groups[key]
                start = pct([e["startTime"] for e in entries], 50)
                server = pct([e["responseStart"] - e["requestStart"] for e in entries
                              if e.get("requestStart") and e.get("responseStart")], 50)
                queued = pct([e["requestStart"] - e["startTime"] for e in entries if e.get("requestStart")], 50)
                end = pct([e["responseEnd"] for e in entries], 50)
                size = pct([e.get("transferSize") or 0 for e in entries], 50)
                name = key[0] + (f" (#{key[1] + 1})" if key[1] else "")
                if len(entries) < len(rows):
                    name += f" (in {len(entries)} of {len(rows)} loads)"
                lines.append((start, f"| `{name}` | {ms(start)} | {ms(queued)} | {ms(server)} | {ms(end)} | {kb(size)} |"))
            for _, line in sorted(lines, key=lambda item: item[0]):
                say(line)
            say(f"| **drawn mark** | | | | {ms(pct(drawn, 50))} | |")
    failures = [(p.label, cold, e) for p in pages for cold in (True, False) for e in p.errors[cold]]
    if failures:
        say("")
        say("Failed loads: " + "; ".join(f"{label} {'cold' if cold else 'warm'}: {error}"
                                          for label, cold, error in failures[:10]))
    print("\n".join(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
