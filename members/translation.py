from modeltranslation.translator import TranslationOptions, register

from .models import MemberLink, MemberPage, MembersIndexPage, ServiceStandard, ServiceStandardsPage


@register(MembersIndexPage)
class MembersIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(MemberPage)
class MemberPageTranslation(TranslationOptions):
    fields = ("summary", "body")


@register(MemberLink)
class MemberLinkTranslation(TranslationOptions):
    fields = ("title",)


@register(ServiceStandard)
class ServiceStandardTranslation(TranslationOptions):
    fields = ("name",)


@register(ServiceStandardsPage)
class ServiceStandardsPageTranslation(TranslationOptions):
    fields = ("intro",)
