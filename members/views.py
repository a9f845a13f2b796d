from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import APIToken

from portal.api.forms import ApiTokenForm

from . import selectors, services
from .forms import DirectoryFilterForm, InvitationForm
from .models import MemberInvitation, MemberLink, MemberPage

DIRECTORY_PAGE_SIZE = 24


def directory_context(request, index_page) -> dict:
    """The member directory's filters and one page of members (used by MembersIndexPage)."""
    country_codes = set()
    for headquarters, active in MemberPage.objects.live().values_list("headquarters_country", "active_countries"):
        country_codes.update(code for code in [headquarters, *str(active).split(",")] if code)
    form = DirectoryFilterForm(request.GET or None, country_codes=country_codes)
    filters = form.cleaned_data if form.is_valid() else {}
    members = selectors.member_directory(
        kind=filters.get("kind", ""),
        country=filters.get("country", ""),
        query=filters.get("q", "").strip(),
        sort=filters.get("sort") or "name",
    )
    page_of_members = Paginator(members, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return {
        "filter_form": form,
        "members": page_of_members,
        "querystring": querystring.urlencode(),
        "is_filtered": any(filters.get(name) for name in ("q", "kind", "country")),
    }


def _member_you_edit(request, member_id: int) -> MemberPage:
    """Members outside the user's editing rights do not exist for them."""
    member = get_object_or_404(selectors.members_editable_by(user=request.user), pk=member_id)
    return member


@login_required
def dashboard(request):
    members = list(selectors.members_editable_by(user=request.user).prefetch_related("links"))
    managed = set(selectors.members_managed_by(user=request.user).values_list("pk", flat=True))
    all_links = selectors.checked_links(links=[link for member in members for link in member.links.all()])
    links_by_member: dict[int, list] = {}
    for item in all_links:
        links_by_member.setdefault(item.link.member_id, []).append(item)
    finder = AdminURLFinder(request.user)
    organisations = [
        {
            "member": member,
            "edit_url": finder.get_edit_url(member),
            "links": links_by_member.get(member.pk, []),
            "broken": [item for item in links_by_member.get(member.pk, []) if item.is_broken],
            "moved": [item for item in links_by_member.get(member.pk, []) if item.moved_to and not item.is_broken],
            "manages_team": member.pk in managed,
        }
        for member in members
    ]
    return render(request, "members/dashboard.html", {"organisations": organisations})


@login_required
@require_POST
def apply_moved_link(request, link_id: int):
    link = get_object_or_404(MemberLink.objects.select_related("member"), pk=link_id)
    member = _member_you_edit(request, link.member_id)
    if not member.permissions_for_user(request.user).can_publish():
        raise Http404
    if services.apply_moved_link(link=link, user=request.user):
        messages.success(request, _("The link now points to its new address."))
    else:
        messages.info(request, _("The new address is saved in a draft with your other unpublished changes."))
    return redirect("members:dashboard")


def _member_you_manage(request, member_id: int) -> MemberPage:
    return get_object_or_404(selectors.members_managed_by(user=request.user).select_related("team"), pk=member_id)


@login_required
def team(request, member_id: int):
    member = _member_you_manage(request, member_id)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invite_to_member(
            member=member,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
            request=request,
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("members:team", member_id=member.pk)
    context = {
        "member": member,
        "people": selectors.team_of(member=member),
        "pending": member.invitations.filter(accepted_at__isnull=True).order_by("-created_at"),
        "form": form,
    }
    return render(request, "members/team.html", context)


@login_required
@require_POST
def remove_from_team(request, member_id: int, user_id: int):
    member = _member_you_manage(request, member_id)
    person = get_object_or_404(get_user_model(), pk=user_id)
    if person == request.user:
        messages.error(request, _("You cannot remove yourself. Ask another member admin."))
    else:
        services.remove_from_team(member=member, user=person)
        messages.success(
            request, _("%(name)s no longer edits %(member)s.") % {"name": person.email, "member": member.title}
        )
    return redirect("members:team", member_id=member.pk)


def accept_invitation(request, token: str):
    invitation = MemberInvitation.objects.select_related("member").filter(token=token).first()
    if invitation is None or not invitation.is_usable:
        return render(request, "members/invitation.html", {"invitation": None}, status=410)
    if not request.user.is_authenticated:
        # Following the emailed link proves the address, so sign-up with it needs no second check.
        get_adapter(request).stash_verified_email(request, invitation.email)
        request.session[services.INVITATION_SESSION_KEY] = invitation.token
        return render(request, "members/invitation.html", {"invitation": invitation, "next": request.path})
    if request.method == "POST":
        try:
            services.accept_invitation(invitation=invitation, user=request.user)
        except services.InvitationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("You are now an editor of %(member)s.") % {"member": invitation.member.title})
            return redirect(reverse("members:dashboard"))
    return render(request, "members/invitation.html", {"invitation": invitation})


def _own_tokens(request):
    """Only the signed-in user's tokens: another user's token does not exist for them."""
    return APIToken.objects.filter(user=request.user)


@login_required
def api_tokens(request):
    """The user's personal API tokens; a new token's key is shown on this one response only."""
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = APIToken.create_token(user=request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    context = {"form": form, "tokens": _own_tokens(request).order_by("-created", "-pk"), "new_key": new_key}
    response = render(request, "members/api_tokens.html", context)
    if new_key:
        response["Cache-Control"] = "no-store"  # the key must not stay in any cache
    return response


@login_required
@require_POST
def revoke_api_token(request, token_id: int):
    token = get_object_or_404(_own_tokens(request), pk=token_id)
    if token.revoked_at is None:
        token.revoke()
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("members:api_tokens")
