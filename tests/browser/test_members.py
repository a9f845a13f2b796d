from playwright.sync_api import Page, expect

from members.models import MemberLink, MemberPage
from portal.demo_content import DEMO_PASSWORD


def _sign_in(page: Page, site_url: str, email: str) -> None:
    page.goto(f"{site_url}/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()


def test_member_editor_changes_a_link_and_sees_it_in_two_languages(page: Page, site_with_members_url):
    world_bank = MemberPage.objects.get(slug_en="world-bank")
    link = MemberLink.objects.filter(member=world_bank).order_by("sort_order").first()
    _sign_in(page, site_with_members_url, "member@demo.test")

    page.goto(f"{site_with_members_url}/en/members-area/")
    expect(page.get_by_role("heading", name="World Bank", level=2)).to_be_visible()
    page.get_by_role("link", name="Edit profile and links").click()

    index = list(MemberLink.objects.filter(member=world_bank).order_by("sort_order")).index(link)
    page.locator(f'input[name="links-{index}-url"]').fill("https://www.worldbank.org/en/topic/urbandevelopment")
    page.locator(f'input[name="links-{index}-title_en"]').fill("Urban development at the Bank")
    page.locator("button.locale-toggle", has_text="fr").click()  # the editor's language picker
    page.locator(f'input[name="links-{index}-title_fr"]').fill("Le développement urbain à la Banque")
    page.get_by_role("button", name="More actions").click()
    page.locator('button[name="action-publish"]').click()
    expect(page.locator(".messages")).to_contain_text("published")

    page.goto(f"{site_with_members_url}{world_bank.url}")
    expect(page.get_by_role("link", name="Urban development at the Bank")).to_have_attribute(
        "href", "https://www.worldbank.org/en/topic/urbandevelopment"
    )
    page.goto(f"{site_with_members_url}/fr/membres/")
    page.get_by_role("link", name="Banque mondiale").click()
    expect(page.get_by_role("link", name="Le développement urbain à la Banque")).to_be_visible()


def test_member_editor_cannot_open_another_members_editor(page: Page, site_with_members_url):
    habitat = MemberPage.objects.get(slug_en="un-habitat")
    _sign_in(page, site_with_members_url, "member@demo.test")

    page.goto(f"{site_with_members_url}/admin/pages/{habitat.pk}/edit/")

    expect(page.get_by_role("heading", name="UN-Habitat")).to_have_count(0)
    assert "/admin/pages/" not in page.url or "edit" not in page.url
