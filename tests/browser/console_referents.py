"""The region console's Référents and Instances pages in a real browser:
a vacant referent post seen on the dashboard is filled through the
designation form (with a person added inline), the vacancy leaves the
dashboard, the designation is ended with a reason that the history shows;
a steering committee's missing footnote-8 categories are shown and one is
filled through the member form. axe-core runs on every page shown.

Run by tests/browser/run_console.sh (a region with the sample, an admin):
argv[1] is the console's URL; PPS_SHOTS, PPS_DOWNLOADS, ADMIN_PASSWORD.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser, main_guard  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

PERSON = "Dominique Lambert (test)"
NOTE = "Départ vers une autre région (test)"


def rows_of(b, selector):
    """The cells' texts of each row of a table, read in one go."""
    return b.driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0] + ' tbody tr'),"
        " row => Array.from(row.cells, cell => cell.textContent.trim()))", selector)


def vacancies(b):
    """The dashboard's vacant posts: (establishment or 'Région', role)."""
    return [tuple(row[:2]) for row in rows_of(b, "#vacancies-table")]


def vacancy_count(b):
    found = texts(b, "#block-vacancies h2 .badge")
    digits = "".join(c for c in found[0] if c.isdigit()) if found else ""
    return int(digits) if digits else -1


def show(b, element_id):
    """Scroll the element to the top of the window, for the screenshot."""
    b.driver.execute_script(
        "const e = document.getElementById(arguments[0]); if (e) e.scrollIntoView({block: 'start'})", element_id)
    time.sleep(0.2)


def dashboard(b):
    b.open("#/tableau-de-bord")
    b.page_loaded("Tableau de bord")
    return b.css("#vacancies-table")


def select_by_text_part(element, part):
    for option in element.find_elements(By.TAG_NAME, "option"):
        if part in option.text:
            Select(element).select_by_value(option.get_attribute("value"))
            return option.text
    return None


def texts(b, selector):
    """The text of every element the selector finds, read in one go (the
    page may be drawn again meanwhile: no element is kept)."""
    return b.driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]), e => e.textContent)", selector)


def wait_text(b, selector, text, what):
    return b.wait(lambda driver: any(text in found for found in texts(b, selector)), what)


def run():
    base = sys.argv[1]
    b = Browser(base, os.environ["PPS_SHOTS"], os.environ["PPS_DOWNLOADS"])
    b.ok(b.login("admin", os.environ["ADMIN_PASSWORD"]), "the admin logs in")

    # ---------------------------------------------------------- a vacancy on the dashboard
    b.ok(dashboard(b) is not None, "the dashboard lists the vacant referent posts")
    before = vacancies(b)
    count_before = vacancy_count(b)
    b.ok(len(before) > 0, f"the sample has vacant posts ({count_before})")
    b.axe("tableau de bord")
    show(b, "block-vacancies")
    b.screenshot("dashboard-before")
    # An establishment's post when there is one, else the region's
    scope, role = next((item for item in before if item[0] != "Région"), before[0])
    where = "région" if scope == "Région" else scope
    print(f"  the post to fill: {role}, {where}", flush=True)

    # ---------------------------------------------------------- Référents: every post
    b.open("#/referents")
    b.page_loaded("Référents")
    b.ok(b.css("#referents-table") is not None and b.css("#region-posts-table") is not None,
         "Référents shows the region's posts and one row per establishment")
    b.axe("référents")
    b.screenshot("referents")
    link = None
    for candidate in b.all("a.designate-link"):
        if f"{role}, {where}" in candidate.get_attribute("textContent"):
            link = candidate
    b.ok(link is not None, f"the vacant post '{role}, {where}' has its 'Désigner' link")
    if link is None:
        return b.finish()
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    b.page_loaded("Référents ")
    scope_url = b.driver.current_url
    role_select = b.css("#designate-form select[name=role]")
    b.ok(role_select is not None and Select(role_select).first_selected_option.text == role,
         "the designation form opens on that post")

    # A refusal comes back on its field: no person chosen
    b.click("#designate-form button[type=submit]")
    error = b.css('#designate-form .field.invalid[data-path="person_id"] .error')
    b.ok(error is not None and error.text != "", "a designation without a person is refused on the person field")

    # A person added inline, then designated
    b.click("#person-details summary")
    b.fill("#person-form input[name=full_name]", PERSON)
    b.fill("#person-form input[name=organisation]", "Structure de test")
    b.fill("#person-form input[name=role_title]", "Référent·e santé")
    b.click("#person-form button[type=submit]")
    b.ok(b.wait(lambda driver: PERSON in Select(driver.find_element(
        By.CSS_SELECTOR, "#designate-form select[name=person_id]")).first_selected_option.text,
        "the new person is chosen in the designation form") is not None,
        "a person added inline is chosen in the designation form")
    b.click("#designate-form button[type=submit]")
    b.ok(wait_text(b, "main .notice.ok", "Désignation enregistrée", "the designation is confirmed") is not None,
         "the designation is recorded and the page drawn again")
    b.ok(wait_text(b, "#posts-table", PERSON, "the post shows its new holder") is not None,
         f"the post '{role}' shows {PERSON} as its holder")
    b.axe("référents d'un établissement")
    b.no_console_errors("référents")
    b.screenshot("referents-designated")

    # ---------------------------------------------------------- the vacancy left the dashboard
    dashboard(b)
    gone = b.wait(lambda driver: (scope, role) not in vacancies(b), "the vacancy leaves the dashboard")
    b.ok(gone is not None, f"the dashboard no longer lists '{role}, {scope}' as vacant")
    b.wait(lambda driver: vacancy_count(b) == count_before - 1, "the count of vacancies goes down")
    b.ok(vacancy_count(b) == count_before - 1, f"the dashboard counts one vacancy less ({count_before} -> {vacancy_count(b)})")
    show(b, "block-vacancies")
    b.screenshot("dashboard-after")

    # ---------------------------------------------------------- end it, with a reason
    b.driver.get(scope_url)
    b.page_loaded("Référents ")
    end_select = b.css("#end-form select[name=id]")
    b.ok(end_select is not None and select_by_text_part(end_select, PERSON) is not None,
         "the end form offers the new designation")
    b.fill("#end-form select[name=reason]", "DEPARTURE")
    b.fill("#end-form textarea[name=note]", NOTE)
    b.click("#end-form button[type=submit]")
    b.ok(wait_text(b, "main .notice.ok", "Désignation terminée", "the end is confirmed") is not None,
         "the designation is ended")
    history = rows_of(b, "#history-table")
    ended = [row for row in history if PERSON in " ".join(row)]
    b.ok(ended and "Départ" in ended[0] and NOTE in ended[0] and "en fonction" not in ended[0],
         f"the history shows the end with its reason and note ({ended[0] if ended else history[:2]})")
    show(b, "history-heading")
    b.screenshot("referents-history")
    b.axe("historique des référents")

    # ---------------------------------------------------------- Instances
    b.open("#/instances")
    b.page_loaded("Instances")
    b.ok(b.css("#meeting-stats") is not None, "Instances opens on the regional committee and its meetings")
    b.axe("instances : comité régional")
    b.screenshot("instances")

    b.open("#/instances?tab=reunions")
    b.page_loaded("Instances")
    b.ok(b.css("#meetings-table") is not None, "the meetings are listed with their attendance")
    b.axe("instances : réunions")

    b.open("#/instances?tab=copil")
    b.page_loaded("Instances")
    b.ok(b.css("#steering-table") is not None, "the steering committees are listed per establishment")
    lacking = [row for row in b.all("#steering-table tbody tr") if "manquante" in row.text]
    b.ok(len(lacking) > 0, f"{len(lacking)} steering committee(s) lack footnote-8 categories")
    b.axe("instances : comités de pilotage")
    b.screenshot("instances-copil")
    if not lacking:
        return b.finish()
    committee_link = lacking[0].find_element(By.CSS_SELECTOR, "a.committee-link")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", committee_link)
    committee_link.click()
    b.css("#missing-list")
    missing = [item.text for item in b.all("#missing-list li")]
    b.ok(len(missing) > 0, f"the committee's missing categories are shown: {missing}")
    b.ok("Il rassemble" in b.css("#footnote-8").get_attribute("textContent"),
         "the page quotes footnote 8 of the instruction")
    b.axe("instances : un comité de pilotage")
    b.screenshot("instances-committee")

    # One missing category filled through the member form
    first = b.all("#missing-list li")[0].get_attribute("data-category")
    b.fill('#member-form select[name="member.category"]', first)
    b.fill('#member-form input[name="member.label"]', "Membre ajouté (test)")
    b.click("#member-form button[type=submit]")
    b.ok(wait_text(b, "main .notice.ok", "Membre ajouté", "the member is added") is not None,
         "a member is added through the form")
    after = [item.get_attribute("data-category") for item in b.all("#missing-list li")]
    b.ok(first not in after and len(after) == len(missing) - 1,
         f"the category leaves the missing ones ({len(missing)} -> {len(after)})")
    b.no_console_errors("instances")
    return b.finish()


if __name__ == "__main__":
    main_guard(run)
