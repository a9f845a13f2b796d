"""An Arabic-speaking applicant: finds the brochure in Arabic, downloads it, and applies in Arabic."""

import io

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from portal.applications import demo as applications_demo
from portal.applications import demo_content as form_content
from portal.applications.models import ApplicationSubmission
from portal.publications import demo as publications_demo
from portal.publications.models import PublicationPage, Series
from tests.conftest import build_demo_site


@pytest.fixture
def arabic_site_url(live_server, transactional_db, settings, tmp_path):
    settings.APPLICATIONS_PRIVATE_ROOT = tmp_path / "private"
    home = build_demo_site().root_page
    applications_demo.ensure_demo_application_form(home=home, stdout=io.StringIO())
    publications_demo.ensure_demo_publications(home=home, stdout=io.StringIO())
    return live_server.url


def test_an_arabic_applicant_downloads_the_brochure_and_applies(page: Page, arabic_site_url, tmp_path):
    brochure = PublicationPage.objects.get(series=Series.BROCHURE)
    with translation.override("ar"):
        brochure_url = brochure.url
    arabic_file = brochure.files.get(language="ar").document

    page.goto(arabic_site_url + brochure_url)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    main_download = page.locator(".downloads__primary a.button")
    expect(main_download).to_have_attribute("hreflang", "ar")
    with page.expect_download() as download_info:
        main_download.click(modifiers=["Alt"])  # Alt-click saves the link instead of opening it
    saved = tmp_path / "brochure.pdf"
    download_info.value.save_as(saved)
    assert saved.read_bytes() == arabic_file.file.open("rb").read()
    assert download_info.value.suggested_filename == arabic_file.filename

    page.get_by_role("link", name=form_content.PAGE["ar"][0]).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(form_content.PAGE["ar"][0])
    labels, choices = form_content.LABELS["ar"], form_content.CHOICES
    page.get_by_role("textbox", name=labels["organisation"][0]).fill("بلدية الإسكندرية")
    page.get_by_role("textbox", name=labels["name"][0]).fill("ليلى حسن")
    page.get_by_role("textbox", name=labels["email"][0]).fill("layla@alexandria.test")
    page.get_by_role("combobox", name=labels["country"][0]).select_option(label=choices["country"]["ar"][1])
    page.get_by_role("textbox", name=labels["city"][0]).fill("الإسكندرية")
    page.get_by_role("radio", name=choices["area"]["ar"][0]).check()
    page.get_by_role("spinbutton", name=labels["amount"][0]).fill("50000")
    page.get_by_role("textbox", name=labels["description"][0]).fill("تحسين ثلاثة أحياء غير رسمية مع سكانها.")
    page.get_by_role("checkbox", name=labels["consent"][0]).check()
    page.locator(".application-form button[type=submit]").click()

    expect(page.locator(".notice--success")).to_be_visible()
    submission = ApplicationSubmission.objects.get()
    assert submission.language == "ar"
    assert "Brazil" in submission.get_data().values()  # the choice shown in Arabic, stored in English
