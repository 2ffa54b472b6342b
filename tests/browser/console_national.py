"""The national console in Chromium, against a pps-national that received
the sample region's bilans (run_console.sh --national): the login with
the national account, the regions x indicators table showing region 32's
bilan with its completeness and timeliness, an indicator's charts across
regions and years, the region's versions with the hash the API gives, a
CSV download, the logout. axe-core runs on every page shown.

Run by run_console.sh: NATIONAL_URL, NATIONAL_PASSWORD, PPS_SHOTS and
PPS_DOWNLOADS come from the environment (argv[1], the region's console,
is not used).
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser, api_json, main_guard  # noqa: E402


def spaces(text):
    """French formats put no-break spaces before % and between thousands."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def run():
    base = os.environ["NATIONAL_URL"]
    b = Browser(base, os.environ["PPS_SHOTS"], os.environ["PPS_DOWNLOADS"])

    # The region's sample pushes its three years at start: wait for them
    # (reads on loopback need no credentials while no reader token is set)
    periods = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(periods) < 3:
        try:
            periods = [item["period"] for item in api_json(base + "/api/v1/periods")["periods"]]
        except OSError:
            pass
        time.sleep(0.5)
    b.ok(len(periods) >= 3, f"pps-national received the region's bilans ({periods})")
    latest = periods[-1] if periods else "2025"

    # ---------------------------------------------------------------- login
    b.open()
    b.ok(b.css("#login-form") is not None, "the national console asks to log in first")
    b.axe("login (national)")
    b.screenshot("national-login")
    b.ok(b.login("dgs", os.environ["NATIONAL_PASSWORD"]), "the national admin logs in")

    # ---------------------------------------------------------------- regions x indicators
    b.ok(b.page_loaded("Régions × indicateurs") is not None, "the regions x indicators table is drawn")
    row = b.css("#region-32")
    b.ok(row is not None and "Hauts-de-France" in row.text
         and ("à temps" in row.text or "en retard" in row.text),
         "region 32's pushed bilan is in the table, with its timeliness")
    b.ok(len(b.all("#overview-table tbody tr")) == 18, "the table has the 18 regions")
    overview = api_json(f"{base}/api/v1/overview?period={latest}")
    completeness = b.css("#overview-cards")
    b.ok(completeness is not None and f"{overview['regions_reporting']} région(s) sur 18"
         in completeness.text, "the completeness card counts the regions that reported")
    b.axe("Régions × indicateurs")
    b.screenshot("national-overview")
    b.fill("#overview-annex", "1")
    b.ok(b.text_in("#overview-table thead", "OS2.trained") is not None,
         "annex 1's indicators on demand")

    # ---------------------------------------------------------------- indicator
    b.open(f"#/indicateur?id=A5.4&period={latest}")
    b.ok(b.page_loaded("A5.4") is not None, "the indicator page is drawn")
    b.ok(len(b.all("figure.chart")) == 2, "a chart across regions and one across years")
    cell = b.css("#indicator-regions")
    value = overview["regions"][9]["values"]["A5.4"]["value"]
    wanted = f"{value * 100:.1f}".replace(".", ",") + " %"
    b.ok(cell is not None and wanted in spaces(cell.text),
         f"region 32's A5.4 in the page is the API's ({wanted})")
    b.axe("Indicateur")
    b.screenshot("national-indicator", full=True)

    # ---------------------------------------------------------------- region
    b.open("#/region?code=32")
    b.ok(b.page_loaded("Hauts-de-France") is not None, "the region page is drawn")
    listing = api_json(f"{base}/api/v1/bilans/32")
    sha = listing["periods"][-1]["versions"][-1]["sha256"]
    shown = b.css("#region-sha")
    b.ok(shown is not None and shown.text == sha, "the version's SHA-256 is the stored one")
    b.ok(len(b.all("#region-versions table")) == len(listing["periods"]),
         "a table of versions per year received")
    b.axe("Région")
    b.screenshot("national-region", full=True)

    # ---------------------------------------------------------------- downloads
    b.open(f"#/telechargements?period={latest}")
    b.ok(b.page_loaded("Téléchargements") is not None, "the downloads page is drawn")
    b.axe("Téléchargements")
    b.screenshot("national-downloads")
    b.click("#download-aggregate-csv")
    path = b.wait_download(".csv")
    # newline="": the CSV's CRLF line ends as they are (RFC 4180)
    content = open(path, encoding="utf-8", newline="").read() if path else ""
    b.ok(content.startswith("period,indicator,label,") and f"\r\n{latest},A5.1," in content,
         "the national aggregate downloads as CSV")

    # ---------------------------------------------------------------- logout
    b.click("#logout")
    b.ok(b.css("#login-form") is not None, "after logout the login is shown again")
    b.no_console_errors("the national console")
    return b.finish()


if __name__ == "__main__":
    main_guard(run)
