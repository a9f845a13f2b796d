from django.utils import translation
from playwright.sync_api import Page, expect

from portal.models import HomePage, Theme
from showcases.models import ShowcaseIndexPage, ShowcasePage


def _showcase(index, title_en: str, title_fr: str, *, country: str, theme: Theme) -> ShowcasePage:
    showcase = ShowcasePage(
        title=title_en,
        title_fr=title_fr,
        summary=f"About {title_en}.",
        summary_fr=f"À propos : {title_fr}.",
        country=country,
        city="Nairobi" if country == "KE" else "São Paulo",
    )
    showcase.themes = [theme]
    index.add_child(instance=showcase)
    showcase.save_revision().publish()
    return showcase


def test_a_visitor_filters_the_database_by_country_and_theme_in_french_and_opens_a_showcase(page: Page, site_url):
    slums = Theme.objects.get(slug="slum-upgrading")
    climate = Theme.objects.get(slug="climate-change")
    with translation.override("en"):
        index = HomePage.objects.get().add_child(
            instance=ShowcaseIndexPage(
                title="Showcases", title_fr="Réalisations", slug="showcases", slug_fr="realisations"
            )
        )
        index.save_revision().publish()
        _showcase(
            index, "Nairobi settlement upgrading", "Amélioration des quartiers de Nairobi", country="KE", theme=slums
        )
        _showcase(index, "Nairobi climate plan", "Plan climat de Nairobi", country="KE", theme=climate)
        _showcase(index, "São Paulo favelas", "Favelas de São Paulo", country="BR", theme=slums)

    page.goto(f"{site_url}/fr/realisations/")
    page.locator("select[name=country]").select_option("KE")
    page.locator("select[name=theme]").select_option("slum-upgrading")
    page.locator("form.filters button[type=submit]").click()

    expect(page.get_by_role("link", name="Amélioration des quartiers de Nairobi")).to_be_visible()
    expect(page.get_by_role("link", name="Plan climat de Nairobi")).to_have_count(0)
    expect(page.get_by_role("link", name="Favelas de São Paulo")).to_have_count(0)
    assert "country=KE" in page.url and "theme=slum-upgrading" in page.url

    page.get_by_role("link", name="Amélioration des quartiers de Nairobi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amélioration des quartiers de Nairobi")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
