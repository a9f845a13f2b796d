"""The demo site: home and about pages in nine languages, site settings, themes, one account per role."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.models import Page, Site

from . import demo_content
from .models import HomePage, SiteSettings, StandardPage, Theme
from .roles import ensure_role_groups


def translated_fields(field: str, values: dict[str, str]) -> dict[str, str]:
    """`{"en": "Home", "zh-hans": ...}` as model fields: `{"title_en": "Home", "title_zh_hans": ...}`."""
    return {f"{field}_{code.replace('-', '_')}": value for code, value in values.items() if value}


def ensure_index_page(model: type[Page], *, home: Page, content: dict[str, tuple[str, str, str]], stdout) -> Page:
    """The one `model` page under `home`, from `content` ({language: (title, slug, intro)}). One
    made by hand is kept: it only gets the translations it lacks (and a place in the menu),
    published as a new revision."""
    fields = {
        **translated_fields("title", {code: values[0] for code, values in content.items()}),
        **translated_fields("slug", {code: values[1] for code, values in content.items()}),
        **translated_fields("intro", {code: values[2] for code, values in content.items()}),
    }
    name = model._meta.verbose_name
    with translation.override("en"):
        index = model.objects.first()
        if index is None:
            index = home.add_child(instance=model(show_in_menus=True, **fields))
            index.save_revision().publish()
            stdout.write(f"Created the {name} {index.title!r}.")
            return index
        draft = index.get_latest_revision_as_object()
        missing = {field: value for field, value in fields.items() if not getattr(draft, field)}
        if missing:
            for field, value in missing.items():
                setattr(draft, field, value)
            draft.show_in_menus = True
            draft.save_revision().publish()
            stdout.write(f"Filled {len(missing)} missing translations of the {name}.")
    return model.objects.get(pk=index.pk)


def _home_body(content: dict, about: Page) -> list[dict]:
    return [
        {
            "type": "hero",
            "value": {
                "heading": content["hero"],
                "text": content["hero_text"],
                "image": None,
                "links": [{"label": content["about_button"], "page": about.pk, "url": ""}],
            },
        },
        {"type": "text", "value": content["text"]},
        {
            "type": "call_to_action",
            "value": {
                "heading": content["cta"],
                "text": content["cta_text"],
                "link": {"label": content["cta_button"], "page": about.pk, "url": ""},
            },
        },
    ]


LISTING_SECTIONS = ("featured_news", "upcoming_events", "featured_showcases", "members_news")
CLOSING_SECTIONS = ("brochure", "member_logos")


def _home_sections(code: str) -> dict[str, dict]:
    """The listing sections and the brochure (the newest of the library's Brochure series,
    chosen when the page is shown), all filled automatically, as raw block values, by type."""
    text = demo_content.HOME_SECTIONS[code]

    def listing(heading: str, intro: str = "", **settings) -> dict:
        return {"heading": text[heading], "intro": text.get(intro, ""), "pages": [], **settings}

    return {
        "featured_news": listing("news", number=3),
        "upcoming_events": listing("events", number=4, theme=None),
        "featured_showcases": listing("showcases", "showcases_intro", number=3),
        "members_news": listing("members_news", number=3),
        "brochure": {"heading": text["brochure"], "text": text["brochure_text"], "publication": None},
        "member_logos": listing("members", "members_intro", number=24),
    }


def _with_sections(body: list[dict], sections: dict[str, dict]) -> list[dict]:
    """The body with the listings after its hero (or first) and the brochure and logos at its end."""
    blocks = [{"type": name, "value": sections[name]} for name in LISTING_SECTIONS]
    after = next((i + 1 for i, block in enumerate(body) if block["type"] == "hero"), min(1, len(body)))
    closing = [{"type": name, "value": sections[name]} for name in CLOSING_SECTIONS]
    return [*body[:after], *blocks, *body[after:], *closing]


def ensure_home_sections(*, home: HomePage, stdout) -> None:
    """Add the news, events, showcases, members and brochure sections to each language's home
    body that has none of them: a new home page, or one from before they existed. A body with
    any of them is the communications team's arrangement and stays as it is."""
    home = HomePage.objects.get(pk=home.pk)
    if home.has_unpublished_changes:
        stdout.write("The home page has a draft: its sections are left as they are.")
        return
    section_types = {*LISTING_SECTIONS, *CLOSING_SECTIONS}
    changed = []
    for code in demo_content.HOME_SECTIONS:
        field = f"body_{code.replace('-', '_')}"
        body = getattr(home, field)
        if not body or any(block.block_type in section_types for block in body):
            continue
        setattr(home, field, _with_sections(list(body.raw_data), _home_sections(code)))
        changed.append(code)
    if changed:
        home.save_revision().publish()
        stdout.write(f"Added the home page's sections in {len(changed)} languages.")


def ensure_home_page(*, stdout) -> HomePage:
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        titles = {code: content["title"] for code, content in demo_content.HOME.items()}
        home = root.add_child(
            instance=HomePage(
                slug="home-page",
                **translated_fields("title", titles),
                **translated_fields("intro", {c: v["intro"] for c, v in demo_content.HOME.items()}),
            )
        )
        about = home.add_child(
            instance=StandardPage(
                show_in_menus=True,
                **translated_fields("title", {c: v[0] for c, v in demo_content.ABOUT.items()}),
                **translated_fields("slug", {c: v[1] for c, v in demo_content.ABOUT.items()}),
                **translated_fields("intro", {c: v[2] for c, v in demo_content.ABOUT.items()}),
            )
        )
        for code, content in demo_content.HOME.items():
            setattr(home, f"body_{code.replace('-', '_')}", _home_body(content, about))
        home.save_revision().publish()
        stdout.write(f"Created the home page and {about.title!r}.")
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        previous_root = site.root_page
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
        if previous_root.specific_class is Page and not previous_root.get_children().exists():
            previous_root.delete()  # Wagtail's "Welcome" placeholder
    return home


def ensure_site_settings(*, home: HomePage) -> None:
    site = home.get_site()
    site_settings = SiteSettings.for_site(site)
    if site_settings.tagline_en:
        return
    for code, (tagline, footer) in demo_content.SITE_SETTINGS.items():
        suffix = code.replace("-", "_")
        setattr(site_settings, f"tagline_{suffix}", tagline)
        setattr(site_settings, f"footer_text_{suffix}", footer)
    site_settings.contact_email = "secretariat@alliance.test"
    site_settings.save()


def ensure_accounts(*, stdout) -> None:
    User = get_user_model()
    for email, first_name, last_name, group_name in demo_content.DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=email, defaults={"email": email, "first_name": first_name, "last_name": last_name}
        )
        if created:
            user.set_password(demo_content.DEMO_PASSWORD)
            user.save(update_fields=["password"])
            stdout.write(f"Created {email}.")
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))


def ensure_demo_authenticator(*, stdout) -> None:
    """The communications team's demo account with its published TOTP secret. Only seed_demo
    calls this: tests sign that account in with its password alone."""
    user = get_user_model().objects.get(email=demo_content.DEMO_TOTP_ACCOUNT)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, demo_content.DEMO_TOTP_SECRET)
        stdout.write(f"Set up two-factor sign-in for {user.email}.")


def ensure_demo_themes(*, stdout) -> None:
    """The coalition's themes in nine languages; a theme that exists (by slug) is left as it is."""
    created = 0
    for order, (slug, names) in enumerate(demo_content.THEMES, start=1):
        _theme, was_created = Theme.objects.get_or_create(
            slug=slug, defaults={"sort_order": order, **translated_fields("name", names)}
        )
        created += was_created
    if created:
        stdout.write(f"Created {created} themes.")


def ensure_demo_site(*, stdout) -> HomePage:
    """The roles, the home and about pages, site settings, themes and the demo accounts: what
    every other part of the demo (and every test site) stands on."""
    ensure_role_groups()
    home = ensure_home_page(stdout=stdout)
    ensure_site_settings(home=home)
    ensure_demo_themes(stdout=stdout)
    ensure_accounts(stdout=stdout)
    return home
