"""Every interface string has a translation in every language, and the catalogues match the code."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

ROOT = Path(settings.BASE_DIR)
LOCALES = [to_locale(code) for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
SOURCE_DIRS = ["portal", "frontend", "translations", "members", "events", "showcases"]


def _catalogue(root: Path, locale: str) -> polib.POFile:
    return polib.pofile(str(root / "translations" / "locale" / locale / "LC_MESSAGES" / "django.po"))


def _msgids(catalogue: polib.POFile) -> set[tuple[str, str]]:
    return {(entry.msgctxt or "", entry.msgid) for entry in catalogue if not entry.obsolete}


@pytest.mark.parametrize("locale", LOCALES)
def test_every_string_is_translated(locale):
    catalogue = _catalogue(ROOT, locale)

    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("locale", LOCALES)
def test_placeholders_and_plurals_match_the_source(locale):
    path = ROOT / "translations" / "locale" / locale / "LC_MESSAGES" / "django.po"
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)  # noqa: S603, S607

    assert result.returncode == 0, result.stderr


def test_catalogues_hold_exactly_the_strings_in_the_code(tmp_path):
    """Run makemessages on a copy of the project and compare: nothing new, nothing stale."""
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copy(ROOT / "manage.py", copy)
    for name in [*SOURCE_DIRS]:
        if (ROOT / name).exists():
            shutil.copytree(
                ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "node_modules")
            )

    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "makemessages", "--all", "--no-obsolete", "-v", "0"],
        cwd=copy,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings.test", "PYTHONPATH": str(copy)},
    )

    for locale in LOCALES:
        assert _msgids(_catalogue(copy, locale)) == _msgids(_catalogue(ROOT, locale)), locale
