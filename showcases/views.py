"""What a showcase page shows besides its own fields: who is involved, what it relates to, where it is."""

from decimal import Decimal

from django.db.models import Q

from .models import InvolvementRole, ShowcaseIndexPage, ShowcasePage, ShowcasePartner

ROLE_ORDER = list(InvolvementRole.values)


def _involvements(showcase: ShowcasePage) -> list:
    """Live members only, the lead first. Read through the cluster so previews show unsaved rows."""
    involvements = [
        involvement for involvement in showcase.involvements.all().select_related("member") if involvement.member.live
    ]
    return sorted(involvements, key=lambda involvement: ROLE_ORDER.index(involvement.role))


def _related(showcase: ShowcasePage) -> list[ShowcasePage]:
    """Live, public showcases this one names, or that name this one."""
    named = [page.pk for page in showcase.related.all()]
    return list(
        ShowcasePage.objects.live()
        .public()
        .filter(Q(pk__in=named) | Q(related=showcase.pk))
        .exclude(pk=showcase.pk)
        .distinct()
        .order_by("-start_date", "pk")
    )


def _coordinate(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _location(showcase: ShowcasePage) -> dict | None:
    if showcase.latitude is None or showcase.longitude is None:
        return None
    latitude, longitude = _coordinate(showcase.latitude), _coordinate(showcase.longitude)
    return {
        "latitude": latitude,
        "longitude": longitude,
        "map_url": f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=12/{latitude}/{longitude}",
    }


def showcase_context(request, showcase: ShowcasePage) -> dict:
    outside = list(showcase.outside_partners.all())
    return {
        "involvements": _involvements(showcase),
        "partners": [partner for partner in outside if partner.kind == ShowcasePartner.Kind.PARTNER],
        "consultants": [partner for partner in outside if partner.kind == ShowcasePartner.Kind.CONSULTANT],
        "related_showcases": _related(showcase),
        "themes": list(showcase.themes.all()),
        "database": ShowcaseIndexPage.objects.live().first(),
        "location": _location(showcase),
    }
