"""The programme lead uploads a register in Chromium, checks it, imports it, and watches the
progress bar finish while a worker runs the queued task (django-tasks database backend)."""

import re
import threading

import pytest

from tests.conftest import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEADERS = ["কেস নম্বর", "কেসের ধরন", "ঘটনার বিবরণ", "নাম", "লিঙ্গ", "জেলা", "মোবাইল নম্বর"]


def _start_worker():
    """django-tasks-db's own worker loop in a thread (`manage.py db_worker` would install signal
    handlers, which only the main thread may do)."""
    from django.db import connection
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(queue_names=["default"], interval=0.2, batch=False, backend_name="default",
                    startup_delay=False, max_tasks=None, worker_id="e2e-worker")

    def loop():
        try:
            worker.run()
        finally:
            connection.close()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    return worker, thread


def test_lead_uploads_checks_and_imports_with_a_progress_bar(page, live_server, demo_people, home_pages, settings, tmp_path):
    from casework.models import Case
    from tests.factories import CaseCategoryFactory
    from tests.imports.conftest import workbook_bytes

    settings.IMPORT_BACKGROUND_ROWS = 10
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    CaseCategoryFactory(name="ভিসা প্রতারণা")
    rows = [[f"K-{i}", "ভিসা প্রতারণা", "দালাল টাকা নিয়েছে, ভিসা দেয়নি", f"কর্মী {i}", "মহিলা", "কুমিল্লা", f"০১৭১১{i:06d}"]
            for i in range(1, 41)]
    rows.append(["K-99", "লটারি", "x", "কেউ", "মহিলা", "কুমিল্লা", ""])
    path = tmp_path / "register.xlsx"
    path.write_bytes(workbook_bytes([HEADERS, *rows], title="ওকাপ কেস রেজিস্টার", merge_title_over=5))

    worker = thread = None
    try:
        page.goto(f"{live_server.url}/bn/accounts/login/")
        page.fill("#id_username", "lead")
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r".*/bn/(staff|accounts).*"))
        if "conduct" in page.url:
            box = page.locator("input[type=checkbox]")
            if box.count():
                box.first.check()
            page.locator("button[type=submit]").first.click()
            page.wait_for_load_state()

        page.goto(f"{live_server.url}/bn/imports/")
        assert page.locator("html").get_attribute("lang") == "bn"
        page.set_input_files("#id_file", str(path))
        page.click("form.import-form button[type=submit]")
        page.wait_for_url(re.compile(r".*/imports/[0-9a-f-]+/columns/"))
        # Every Bangla header was recognised: the mapping screen only confirms.
        assert page.locator("select").first.input_value() == "case_number"
        page.click("form.mapping-form button[type=submit]")

        page.wait_for_url(re.compile(r".*/imports/[0-9a-f-]+/$"))
        bar = page.locator("#import-bar")
        assert int(float(bar.get_attribute("value"))) < 100  # queued: no worker yet
        # The page's script keeps "N of M rows" up to date from the status it polls, in Bangla digits.
        from casework.imports.models import ImportJob

        ImportJob.objects.update(processed_rows=20)
        from playwright.sync_api import expect

        expect(page.locator("#import-count")).to_contain_text("২০", timeout=10_000)
        ImportJob.objects.update(processed_rows=0)
        worker, thread = _start_worker()
        page.wait_for_selector("#import-result", timeout=30_000)  # the script reloads when it ends
        assert page.locator("[data-count=imported]").inner_text() == "৪০"
        assert page.locator("[data-count=errors]").inner_text() == "১"
        assert "লটারি" in page.content()
        assert Case.objects.count() == 0  # a dry run

        page.click("form.commit-form button[type=submit]")  # import now
        page.wait_for_selector("#import-result", timeout=30_000)
        page.reload()  # the state lives on the server
        assert int(float(page.locator("#import-bar").get_attribute("value"))) == 100
        assert page.locator("[data-count=imported]").inner_text() == "৪০"
        assert Case.objects.count() == 40
    finally:
        if worker:
            worker.running = False
            thread.join(timeout=10)
