"""The member edit form in the Wagtail admin: bad input gets a clear message and loses nothing."""

from members.models import MemberPage


def _form_data(**fields) -> dict:
    data = {
        "title_en": "Cotonou",
        "slug_en": "cotonou-2",
        "kind": "city",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
        "links-0-title_en": "Planning office",
        "links-0-url": "https://cotonou.test/planning",
        "links-0-kind": "website",
        "links-0-ORDER": "1",
        "action-publish": "action-publish",
    }
    return {**data, **fields}


def test_a_duplicate_member_name_is_refused_with_a_message(client, login_as, member_b):
    login_as("comms@demo.test")
    index = member_b.get_parent()

    response = client.post(f"/admin/pages/add/members/memberpage/{index.pk}/", _form_data(title_en="cotonou"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Another member already has this name." in html
    assert 'value="https://cotonou.test/planning"' in html, "what was typed is kept"
    assert MemberPage.objects.count() == 1


def test_an_invalid_link_address_is_refused_and_the_live_page_is_untouched(client, login_as, editor_b, member_b):
    login_as("member2@demo.test")
    live_url = member_b.links.first().url
    data = _form_data(title_en="Cotonou", slug_en=member_b.slug, **{"links-0-url": "not a web address"})

    response = client.post(f"/admin/pages/{member_b.pk}/edit/", data)

    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()
    assert member_b.links.first().url == live_url
    assert live_url in client.get(member_b.url).content.decode()
