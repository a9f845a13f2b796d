"""Reads for members, each in a fixed number of queries whatever the data size."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import get_language
from wagtail.images import get_image_model
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import LinkCheck, MemberLink, MemberPage

# The sizes the logo templates' srcset asks for, the API's among them.
LOGO_FILTERS = ("fill-72x72|format-webp", "fill-144x144|format-webp", "fill-216x216|format-webp")
LOGO_FILTER = LOGO_FILTERS[1]


@dataclass(frozen=True)
class CheckedLink:
    link: MemberLink
    check: LinkCheck | None

    @property
    def is_broken(self) -> bool:
        return self.check is not None and self.check.is_broken

    @property
    def moved_to(self) -> str:
        return self.check.moved_to if self.check else ""


def _field(name: str) -> str:
    return f"{name}_{(get_language() or 'en').replace('-', '_')}"


def _checks_by_url(links: list[MemberLink]) -> dict[str, LinkCheck]:
    return {check.url: check for check in LinkCheck.objects.filter(url__in={link.url for link in links})}


def checked_links(*, links: list[MemberLink]) -> list[CheckedLink]:
    checks = _checks_by_url(links)
    return [CheckedLink(link=link, check=checks.get(link.url)) for link in links]


def public_links(*, member: MemberPage) -> list[CheckedLink]:
    """The member's links as visitors see them: broken ones hidden."""
    return [item for item in checked_links(links=list(member.links.all())) if not item.is_broken]


def member_directory(*, kind: str = "", country: str = "", query: str = "", sort: str = "name") -> QuerySet[MemberPage]:
    members = MemberPage.objects.live().public()
    if kind:
        members = members.filter(kind=kind)
    if country:
        members = members.filter(Q(headquarters_country=country) | Q(active_countries__contains=country))
    if query:
        terms = Q()
        for field in ("title", "summary"):
            terms |= Q(**{f"{_field(field)}__icontains": query}) | Q(**{f"{field}_en__icontains": query})
        members = members.filter(terms | Q(acronym__icontains=query))
    name = Lower(Coalesce(NullIf(_field("title"), Value("")), "title_en"))
    ordering = ["-year_joined", name] if sort == "joined" else [name]
    images = get_image_model().objects.prefetch_renditions(*LOGO_FILTERS)
    return members.select_related(None).prefetch_related(Prefetch("logo", queryset=images)).order_by(*ordering)


def members_editable_by(*, user: AbstractBaseUser) -> QuerySet[MemberPage]:
    """The one queryset of members a user may edit, straight from Wagtail's page permissions."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return MemberPage.objects.filter(pk__in=editable.values("pk")).order_by("title_en")


def members_managed_by(*, user: AbstractBaseUser) -> QuerySet[MemberPage]:
    """The members whose team a user manages: their member admins (and superusers)."""
    if user.is_superuser:
        return MemberPage.objects.all()
    return MemberPage.objects.filter(team__admins__user=user)


def team_of(*, member: MemberPage) -> list[tuple[AbstractBaseUser, bool]]:
    """(user, is_admin) for everyone on the member's team, admins first."""
    team = member.team
    users = get_user_model().objects.filter(groups__in=[team.editors_id, team.admins_id], is_active=True)
    admin_ids = set(team.admins.user_set.values_list("pk", flat=True))
    people = {user.pk: user for user in users.order_by("email")}
    return sorted(((user, user.pk in admin_ids) for user in people.values()), key=lambda item: not item[1])
