"""Demo grants data: the published service standards, sponsor codes and the sample proposals."""

import json
from pathlib import Path

from wagtail.models import Page

from portal.demo import translated_fields

from ..models import MemberPage, ServiceStandardsPage
from .models import ProposalStatus, ServiceStandard, SponsorCode
from .sync import sync_proposals

SAMPLE = Path(__file__).resolve().parent / "sample"

STANDARDS = [
    (
        ProposalStatus.RECEIVED,
        5,
        {
            "en": "Acknowledge receipt",
            "ar": "الإقرار بالاستلام",
            "zh-hans": "确认收到",
            "fr": "Accuser réception",
            "ja": "受領の確認",
            "pt": "Acusar a receção",
            "ru": "Подтверждение получения",
            "es": "Acusar recibo",
            "sw": "Kuthibitisha kupokelewa",
        },
    ),
    (
        ProposalStatus.ELIGIBILITY_SCREENING,
        10,
        {
            "en": "Eligibility screening",
            "ar": "فحص الأهلية",
            "zh-hans": "资格审查",
            "fr": "Examen de l'éligibilité",
            "ja": "適格性審査",
            "pt": "Verificação de elegibilidade",
            "ru": "Проверка соответствия требованиям",
            "es": "Verificación de elegibilidad",
            "sw": "Uchunguzi wa kustahiki",
        },
    ),
    (
        ProposalStatus.TECHNICAL_REVIEW,
        30,
        {
            "en": "Technical review",
            "ar": "المراجعة الفنية",
            "zh-hans": "技术审查",
            "fr": "Examen technique",
            "ja": "技術審査",
            "pt": "Análise técnica",
            "ru": "Техническая экспертиза",
            "es": "Revisión técnica",
            "sw": "Mapitio ya kiufundi",
        },
    ),
    (
        ProposalStatus.SECRETARIAT_DECISION,
        15,
        {
            "en": "Secretariat decision",
            "ar": "قرار الأمانة",
            "zh-hans": "秘书处决定",
            "fr": "Décision du secrétariat",
            "ja": "事務局の決定",
            "pt": "Decisão do secretariado",
            "ru": "Решение секретариата",
            "es": "Decisión de la secretaría",
            "sw": "Uamuzi wa sekretarieti",
        },
    ),
    (
        ProposalStatus.APPROVED,
        30,
        {
            "en": "Sign the grant agreement",
            "ar": "توقيع اتفاقية المنحة",
            "zh-hans": "签署赠款协议",
            "fr": "Signer l'accord de subvention",
            "ja": "助成契約の締結",
            "pt": "Assinar o acordo de subvenção",
            "ru": "Подписание соглашения о гранте",
            "es": "Firmar el acuerdo de donación",
            "sw": "Kusaini makubaliano ya ruzuku",
        },
    ),
]


def ensure_service_standards() -> None:
    for status, target_days, names in STANDARDS:
        ServiceStandard.objects.get_or_create(
            status=status, defaults={"target_days": target_days, **translated_fields("name", names)}
        )


def ensure_sponsor_codes() -> None:
    codes = json.loads((SAMPLE / "sponsor-codes.json").read_text())
    members = dict(MemberPage.objects.filter(slug_en__in=codes.values()).values_list("slug_en", "pk"))
    for code, slug in codes.items():
        if slug in members:
            SponsorCode.objects.get_or_create(code=code, defaults={"member_id": members[slug]})


STANDARDS_PAGE = {
    "en": (
        "Service standards",
        "service-standards",
        "How long each step of handling a proposal should take, and how we do.",
    ),
    "ar": ("معايير الخدمة", "", "المدة التي ينبغي أن تستغرقها كل خطوة من خطوات معالجة المقترح، وأداؤنا الفعلي."),
    "zh-hans": ("服务标准", "", "处理提案的每个步骤应需多长时间，以及我们的实际表现。"),
    "fr": (
        "Normes de service",
        "normes-de-service",
        "Le délai prévu pour chaque étape du traitement d'une proposition, et nos résultats.",
    ),
    "ja": ("サービス基準", "", "提案の処理の各段階にかかるべき時間と、私たちの実績。"),
    "pt": (
        "Normas de serviço",
        "normas-de-servico",
        "Quanto tempo deve demorar cada etapa do tratamento de uma proposta, e como nos saímos.",
    ),
    "ru": (
        "Стандарты обслуживания",
        "",
        "Сколько должен занимать каждый этап рассмотрения заявки и как мы справляемся.",
    ),
    "es": (
        "Normas de servicio",
        "normas-de-servicio",
        "Cuánto debe tardar cada paso de la tramitación de una propuesta, y cómo lo cumplimos.",
    ),
    "sw": (
        "Viwango vya huduma",
        "viwango-vya-huduma",
        "Muda ambao kila hatua ya kushughulikia pendekezo inapaswa kuchukua, na tunavyofanya.",
    ),
}


def ensure_standards_page(*, home: Page) -> None:
    if ServiceStandardsPage.objects.exists():
        return
    home.add_child(
        instance=ServiceStandardsPage(
            show_in_menus=True,
            **translated_fields("title", {code: title for code, (title, _slug, _intro) in STANDARDS_PAGE.items()}),
            **translated_fields("slug", {code: slug for code, (_title, slug, _intro) in STANDARDS_PAGE.items()}),
            **translated_fields("intro", {code: intro for code, (_title, _slug, intro) in STANDARDS_PAGE.items()}),
        )
    )


def ensure_demo_grants(*, home: Page, stdout) -> None:
    """Standards and their page, codes, then a sync from the sample folder (a no-op once it has run)."""
    ensure_service_standards()
    ensure_standards_page(home=home)
    ensure_sponsor_codes()
    run = sync_proposals(source=str(SAMPLE))
    if run.created:
        stdout.write(f"Synced {run.created} sample proposals.")
