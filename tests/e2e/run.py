#!/usr/bin/env python3
"""End-to-end test of the real built app in real WebKit (tauri-driver + WebKitWebDriver, Xvfb).

Opens a fresh demo workspace, reads the attainment figures the dashboard shows, and checks they
equal what `sqm metrics --format json` prints for the same file. Then visits every screen and
saves a screenshot of each for people to look at.
"""

import argparse
import decimal
import json
import re
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def fmt_pct(v):
    """The core's fmt_pct: one decimal, half away from zero; None is the not-measured mark."""
    if v is None:
        return "—"
    d = decimal.Decimal(repr(v)).quantize(decimal.Decimal("0.1"), rounding=decimal.ROUND_HALF_UP)
    return f"{d}%"


def wait_port(port, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


def wait_x(display, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        if Path(f"/tmp/.X11-unix/X{display}").exists():
            return
        time.sleep(0.1)
    raise RuntimeError(f"Xvfb :{display} did not start")


def free_display():
    for n in range(99, 130):
        if not Path(f"/tmp/.X{n}-lock").exists():
            return n
    raise RuntimeError("no free X display")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True)
    ap.add_argument("--sqm", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--driver", default=shutil.which("tauri-driver") or str(Path.home() / ".cargo/bin/tauri-driver"))
    args = ap.parse_args()
    app = str(Path(args.app).resolve())
    sqm = str(Path(args.sqm).resolve())
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    tmp = Path(tempfile.mkdtemp(prefix="sqm-e2e-"))
    db = tmp / "demo.sqm"
    subprocess.run([sqm, "demo", "--out", str(db)], check=True, stdout=subprocess.DEVNULL)
    metrics = json.loads(subprocess.run([sqm, "metrics", "--db", str(db), "--format", "json"],
                                        check=True, capture_output=True, text=True).stdout)
    expected = {
        "kpi-response-value": fmt_pct(metrics["overall"]["response"]["pct"]),
        "kpi-resolution-value": fmt_pct(metrics["overall"]["resolution"]["pct"]),
        "kpi-csat-value": fmt_pct(metrics["overall"]["csat"]),
    }

    display = free_display()
    env = dict(os.environ, DISPLAY=f":{display}", SQM_WORKSPACE=str(db),
               XDG_CONFIG_HOME=str(tmp / "config"), XDG_DATA_HOME=str(tmp / "data"))
    procs = []
    try:
        procs.append(subprocess.Popen(["Xvfb", f":{display}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_x(display)
        driver_bin = args.driver
        log = open(out / "tauri-driver.log", "w")
        procs.append(subprocess.Popen([driver_bin, "--port", "4444"], env=env, stdout=log, stderr=log))
        wait_port(4444)

        opts = ArgOptions()
        opts.set_capability("browserName", "wry")
        opts.set_capability("tauri:options", {"application": app})
        driver = None
        for attempt in range(3):
            try:
                driver = webdriver.Remote(command_executor="http://127.0.0.1:4444", options=opts)
                break
            except Exception as e:  # the first WebKit start on a fresh machine can drop the request
                print(f"session start failed ({e.__class__.__name__}), retrying", file=sys.stderr)
                time.sleep(2)
        if driver is None:
            raise RuntimeError("could not start a WebDriver session")

        def screenshot(name):
            # The X server's own picture: what a person would see.
            subprocess.run(["import", "-display", f":{display}", "-window", "root", str(out / name)], check=False)

        failures = []
        try:
            wait = WebDriverWait(driver, 30)
            for testid, want in expected.items():
                el = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, f'[data-testid="{testid}"]')))
                wait.until(lambda d: el.text.strip() not in ("", "…"))
                got = el.text.strip()
                print(f"{testid}: dashboard {got!r}, sqm metrics {want!r}")
                if got != want:
                    failures.append(f"{testid}: dashboard shows {got!r}, sqm metrics says {want!r}")
            # Charts are drawn by the core and inserted as SVG.
            wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "svg")) >= 3)
            time.sleep(0.5)
            screenshot("dashboard.png")
            driver.execute_script("document.querySelector('[data-testid=\"chart-volume\"]').scrollIntoView()")
            time.sleep(0.3)
            screenshot("dashboard-charts.png")
            driver.execute_script("const t = document.querySelectorAll('table'); t[t.length - 1].scrollIntoView()")
            time.sleep(0.3)
            screenshot("dashboard-tables.png")
            # English on request: the labels change, the figures do not.
            driver.find_element(By.CSS_SELECTOR, '[data-testid="lang-en"]').click()
            WebDriverWait(driver, 10).until(lambda d: "Dashboard" in d.execute_script("return document.body.innerText"))
            driver.execute_script("window.scrollTo(0, 0); document.querySelectorAll('*').forEach(e => e.scrollTop = 0)")
            time.sleep(1.0)
            screenshot("dashboard-en.png")
            en_value = driver.find_element(By.CSS_SELECTOR, '[data-testid="kpi-response-value"]').text.strip()
            if en_value != expected["kpi-response-value"]:
                failures.append(f"English dashboard shows {en_value!r}")
            driver.find_element(By.CSS_SELECTOR, '[data-testid="lang-zh"]').click()
            time.sleep(0.5)
            # Drill-down: the resolution tile opens exactly the breached tickets the figure counts.
            res = metrics["overall"]["resolution"]
            want_breaches = res["measured"] - res["met"]
            driver.find_element(By.CSS_SELECTOR, '[data-testid="kpi-resolution-drill"]').click()
            count = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid="tickets-count"]')))
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="tickets-table"] tbody tr'))
            digits = "".join(ch for ch in count.text.split("（")[0].split("(")[0] if ch.isdigit())
            print(f"drill-down: {count.text!r}, sqm metrics breaches {want_breaches}")
            if digits != str(want_breaches):
                failures.append(f"drill-down lists {count.text!r}, sqm metrics counts {want_breaches} breaches")
            time.sleep(2.0)
            screenshot("drill-down.png")
            driver.find_element(By.CSS_SELECTOR, '[data-testid="tickets-close"]').click()
            time.sleep(0.3)
            # Breach analysis: the same breaches, by service, priority, category, group, assignee.
            driver.find_element(By.CSS_SELECTOR, '[data-testid="nav-breaches"]').click()
            summary = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid="breach-summary"]')))
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="breach-longest"] tbody tr'))
            if f"{want_breaches:,}" not in summary.text:
                failures.append(f"breach summary {summary.text!r} does not show {want_breaches:,} breaches")
            time.sleep(0.5)
            screenshot("breaches.png")
            driver.execute_script("document.querySelector('[data-testid=\"breach-longest\"]').scrollIntoView()")
            time.sleep(0.3)
            screenshot("breaches-longest.png")
            # Calendars: the built-in China calendar with its month view.
            driver.find_element(By.CSS_SELECTOR, '[data-testid="nav-calendars"]').click()
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid="calendar-row-china"]')))
            time.sleep(0.5)
            screenshot("calendars.png")
            driver.find_element(By.CSS_SELECTOR, '[data-testid="calendar-edit-china"]').click()
            time.sleep(1.5)
            screenshot("calendar-china.png")
            # People: the competence matrix totals equal `sqm people show` (same day), every tab
            # renders, and a staff list imports through the shell.
            people = json.loads(subprocess.run([sqm, "people", "show", "--db", str(db)],
                                               check=True, capture_output=True, text=True).stdout)
            driver.find_element(By.CSS_SELECTOR, '[data-testid="nav-people"]').click()
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid="people-tab-matrix"]')))
            time.sleep(0.8)
            screenshot("people-roles.png")
            driver.find_element(By.CSS_SELECTOR, '[data-testid="people-tab-matrix"]').click()
            totals = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid="matrix-totals"]')))
            values = [v.text.strip() for v in totals.find_elements(By.CSS_SELECTOR, ".value")]
            want_totals = [f"{people['matrix'][k]:,}" for k in ("required", "met", "gaps", "not_assessed")]
            print(f"matrix totals: screen {values}, sqm people show {want_totals}")
            if values != want_totals:
                failures.append(f"matrix totals {values} differ from sqm people show {want_totals}")
            time.sleep(0.5)
            screenshot("people-matrix.png")
            for tab in ("staff", "training", "rewards", "performance"):
                driver.find_element(By.CSS_SELECTOR, f'[data-testid="people-tab-{tab}"]').click()
                time.sleep(1.0)
                screenshot(f"people-{tab}.png")
            staff_list = Path(__file__).resolve().parent.parent / "fixtures" / "people" / "staff-50.xlsx"
            result = driver.execute_async_script(
                """const done = arguments[arguments.length - 1];
                window.__TAURI_INTERNALS__.invoke('people_import', {kind: 'staff', path: arguments[0]})
                  .then(r => done(r), e => done({error: e}));""",
                str(staff_list))
            print(f"imported staff-50.xlsx: {result}")
            if "error" in result or result.get("staff_added", 0) + result.get("staff_updated", 0) != 50:
                failures.append(f"staff list import: {result}")

            # Cost-benefit: the expected NPV on screen is the one in `sqm report --kind cost-benefit`.
            driver.find_element(By.CSS_SELECTOR, '[data-testid="nav-costbenefit"]').click()
            npv_el = wait.until(EC.presence_of_element_located(
                (By.CSS_SELECTOR, '[data-testid="cb-fig-npv-expected"]')))
            wait.until(lambda d: npv_el.text.strip() not in ("", "…", "—"))
            npv = npv_el.text.strip()
            cb_pdf = tmp / "cb.pdf"
            subprocess.run([sqm, "report", "--kind", "cost-benefit", "--db", str(db), "--out", str(cb_pdf)],
                           check=True, stdout=subprocess.DEVNULL)
            cb_text = subprocess.run(["pdftotext", "-raw", str(cb_pdf), "-"], capture_output=True, text=True).stdout
            print(f"cost-benefit: screen NPV {npv!r}, in the report: {npv in cb_text}")
            if npv not in cb_text:
                failures.append(f"cost-benefit NPV {npv!r} on screen is not in the report")
            time.sleep(0.5)
            screenshot("costbenefit.png")
            driver.execute_script("""for (const el of [document.querySelector('main'), document.scrollingElement])
                { if (el) el.scrollTop = el.scrollHeight; }""")
            time.sleep(0.5)
            screenshot("costbenefit-bottom.png")

            # Feedback and improvement: the CSI register's measured values are the pack's.
            driver.find_element(By.CSS_SELECTOR, '[data-testid="nav-feedback"]').click()
            wait.until(EC.presence_of_element_located(
                (By.CSS_SELECTOR, '[data-testid="feedback-panel-satisfaction"]')))
            time.sleep(0.5)
            screenshot("feedback.png")
            driver.find_element(By.CSS_SELECTOR, '[data-testid="nav-improvement"]').click()
            wait.until(EC.presence_of_element_located(
                (By.CSS_SELECTOR, '[data-testid="improvement-panel-meetings"]')))
            time.sleep(0.5)
            screenshot("improvement-meetings.png")
            driver.find_element(By.CSS_SELECTOR, '[data-testid="improvement-tab-actions"]').click()
            row = wait.until(EC.presence_of_element_located(
                (By.CSS_SELECTOR, '[data-testid="act-row-CSI-001"]')))
            time.sleep(0.5)
            screenshot("improvement-actions.png")
            pack_pdf = tmp / "pack.pdf"
            subprocess.run([sqm, "report", "--db", str(db), "--out", str(pack_pdf)],
                           check=True, stdout=subprocess.DEVNULL)
            pack_text = subprocess.run(["pdftotext", "-raw", str(pack_pdf), "-"],
                                       capture_output=True, text=True).stdout
            measured = [m.group(0) for c in row.find_elements(By.CSS_SELECTOR, "td.num")
                        for m in [re.match(r"[-+]?[\d,]+(\.\d+)?%", c.text.strip())] if m]
            print(f"CSI-001 on screen: {measured}; in the pack: {[m in pack_text for m in measured]}")
            if not measured or any(m not in pack_text for m in measured):
                failures.append(f"CSI-001 figures {measured} on screen are not all in the pack")
            driver.find_element(By.CSS_SELECTOR, '[data-testid="improvement-tab-programme"]').click()
            time.sleep(0.8)
            screenshot("improvement-programme.png")

            # Processes: every tab renders; the conformance on the map equals `sqm process` for the
            # same quarter.
            driver.find_element(By.CSS_SELECTOR, '[data-testid="nav-processes"]').click()
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid="sop-editor"]')))
            time.sleep(0.8)
            screenshot("processes-sop.png")
            driver.execute_script("document.querySelector('[data-testid=\"sop-steps\"]').scrollIntoView()")
            time.sleep(0.4)
            screenshot("processes-sop-steps.png")
            driver.execute_script("window.scrollTo(0, 0); document.querySelectorAll('*').forEach(e => e.scrollTop = 0)")
            driver.find_element(By.CSS_SELECTOR, '[data-testid="processes-tab-steps"]').click()
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid="steps-table"] tbody tr')))
            time.sleep(0.8)
            screenshot("processes-steps.png")
            driver.find_element(By.CSS_SELECTOR, '[data-testid="lang-en"]').click()
            time.sleep(0.8)
            screenshot("processes-steps-en.png")
            driver.find_element(By.CSS_SELECTOR, '[data-testid="lang-zh"]').click()
            time.sleep(0.5)
            driver.execute_script("document.querySelector('[data-testid=\"bottleneck\"]').scrollIntoView()")
            time.sleep(0.4)
            screenshot("processes-steps-bottleneck.png")
            driver.execute_script("window.scrollTo(0, 0); document.querySelectorAll('*').forEach(e => e.scrollTop = 0)")
            driver.find_element(By.CSS_SELECTOR, '[data-testid="processes-tab-map"]').click()
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="conformance"], [data-testid="map-empty"]'))
            time.sleep(1.0)
            screenshot("processes-map.png")
            heading = driver.find_element(By.CSS_SELECTOR, "h1").text
            m = re.search(r"(\d{4})年第(\d)季度", heading) or re.search(r"(\d{4}) Q(\d)", heading)
            conf = driver.find_elements(By.CSS_SELECTOR, '[data-testid="conformance"]')
            if not m:
                failures.append(f"processes: no quarter in the heading {heading!r}")
            elif not conf:
                failures.append("processes: the demo's process map is empty (no status history)")
            else:
                year, q = int(m.group(1)), int(m.group(2))
                last = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}[q]
                period = f"{year}-{(q - 1) * 3 + 1:02d}-01..{year}-{last}"
                run = subprocess.run([sqm, "process", "--db", str(db), "--period", period, "--format", "json"],
                                     capture_output=True, text=True)
                if run.returncode != 0:
                    failures.append(f"`sqm process --period {period} --format json` is not available or failed "
                                    f"(exit {run.returncode}): {run.stderr.strip()[:300]}")
                else:
                    def owner(obj, key):
                        """The first object (depth first) that has `key`."""
                        if isinstance(obj, dict):
                            if key in obj:
                                return obj
                            obj = list(obj.values())
                        if isinstance(obj, list):
                            for v in obj:
                                r = owner(v, key)
                                if r is not None:
                                    return r
                        return None
                    found = owner(json.loads(run.stdout), "conformance_pct")
                    if found is None:
                        failures.append("`sqm process --format json` has no conformance_pct")
                    else:
                        want_conf = fmt_pct(found["conformance_pct"])
                        shown = conf[0].text.strip()
                        pct = re.search(r"\d[\d,]*\.\d%", shown)
                        got_conf = pct.group(0) if pct else "—"
                        print(f"conformance: screen {shown!r}, sqm process {want_conf!r}")
                        if got_conf != want_conf:
                            failures.append(f"conformance on screen {shown!r} differs from sqm process {want_conf!r}")
                        cases, conforming = found.get("cases"), found.get("conforming_cases")
                        if isinstance(cases, int) and isinstance(conforming, int) and f"{conforming:,} / {cases:,}" not in shown:
                            failures.append(f"conformance on screen {shown!r} does not count {conforming:,} / {cases:,}")
            driver.execute_script("const t = document.querySelector('[data-testid=\"variants-table\"]'); if (t) t.scrollIntoView()")
            time.sleep(0.4)
            screenshot("processes-map-tables.png")
            driver.execute_script("window.scrollTo(0, 0); document.querySelectorAll('*').forEach(e => e.scrollTop = 0)")
            driver.find_element(By.CSS_SELECTOR, '[data-testid="processes-tab-assessment"]').click()
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid="dimension-table"]')))
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid="respondent-table"]')))
            time.sleep(0.8)
            screenshot("processes-assessment.png")
            driver.execute_script("document.querySelector('[data-testid=\"dimension-table\"]').scrollIntoView()")
            time.sleep(0.4)
            screenshot("processes-assessment-dimensions.png")
            driver.execute_script("document.querySelector('[data-testid=\"respondents\"]').scrollIntoView()")
            time.sleep(0.4)
            screenshot("processes-assessment-respondents.png")
            driver.execute_script("window.scrollTo(0, 0); document.querySelectorAll('*').forEach(e => e.scrollTop = 0)")
            driver.find_element(By.CSS_SELECTOR, '[data-testid="questionnaire-edit"]').click()
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid="questionnaire-form"]')))
            time.sleep(2.0)
            screenshot("processes-questionnaire.png")
            driver.find_element(By.CSS_SELECTOR, '[data-testid="questionnaire-cancel"]').click()
            time.sleep(0.4)
            driver.execute_script("window.scrollTo(0, 0); document.querySelectorAll('*').forEach(e => e.scrollTop = 0)")

            for screen in ("import", "services", "export"):
                driver.find_element(By.CSS_SELECTOR, f'[data-testid="nav-{screen}"]').click()
                time.sleep(0.8)
                screenshot(f"{screen}.png")
            driver.find_element(By.CSS_SELECTOR, '[data-testid="nav-services"]').click()
            time.sleep(0.5)
            services_text = driver.execute_script("return document.body.innerText")
            for code in ("DESK", "NET", "ERP"):
                if code not in services_text:
                    failures.append(f"services screen does not list {code}")

            # Import a ServiceNow and a Jira export through the real shell command (the native file
            # dialog cannot be driven by WebDriver), then the dashboard must show the new figures.
            fixtures = Path(__file__).resolve().parent.parent / "fixtures"
            for name in ("servicenow_fields_v2.csv", "jira_en.csv"):
                result = driver.execute_async_script(
                    """const done = arguments[arguments.length - 1];
                    window.__TAURI_INTERNALS__.invoke('import_run', {path: arguments[0], options:
                      {format: null, date_format: null, mapping: null, valid_rows_only: false}})
                      .then(r => done(r.run), e => done({error: e}));""",
                    str(fixtures / name))
                print(f"imported {name}: {result}")
                if "error" in result:
                    failures.append(f"import of {name} failed: {result['error']}")
            after = json.loads(subprocess.run([sqm, "metrics", "--db", str(db), "--format", "json"],
                                              check=True, capture_output=True, text=True).stdout)
            if after["overall"]["volume"] != metrics["overall"]["volume"] + 9:
                failures.append(f"volume after import: {after['overall']['volume']}")
            driver.refresh()
            driver.find_element(By.CSS_SELECTOR, '[data-testid="nav-dashboard"]').click()
            el = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid="kpi-volume-value"]')))
            want_volume = f"{after['overall']['volume']:,}"
            try:
                WebDriverWait(driver, 15).until(lambda d: d.find_element(
                    By.CSS_SELECTOR, '[data-testid="kpi-volume-value"]').text.strip() == want_volume)
            except Exception:
                failures.append(f"dashboard volume after import: {el.text!r}, sqm metrics {want_volume!r}")
            got = driver.find_element(By.CSS_SELECTOR, '[data-testid="kpi-response-value"]').text.strip()
            want = fmt_pct(after["overall"]["response"]["pct"])
            print(f"after import: volume {want_volume}, response dashboard {got!r}, sqm metrics {want!r}")
            if got != want:
                failures.append(f"after import: dashboard response {got!r}, sqm metrics {want!r}")
            time.sleep(0.5)
            screenshot("dashboard-after-import.png")

            # Backups: each import into the (non-empty) demo workspace was preceded by one.
            driver.find_element(By.CSS_SELECTOR, '[data-testid="nav-backups"]').click()
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid="backups-table"]')))
            rows = driver.find_elements(By.CSS_SELECTOR, '[data-testid^="backup-row-"]')
            print(f"backups listed: {len(rows)}")
            if len(rows) < 3:  # the staff list and the two ticket exports
                failures.append(f"backups screen lists {len(rows)} backups, expected at least 3")
            time.sleep(0.5)
            screenshot("backups.png")
            # Audit log: the staff list import changed staff records, logged with the OS user.
            driver.find_element(By.CSS_SELECTOR, '[data-testid="nav-audit"]').click()
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '[data-testid="audit-table"]')))
            audit_rows = driver.find_elements(By.CSS_SELECTOR, '[data-testid^="audit-row-"]')
            page = driver.execute_script("return document.body.innerText")
            print(f"audit rows on the first page: {len(audit_rows)}")
            if not audit_rows or "E050" not in page:
                failures.append("audit log does not show the staff list import")
            time.sleep(0.5)
            screenshot("audit.png")

            # Export the pack through the shell (the save dialog is native) and save a copy of the
            # workspace: the PDF must carry the figure the dashboard shows.
            pdf = tmp / "pack.pdf"
            copy = tmp / "copy.sqm"
            for command, args in (("report_export", {"quarter": None, "lang": "zh", "path": str(pdf)}),
                                  ("workspace_save_copy", {"path": str(copy)})):
                for attempt in (1, 2):
                    try:
                        result = driver.execute_async_script(
                            """const done = arguments[arguments.length - 1];
                            window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
                              .then(r => done({ok: r === null ? true : r}), e => done({error: e}));""",
                            command, args)
                        break
                    except WebDriverException as e:
                        # WebKitWebDriver now and then fails to hand back an async script's
                        # result; both commands write a whole file, so asking again is safe.
                        if attempt == 2 or "Could not parse script result" not in str(e):
                            raise
                        print(f"{command}: the driver could not read the result; asking again")
                        copy.unlink(missing_ok=True)
                if "error" in result:
                    failures.append(f"{command} failed: {result['error']}")
            text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True).stdout
            for needle in ("季度服务质量评审材料", got, want_volume, "人员与能力"):
                if needle not in text:
                    failures.append(f"the exported PDF does not contain {needle!r}")
            if not copy.exists():
                failures.append("save a copy wrote nothing")
            else:
                copied = json.loads(subprocess.run([sqm, "metrics", "--db", str(copy), "--format", "json"],
                                                   check=True, capture_output=True, text=True).stdout)
                if copied["overall"] != after["overall"]:
                    failures.append("the saved copy's figures differ from the workspace's")
            print(f"exported {pdf.stat().st_size if pdf.exists() else 0} bytes of PDF; copy ok: {copy.exists()}")
        finally:
            driver.quit()
        if failures:
            print("\n".join(failures), file=sys.stderr)
            sys.exit(1)
        print(f"end-to-end: ok (screenshots in {out})")
    finally:
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
