"""Who may add and edit showcases, asked with real requests through the Wagtail admin: the lead
member's editors and the communications team; not the other members involved, nor anyone else."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model

from showcases.models import InvolvementRole, ShowcasePage

LANGUAGE_FIELDS = ("en", "ar", "zh_hans", "fr", "ja", "pt", "ru", "es", "sw")
REFUSED = {302, 403}


class _EditForm(HTMLParser):
    """The values a browser would submit from Wagtail's page form, as posted without changes."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._textarea = self._select = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file", "image"}:
            if attrs.get("type") not in {"checkbox", "radio"} or "checked" in attrs:
                self._add(name, attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def _form_data(client, url: str, **changes) -> dict:
    """The page form at `url` as the admin renders it, with `changes`. StreamFields are drawn by
    the admin's JavaScript, so their (empty) blocks are posted here."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    form = html[html.index('id="page-edit-form"') :]
    parser = _EditForm()
    parser.feed(form[: form.index("</form>")])
    data = {
        name: values if len(values) > 1 else values[0]
        for name, values in parser.data.items()
        if "__prefix__" not in name  # the empty rows the admin copies from
    }
    data.update({f"body_{code}-count": "0" for code in LANGUAGE_FIELDS})
    data.update(changes)
    return data


@pytest.fixture
def showcase(make_showcase, member_a, member_b):
    """Led by member A, with member B as a partner."""
    return make_showcase("Makoko waterfront", lead=member_a, partners=[(member_b, InvolvementRole.PARTNER)])


@pytest.fixture
def unrelated_editor(make_member):
    """The city contributor, made an editor of a member that has nothing to do with the showcase."""
    member = make_member("Nairobi", headquarters_country="KE")
    user = get_user_model().objects.get(email="city@demo.test")
    user.groups.add(member.team.editors)
    return user


def test_the_lead_members_editor_adds_a_showcase_under_their_member(client, login_as, editor_a, member_a):
    login_as("member@demo.test")
    url = f"/admin/pages/add/showcases/showcasepage/{member_a.pk}/"

    data = _form_data(client, url, title_en="Lagos drains", slug_en="lagos-drains", summary_en="Drains for Lagos.")
    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    created = ShowcasePage.objects.get(slug_en="lagos-drains")
    assert created.get_parent().pk == member_a.pk
    assert created.get_latest_revision_as_object().summary_en == "Drains for Lagos."
    assert [(i.member_id, i.role) for i in created.involvements.all()] == [(member_a.pk, InvolvementRole.LEAD)]


def test_the_lead_members_editor_edits_the_showcase(client, login_as, editor_a, showcase, member_b):
    login_as("member@demo.test")
    url = f"/admin/pages/{showcase.pk}/edit/"

    response = client.post(url, _form_data(client, url, summary_en="Plans drawn with the residents."))

    assert response.status_code == 302, response.content.decode()[:3000]
    draft = ShowcasePage.objects.get(pk=showcase.pk).get_latest_revision_as_object()
    assert draft.summary_en == "Plans drawn with the residents."
    assert {i.member_id for i in draft.involvements.all()} == {showcase.get_parent().pk, member_b.pk}


@pytest.mark.parametrize("who", ["involved", "unrelated"])
def test_other_editors_can_neither_edit_the_showcase_nor_add_under_the_lead(
    client, login_as, editor_a, editor_b, unrelated_editor, showcase, member_a, who
):
    login_as({"involved": "member2@demo.test", "unrelated": "city@demo.test"}[who])
    edit = f"/admin/pages/{showcase.pk}/edit/"
    add = f"/admin/pages/add/showcases/showcasepage/{member_a.pk}/"

    for url in (edit, add):
        assert client.get(url).status_code in REFUSED, url
        assert client.post(url, {"title_en": "Taken over", "summary_en": "Taken over"}).status_code in REFUSED, url

    assert ShowcasePage.objects.get(pk=showcase.pk).get_latest_revision_as_object().summary_en != "Taken over"
    assert not ShowcasePage.objects.filter(title_en="Taken over").exists()


def test_the_communications_team_edits_every_showcase(client, login_as, make_showcase, member_a, member_b):
    showcases = [
        make_showcase("Led by A", lead=member_a),
        make_showcase("Led by B", lead=member_b),
        make_showcase("In the database itself"),
    ]
    login_as("comms@demo.test")

    for showcase in showcases:
        assert client.get(f"/admin/pages/{showcase.pk}/edit/").status_code == 200, showcase.title

    url = f"/admin/pages/{showcases[1].pk}/edit/"
    assert client.post(url, _form_data(client, url, summary_en="Checked by the secretariat.")).status_code == 302
    assert ShowcasePage.objects.get(pk=showcases[1].pk).get_latest_revision_as_object().summary_en == (
        "Checked by the secretariat."
    )
