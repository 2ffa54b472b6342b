"""The region's console in Chromium: the login (refused, then accepted),
the dashboard, the bilan (a figure in the page equal to the API's, a
version finalised through the page, the XLSX downloaded, the page printed
to PDF without the console around it), the journal naming the person, a
generic form, the logout. axe-core runs on every page shown.

Run by run_console.sh: argv[1] is the console's URL; PPS_SHOTS,
PPS_DOWNLOADS and ADMIN_PASSWORD come from the environment.
"""
import datetime
import os
import subprocess
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser, main_guard  # noqa: E402


def api_in_page(b, path):
    """GET path of the API from the page, with its session cookie."""
    return b.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/api/v1/' + arguments[0], {credentials: 'same-origin'})"
        ".then(r => r.json()).then(done).catch(e => done({error: String(e)}));", path)


def french_percent(value):
    return f"{value * 100:.1f}".replace(".", ",") + " %"


def spaces(text):
    """French formats put no-break spaces (narrow or not) before % and
    between thousands: compared as plain spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def run():
    b = Browser(sys.argv[1], os.environ["PPS_SHOTS"], os.environ["PPS_DOWNLOADS"])
    password = os.environ["ADMIN_PASSWORD"]
    year = datetime.date.today().year

    # ---------------------------------------------------------------- login
    b.open()
    b.ok(b.css("#login-form") is not None, "the console asks to log in first")
    b.axe("login")
    b.fill("#login", "admin")
    b.fill("#password", "not-the-password")
    b.click("#login-form button[type=submit]")
    b.ok(b.text_in("#login-form .notice", "incorrect") is not None,
         "a wrong password is refused in words")
    b.screenshot("login-refused")
    b.ok(b.login("admin", password), "the admin logs in")

    # ---------------------------------------------------------------- dashboard
    b.ok(b.page_loaded("Tableau de bord") is not None, "the dashboard is drawn")
    b.ok(b.css("#services-table") is not None and b.css("#block-trend .card") is not None,
         "the dashboard shows the services and the year's key indicators")
    b.ok("en service" in b.css("#services-table").text, "the services are up")
    b.screenshot("dashboard")
    b.axe("dashboard")
    b.no_console_errors("dashboard")

    # ---------------------------------------------------------------- bilan: a figure
    b.open(f"#/bilan?year={year - 1}&version=brouillon")
    b.page_loaded(f"Bilan {year - 1}")
    cell = b.css("#indicators-table tbody tr:first-child")
    api = api_in_page(b, f"indicators/compute_bilan?year={year - 1}")
    ratio = next((item for item in api.get("indicators", []) if item["id"] == "A5.4"), None)
    row = next((tr for tr in b.all("#indicators-table tbody tr") if tr.text.startswith("A5.4")), None)
    b.ok(ratio is not None and row is not None, "the page lists indicator A5.4")
    if ratio is not None and row is not None:
        value = spaces(row.find_element("css selector", ".value").text)
        wanted = french_percent(ratio.get("value", 0)) if ratio.get("has_value") else "sans valeur"
        b.ok(value == wanted, f"A5.4 in the page ({value}) is the API's value ({wanted})")
        b.ok(row.text.count(str(ratio.get("denominator", 0))) >= 1,
             "A5.4's denominator is shown beside it")
    b.ok(cell is not None and b.css("#chart-establishments svg") is not None
         and b.css("#chart-years svg") is not None,
         "the bilan page draws its charts across establishments and years")
    b.screenshot("bilan-draft", full=True)
    b.axe("bilan draft")

    # ---------------------------------------------------------------- bilan: finalise
    b.open(f"#/bilan?year={year}&version=brouillon")
    b.page_loaded(f"Bilan {year}")
    if b.css("#bilan-finalise").get_attribute("disabled") is None:
        b.click("#bilan-finalise")
        b.visible("#finalise-dialog")
        b.screenshot("bilan-finalise-dialog")
        b.click("#finalise-confirm")
        b.ok(b.text_in("#bilan-identity", "Version 1") is not None,
             f"the {year} bilan is finalised through the page, version 1")
        sha = b.css("#bilan-sha")
        b.ok(sha is not None and len(sha.text) == 64, "its SHA-256 is shown")
    else:
        b.ok(False, f"the {year} draft can be finalised (it has errors: "
                    f"{b.css('#bilan-checks').text[:300]})")
    b.page_loaded(f"Bilan {year}")
    b.screenshot("bilan-finalised", full=True)
    b.axe("bilan finalised")
    b.no_console_errors("bilan")

    # ---------------------------------------------------------------- downloads
    b.click("#export-xlsx")
    workbook = b.wait_download(".xlsx")
    b.ok(workbook is not None, "the XLSX export downloads")
    if workbook:
        with zipfile.ZipFile(workbook) as archive:
            names = archive.namelist()
            sheets = "".join(archive.read(name).decode("utf-8", "replace") for name in names
                             if name.startswith("xl/sharedStrings") or name.startswith("xl/worksheets"))
        b.ok("xl/workbook.xml" in names and "A5.4" in sheets,
             "it is a workbook holding the indicators")
    b.click("#export-csv")
    b.ok(b.wait_download(".csv") is not None, "the CSV export downloads")

    # ---------------------------------------------------------------- print
    pdf = b.print_pdf(os.path.join(b.shots, "bilan-print.pdf"))
    with open(pdf, "rb") as handle:
        b.ok(handle.read(5) == b"%PDF-", "the bilan page prints to PDF")
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                          text=True, check=False).stdout
    b.ok(f"Bilan {year}" in text and "A5.4" in text, "the printout holds the bilan's figures")
    b.ok("Toutes les opérations" not in text and "Se déconnecter" not in text,
         "the printout leaves the console's navigation out")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", pdf,
                    os.path.join(b.shots, "bilan-print")], check=False)

    # ---------------------------------------------------------------- journal
    b.open("#/journal?service=indicators")
    b.page_loaded("Journal")
    table = b.css("#journal-table")
    b.ok(table is not None and "admin" in table.text,
         "the journal names the admin as the person who finalised")
    b.screenshot("journal")
    b.axe("journal")

    # ---------------------------------------------------------------- generic form
    b.open("#/operations")
    b.page_loaded("Toutes les opérations")
    b.axe("operations")
    b.open("#/operations?service=registry&op=get_region")
    b.page_loaded("Toutes les opérations")
    b.fill("#operation-form input[name=region_code]", "32")
    b.click("#operation-form button[type=submit]")
    b.ok(b.text_in("#operation-output", "Hauts-de-France") is not None,
         "a generic form calls an operation with no page of its own")
    b.screenshot("operation")
    b.axe("generic form")
    b.no_console_errors("operations")

    # ---------------------------------------------------------------- logout
    b.click("#logout")
    b.ok(b.css("#login-form") is not None, "the logout goes back to the login")
    b.open("#/bilan")
    b.ok(b.css("#login-form") is not None, "after the logout, the console asks to log in again")
    return b.finish()


if __name__ == "__main__":
    main_guard(run)
