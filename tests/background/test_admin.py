"""Administrators see in Wagtail's admin what the worker did, failures with their tracebacks."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.background.test_retries import CALLS, flaky
from tests.conftest import build_demo_site


@pytest.fixture
def failed_task(worker, settings) -> DBTaskResult:
    settings.TASK_RETRY_DELAYS = []
    CALLS.clear()
    flaky.enqueue(succeed_on=2)
    worker()
    return DBTaskResult.objects.get()


def test_an_administrator_finds_a_failed_task_and_its_traceback(client, failed_task):
    client.force_login(get_user_model().objects.create_superuser("root@demo.test", "root@demo.test", "x" * 12))

    listing = client.get(reverse("background_tasks:index"), {"status": "FAILED"})
    inspect = client.get(reverse("background_tasks:inspect", args=[failed_task.pk]))

    assert listing.status_code == 200
    assert "tests.background.test_retries.flaky" in listing.content.decode()
    assert inspect.status_code == 200
    assert "RuntimeError: not yet (call 1)" in inspect.content.decode()
    assert reverse("background_tasks:add") not in listing.content.decode()  # results are the worker's to write
    assert client.get(reverse("background_tasks:add")).status_code == 302


def test_the_communications_team_cannot_see_the_tasks(client, failed_task):
    build_demo_site()
    client.force_login(get_user_model().objects.get(email="comms@demo.test"))

    response = client.get(reverse("background_tasks:index"))

    assert response.status_code == 302
    assert "tests.background" not in client.get(response.url).content.decode()
