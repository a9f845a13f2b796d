"""Who may write and feature news, asked with real requests through the Wagtail admin: a member's
editors write under their own member's page only and cannot feature; the communications team
writes anywhere and features members' news on the news index."""

import pytest

from portal.news.models import NewsPage
from tests.showcases.test_permissions import REFUSED, _form_data


def _add_url(parent) -> str:
    return f"/admin/pages/add/news/newspage/{parent.pk}/"


def test_a_members_editor_adds_news_under_their_member_without_featuring_it(
    client, login_as, editor_a, member_a, news_index
):
    login_as("member@demo.test")
    url = _add_url(member_a)
    form = client.get(url).content.decode()

    assert 'name="featured"' not in form
    data = _form_data(
        client, url, title_en="Lagos drains", slug_en="lagos-drains", summary_en="Drains for Lagos.", featured="on"
    )
    data["action-publish"] = "action-publish"
    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    created = NewsPage.objects.get(slug_en="lagos-drains")
    assert created.live and created.get_parent().pk == member_a.pk
    assert created.member_id == member_a.pk
    assert created.featured is False


@pytest.mark.parametrize("where", ["other_member", "news_index"])
def test_a_members_editor_cannot_add_news_elsewhere(client, login_as, editor_a, member_b, news_index, where):
    login_as("member@demo.test")
    url = _add_url({"other_member": member_b, "news_index": news_index}[where])

    assert client.get(url).status_code in REFUSED
    assert client.post(url, {"title_en": "Taken over", "slug_en": "taken", "summary_en": "x"}).status_code in REFUSED
    assert not NewsPage.objects.filter(title_en="Taken over").exists()


def test_a_members_editor_cannot_edit_another_members_news(client, login_as, editor_a, make_news, member_b):
    article = make_news("Cotonou news", member=member_b)
    login_as("member@demo.test")
    url = f"/admin/pages/{article.pk}/edit/"

    assert client.get(url).status_code in REFUSED
    assert client.post(url, {"title_en": "Taken over", "summary_en": "x"}).status_code in REFUSED
    assert NewsPage.objects.get(pk=article.pk).get_latest_revision_as_object().title_en == "Cotonou news"


def test_a_members_editor_cannot_feature_their_own_article_by_posting_it(
    client, login_as, editor_a, make_news, member_a
):
    article = make_news("Lagos news", member=member_a)
    login_as("member@demo.test")
    url = f"/admin/pages/{article.pk}/edit/"

    data = _form_data(client, url, featured="on", summary_en="Still Lagos.")
    data["action-publish"] = "action-publish"
    assert client.post(url, data).status_code == 302

    article = NewsPage.objects.get(pk=article.pk)
    assert article.summary_en == "Still Lagos."
    assert article.featured is False


def test_the_communications_team_features_a_members_article_on_the_news_index(
    client, login_as, make_news, member_a, news_index
):
    article = make_news("Lagos drains cleared", member=member_a)
    login_as("comms@demo.test")
    url = f"/admin/pages/{article.pk}/edit/"

    assert 'name="featured"' in client.get(url).content.decode()
    data = _form_data(client, url, featured="on")
    data["action-publish"] = "action-publish"
    assert client.post(url, data).status_code == 302

    assert NewsPage.objects.get(pk=article.pk).featured is True
    index = client.get("/en/news/")
    assert [featured.title for featured in index.context["featured"]] == ["Lagos drains cleared"]
    assert "news-card--featured" in index.content.decode()


def test_the_communications_team_writes_under_the_news_index(client, login_as, news_index):
    login_as("comms@demo.test")
    url = _add_url(news_index)

    data = _form_data(client, url, title_en="Forum opens", slug_en="forum-opens", summary_en="Cities meet.")
    assert client.post(url, data).status_code == 302

    created = NewsPage.objects.get(slug_en="forum-opens")
    assert created.get_parent().pk == news_index.pk and created.member is None


def test_the_communications_team_lists_every_article_in_the_admin(client, login_as, make_news, member_a):
    make_news("Lagos drains cleared", member=member_a)
    make_news("Forum opens", featured=True)
    login_as("comms@demo.test")

    everything = client.get("/admin/news_articles/").content.decode()
    featured = client.get("/admin/news_articles/?featured=true").content.decode()

    assert "Lagos drains cleared" in everything and "Forum opens" in everything
    assert "Forum opens" in featured and "Lagos drains cleared" not in featured
