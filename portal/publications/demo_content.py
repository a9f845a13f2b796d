# ruff: noqa: E501
"""Demo content for the library: its page in nine languages, the brochure and six publications.

Each publication has "text", language: (title, summary), one entry per language it has a file
in (the first is English); "series", "year", "themes" (theme slugs), "countries", "members"
(member slugs) and "colour" (of its generated cover). Titles and figures are illustrative."""

# language: (title, slug, intro)
INDEX = {
    "en": (
        "Publications",
        "publications",
        "Reports, guides and briefs from the Alliance and its members, in every language they are published in.",
    ),
    "ar": ("المنشورات", "manshurat", "تقارير وأدلة وموجزات من التحالف وأعضائه، بجميع اللغات التي نُشرت بها."),
    "zh-hans": ("出版物", "chubanwu", "联盟及其成员发布的报告、指南和简报，提供所有已出版的语言版本。"),
    "fr": (
        "Publications",
        "publications",
        "Rapports, guides et notes de l'Alliance et de ses membres, dans toutes les langues où ils sont publiés.",
    ),
    "ja": (
        "刊行物",
        "kankobutsu",
        "アライアンスとメンバーによる報告書、ガイド、概要を、刊行されているすべての言語でご覧いただけます。",
    ),
    "pt": (
        "Publicações",
        "publicacoes",
        "Relatórios, guias e notas da Aliança e dos seus membros, em todas as línguas em que foram publicados.",
    ),
    "ru": (
        "Публикации",
        "publikatsii",
        "Доклады, руководства и обзоры Альянса и его членов на всех языках, на которых они изданы.",
    ),
    "es": (
        "Publicaciones",
        "publicaciones",
        "Informes, guías y notas de la Alianza y de sus miembros, en todos los idiomas en que se publican.",
    ),
    "sw": (
        "Machapisho",
        "machapisho",
        "Ripoti, miongozo na muhtasari kutoka kwa Muungano na wanachama wake, kwa lugha zote yalizochapishwa.",
    ),
}

BROCHURE_SLUG = "alliance-brochure"
BROCHURE_AUTHORS = "Alliance secretariat"

PUBLICATIONS = [
    {
        "slug": "sao-paulo-upgrading-informal-settlements",
        "series": "cities-in-action",
        "year": 2024,
        "themes": ["slum-upgrading", "land-and-housing"],
        "countries": ["BR"],
        "members": ["sao-paulo", "sdi"],
        "authors": "São Paulo Municipal Housing Secretariat, SDI",
        "colour": "#1d7a46",
        "text": {
            "en": (
                "São Paulo: upgrading informal settlements at scale",
                "How São Paulo brought water, drainage and secure tenure to 130,000 households in twenty years, and what other cities can take from it.",
            ),
            "pt": (
                "São Paulo: urbanização de assentamentos precários em grande escala",
                "Como São Paulo levou água, drenagem e segurança da posse a 130 mil famílias em vinte anos, e o que outras cidades podem aprender com isso.",
            ),
            "es": (
                "São Paulo: mejoramiento de asentamientos informales a gran escala",
                "Cómo São Paulo llevó agua, drenaje y seguridad de la tenencia a 130 000 hogares en veinte años, y qué pueden aprender otras ciudades.",
            ),
        },
    },
    {
        "slug": "financing-secondary-cities",
        "series": "working-paper",
        "year": 2023,
        "themes": ["municipal-finance", "local-economic-development"],
        "countries": ["KE", "NG", "GH"],
        "members": ["world-bank", "uclg"],
        "authors": "A. Mensah, J. Otieno",
        "colour": "#7a3e9d",
        "text": {
            "en": (
                "Financing secondary cities: own revenue before borrowing",
                "Secondary cities in Ghana, Kenya and Nigeria raise a tenth of what they could from property and business taxes. This paper sets out the first steps to close the gap.",
            ),
            "fr": (
                "Financer les villes secondaires : les recettes propres avant l'emprunt",
                "Les villes secondaires du Ghana, du Kenya et du Nigeria ne perçoivent qu'un dixième de ce que pourraient rapporter les impôts fonciers et professionnels. Ce document présente les premières étapes pour combler l'écart.",
            ),
        },
    },
    {
        "slug": "guide-to-city-development-strategies",
        "series": "guide",
        "year": 2022,
        "themes": ["city-development-strategies", "urban-governance"],
        "countries": [],
        "members": ["un-habitat", "uclg", "metropolis"],
        "authors": "Alliance secretariat, UN-Habitat",
        "colour": "#0b5c8c",
        "text": {
            "en": (
                "A guide to city development strategies",
                "Step by step, how a city, its residents and its partners agree a long-term strategy: the diagnosis, the vision, the priorities and the plan to pay for them.",
            ),
            "fr": (
                "Guide des stratégies de développement urbain",
                "Étape par étape, comment une ville, ses habitants et ses partenaires s'accordent sur une stratégie à long terme : le diagnostic, la vision, les priorités et leur financement.",
            ),
            "es": (
                "Guía de estrategias de desarrollo urbano",
                "Paso a paso, cómo una ciudad, sus habitantes y sus socios acuerdan una estrategia a largo plazo: el diagnóstico, la visión, las prioridades y cómo financiarlas.",
            ),
            "ar": (
                "دليل استراتيجيات تنمية المدن",
                "خطوة بخطوة، كيف تتفق المدينة وسكانها وشركاؤها على استراتيجية طويلة الأمد: التشخيص والرؤية والأولويات وخطة تمويلها.",
            ),
            "ru": (
                "Руководство по стратегиям развития городов",
                "Шаг за шагом: как город, его жители и партнёры согласуют долгосрочную стратегию — диагностику, видение, приоритеты и план их финансирования.",
            ),
        },
    },
    {
        "slug": "ghana-urban-framework",
        "series": "country-framework",
        "year": 2021,
        "themes": ["urban-governance", "land-and-housing"],
        "countries": ["GH"],
        "members": ["afd"],
        "authors": "Ministry of Local Government of Ghana, Alliance secretariat",
        "colour": "#b3261e",
        "text": {
            "en": (
                "Ghana: a national framework for urban development",
                "Where Ghana's cities stand on land, housing and local government, and the reforms national and local government agreed to take on together.",
            ),
            "fr": (
                "Ghana : un cadre national pour le développement urbain",
                "Où en sont les villes du Ghana en matière de foncier, de logement et de gouvernement local, et les réformes que l'État et les collectivités ont décidé de mener ensemble.",
            ),
        },
    },
    {
        "slug": "coastal-cities-climate-resilience",
        "series": "cities-in-action",
        "year": 2025,
        "themes": ["climate-change", "urban-environment"],
        "countries": ["VN", "BD", "MZ"],
        "members": ["jbic", "iclei"],
        "authors": "ICLEI, Alliance secretariat",
        "colour": "#0e7c86",
        "text": {
            "en": (
                "Coastal cities adapting to a changing climate",
                "Da Nang, Khulna and Beira on protecting the poorest districts from floods and storms: early warning, drainage and moving homes out of harm's way.",
            ),
            "zh-hans": (
                "应对气候变化的沿海城市",
                "岘港、库尔纳和贝拉如何保护最贫困的街区免受洪水和风暴侵袭：预警、排水以及将住房迁离危险地带。",
            ),
            "ja": (
                "気候変動に適応する沿岸都市",
                "ダナン、クルナ、ベイラが最も貧しい地区を洪水と暴風から守る取り組み：早期警報、排水、そして住まいを危険な場所から移すこと。",
            ),
        },
    },
    {
        "slug": "lagos-community-land-mapping",
        "series": "members-material",
        "year": 2024,
        "themes": ["land-and-housing", "slum-upgrading"],
        "countries": ["NG"],
        "members": ["lagos", "sdi"],
        "authors": "Lagos State Government, Nigerian Slum/Informal Settlement Federation",
        "colour": "#8a5a00",
        "text": {
            "en": (
                "Lagos: mapping community land with residents",
                "How Lagos State and the residents' federation mapped 40 waterfront communities, and how the maps now shape the state's upgrading plans.",
            ),
            "sw": (
                "Lagos: kuchora ramani za ardhi ya jamii pamoja na wakazi",
                "Jinsi Jimbo la Lagos na shirikisho la wakazi walivyochora ramani za jamii 40 za ufukweni, na jinsi ramani hizo zinavyoongoza mipango ya jimbo ya kuboresha makazi.",
            ),
            "fr": (
                "Lagos : cartographier le foncier communautaire avec les habitants",
                "Comment l'État de Lagos et la fédération des habitants ont cartographié 40 quartiers du front de mer, et comment ces cartes orientent aujourd'hui ses plans de réhabilitation.",
            ),
        },
    },
]
