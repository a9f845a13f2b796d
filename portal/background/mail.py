"""Email sent from a request goes out from the worker: the request doesn't wait for the mail
server, and a message the server refuses is retried instead of lost."""

import base64
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django_tasks import task


def _attachment(item) -> list[str]:
    if isinstance(item, MIMEBase):
        filename, content, mimetype = item.get_filename(), item.get_payload(decode=True), item.get_content_type()
    else:
        filename, content, mimetype = item
    if isinstance(content, str):
        content = content.encode()
    return [filename, base64.b64encode(content).decode(), mimetype]


def as_json(message: EmailMessage) -> dict:
    return {
        "subject": message.subject,
        "body": message.body,
        "content_subtype": message.content_subtype,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": [_attachment(item) for item in message.attachments],
    }


def from_json(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(pair) for pair in data["alternatives"]],
    )
    message.content_subtype = data["content_subtype"]
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


@task()
def deliver_email(message: dict) -> None:
    with get_connection(settings.EMAIL_DELIVERY_BACKEND) as connection:
        connection.send_messages([from_json(message)])


class QueuedEmailBackend(BaseEmailBackend):
    """Queues each message as a `deliver_email` task, in the caller's transaction: a message from
    a request that rolls back is never sent."""

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            deliver_email.enqueue(as_json(message))
        return len(email_messages)
