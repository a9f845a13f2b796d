"""Mail leaves from the worker: a request only queues it, and a mail server that refuses is tried again."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.conftest import build_demo_site


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def queued_mail(worker, settings):
    settings.EMAIL_BACKEND = "portal.background.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return worker


def test_a_password_reset_is_queued_by_the_request_and_sent_by_the_worker(queued_mail, client):
    build_demo_site(with_members=True)
    response = client.post("/en/accounts/password/reset/", {"email": "member@demo.test"})

    assert response.status_code == 302
    assert mail.outbox == []
    assert DBTaskResult.objects.ready().filter(task_path="portal.background.mail.deliver_email").count() == 1

    queued_mail()

    [message] = mail.outbox
    assert message.to == ["member@demo.test"]
    assert "/accounts/password/reset/key/" in message.body
    assert DBTaskResult.objects.successful().filter(task_path="portal.background.mail.deliver_email").count() == 1


def test_every_part_of_a_message_survives_the_queue(queued_mail):
    message = EmailMultiAlternatives(
        subject="Liens cassés — روابط",
        body="Texte",
        from_email="Portal <portal@example.org>",
        to=["a@example.org"],
        cc=["b@example.org"],
        bcc=["c@example.org"],
        reply_to=["d@example.org"],
        headers={"Content-Language": "fr"},
    )
    message.attach_alternative("<p>Texte</p>", "text/html")
    message.attach("report.csv", "a,b\n1,2\n", "text/csv")
    message.attach("logo.png", b"\x89PNG\r\n\x1a\n\x00\xff", "image/png")
    message.send()

    queued_mail()

    [sent] = mail.outbox
    assert (sent.subject, sent.body, sent.from_email) == (
        "Liens cassés — روابط",
        "Texte",
        "Portal <portal@example.org>",
    )
    assert (sent.to, sent.cc, sent.bcc, sent.reply_to) == (
        ["a@example.org"],
        ["b@example.org"],
        ["c@example.org"],
        ["d@example.org"],
    )
    assert sent.extra_headers == {"Content-Language": "fr"}
    assert sent.alternatives == [("<p>Texte</p>", "text/html")]
    assert [(name, content, kind) for name, content, kind in sent.attachments] == [
        ("report.csv", "a,b\n1,2\n", "text/csv"),
        ("logo.png", b"\x89PNG\r\n\x1a\n\x00\xff", "image/png"),
    ]


def test_a_mail_server_that_is_down_gets_the_message_later(queued_mail, settings):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    mail.send_mail("Your event", "Approved.", None, ["poster@example.org"])

    before = timezone.now()
    queued_mail()

    failed = DBTaskResult.objects.failed().get()
    assert failed.exception_class_path == "builtins.ConnectionRefusedError"
    retry = DBTaskResult.objects.exclude(pk=failed.pk).get()
    assert retry.status == "READY"
    assert before + timedelta(seconds=60) <= retry.run_after <= timezone.now() + timedelta(seconds=60)
    assert mail.outbox == []

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    queued_mail()

    [message] = mail.outbox
    assert (message.subject, message.to) == ("Your event", ["poster@example.org"])
    retry.refresh_from_db()
    assert (retry.status, retry.task_result.attempts) == ("SUCCESSFUL", 2)
