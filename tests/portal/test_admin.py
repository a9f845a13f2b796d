def test_communications_team_edits_every_language_in_the_admin(client, login_as, home_page):
    login_as("comms@demo.test")

    html = client.get(f"/admin/pages/{home_page.pk}/edit/").content.decode()

    for field in ["title_en", "title_ar", "title_zh_hans", "intro_sw", "body_ja"]:
        assert f'name="{field}"' in html or f'id="{field}"' in html, field


def test_site_settings_are_translated_in_the_admin(client, login_as, demo_site):
    login_as("comms@demo.test")

    response = client.get(f"/admin/settings/portal/sitesettings/{demo_site.pk}/")

    assert response.status_code == 200
    assert 'name="tagline_ar"' in response.content.decode()
