"""The region console's Projets, Formation and Financements pages in a real
browser, against a region with the sample (tests/browser/run_console.sh):
a project recorded through the annex 2 form, planned, run, a session with
its counts of people recorded and listed; refusals of the API shown next
to the field they name; the sample's training figures and a co-financing
in euros as the API computes them; axe-core on every page shown.

Usage: console_projects.py BASE_URL (env PPS_SHOTS, PPS_DOWNLOADS,
ADMIN_PASSWORD). Screenshots in PPS_SHOTS:
  01-projets-liste, 02-fiche-erreur-intitule, 03-fiche-erreur-fin-prevue,
  04-projet-statut, 05-seance-erreur, 06-projet-seances, 07-projets-liste-nouveau,
  08-swot-bilan-annuel, 09-formation-offres, 10-formation-session,
  11-formation-formes, 12-financements-appels, 13-financements-concertation,
  14-financements-cofinancement, 15-financements-montants.
"""
import datetime
import json
import os
import sys
import time

from selenium.webdriver.common.by import By

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser, main_guard  # noqa: E402

TITLE = f"Atelier santé et sommeil, test du navigateur {os.getpid()}"


def spaces(text):
    """The page's text with its no-break spaces (French figures) as spaces."""
    return (text or "").replace("\u202f", " ").replace("\u00a0", " ")


def euros(cents):
    """Cents as the console writes them: 1 800,00 €"""
    value = int(cents)
    whole = f"{abs(value) // 100:,}".replace(",", " ")
    return f"{'-' if value < 0 else ''}{whole},{abs(value) % 100:02d} €"


def main():
    base = sys.argv[1]
    b = Browser(base, os.environ["PPS_SHOTS"], os.environ["PPS_DOWNLOADS"])
    driver = b.driver
    today = datetime.date.today()

    def api(path):
        """A read of the API with the browser's session (same origin)."""
        result = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch('/api/v1/' + arguments[0], {credentials: 'same-origin', headers: {Accept: 'application/json'}})"
            ".then(r => r.json()).then(j => done(JSON.stringify(j))).catch(e => done(JSON.stringify({error: String(e)})));",
            path)
        return json.loads(result)

    def set_value(selector, value):
        """Any input's value as a person would leave it (dates, numbers: no
        locale-dependent typing)."""
        element = b.css(selector)
        if element is not None:
            driver.execute_script(
                "arguments[0].value = arguments[1];"
                "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", element, str(value))
        return element

    def check(selector):
        element = b.css(selector)
        if element is not None and not element.is_selected():
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            element.click()
        return element

    def shown(name, heading=None):
        """The page is drawn: axe, script errors, a screenshot."""
        b.page_loaded(heading)
        time.sleep(0.3)
        b.axe(name)
        b.no_console_errors(name)
        b.screenshot(name)

    def main_text():
        return spaces(driver.find_element(By.CSS_SELECTOR, "main").text)

    def field_error(form, path):
        """The refusal shown on the field of that path: its box marked
        invalid with its message, the control aria-invalid and described by
        the message, the only field marked."""
        box = b.css(f"{form} .field.invalid[data-path='{path}'] .error", timeout=10)
        if box is None:
            return None
        control = driver.find_element(By.CSS_SELECTOR, f"{form} .field[data-path='{path}'] input, "
                                                       f"{form} .field[data-path='{path}'] select, "
                                                       f"{form} .field[data-path='{path}'] textarea")
        invalid = [element.get_attribute("data-path") for element in b.all(f"{form} .field.invalid")]
        b.ok(control.get_attribute("aria-invalid") == "true", f"the {path} control is aria-invalid")
        b.ok(box.get_attribute("id") in (control.get_attribute("aria-describedby") or "").split(),
             f"the {path} control is described by its error")
        b.ok(invalid == [path], f"only {path} is marked invalid (marked: {invalid})")
        b.ok(driver.switch_to.active_element == control, f"the {path} control has the focus")
        return box.text

    if not b.ok(b.login("admin", os.environ["ADMIN_PASSWORD"]), "logged in as the admin"):
        return b.finish()
    region = api("status")
    code = next((service.get("region_code") for service in region["services"] if service.get("region_code")), "")
    b.ok(code != "", f"the region's code is known ({code})")

    # ------------------------------------------------------------ the list
    b.open("#/projets")
    b.css("#projects-table tbody tr")
    shown("01-projets-liste", "Projets")
    before = api(f"projects/list_projects?region_code={code}")
    rows = b.all("#projects-table tbody tr")
    b.ok(len(rows) == len(before.get("items", [])), f"every project of the region is listed ({len(rows)})")
    b.ok("probant(s) ou prometteur(s)" in main_text(), "the year's figures are shown above the list")

    # ------------------------------------------------------------ the annex 2 form, refused then accepted
    b.click("a[href='#/projets?vue=nouveau']")
    b.css("#project-form")
    b.page_loaded("Nouvelle fiche projet")
    legends = [element.text for element in b.all("#project-form fieldset.group > legend")]
    b.ok(legends[:2] == ["Le projet", "Éléments de base"] and "Fiche 1 — Diagnostic : état des lieux" in legends
         and "Fiche 4 — Planification" in legends, f"the form follows annex 2's headings ({len(legends)} groups)")
    establishments = api(f"registry/list_establishments?region_code={code}")["items"]
    establishment = establishments[0]
    b.fill("#project-form [name='establishment_id']", establishment["id"])
    b.fill("#project-form [name='carrier']", "HEALTH_UNIT")
    # No title: the service refuses, naming the field
    b.click("#project-form button[type=submit]")
    message = field_error("#project-form", "title")
    b.ok(message == "Ce champ est obligatoire.", f"the missing title is shown on its field, in French ({message})")
    b.ok("Intitulé" in (b.css("#project-form .form-error .notice.bad").text or ""),
         "the form's summary names the field in French")
    b.axe("02-fiche-erreur-intitule")
    b.no_console_errors("02-fiche-erreur-intitule")
    b.screenshot("02-fiche-erreur-intitule")

    b.fill("#project-form [name='title']", TITLE)
    b.fill("#project-form [name='carrier_name']", "USMP (test)")
    check("#project-form fieldset[data-path='partner_ids'] input[type=checkbox]")
    b.fill("#project-form [name='funding_summary']", "Fonds d'intervention régional")
    check("#project-form fieldset[data-path='publics'] input[value='ADULTS']")
    check("#project-form fieldset[data-path='places'] input[value='QUARTER']")
    check("#project-form fieldset[data-path='themes'] input[value='MENTAL_WELLBEING']")
    check("#project-form fieldset[data-path='ottawa_axes'] input[value='PERSONAL_SKILLS']")
    b.fill("#project-form [name='participation']", "CONSULTED")
    b.fill("#project-form [name='diagnostic.context']", "Des troubles du sommeil souvent évoqués en consultation.")
    b.fill("#project-form [name='diagnostic.needs_voiced_by_detainees']", "Mieux dormir malgré le bruit, en parler.")
    b.fill("#project-form [name='objectives.general']", "Améliorer le sommeil des personnes détenues.")
    b.fill("#project-form [name='objectives.specific']", "Connaître les facteurs du sommeil, y compris le bruit\nRepérer les aides possibles")
    b.fill("#project-form [name='actions']", "Quatre ateliers en groupe fermé.")
    set_value("#project-form [name='planned_budget_cents']", "1500.50")
    # The end before the start: refused, on planned_end (and the title's error gone)
    set_value("#project-form [name='planned_start']", (today + datetime.timedelta(days=60)).isoformat())
    set_value("#project-form [name='planned_end']", (today + datetime.timedelta(days=30)).isoformat())
    b.click("#project-form button[type=submit]")
    message = field_error("#project-form", "planned_end")
    b.ok(bool(message) and "début" in message, f"the end before the start is shown next to the end ({message})")
    b.ok(not b.all("#project-form .field[data-path='title'].invalid"), "the title is no longer marked")
    b.axe("03-fiche-erreur-fin-prevue")
    b.no_console_errors("03-fiche-erreur-fin-prevue")
    b.screenshot("03-fiche-erreur-fin-prevue")

    set_value("#project-form [name='planned_end']", (today + datetime.timedelta(days=120)).isoformat())
    b.click("#project-form button[type=submit]")
    b.wait(lambda d: "section=statut" in d.current_url and d.find_elements(By.CSS_SELECTOR, "#transition-form"),
           "the new project's status page is shown")
    project_id = driver.current_url.split("id=")[1].split("&")[0]
    project = api(f"projects/get_project?id={project_id}")
    b.ok(project.get("title") == TITLE and project.get("status") == "DRAFT", f"project {project_id} is recorded as a draft")
    b.ok(project.get("planned_budget_cents") == "150050" and project.get("publics") == ["ADULTS"]
         and project.get("objectives", {}).get("specific") == ["Connaître les facteurs du sommeil, y compris le bruit",
                                                                "Repérer les aides possibles"]
         and len(project.get("partner_ids", [])) == 1 and project.get("establishment_id") == establishment["id"],
         "the sheet holds what was typed (budget in cents, publics, objectives line by line, intervenor)")
    b.ok(TITLE in b.css("main h1").text, "the project's page is titled with it")

    # ------------------------------------------------------------ its life: planned, then running
    b.ok("Brouillon" in b.css("#project-status").text, "it starts as a draft")
    b.fill("#transition-form [name='to']", "PLANNED")
    b.click("#transition-form button[type=submit]")
    b.text_in("#project-status", "Planifié")
    b.css("#transition-form")
    shown("04-projet-statut")
    options = [element.get_attribute("value") for element in b.all("#transition-form [name='to'] option") if element.get_attribute("value")]
    b.ok(options == ["RUNNING", "ABANDONED"], f"only the allowed transitions are offered ({options})")
    b.fill("#transition-form [name='to']", "RUNNING")
    b.click("#transition-form button[type=submit]")
    b.wait(lambda d: "section=seances" in d.current_url and d.find_elements(By.CSS_SELECTOR, "#session-form"),
           "a running project opens on its sessions")
    b.text_in("#project-status", "En cours")

    # ------------------------------------------------------------ a session: refused, then recorded
    b.fill("#session-form [name='topic']", "Le sommeil en détention")
    b.fill("#session-form [name='facilitators']", "Infirmière de l'USMP")
    b.fill("#session-form [name='group']", "CLOSED_GROUP")
    set_value("#session-form [name='registered']", 12)
    set_value("#session-form [name='attended']", 15)
    b.click("#session-form button[type=submit]")
    message = field_error("#session-form", "attended")
    b.ok(bool(message) and "inscrits (12)" in message, f"more people than registered in a closed group is shown on the count ({message})")
    b.axe("05-seance-erreur")
    b.no_console_errors("05-seance-erreur")
    b.screenshot("05-seance-erreur")
    set_value("#session-form [name='attended']", 9)
    b.fill("#session-form [name='feedback']", "Échanges nourris ; souhait d'une deuxième séance.")
    b.click("#session-form button[type=submit]")
    b.text_in("#sessions-summary", "1 séance(s)")
    b.css("#sessions-table tbody tr")
    shown("06-projet-seances")
    summary = spaces(b.css("#sessions-summary").text)
    b.ok("9 personne(s) venue(s) pour 12 inscrite(s)" in summary, f"the session's counts are summed ({summary})")
    cells = [spaces(element.text) for element in b.all("#sessions-table tbody tr:first-child td")]
    b.ok("12" in cells and "9" in cells and "Groupe fermé" in cells, f"the session is listed with its counts ({cells})")
    sessions = api(f"projects/list_sessions?project_id={project_id}").get("items", [])
    b.ok(len(sessions) == 1 and sessions[0].get("registered") == 12 and sessions[0].get("attended") == 9,
         "the session is recorded with 12 registered and 9 present")
    b.ok(set(sessions[0].keys()) <= {"id", "project_id", "establishment_id", "region_code", "date", "place", "topic",
                                       "facilitators", "group", "registered", "attended", "feedback"},
         "a session holds counts, no one's name")

    # ------------------------------------------------------------ the list again
    b.open(f"#/projets?etablissement={establishment['id']}")
    b.text_in("#projects-table", TITLE)
    shown("07-projets-liste-nouveau", "Projets")
    row = [element for element in b.all("#projects-table tbody tr") if TITLE in element.text]
    b.ok(row and "En cours" in row[0].text, "the new project is listed, running, under its establishment")

    # ------------------------------------------------------------ SWOT and yearly review
    year = today.year - 1
    b.open(f"#/projets?vue=etablissements&etablissement={establishment['id']}&annee={year}")
    b.css("#swot-form")
    shown("08-swot-bilan-annuel", "SWOT")
    b.ok(b.css("#years-table") is not None and b.css("#review-form") is not None, "the SWOT and yearly review forms and the region's overview are shown")

    # ------------------------------------------------------------ Formation
    b.open("#/formation")
    b.css("#offers-table")
    shown("09-formation-offres", "Formation")
    sessions = api(f"training/list_sessions?region_code={code}").get("items", [])
    b.ok(len(sessions) > 0, f"the sample has training sessions ({len(sessions)})")
    session = sessions[0]
    attendance = api(f"training/session_attendance?id={session['id']}")
    b.open(f"#/formation?session={session['id']}")
    b.css("#attendance-total")
    shown("10-formation-session", "Session de formation")
    b.ok(f"{attendance.get('total', 0)} participant(s)" in spaces(b.css("#attendance-total").text),
         f"the session's attendance is shown ({attendance.get('total', 0)} participants)")
    b.ok(len(b.all("#participants-table tbody tr")) == len(attendance.get("participants", []))
         and len(b.all("#counts-table tbody tr")) == len(attendance.get("counts", [])),
         "named professionals and counts by category are listed")
    stats_year = int(session["first_date"][:4])
    stats = api(f"training/trained_stats?region_code={code}&from={stats_year}-01-01&to={stats_year}-12-31")
    b.open(f"#/formation?vue=formes&annee={stats_year}")
    b.css("#trained-table")
    shown("11-formation-formes", "Formation")
    cards = spaces(b.css("#trained-cards").text)
    b.ok(stats.get("total_trained", 0) > 0, f"the sample trained professionals in {stats_year}")
    b.ok(str(stats.get("total_trained", 0)) in cards.replace(" ", ""),
         f"the year's trained professionals are shown ({stats.get('total_trained')})")
    b.ok(len(b.all("#trained-table tbody tr")) == len(stats.get("categories", [])), "one line per staff category")

    # ------------------------------------------------------------ Financements
    b.open("#/financements")
    b.css("#calls-table")
    shown("12-financements-appels", "Financements")
    calls = api("funding/list_calls").get("items", [])
    b.ok(len(b.all("#calls-table tbody tr")) == len(calls) and calls, f"the calls for projects are listed ({len(calls)})")
    joint = next((call for call in calls if len(call.get("funder_ids", [])) > 1), calls[0])
    concertation = api(f"funding/concertation?call_id={joint['id']}")
    b.open(f"#/financements?appel={joint['id']}")
    b.css("#concertation-cards")
    shown("13-financements-concertation")
    text = spaces(b.css("#concertation-cards").text)
    b.ok(euros(concertation["requested_cents"]) in text and euros(concertation["granted_cents"]) in text,
         f"the concertation shows the call's requests and grants in euros ({euros(concertation['requested_cents'])}, {euros(concertation['granted_cents'])})")
    b.ok(len(b.all("#concertation-funders tbody tr")) == len(concertation.get("funders", [])), "one line per funder of the call")

    applications = api("funding/list_applications").get("items", [])
    granted = next((item for item in applications if item.get("status") in ("GRANTED", "PARTLY_GRANTED")), None)
    if b.ok(granted is not None, "the sample has a granted application"):
        co = api(f"funding/co_financing?project_id={granted['project_id']}")
        b.open(f"#/financements?vue=cofinancement&projet={granted['project_id']}")
        b.css("#cofinancing-cards")
        shown("14-financements-cofinancement")
        text = spaces(b.css("#cofinancing-cards").text)
        b.ok(euros(co["granted_cents"]) in text and euros(co["requested_cents"]) in text,
             f"the co-financing shows the amounts granted and requested in euros ({euros(co['granted_cents'])} of {euros(co['requested_cents'])})")
        if int(co.get("planned_budget_cents", "0")):
            b.ok(euros(co["planned_budget_cents"]) in text, f"and the planned budget ({euros(co['planned_budget_cents'])})")
        b.ok(len(b.all("#cofinancing-funders tbody tr")) == len(co.get("funders", [])), "one line per funder asked")

    totals_year = int(joint["year"])
    totals = api(f"funding/granted_totals?from={totals_year}-01-01&to={totals_year}-12-31")
    b.open(f"#/financements?vue=totaux&annee={totals_year}")
    b.css("#totals-cards")
    shown("15-financements-montants")
    b.ok(euros(totals["total_cents"]) in spaces(b.css("#totals-cards").text),
         f"the year's granted total is shown in euros ({euros(totals['total_cents'])})")
    return b.finish()


if __name__ == "__main__":
    main_guard(main)
