"""What the console tests share: Debian's Chromium driven headless by
Selenium, axe-core run on every page shown (a serious or critical
violation fails the test), screenshots under the build directory, and
checks that count and report like the shell tests (ok/FAIL lines).

Selenium is Debian's python3-selenium (run with /usr/bin/python3); the
driver is Debian's chromedriver; axe-core comes from the npm registry
(tests/browser/package.json, installed by deploy/install-deps.sh).
"""
import json
import os
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

HERE = os.path.dirname(os.path.abspath(__file__))
AXE = os.path.join(HERE, "node_modules", "axe-core", "axe.min.js")
WAIT_S = 20


class Browser:
    def __init__(self, base_url, shots_dir, downloads_dir):
        self.base = base_url.rstrip("/")
        self.shots = shots_dir
        self.downloads = downloads_dir
        self.failed = 0
        self.passed = 0
        self.axe_checked = set()
        os.makedirs(shots_dir, exist_ok=True)
        os.makedirs(downloads_dir, exist_ok=True)
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1280,800",
                         "--lang=fr-FR", "--no-first-run", "--password-store=basic"):
            options.add_argument(argument)
        options.add_experimental_option("prefs", {
            "download.default_directory": downloads_dir,
            "download.prompt_for_download": False,
            "intl.accept_languages": "fr-FR,fr",
        })
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(30)
        # Downloads in headless mode go where told only when told through CDP
        self.driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                                    {"behavior": "allow", "downloadPath": downloads_dir})
        with open(AXE, encoding="utf-8") as source:
            self.axe_source = source.read()

    # ------------------------------------------------------------ reporting
    def ok(self, condition, what):
        if condition:
            self.passed += 1
            print(f"ok - {what}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL - {what}", flush=True)
        return condition

    def screenshot(self, name, full=False):
        """The window as a person sees it, or the whole page's height."""
        path = os.path.join(self.shots, f"{name}.png")
        if full:
            import base64
            shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
                "captureBeyondViewport": True, "fromSurface": True})
            with open(path, "wb") as out:
                out.write(base64.b64decode(shot["data"]))
        else:
            self.driver.save_screenshot(path)
        return path

    def finish(self):
        self.driver.quit()
        print(f"{self.passed} passed, {self.failed} failed", flush=True)
        return 1 if self.failed else 0

    # ------------------------------------------------------------ driving
    def open(self, fragment=""):
        self.driver.get(f"{self.base}/{fragment}")

    def wait(self, condition, what, timeout=WAIT_S):
        try:
            return WebDriverWait(self.driver, timeout).until(condition)
        except TimeoutException:
            self.ok(False, f"{what} (waited {timeout} s)")
            self.screenshot("timeout-" + "".join(c if c.isalnum() else "-" for c in what)[:60])
            self.console_errors(report=True)
            return None

    def css(self, selector, timeout=WAIT_S):
        return self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, selector)),
                         f"the page shows {selector}", timeout)

    def visible(self, selector, timeout=WAIT_S):
        return self.wait(EC.visibility_of_element_located((By.CSS_SELECTOR, selector)),
                         f"the page shows {selector}", timeout)

    def all(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def text_in(self, selector, text, timeout=WAIT_S):
        return self.wait(EC.text_to_be_present_in_element((By.CSS_SELECTOR, selector), text),
                         f"{selector} says '{text}'", timeout)

    def page_loaded(self, heading=None, timeout=WAIT_S):
        """The page's content is drawn (no loading line left), its h1
        holding heading when given."""
        def drawn(driver):
            main = driver.find_elements(By.CSS_SELECTOR, "main h1")
            busy = driver.find_elements(By.CSS_SELECTOR, "main .loading")
            if not main or busy:
                return False
            return heading is None or heading in main[0].text
        return self.wait(drawn, f"the page '{heading or ''}' is drawn", timeout)

    def fill(self, selector, value):
        element = self.css(selector)
        if element is None:
            return None
        if element.tag_name == "select":
            from selenium.webdriver.support.ui import Select
            Select(element).select_by_value(str(value))
        else:
            element.clear()
            element.send_keys(str(value))
        return element

    def select_text(self, selector, text):
        from selenium.webdriver.support.ui import Select
        element = self.css(selector)
        if element is not None:
            Select(element).select_by_visible_text(text)
        return element

    def click(self, selector):
        element = self.wait(EC.element_to_be_clickable((By.CSS_SELECTOR, selector)),
                            f"{selector} can be clicked")
        if element is not None:
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            element.click()
        return element

    def login(self, login, password):
        self.open()
        if self.css("#login-form") is None:
            return False
        self.fill("#login", login)
        self.fill("#password", password)
        self.click("#login-form button[type=submit]")
        return self.css("#logout") is not None

    # ------------------------------------------------------------ checks
    def axe(self, name):
        """Run axe-core on the page shown; a serious or critical violation
        fails the test, named with the nodes it was found on."""
        self.driver.execute_script(self.axe_source)
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']})"
            ".then(r => done(JSON.stringify(r.violations))).catch(e => done(JSON.stringify({error: String(e)})));")
        violations = json.loads(result)
        if isinstance(violations, dict):
            return self.ok(False, f"axe-core ran on {name}: {violations['error']}")
        bad = [v for v in violations if v.get("impact") in ("serious", "critical")]
        for violation in bad:
            targets = [" ".join(node.get("target", [])) for node in violation.get("nodes", [])][:5]
            print(f"  axe {violation['impact']}: {violation['id']}: {violation['help']} at {targets}",
                  flush=True)
        self.axe_checked.add(name)
        return self.ok(not bad, f"no serious or critical accessibility violation on {name} "
                                f"({len(violations)} minor)")

    def console_errors(self, report=False):
        try:
            entries = self.driver.get_log("browser")
        except WebDriverException:
            return []
        # A refused request is logged by the browser too ("Failed to load
        # resource": a 401 before the login, a 400 a test provokes); the
        # tests check those answers themselves: only script errors count
        errors = [entry for entry in entries if entry.get("level") == "SEVERE"
                  and "Failed to load resource" not in entry.get("message", "")]
        if report:
            for entry in errors:
                print(f"  browser console: {entry.get('message')}", flush=True)
        return errors

    def no_console_errors(self, name):
        errors = self.console_errors(report=True)
        return self.ok(not errors, f"no script error on {name}")

    def wait_download(self, suffix, timeout=WAIT_S):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = [name for name in os.listdir(self.downloads)
                    if name.endswith(suffix) and not name.endswith(".crdownload")]
            if done:
                return os.path.join(self.downloads, done[0])
            time.sleep(0.2)
        return None

    def print_pdf(self, path):
        """The page as a PDF, as Chromium prints it (its print stylesheet)."""
        import base64
        result = self.driver.execute_cdp_cmd("Page.printToPDF", {
            "printBackground": True, "preferCSSPageSize": True})
        with open(path, "wb") as out:
            out.write(base64.b64decode(result["data"]))
        return path


def api_json(url, token=None):
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def main_guard(function):
    try:
        sys.exit(function())
    except Exception as error:  # noqa: BLE001 - any escape fails the test, loudly
        import traceback
        traceback.print_exc()
        print(f"FAIL - the test ran to its end ({error})", flush=True)
        sys.exit(1)
