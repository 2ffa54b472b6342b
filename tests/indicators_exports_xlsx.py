"""The XLSX export of a bilan against the JSON export of the same bilan.

Usage: python3 indicators_exports_xlsx.py BILAN.xlsx BILAN.json

Reopens the workbook with openpyxl and checks, row by row, that the
region's sheet, the establishments' sheet and the validation sheet hold
the document's figures: numbers stored as numbers, ratios as numbers shown
as percentages, nothing left out and nothing added. Exit 0 when all hold,
1 with the failures listed otherwise.
"""
import json
import sys

import openpyxl

FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def rows_of(sheet):
    """The sheet's rows as dicts keyed by the header row's titles, each
    value with its cell's number format."""
    rows = list(sheet.iter_rows())
    titles = [cell.value for cell in rows[0]]
    return titles, [{title: cell for title, cell in zip(titles, row)} for row in rows[1:]]


def check_indicator(where, row, indicator):
    """One indicator's columns against its JSON object."""
    ident = indicator["id"]
    check(row["Indicateur"].value == ident, f"{where}: id {row['Indicateur'].value!r}, wanted {ident!r}")
    check(isinstance(row["Libellé"].value, str) and row["Libellé"].value.strip(),
          f"{where} {ident}: no label")
    check(row["Type"].value == indicator["kind"], f"{where} {ident}: kind {row['Type'].value!r}")
    numerator = row["Numérateur"].value
    check(is_number(numerator) and numerator == indicator["numerator"],
          f"{where} {ident}: numerator {numerator!r}, wanted {indicator['numerator']!r}")
    denominator = row["Dénominateur"].value
    value = row["Valeur"]
    if indicator["kind"] == "ratio":
        check(is_number(denominator) and denominator == indicator["denominator"],
              f"{where} {ident}: denominator {denominator!r}, wanted {indicator['denominator']!r}")
        if indicator["value"] is None:
            check(value.value is None, f"{where} {ident}: a ratio over 0 has no value, got {value.value!r}")
        else:
            check(is_number(value.value) and abs(value.value - indicator["value"]) < 1e-9,
                  f"{where} {ident}: value {value.value!r}, wanted {indicator['value']!r}")
            check("%" in value.number_format, f"{where} {ident}: ratio shown as {value.number_format!r}")
    else:
        check(denominator is None, f"{where} {ident}: a denominator {denominator!r} for a {indicator['kind']}")
        check(is_number(value.value) and value.value == indicator["value"],
              f"{where} {ident}: value {value.value!r}, wanted {indicator['value']!r}")


def main(xlsx_path, json_path):
    with open(json_path, encoding="utf-8") as handle:
        document = json.load(handle)
    workbook = openpyxl.load_workbook(xlsx_path)
    for name in ("Région", "Établissements", "Contrôles"):
        check(name in workbook.sheetnames, f"no sheet {name!r} in {workbook.sheetnames}")
    if FAILURES:
        return

    titles, rows = rows_of(workbook["Région"])
    check(titles == ["Indicateur", "Libellé", "Type", "Numérateur", "Dénominateur", "Valeur"],
          f"region: titles {titles}")
    check(len(rows) == len(document["indicators"]),
          f"region: {len(rows)} rows, {len(document['indicators'])} indicators")
    for row, indicator in zip(rows, document["indicators"]):
        check_indicator("region", row, indicator)

    titles, rows = rows_of(workbook["Établissements"])
    wanted = [(establishment, indicator) for establishment in document["establishments"]
              for indicator in establishment["indicators"]]
    check(len(rows) == len(wanted), f"establishments: {len(rows)} rows, {len(wanted)} figures")
    for row, (establishment, indicator) in zip(rows, wanted):
        where = f"establishment {establishment['code']}"
        check(row["Code"].value == establishment["code"], f"{where}: code {row['Code'].value!r}")
        check(row["Établissement"].value == establishment["name"],
              f"{where}: name {row['Établissement'].value!r}")
        check(row["Catégorie"].value == establishment.get("kind"),
              f"{where}: kind {row['Catégorie'].value!r}")
        check_indicator(where, row, indicator)

    titles, rows = rows_of(workbook["Contrôles"])
    check(len(rows) == len(document["validation"]),
          f"validation: {len(rows)} rows, {len(document['validation'])} messages")
    for row, issue in zip(rows, document["validation"]):
        for title, key in (("Gravité", "severity"), ("Règle", "rule"), ("Indicateur", "indicator"),
                           ("Établissement", "establishment"), ("Message", "message")):
            got = row[title].value
            check((got or None) == (issue[key] or None),
                  f"validation {issue['rule']}: {title} {got!r}, wanted {issue[key]!r}")

    if "Bilan" in workbook.sheetnames:
        _, rows = rows_of(workbook["Bilan"])
        about = {row["Champ"].value: row["Valeur"].value for row in rows}
        check(about.get("Région") == document["region"], f"about: region {about.get('Région')!r}")
        check(about.get("Période") == document["period"], f"about: period {about.get('Période')!r}")
        check(about.get("Version") == str(document["version"]), f"about: version {about.get('Version')!r}")
        check(about.get("SHA-256") == document["sha256"], "about: sha256")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: indicators_exports_xlsx.py BILAN.xlsx BILAN.json")
    main(sys.argv[1], sys.argv[2])
    for failure in FAILURES:
        print("FAIL", failure, file=sys.stderr)
    if FAILURES:
        sys.exit(1)
    print("xlsx matches the JSON export")
