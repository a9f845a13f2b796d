"""The one queryset of proposals per role."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from ..selectors import members_editable_by
from .models import Proposal, ProposalSponsor


def proposals_visible_to(*, user: AbstractBaseUser, member_id: int | None = None) -> QuerySet[Proposal]:
    """Proposals a user may see: those of the members they edit, as lead or co-sponsor.

    Deleted proposals are hidden from members; the communications team sees them in the admin."""
    if not user.is_authenticated:
        return Proposal.objects.none()
    members = members_editable_by(user=user)
    if member_id is not None:
        members = members.filter(pk=member_id)
    sponsored = ProposalSponsor.objects.filter(member__in=members.values("pk")).values("proposal_id")
    return Proposal.objects.filter(deleted=False, pk__in=sponsored)
