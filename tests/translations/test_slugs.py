import pytest
from django.core.exceptions import ValidationError
from django.db.models.signals import post_init
from django.utils import translation
from wagtail.models import Page


def _pages_loaded(client, path: str) -> int:
    """How many page objects serving `path` builds: wagtail-modeltranslation's own routing
    builds every sibling, which takes seconds under a diary of 20,000 events."""
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance)

    client.get(path)  # warms Wagtail's cache of site root paths
    post_init.connect(count)
    try:
        assert client.get(path).status_code == 200
    finally:
        post_init.disconnect(count)
    return sum(isinstance(instance, Page) for instance in loaded)


def test_a_child_page_is_found_by_its_slug_in_the_language_or_in_english(client, diary, make_event):
    with translation.override("en"):
        diary.slug_fr = "agenda"
        diary.save_revision().publish()
    plain = make_event("Urban forum")
    translated = make_event("Water week", slug_fr="semaine-de-l-eau")

    assert client.get(f"/fr/agenda/{plain.slug_en}/").status_code == 200
    assert client.get("/fr/agenda/semaine-de-l-eau/").status_code == 200
    assert client.get(f"/en/events/{translated.slug_en}/").status_code == 200
    assert client.get("/fr/agenda/no-such-event/").status_code == 404


def test_finding_an_event_does_not_read_its_siblings(client, make_event):
    first = make_event("First")
    small = _pages_loaded(client, first.url)
    for number in range(15):
        make_event(f"Sibling {number}")
    large = _pages_loaded(client, first.url)

    assert small == large


def test_a_slug_taken_by_a_sibling_in_any_language_is_refused(make_event):
    make_event("Water week", slug_fr="semaine-de-l-eau")
    make_event("Urban forum")  # no French slug: French reads the English one
    with pytest.raises(ValidationError) as refused:
        make_event("Semaine de l'eau", slug="water-week-2", slug_fr="semaine-de-l-eau")
    with pytest.raises(ValidationError) as refused_by_fallback:
        make_event("Forum urbain", slug="forum-2", slug_fr="urban-forum")

    assert "slug_fr" in refused.value.message_dict
    assert "slug_fr" in refused_by_fallback.value.message_dict
    assert make_event("Different", slug_fr="autre-chose").live
