import io
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

PRODUCTION_ENV = {
    "PATH": os.environ["PATH"],
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "portal.alliance.example",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def _manage(*args, **env):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_the_deployment_checks_without_a_warning():
    result = _manage("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_secrets(missing):
    result = _manage("check", **{missing: ""})

    assert result.returncode != 0
    assert missing in result.stderr


def test_seed_demo_refuses_production(db, settings):
    settings.IS_PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")


def test_seed_demo_twice_changes_nothing(demo_site):
    call_command("seed_demo", stdout=io.StringIO())
    counts = lambda: (Page.objects.count(), Revision.objects.count(), get_user_model().objects.count())  # noqa: E731
    before = counts()

    call_command("seed_demo", stdout=io.StringIO())

    assert counts() == before
