"""The benchmarks' data: thousands of pages of each kind in a few bulk inserts, the same rows
whichever benchmark asks. Import after django.setup(); call inside a transaction."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page

from bench.support import bulk_child_pages
from events import schedule
from events.models import EventOccurrence, EventPage, Scope
from members.grants.models import (
    Programme,
    Proposal,
    ProposalSponsor,
    ProposalStatus,
    ProposalStatusChange,
    SponsorRole,
)
from members.models import LinkCheck, LinkKind, MemberKind, MemberLink, MemberPage
from portal.news.models import NewsPage
from portal.publications.models import PublicationFile, PublicationPage, Series
from showcases.models import (
    ActivityType,
    InvolvementRole,
    Region,
    ShowcaseInvolvement,
    ShowcasePage,
    ShowcaseStatus,
)
from translations.fields import digest
from translations.models import FieldTranslation

COUNTRIES = ["NG", "KE", "BR", "PH", "IN", "FR", "BJ", "ZA"]
PLACES = [("NG", "Lagos"), ("KE", "Nairobi"), ("BR", "São Paulo"), ("PH", "Manila"), ("IN", "Mumbai"), ("FR", "Lille")]
ZONES = ["Africa/Lagos", "Africa/Nairobi", "America/Sao_Paulo", "Asia/Manila", "Asia/Kolkata", "Europe/Paris"]
WORDS = ["water", "housing", "transport", "resilience", "finance", "markets"]
LANGUAGES = [code for code, _name in settings.LANGUAGES]
PROPOSAL_PATH = [  # the order a proposal moves through the steps the service standards measure
    ProposalStatus.RECEIVED,
    ProposalStatus.ELIGIBILITY_SCREENING,
    ProposalStatus.TECHNICAL_REVIEW,
    ProposalStatus.RETURNED_FOR_REVISION,
    ProposalStatus.TECHNICAL_REVIEW,
    ProposalStatus.SECRETARIAT_DECISION,
    ProposalStatus.APPROVED,
    ProposalStatus.GRANT_AGREEMENT_SIGNED,
    ProposalStatus.IN_IMPLEMENTATION,
]


def add_members(index, count: int, *, logos, rng) -> list[int]:
    """Members with a logo (three in four), one to three links, and what the link checker saw at
    most of their addresses: mostly fine, some failing, a few broken (hidden from visitors)."""
    links, checks = [], []
    for number, page in enumerate(bulk_child_pages(index, MemberPage, count, "member")):
        summary = f"A member working on {rng.choice(WORDS)} in {rng.choice(COUNTRIES)}."
        body = f"<p>Member {number} works on {rng.choice(WORDS)}.</p>"
        MemberPage(
            page_ptr=page,
            acronym=f"M{number}",
            kind=rng.choice(MemberKind.values),
            logo_id=rng.choice(logos) if number % 4 else None,
            headquarters_country=rng.choice(COUNTRIES),
            active_countries=rng.sample(COUNTRIES, rng.randint(0, 3)),
            summary=summary,
            summary_en=summary,
            summary_fr="Un membre." if number % 3 == 0 else "",
            body=body,
            body_en=body,
            website=f"https://member-{number}.test/",
            year_joined=rng.randint(1999, 2026),
            contact_name=f"Contact {number}",
            contact_email=f"contact@member-{number}.test",
        ).save_base(raw=True)
        kinds = [LinkKind.WEBSITE, *rng.sample([LinkKind.PUBLICATION, LinkKind.PROJECT, LinkKind.SOCIAL], 2)]
        for order, kind in enumerate(kinds[: rng.randint(1, 3)]):
            url = f"https://member-{number}.test/{kind}/"
            title = str(kind.label)
            links.append(
                MemberLink(member_id=page.pk, sort_order=order, title=title, title_en=title, url=url, kind=kind)
            )
            if rng.random() < 0.8:
                failures = rng.choice([0, 0, 0, 0, 0, 0, 1, LinkCheck.BROKEN_AFTER_FAILURES])
                checked = timezone.now() - timedelta(hours=rng.randint(1, 48))
                checks.append(
                    LinkCheck(
                        url=url,
                        checked_at=checked,
                        last_ok_at=checked if not failures else checked - timedelta(weeks=2),
                        status_code=404 if failures else 200,
                        final_url=url,
                        consecutive_failures=failures,
                    )
                )
    MemberLink.objects.bulk_create(links, batch_size=2000)
    LinkCheck.objects.bulk_create(checks, batch_size=2000)
    return list(MemberPage.objects.order_by("pk").values_list("pk", flat=True))


def add_showcases(index, count: int, *, members, themes, images, rng) -> None:
    """As bench/showcases.py builds them: a lead and a partner member each, one to three themes."""
    involvements, theme_links = [], []
    for number, page in enumerate(bulk_child_pages(index, ShowcasePage, count, "showcase")):
        country, city = rng.choice(PLACES)
        start = date(rng.randint(2005, 2025), rng.randint(1, 12), 1)
        summary = f"A {rng.choice(WORDS)} showcase in {city}."
        ShowcasePage(
            page_ptr=page,
            summary=summary,
            summary_en=summary,
            summary_fr=f"Une vitrine à {city}." if number % 3 == 0 else "",
            city=city,
            city_en=city,
            body=[{"type": "text", "value": f"<p>The {rng.choice(WORDS)} story of {city}.</p>"}],
            country=country,
            region=rng.choice(Region.values),
            status=rng.choice(ShowcaseStatus.values),
            activity_type=rng.choice(ActivityType.values),
            start_date=start,
            end_date=date(start.year + rng.randint(0, 6), 12, 31) if number % 4 else None,
            budget=rng.randint(1, 500) * 10_000,
            image_id=rng.choice(images) if number % 5 else None,
        ).save_base(raw=True)
        lead, partner = rng.sample(members, 2)
        involvements += [
            ShowcaseInvolvement(showcase_id=page.pk, member_id=lead, role=InvolvementRole.LEAD, sort_order=0),
            ShowcaseInvolvement(showcase_id=page.pk, member_id=partner, role=InvolvementRole.PARTNER, sort_order=1),
        ]
        theme_links += [
            ShowcasePage.themes.through(showcasepage_id=page.pk, theme_id=theme)
            for theme in rng.sample(themes, rng.randint(1, 3))
        ]
    ShowcaseInvolvement.objects.bulk_create(involvements, batch_size=2000)
    ShowcasePage.themes.through.objects.bulk_create(theme_links, batch_size=2000)


def add_events(diary, count: int, *, members, themes, images, rng) -> None:
    """A year either side of today, one in 25 weekly for ten weeks, with their occurrence rows,
    and, where given, up to two themes and members each and an image for two in three (the API's cards)."""
    today = timezone.localdate()
    occurrences, theme_links, member_links = [], [], []
    for number, page in enumerate(bulk_child_pages(diary, EventPage, count, "event")):
        country, city = rng.choice(PLACES)
        repeats = number % 25 == 0
        event = EventPage(
            page_ptr=page,
            summary=f"About event {number}.",
            summary_en=f"About event {number}.",
            scope=rng.choice(Scope.values),
            start_date=today + timedelta(days=rng.randint(-365, 365)),
            all_day=number % 7 == 0,
            time_zone=rng.choice(ZONES),
            country=country,
            city=city,
            repeat="weekly" if repeats else "",
            repeat_count=10 if repeats else None,
            image_id=rng.choice(images) if number % 3 and images else None,
        )
        if not event.all_day:
            event.start_time = (timezone.datetime(2000, 1, 1, 9) + timedelta(hours=number % 8)).time()
            event.end_time = (timezone.datetime(2000, 1, 1, 11) + timedelta(hours=number % 8)).time()
        spans = schedule.occurrences(event, [])
        event.starts_at, event.ends_at = spans[0].start, spans[-1].end
        event.save_base(raw=True)
        occurrences += [
            EventOccurrence(event_id=page.pk, starts_at=span.start, ends_at=span.end, recurrence_id=span.recurrence_id)
            for span in spans
        ]
        theme_links += [
            EventPage.themes.through(eventpage_id=page.pk, theme_id=theme)
            for theme in rng.sample(themes, min(rng.randint(0, 2), len(themes)))
        ]
        member_links += [
            EventPage.members.through(eventpage_id=page.pk, memberpage_id=member)
            for member in rng.sample(members, min(rng.randint(0, 2), len(members)))
        ]
    EventOccurrence.objects.bulk_create(occurrences, batch_size=2000)
    EventPage.themes.through.objects.bulk_create(theme_links, batch_size=2000)
    EventPage.members.through.objects.bulk_create(member_links, batch_size=2000)


def add_articles(parent, count: int, name: str, *, member_id, members, themes, images, rng) -> None:
    theme_links, mentions = [], []
    for number, page in enumerate(bulk_child_pages(parent, NewsPage, count, name)):
        summary = f"News about {rng.choice(WORDS)} in {rng.choice(COUNTRIES)}."
        NewsPage(
            page_ptr=page,
            date=date(2026, 6, 1) - timedelta(days=rng.randint(0, 2000)),
            summary=summary,
            summary_en=summary,
            summary_fr="Une actualité." if number % 3 == 0 else "",
            body=[{"type": "text", "value": "<p>What happened.</p>"}],
            countries=rng.sample(COUNTRIES, rng.randint(0, 2)),
            image_id=rng.choice(images) if number % 3 else None,
            member_id=member_id,
            featured=number % 97 == 0,
        ).save_base(raw=True)
        theme_links += [
            NewsPage.themes.through(newspage_id=page.pk, theme_id=theme)
            for theme in rng.sample(themes, rng.randint(1, 2))
        ]
        mentions += [
            NewsPage.related_members.through(newspage_id=page.pk, memberpage_id=member)
            for member in rng.sample(members, rng.randint(0, 2))
        ]
    NewsPage.themes.through.objects.bulk_create(theme_links, batch_size=2000)
    NewsPage.related_members.through.objects.bulk_create(mentions, batch_size=2000)


PDF = (  # a minimal one-object PDF: the benchmark never opens the files
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def add_documents(count: int) -> list[int]:
    Document = get_document_model()
    return [
        Document.objects.create(title=f"Report {number}", file=ContentFile(PDF, name=f"report-{number}.pdf")).pk
        for number in range(count)
    ]


def translation_states(publications: list[PublicationPage]) -> list[FieldTranslation]:
    """Of the translated ones, every third French summary a machine draft nobody reviewed, and
    every fourth Arabic title written from an older English title (out of date)."""
    rows = []
    for number, publication in enumerate(publications):
        if number % 3 == 0:
            machine = digest(publication, "summary", "fr")
            rows.append(
                FieldTranslation(
                    page_id=publication.pk,
                    field="summary",
                    language="fr",
                    source_digest=digest(publication, "summary", "en"),
                    translation_digest=machine,
                    machine_digest=machine,
                    machine_translated=True,
                )
            )
        if number % 4 == 0:
            rows.append(
                FieldTranslation(
                    page_id=publication.pk,
                    field="title",
                    language="ar",
                    source_digest="0" * 64,
                    translation_digest=digest(publication, "title", "ar"),
                )
            )
    return rows


def add_publications(index, count: int, *, members, themes, covers, documents, rng) -> None:
    theme_links, mentions, files, titled, translated = [], [], [], [], []
    series = [value for value, _label in Series.choices]
    for number, page in enumerate(bulk_child_pages(index, PublicationPage, count, "publication")):
        summary = f"A report on {rng.choice(WORDS)} in {rng.choice(COUNTRIES)}."
        is_translated = number % 3 == 0
        publication = PublicationPage(
            page_ptr=page,
            series=series[number % len(series)],
            summary=summary,
            summary_en=summary,
            summary_fr="Un rapport." if is_translated else "",
            summary_ar="تقرير." if is_translated and number % 2 == 0 else "",
            cover_id=rng.choice(covers) if number % 3 else None,
            authors="UN-Habitat, SDI",
            year=rng.randint(2000, 2026),
            countries=rng.sample(COUNTRIES, rng.randint(0, 2)),
        )
        publication.save_base(raw=True)
        if is_translated:
            page.title_fr = f"Publication {number} (fr)"
            page.title_ar = f"المنشور {number}"
            titled.append(page)
            publication.title, publication.title_en = page.title, page.title_en
            publication.title_fr, publication.title_ar = page.title_fr, page.title_ar
            translated.append(publication)
        theme_links += [
            PublicationPage.themes.through(publicationpage_id=page.pk, theme_id=theme)
            for theme in rng.sample(themes, rng.randint(1, 3))
        ]
        mentions += [
            PublicationPage.members.through(publicationpage_id=page.pk, memberpage_id=member)
            for member in rng.sample(members, rng.randint(0, 2))
        ]
        languages = ["en", *rng.sample(LANGUAGES[1:], rng.randint(0, 3))]
        files += [
            PublicationFile(page_id=page.pk, sort_order=order, language=language, document_id=rng.choice(documents))
            for order, language in enumerate(languages)
        ]
    Page.objects.bulk_update(titled, ["title_fr", "title_ar"], batch_size=1000)
    PublicationPage.themes.through.objects.bulk_create(theme_links, batch_size=2000)
    PublicationPage.members.through.objects.bulk_create(mentions, batch_size=2000)
    PublicationFile.objects.bulk_create(files, batch_size=2000)
    FieldTranslation.objects.bulk_create(translation_states(translated), batch_size=2000)


def add_proposals(count: int, *, leads: list[MemberPage], partners: list[MemberPage], rng: random.Random) -> None:
    """Proposals with their status histories, all in the past, each led by one of `leads` in turn,
    every third co-sponsored by one of `partners` (sponsor codes are the members' acronyms)."""
    now = timezone.now()
    proposals = []
    for number in range(count):
        steps = PROPOSAL_PATH[: rng.randint(1, len(PROPOSAL_PATH))]
        # Backwards from a recent last change, so every history lies in the past.
        at = now - timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 23))
        history = []
        for status in reversed(steps):
            history.insert(0, (status, at))
            at -= timedelta(days=rng.randint(1, 45), hours=rng.randint(0, 23))
        proposal = Proposal(
            external_id=f"P-{2008 + number // 100}-{number:04d}",
            title=f"Citywide slum upgrading strategy, phase {number}",
            language="en",
            programme=rng.choice(Programme.values),
            country=rng.choice(["BJ", "NG", "KE", "GH"]),
            city=rng.choice(["Cotonou", "Lagos", "Nairobi", "Accra"]),
            amount_requested=Decimal(rng.randint(50, 900) * 1000),
            currency_requested="USD",
            status=history[-1][0],
            remote_updated_at=history[-1][1],
        )
        proposals.append((proposal, history))
    Proposal.objects.bulk_create([proposal for proposal, _history in proposals], batch_size=500)
    changes, sponsors = [], []
    for number, (proposal, history) in enumerate(proposals):
        changes += [ProposalStatusChange(proposal=proposal, status=status, at=at) for status, at in history]
        lead = leads[number % len(leads)]
        sponsors.append(ProposalSponsor(proposal=proposal, org_code=lead.acronym, role=SponsorRole.LEAD, member=lead))
        if number % 3 == 0:
            partner = partners[number % len(partners)]
            sponsors.append(
                ProposalSponsor(
                    proposal=proposal, org_code=partner.acronym, role=SponsorRole.CO_SPONSOR, member=partner
                )
            )
    ProposalStatusChange.objects.bulk_create(changes, batch_size=1000)
    ProposalSponsor.objects.bulk_create(sponsors, batch_size=1000)
