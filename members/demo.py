# ruff: noqa: E501
"""Demo members for `manage.py seed_demo`: the directory, the coalition's members with their
logos and links, link-check states that show every case, and two demo editors.

Running it again changes nothing: what exists (looked up by English slug) is left untouched."""

from datetime import timedelta
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone, translation
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.utils.file import hash_filelike

from portal.demo import translated_fields

from .models import LinkCheck, LinkKind, MemberKind, MemberLink, MemberPage, MembersIndexPage

# language: (title, slug, intro). An empty slug falls back to the English one.
DIRECTORY = {
    "en": (
        "Members",
        "members",
        "The Alliance works through its members: cities, national governments, development agencies, associations of local governments, foundations and organisations of the urban poor.",
    ),
    "ar": (
        "الأعضاء",
        "",
        "يعمل التحالف من خلال أعضائه: المدن والحكومات الوطنية ووكالات التنمية وجمعيات الحكومات المحلية والمؤسسات الخيرية ومنظمات فقراء المدن.",
    ),
    "zh-hans": ("成员", "", "联盟通过其成员开展工作：城市、各国政府、发展机构、地方政府协会、基金会以及城市贫民组织。"),
    "fr": (
        "Membres",
        "membres",
        "L'Alliance agit par ses membres : villes, gouvernements nationaux, agences de développement, associations de collectivités locales, fondations et organisations des populations urbaines pauvres.",
    ),
    "ja": (
        "メンバー",
        "",
        "アライアンスはメンバーを通じて活動しています。都市、各国政府、開発機関、地方自治体の連合、財団、そして都市貧困層の組織です。",
    ),
    "pt": (
        "Membros",
        "membros",
        "A Aliança atua através dos seus membros: cidades, governos nacionais, agências de desenvolvimento, associações de governos locais, fundações e organizações dos pobres urbanos.",
    ),
    "ru": (
        "Члены Альянса",
        "",
        "Альянс работает через своих членов: города, национальные правительства, агентства по развитию, ассоциации местных органов власти, фонды и организации городской бедноты.",
    ),
    "es": (
        "Miembros",
        "miembros",
        "La Alianza trabaja a través de sus miembros: ciudades, gobiernos nacionales, agencias de desarrollo, asociaciones de gobiernos locales, fundaciones y organizaciones de los pobres urbanos.",
    ),
    "sw": (
        "Wanachama",
        "wanachama",
        "Muungano hufanya kazi kupitia wanachama wake: miji, serikali za kitaifa, mashirika ya maendeleo, vyama vya serikali za mitaa, taasisi za hisani na mashirika ya maskini wa mijini.",
    ),
}

# Logos: the label in white on a flat colour per kind of member (all dark enough for white text).
KIND_COLOURS = {
    MemberKind.MULTILATERAL: "#1f4e79",
    MemberKind.UN_AGENCY: "#00609c",
    MemberKind.BILATERAL: "#2e6b30",
    MemberKind.NATIONAL_GOVERNMENT: "#6a1b9a",
    MemberKind.CITY: "#b3261e",
    MemberKind.LOCAL_GOVERNMENTS: "#b34700",
    MemberKind.NGO: "#00695c",
    MemberKind.FOUNDATION: "#5d4037",
    MemberKind.RESEARCH: "#37474f",
}
LOGO_SIZE = 400
LOGO_FONTS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
]

# Link titles many members share; a link may also carry its own titles.
LINK_TITLES = {
    "about": {
        "en": "About us",
        "ar": "من نحن",
        "zh-hans": "关于我们",
        "fr": "Qui sommes-nous",
        "ja": "組織概要",
        "pt": "Quem somos",
        "ru": "О нас",
        "es": "Quiénes somos",
        "sw": "Kuhusu sisi",
    },
    "publications": {
        "en": "Publications",
        "ar": "المنشورات",
        "zh-hans": "出版物",
        "fr": "Publications",
        "ja": "出版物",
        "pt": "Publicações",
        "ru": "Публикации",
        "es": "Publicaciones",
        "sw": "Machapisho",
    },
    "projects": {
        "en": "Projects",
        "ar": "المشاريع",
        "zh-hans": "项目",
        "fr": "Projets",
        "ja": "プロジェクト",
        "pt": "Projetos",
        "ru": "Проекты",
        "es": "Proyectos",
        "sw": "Miradi",
    },
    "news": {
        "en": "News",
        "ar": "الأخبار",
        "zh-hans": "新闻",
        "fr": "Actualités",
        "ja": "ニュース",
        "pt": "Notícias",
        "ru": "Новости",
        "es": "Noticias",
        "sw": "Habari",
    },
    "urban": {
        "en": "Urban development",
        "ar": "التنمية الحضرية",
        "zh-hans": "城市发展",
        "fr": "Développement urbain",
        "ja": "都市開発",
        "pt": "Desenvolvimento urbano",
        "ru": "Городское развитие",
        "es": "Desarrollo urbano",
        "sw": "Maendeleo ya miji",
    },
    "housing": {
        "en": "Housing",
        "ar": "الإسكان",
        "zh-hans": "住房",
        "fr": "Logement",
        "ja": "住宅",
        "pt": "Habitação",
        "ru": "Жильё",
        "es": "Vivienda",
        "sw": "Makazi",
    },
    "blog": {
        "en": "Blog",
        "ar": "المدونة",
        "zh-hans": "博客",
        "fr": "Blog",
        "ja": "ブログ",
        "pt": "Blog",
        "ru": "Блог",
        "es": "Blog",
        "sw": "Blogu",
    },
    "annual_report": {
        "en": "Annual report",
        "ar": "التقرير السنوي",
        "zh-hans": "年度报告",
        "fr": "Rapport annuel",
        "ja": "年次報告書",
        "pt": "Relatório anual",
        "ru": "Годовой отчёт",
        "es": "Informe anual",
        "sw": "Ripoti ya mwaka",
    },
    "cities": {
        "en": "Cities",
        "ar": "المدن",
        "zh-hans": "城市",
        "fr": "Villes",
        "ja": "都市",
        "pt": "Cidades",
        "ru": "Города",
        "es": "Ciudades",
        "sw": "Miji",
    },
    "development": {
        "en": "Development cooperation",
        "ar": "التعاون الإنمائي",
        "zh-hans": "发展合作",
        "fr": "Coopération au développement",
        "ja": "開発協力",
        "pt": "Cooperação para o desenvolvimento",
        "ru": "Сотрудничество в целях развития",
        "es": "Cooperación para el desarrollo",
        "sw": "Ushirikiano wa maendeleo",
    },
}

# Each member: its page, logo and links (title key or own titles, address, kind).
MEMBERS = [
    {
        "slug": "world-bank",
        "acronym": "",
        "logo_text": "World Bank",
        "kind": MemberKind.MULTILATERAL,
        "headquarters_country": "US",
        "active_countries": ["BR", "ET", "IN", "KE", "NG", "PH"],
        "year_joined": 1999,
        "website": "https://www.worldbank.org",
        "contact": ("Urban Partnerships Desk", "partnerships@worldbank.example"),
        "title": {
            "en": "World Bank",
            "ar": "البنك الدولي",
            "zh-hans": "世界银行",
            "fr": "Banque mondiale",
            "ja": "世界銀行",
            "pt": "Banco Mundial",
            "ru": "Всемирный банк",
            "es": "Banco Mundial",
            "sw": "Benki ya Dunia",
        },
        "summary": {
            "en": "A founding member of the Alliance, the World Bank provides financing, policy advice and technical assistance to developing countries.",
            "ar": "البنك الدولي عضو مؤسس في التحالف، ويقدم التمويل والمشورة في مجال السياسات والمساعدة الفنية للبلدان النامية.",
            "zh-hans": "世界银行是联盟的创始成员，为发展中国家提供资金、政策咨询和技术援助。",
            "fr": "Membre fondateur de l'Alliance, la Banque mondiale apporte financements, conseils stratégiques et assistance technique aux pays en développement.",
            "ja": "世界銀行はアライアンスの創設メンバーであり、開発途上国に資金、政策助言、技術支援を提供しています。",
            "pt": "Membro fundador da Aliança, o Banco Mundial oferece financiamento, aconselhamento sobre políticas e assistência técnica aos países em desenvolvimento.",
            "ru": "Всемирный банк, один из основателей Альянса, предоставляет развивающимся странам финансирование, консультации по вопросам политики и техническую помощь.",
            "es": "Miembro fundador de la Alianza, el Banco Mundial ofrece financiamiento, asesoramiento sobre políticas y asistencia técnica a los países en desarrollo.",
            "sw": "Benki ya Dunia, mwanachama mwanzilishi wa Muungano, hutoa ufadhili, ushauri wa sera na msaada wa kiufundi kwa nchi zinazoendelea.",
        },
        "body": {
            "en": "<p>The World Bank lends to national and city governments for urban infrastructure and services and for <b>citywide slum upgrading</b>, and publishes research on urbanisation and municipal finance.</p>",
            "fr": "<p>La Banque mondiale prête aux gouvernements nationaux et aux villes pour les infrastructures et services urbains et pour la <b>résorption des bidonvilles à l'échelle de la ville</b>, et publie des travaux de recherche sur l'urbanisation et les finances municipales.</p>",
        },
        "links": [
            ("urban", "https://www.worldbank.org/en/topic/urbandevelopment", LinkKind.WEBSITE),
            (
                {
                    "en": "Upgrading urban communities: a resource for practitioners",
                    "fr": "Améliorer les quartiers urbains : ressources pour les praticiens",
                    "es": "Mejoramiento de comunidades urbanas: recursos para profesionales",
                    "ar": "الارتقاء بالمجتمعات الحضرية: مرجع للممارسين",
                },
                "https://www.worldbank.org/urban/upgrading/",
                LinkKind.PUBLICATION,
            ),
            ("projects", "https://www.worldbank.org/projects", LinkKind.PROJECT),
            ("blog", "https://blogs.worldbank.org/en/sustainablecities", LinkKind.SOCIAL),
        ],
    },
    {
        "slug": "un-habitat",
        "acronym": "UN-Habitat",
        "kind": MemberKind.UN_AGENCY,
        "headquarters_country": "KE",
        "active_countries": ["EG", "ET", "KE", "MG", "MZ", "NG"],
        "year_joined": 1999,
        "website": "https://unhabitat.org",
        "contact": ("Partnerships Unit", "partnerships@unhabitat.example"),
        "title": {
            "en": "United Nations Human Settlements Programme",
            "ar": "برنامج الأمم المتحدة للمستوطنات البشرية",
            "zh-hans": "联合国人类住区规划署",
            "fr": "Programme des Nations Unies pour les établissements humains",
            "ja": "国際連合人間居住計画",
            "pt": "Programa das Nações Unidas para os Assentamentos Humanos",
            "ru": "Программа Организации Объединённых Наций по населённым пунктам",
            "es": "Programa de las Naciones Unidas para los Asentamientos Humanos",
            "sw": "Shirika la Umoja wa Mataifa la Makazi ya Binadamu",
        },
        "summary": {
            "en": "A founding member of the Alliance, UN-Habitat is the United Nations programme for sustainable towns and cities and adequate shelter for all.",
            "ar": "موئل الأمم المتحدة عضو مؤسس في التحالف، وهو برنامج الأمم المتحدة المعني بالمدن المستدامة والمأوى الملائم للجميع.",
            "zh-hans": "联合国人居署是联盟的创始成员，是联合国负责可持续城镇和人人享有适当住房的机构。",
            "fr": "Membre fondateur de l'Alliance, ONU-Habitat est le programme des Nations Unies pour des villes durables et un logement convenable pour tous.",
            "ja": "国連ハビタットはアライアンスの創設メンバーであり、持続可能な都市とすべての人に適切な住まいをめざす国連の機関です。",
            "pt": "Membro fundador da Aliança, o ONU-Habitat é o programa das Nações Unidas para cidades sustentáveis e moradia adequada para todos.",
            "ru": "ООН-Хабитат, один из основателей Альянса, — программа Организации Объединённых Наций по устойчивому развитию городов и достойному жилью для всех.",
            "es": "Miembro fundador de la Alianza, ONU-Habitat es el programa de las Naciones Unidas para ciudades sostenibles y una vivienda adecuada para todos.",
            "sw": "UN-Habitat, mwanachama mwanzilishi wa Muungano, ni shirika la Umoja wa Mataifa linaloshughulikia miji endelevu na makazi bora kwa wote.",
        },
        "body": {
            "en": "<p>Headquartered in Nairobi, UN-Habitat convenes the <b>World Urban Forum</b> and supports governments with urban planning, housing and slum upgrading programmes.</p>",
            "fr": "<p>Basé à Nairobi, ONU-Habitat organise le <b>Forum urbain mondial</b> et accompagne les gouvernements dans la planification urbaine, le logement et les programmes de résorption des bidonvilles.</p>",
        },
        "links": [
            (
                {
                    "en": "World Urban Forum",
                    "fr": "Forum urbain mondial",
                    "es": "Foro Urbano Mundial",
                    "ar": "المنتدى الحضري العالمي",
                    "pt": "Fórum Urbano Mundial",
                },
                "https://unhabitat.org/wuf",
                LinkKind.PROJECT,
            ),
            ("housing", "https://unhabitat.org/topic/housing", LinkKind.WEBSITE),
            ("publications", "https://unhabitat.org/knowledge/publications", LinkKind.PUBLICATION),
        ],
    },
    {
        "slug": "uclg",
        "acronym": "UCLG",
        "kind": MemberKind.LOCAL_GOVERNMENTS,
        "headquarters_country": "ES",
        "active_countries": ["BJ", "BR", "KE", "PH", "ZA"],
        "year_joined": 2004,
        "website": "https://www.uclg.org",
        "contact": ("Membership Team", "members@uclg.example"),
        "title": {
            "en": "United Cities and Local Governments",
            "ar": "منظمة المدن المتحدة والحكومات المحلية",
            "zh-hans": "世界城市和地方政府联合组织",
            "fr": "Cités et Gouvernements Locaux Unis",
            "ja": "都市・自治体連合",
            "pt": "Cidades e Governos Locais Unidos",
            "ru": "Объединённые города и местные власти",
            "es": "Ciudades y Gobiernos Locales Unidos",
            "sw": "Muungano wa Miji na Serikali za Mitaa",
        },
        "summary": {
            "en": "The world organisation of cities, local and regional governments and their associations, founded in 2004 and based in Barcelona.",
            "ar": "المنظمة العالمية للمدن والحكومات المحلية والإقليمية وجمعياتها، تأسست عام 2004 ومقرها برشلونة.",
            "zh-hans": "由城市、地方和区域政府及其协会组成的世界组织，成立于2004年，总部设在巴塞罗那。",
            "fr": "L'organisation mondiale des villes, des gouvernements locaux et régionaux et de leurs associations, fondée en 2004 et basée à Barcelone.",
            "ja": "都市、地方・地域政府とその連合からなる世界組織で、2004年に設立され、バルセロナに本部を置いています。",
            "pt": "A organização mundial de cidades, governos locais e regionais e suas associações, fundada em 2004 e sediada em Barcelona.",
            "ru": "Всемирная организация городов, местных и региональных органов власти и их ассоциаций, основанная в 2004 году, со штаб-квартирой в Барселоне.",
            "es": "La organización mundial de ciudades, gobiernos locales y regionales y sus asociaciones, fundada en 2004 y con sede en Barcelona.",
            "sw": "Shirika la kimataifa la miji, serikali za mitaa na za mikoa na vyama vyao, lililoanzishwa mwaka 2004 na lenye makao yake Barcelona.",
        },
        "body": {
            "en": "<p>UCLG speaks for local governments in international forums and supports peer learning between cities on decentralisation, local finance and urban strategy.</p>",
            "fr": "<p>CGLU porte la voix des gouvernements locaux dans les enceintes internationales et favorise l'apprentissage entre pairs sur la décentralisation, les finances locales et la stratégie urbaine.</p>",
        },
        "links": [
            ("about", "https://www.uclg.org/en/organisation/about", LinkKind.WEBSITE),
            ("publications", "https://www.uclg.org/en/media/publications", LinkKind.PUBLICATION),
            ("news", "https://www.uclg.org/en/media/news", LinkKind.WEBSITE),
        ],
    },
    {
        "slug": "metropolis",
        "acronym": "Metropolis",
        "kind": MemberKind.LOCAL_GOVERNMENTS,
        "headquarters_country": "ES",
        "active_countries": ["BR", "EG", "IN", "ZA"],
        "year_joined": 2001,
        "website": "https://www.metropolis.org",
        "contact": ("Secretariat General", "secretariat@metropolis.example"),
        "title": {
            "en": "World Association of the Major Metropolises",
            "ar": "الرابطة العالمية للمدن الكبرى",
            "zh-hans": "世界大都市协会",
            "fr": "Association mondiale des grandes métropoles",
            "ja": "世界大都市協会",
            "pt": "Associação Mundial das Grandes Metrópoles",
            "ru": "Всемирная ассоциация крупных мегаполисов",
            "es": "Asociación Mundial de las Grandes Metrópolis",
            "sw": "Muungano wa Kimataifa wa Miji Mikuu",
        },
        "summary": {
            "en": "Metropolis brings together the governments of large cities and metropolitan areas to share experience of metropolitan governance.",
            "ar": "تجمع متروبوليس حكومات المدن الكبرى والمناطق الحضرية الكبرى لتبادل الخبرات في مجال حوكمة المدن الكبرى.",
            "zh-hans": "世界大都市协会汇聚大城市和大都市区的政府，交流大都市治理经验。",
            "fr": "Metropolis rassemble les gouvernements des grandes villes et aires métropolitaines pour partager leur expérience de la gouvernance métropolitaine.",
            "ja": "メトロポリスは大都市と大都市圏の政府を結び、大都市ガバナンスの経験を共有しています。",
            "pt": "A Metropolis reúne governos de grandes cidades e regiões metropolitanas para partilhar experiências de governança metropolitana.",
            "ru": "«Метрополис» объединяет правительства крупных городов и агломераций для обмена опытом в сфере управления мегаполисами.",
            "es": "Metropolis reúne a los gobiernos de grandes ciudades y áreas metropolitanas para compartir experiencias sobre gobernanza metropolitana.",
            "sw": "Metropolis huleta pamoja serikali za miji mikubwa na maeneo ya miji mikuu ili kubadilishana uzoefu kuhusu utawala wa miji mikuu.",
        },
        "body": {
            "en": "<p>Founded in 1985, Metropolis is the metropolitan section of UCLG, with its secretariat in Barcelona.</p>",
            "fr": "<p>Fondée en 1985, Metropolis est la section métropolitaine de CGLU ; son secrétariat est à Barcelone.</p>",
        },
        "links": [
            ("about", "https://www.metropolis.org/about-us", LinkKind.WEBSITE),
            ("publications", "https://www.metropolis.org/publications", LinkKind.PUBLICATION),
        ],
    },
    {
        "slug": "sdi",
        "acronym": "SDI",
        "kind": MemberKind.NGO,
        "headquarters_country": "ZA",
        "active_countries": ["IN", "KE", "MG", "MZ", "PH", "ZA"],
        "year_joined": 2007,
        "website": "https://sdinet.org",
        "contact": ("Secretariat", "secretariat@sdinet.example"),
        "title": {"en": "Shack/Slum Dwellers International"},
        "summary": {
            "en": "A network of community-based organisations of the urban poor in more than 30 countries, and the Alliance's first NGO member (November 2007).",
            "ar": "شبكة من المنظمات المجتمعية لفقراء المدن في أكثر من 30 بلداً، وأول منظمة غير حكومية تنضم إلى التحالف (نوفمبر 2007).",
            "zh-hans": "由30多个国家的城市贫民社区组织组成的网络，也是联盟的首个非政府组织成员（2007年11月加入）。",
            "fr": "Un réseau d'organisations communautaires des populations urbaines pauvres présent dans plus de 30 pays, premier membre ONG de l'Alliance (novembre 2007).",
            "ja": "30か国以上の都市貧困層のコミュニティ組織によるネットワークで、アライアンス初のNGOメンバーです（2007年11月加盟）。",
            "pt": "Uma rede de organizações comunitárias dos pobres urbanos em mais de 30 países, primeiro membro ONG da Aliança (novembro de 2007).",
            "ru": "Сеть общественных организаций городской бедноты более чем в 30 странах, первый член Альянса из числа НКО (ноябрь 2007 года).",
            "es": "Una red de organizaciones comunitarias de los pobres urbanos en más de 30 países, primer miembro ONG de la Alianza (noviembre de 2007).",
            "sw": "Mtandao wa mashirika ya kijamii ya maskini wa mijini katika zaidi ya nchi 30, na mwanachama wa kwanza wa Muungano asiye wa kiserikali (Novemba 2007).",
        },
        "body": {
            "en": "<p>SDI's federations of slum dwellers run savings groups, count and map their settlements, and negotiate upgrading and secure tenure with their city governments.</p>",
            "fr": "<p>Les fédérations d'habitants de bidonvilles de SDI animent des groupes d'épargne, recensent et cartographient leurs quartiers, et négocient avec leurs villes l'amélioration de l'habitat et la sécurité foncière.</p>",
        },
        "links": [
            ("about", "https://sdinet.org/about-us/", LinkKind.WEBSITE),
            (
                {
                    "en": "Know Your City: settlement profiles",
                    "fr": "Know Your City : profils des quartiers",
                    "es": "Know Your City: perfiles de asentamientos",
                    "ar": "اعرف مدينتك: ملفات المستوطنات",
                },
                "https://sdinet.org/explore-our-data/",
                LinkKind.PROJECT,
            ),
            ("publications", "https://sdinet.org/publications/", LinkKind.PUBLICATION),
        ],
    },
    {
        "slug": "unep",
        "acronym": "UNEP",
        "kind": MemberKind.UN_AGENCY,
        "headquarters_country": "KE",
        "active_countries": ["EG", "ET", "KE", "MZ"],
        "year_joined": 2000,
        "website": "https://www.unep.org",
        "contact": ("Cities Unit", "cities@unep.example"),
        "title": {
            "en": "United Nations Environment Programme",
            "ar": "برنامج الأمم المتحدة للبيئة",
            "zh-hans": "联合国环境规划署",
            "fr": "Programme des Nations Unies pour l'environnement",
            "ja": "国連環境計画",
            "pt": "Programa das Nações Unidas para o Meio Ambiente",
            "ru": "Программа Организации Объединённых Наций по окружающей среде",
            "es": "Programa de las Naciones Unidas para el Medio Ambiente",
        },
        "summary": {
            "en": "The United Nations' leading authority on the environment, headquartered in Nairobi.",
            "fr": "La principale autorité des Nations Unies en matière d'environnement, dont le siège est à Nairobi.",
            "es": "La principal autoridad de las Naciones Unidas en materia de medio ambiente, con sede en Nairobi.",
            "ar": "السلطة الرائدة في الأمم المتحدة في مجال البيئة، ومقرها نيروبي.",
        },
        "body": {
            "en": "<p>UNEP works with cities on air quality, waste, energy efficiency and the environmental side of urban planning.</p>",
            "fr": "<p>Le PNUE travaille avec les villes sur la qualité de l'air, les déchets, l'efficacité énergétique et la dimension environnementale de l'urbanisme.</p>",
        },
        "links": [
            ("cities", "https://www.unep.org/topics/cities", LinkKind.WEBSITE),
            ("publications", "https://www.unep.org/resources", LinkKind.PUBLICATION),
        ],
    },
    {
        "slug": "jbic",
        "acronym": "JBIC",
        "kind": MemberKind.BILATERAL,
        "headquarters_country": "JP",
        "active_countries": ["IN", "PH"],
        "year_joined": 1999,
        "website": "https://www.jbic.go.jp/en/",
        "contact": ("Public Relations Office", "info@jbic.example"),
        "title": {
            "en": "Japan Bank for International Cooperation",
            "ar": "بنك اليابان للتعاون الدولي",
            "zh-hans": "日本国际协力银行",
            "fr": "Banque japonaise pour la coopération internationale",
            "ja": "国際協力銀行",
            "es": "Banco Japonés para la Cooperación Internacional",
        },
        "summary": {
            "en": "Japan's policy-based financial institution; in 2008 its official development assistance loans were transferred to JICA.",
            "fr": "Institution financière publique du Japon ; en 2008, ses prêts d'aide publique au développement ont été transférés à la JICA.",
            "es": "Institución financiera pública de Japón; en 2008 sus préstamos de asistencia oficial para el desarrollo se transfirieron a JICA.",
            "ar": "مؤسسة التمويل العامة في اليابان؛ وفي عام 2008 نُقلت قروضها الخاصة بالمساعدة الإنمائية الرسمية إلى وكالة اليابان للتعاون الدولي (جايكا).",
            "ja": "日本の政策金融機関。2008年に政府開発援助（円借款）業務は国際協力機構（JICA）に移管されました。",
        },
        "body": {
            "en": "<p>JBIC financed infrastructure in Asia and beyond, including urban water, transport and environmental projects.</p>",
            "fr": "<p>La JBIC a financé des infrastructures en Asie et ailleurs, notamment des projets urbains d'eau, de transport et d'environnement.</p>",
        },
        "links": [
            ("about", "https://www.jbic.go.jp/en/about/", LinkKind.WEBSITE),
            ("annual_report", "https://www.jbic.go.jp/en/information/annual-report/", LinkKind.PUBLICATION),
        ],
    },
    {
        "slug": "dfid",
        "acronym": "DFID",
        "kind": MemberKind.BILATERAL,
        "headquarters_country": "GB",
        "active_countries": ["ET", "IN", "KE", "MZ", "NG"],
        "year_joined": 1999,
        "website": "https://www.gov.uk/government/organisations/department-for-international-development",
        "contact": ("Urban Poverty Team", "urban@dfid.example"),
        "title": {
            "en": "Department for International Development (UK)",
            "ar": "وزارة التنمية الدولية (المملكة المتحدة)",
            "fr": "Département du développement international (Royaume-Uni)",
            "es": "Departamento para el Desarrollo Internacional (Reino Unido)",
        },
        "summary": {
            "en": "The UK government department for international development from 1997 until 2020, when it merged into the Foreign, Commonwealth and Development Office.",
            "fr": "Ministère britannique du développement international de 1997 à 2020, date de sa fusion dans le ministère des Affaires étrangères, du Commonwealth et du Développement.",
            "es": "Ministerio británico para el desarrollo internacional de 1997 a 2020, año en que se fusionó con la Oficina de Asuntos Exteriores, del Commonwealth y de Desarrollo.",
            "ar": "الوزارة البريطانية المعنية بالتنمية الدولية من 1997 حتى 2020، حين دُمجت في وزارة الخارجية والكومنولث والتنمية.",
        },
        "body": {
            "en": "<p>DFID funded urban programmes on slum upgrading, water and sanitation and municipal reform, mainly in Africa and South Asia.</p>",
            "fr": "<p>Le DFID a financé des programmes urbains de résorption des bidonvilles, d'eau et d'assainissement et de réforme municipale, surtout en Afrique et en Asie du Sud.</p>",
        },
        "links": [
            (
                "about",
                "https://www.gov.uk/government/organisations/department-for-international-development/about",
                LinkKind.WEBSITE,
            ),
            (
                {
                    "en": "Foreign, Commonwealth & Development Office",
                    "fr": "Ministère des Affaires étrangères, du Commonwealth et du Développement",
                    "es": "Oficina de Asuntos Exteriores, del Commonwealth y de Desarrollo",
                    "ar": "وزارة الخارجية والكومنولث والتنمية",
                },
                "https://www.gov.uk/government/organisations/foreign-commonwealth-development-office",
                LinkKind.WEBSITE,
            ),
        ],
    },
    {
        "slug": "usaid",
        "acronym": "USAID",
        "kind": MemberKind.BILATERAL,
        "headquarters_country": "US",
        "active_countries": ["ET", "IN", "KE", "MZ", "PH"],
        "year_joined": 1999,
        "website": "https://www.usaid.gov",
        "contact": ("Urban Programs Team", "urban@usaid.example"),
        "title": {
            "en": "United States Agency for International Development",
            "ar": "الوكالة الأمريكية للتنمية الدولية",
            "fr": "Agence des États-Unis pour le développement international",
            "es": "Agencia de los Estados Unidos para el Desarrollo Internacional",
        },
        "summary": {
            "en": "The United States government agency created in 1961 to administer civilian foreign aid and development assistance.",
            "fr": "L'agence du gouvernement des États-Unis créée en 1961 pour gérer l'aide civile à l'étranger et l'aide au développement.",
            "es": "La agencia del gobierno de los Estados Unidos creada en 1961 para administrar la ayuda exterior civil y la asistencia al desarrollo.",
            "ar": "وكالة حكومية أمريكية أُنشئت عام 1961 لإدارة المساعدات الخارجية المدنية والمساعدات الإنمائية.",
        },
        "body": {
            "en": "<p>USAID supported municipal finance, urban services and housing programmes in partner countries.</p>",
            "fr": "<p>L'USAID a soutenu des programmes de finances municipales, de services urbains et de logement dans les pays partenaires.</p>",
        },
        "links": [
            ("about", "https://www.usaid.gov/about-us", LinkKind.WEBSITE),
            ("publications", "https://www.usaid.gov/reports", LinkKind.PUBLICATION),
        ],
    },
    {
        "slug": "gtz",
        "acronym": "GTZ",
        "kind": MemberKind.BILATERAL,
        "headquarters_country": "DE",
        "active_countries": ["ET", "IN", "MZ", "ZA"],
        "year_joined": 1999,
        "website": "https://www.giz.de/en/",
        "contact": ("Urban Development Section", "urban@gtz.example"),
        "title": {
            "en": "German Agency for Technical Cooperation",
            "ar": "الوكالة الألمانية للتعاون الفني",
            "fr": "Agence allemande de coopération technique",
            "es": "Agencia Alemana de Cooperación Técnica",
        },
        "summary": {
            "en": "Germany's federal enterprise for technical cooperation, which merged into GIZ (Deutsche Gesellschaft für Internationale Zusammenarbeit) in 2011.",
            "fr": "L'entreprise fédérale allemande de coopération technique, fusionnée en 2011 dans la GIZ (Deutsche Gesellschaft für Internationale Zusammenarbeit).",
            "es": "La empresa federal alemana de cooperación técnica, que en 2011 se fusionó en la GIZ (Deutsche Gesellschaft für Internationale Zusammenarbeit).",
            "ar": "المؤسسة الاتحادية الألمانية للتعاون الفني، التي اندمجت عام 2011 في الوكالة الألمانية للتعاون الدولي (GIZ).",
        },
        "body": {
            "en": "<p>GTZ advised national and local governments on decentralisation, urban management and the upgrading of informal settlements.</p>",
            "fr": "<p>La GTZ a conseillé des gouvernements nationaux et locaux en matière de décentralisation, de gestion urbaine et d'amélioration des quartiers informels.</p>",
        },
        "links": [
            (
                {
                    "en": "GIZ, GTZ's successor",
                    "fr": "La GIZ, qui a succédé à la GTZ",
                    "es": "GIZ, sucesora de la GTZ",
                    "ar": "الوكالة الألمانية للتعاون الدولي (GIZ)، خليفة GTZ",
                },
                "https://www.giz.de/en/html/about_giz.html",
                LinkKind.WEBSITE,
            ),
            ("publications", "https://www.giz.de/en/mediacenter/publications.html", LinkKind.PUBLICATION),
        ],
    },
    {
        "slug": "afd",
        "acronym": "AFD",
        "kind": MemberKind.BILATERAL,
        "headquarters_country": "FR",
        "active_countries": ["BJ", "EG", "KE", "MG", "MZ", "ZA"],
        "year_joined": 2000,
        "website": "https://www.afd.fr/en",
        "contact": ("Urban Development Division", "villes@afd.example"),
        "title": {
            "en": "Agence Française de Développement",
            "ar": "الوكالة الفرنسية للتنمية",
            "fr": "Agence française de développement",
            "es": "Agencia Francesa de Desarrollo",
        },
        "summary": {
            "en": "France's public development bank, which finances projects in developing countries and in the French overseas territories.",
            "fr": "La banque publique de développement de la France, qui finance des projets dans les pays en développement et dans les Outre-mer.",
            "es": "El banco público de desarrollo de Francia, que financia proyectos en países en desarrollo y en los territorios franceses de ultramar.",
            "ar": "بنك التنمية العام في فرنسا، يموّل مشاريع في البلدان النامية وفي أقاليم ما وراء البحار الفرنسية.",
        },
        "body": {
            "en": "<p>AFD lends to cities and national governments for urban transport, water, housing and neighbourhood upgrading, with a strong presence in Africa.</p>",
            "fr": "<p>L'AFD prête aux villes et aux États pour les transports urbains, l'eau, le logement et la réhabilitation des quartiers, avec une forte présence en Afrique.</p>",
        },
        "links": [
            ("projects", "https://www.afd.fr/en/carte-des-projets", LinkKind.PROJECT),
            ("publications", "https://www.afd.fr/en/ressources", LinkKind.PUBLICATION),
        ],
    },
    {
        "slug": "cida",
        "acronym": "CIDA",
        "kind": MemberKind.BILATERAL,
        "headquarters_country": "CA",
        "active_countries": ["ET", "KE", "MZ", "PH"],
        "year_joined": 1999,
        "website": "https://www.international.gc.ca",
        "contact": ("Urban Development Group", "urban@cida.example"),
        "title": {
            "en": "Canadian International Development Agency",
            "ar": "الوكالة الكندية للتنمية الدولية",
            "fr": "Agence canadienne de développement international",
            "es": "Agencia Canadiense de Desarrollo Internacional",
        },
        "summary": {
            "en": "Canada's development agency until 2013, when it was merged into the department now called Global Affairs Canada.",
            "fr": "L'agence canadienne de développement jusqu'en 2013, année de sa fusion dans le ministère aujourd'hui appelé Affaires mondiales Canada.",
            "es": "La agencia de desarrollo de Canadá hasta 2013, cuando se fusionó con el ministerio que hoy se llama Asuntos Mundiales Canadá.",
            "ar": "وكالة التنمية الكندية حتى عام 2013، حين دُمجت في الوزارة التي تُعرف اليوم باسم الشؤون العالمية الكندية.",
        },
        "body": {
            "en": "<p>CIDA supported local governance, municipal services and partnerships between Canadian municipalities and those of partner countries.</p>",
            "fr": "<p>L'ACDI a soutenu la gouvernance locale, les services municipaux et les partenariats entre municipalités canadiennes et municipalités des pays partenaires.</p>",
        },
        "links": [
            (
                "development",
                "https://www.international.gc.ca/world-monde/development-developpement/index.aspx?lang=eng",
                LinkKind.WEBSITE,
            ),
            ("projects", "https://w05.international.gc.ca/projectbrowser-banqueprojets/", LinkKind.PROJECT),
        ],
    },
    {
        "slug": "sida",
        "acronym": "Sida",
        "kind": MemberKind.BILATERAL,
        "headquarters_country": "SE",
        "active_countries": ["ET", "KE", "MZ"],
        "year_joined": 1999,
        "website": "https://www.sida.se/en",
        "contact": ("Urban Development Team", "urban@sida.example"),
        "title": {
            "en": "Swedish International Development Cooperation Agency",
            "ar": "الوكالة السويدية للتعاون الإنمائي الدولي",
            "fr": "Agence suédoise de coopération internationale au développement",
            "es": "Agencia Sueca de Cooperación Internacional para el Desarrollo",
        },
        "summary": {
            "en": "The Swedish government agency that manages most of Sweden's development cooperation.",
            "fr": "L'agence gouvernementale suédoise qui gère l'essentiel de la coopération au développement de la Suède.",
            "es": "La agencia del gobierno sueco que gestiona la mayor parte de la cooperación para el desarrollo de Suecia.",
            "ar": "الوكالة الحكومية السويدية التي تدير معظم برامج التعاون الإنمائي في السويد.",
        },
        "body": {
            "en": "<p>Sida has long funded urban development and housing finance for low-income households, notably in Central America and Southern Africa.</p>",
            "fr": "<p>L'Asdi finance depuis longtemps le développement urbain et le financement du logement des ménages à faibles revenus, notamment en Amérique centrale et en Afrique australe.</p>",
        },
        "links": [
            ("about", "https://www.sida.se/en/about-sida", LinkKind.WEBSITE),
            ("publications", "https://www.sida.se/en/publications", LinkKind.PUBLICATION),
        ],
    },
    {
        "slug": "netherlands",
        "acronym": "",
        "logo_text": "NL",
        "kind": MemberKind.NATIONAL_GOVERNMENT,
        "headquarters_country": "NL",
        "active_countries": ["BJ", "ET", "KE", "MZ"],
        "year_joined": 1999,
        "website": "https://www.government.nl/ministries/ministry-of-foreign-affairs",
        "contact": ("Urban Development Desk", "urban@minbuza.example"),
        "title": {
            "en": "Netherlands Ministry of Foreign Affairs",
            "ar": "وزارة الخارجية الهولندية",
            "fr": "Ministère des Affaires étrangères des Pays-Bas",
            "es": "Ministerio de Asuntos Exteriores de los Países Bajos",
        },
        "summary": {
            "en": "The Dutch ministry responsible for foreign policy and development cooperation.",
            "fr": "Le ministère néerlandais chargé de la politique étrangère et de la coopération au développement.",
            "es": "El ministerio neerlandés responsable de la política exterior y la cooperación para el desarrollo.",
            "ar": "الوزارة الهولندية المسؤولة عن السياسة الخارجية والتعاون الإنمائي.",
        },
        "body": {
            "en": "<p>The Netherlands funds water, sanitation and land rights programmes and supports city-to-city cooperation through Dutch municipalities.</p>",
            "fr": "<p>Les Pays-Bas financent des programmes d'eau, d'assainissement et de droits fonciers et soutiennent la coopération de ville à ville avec les communes néerlandaises.</p>",
        },
        "links": [
            ("development", "https://www.government.nl/topics/development-cooperation", LinkKind.WEBSITE),
            (
                "publications",
                "https://www.government.nl/ministries/ministry-of-foreign-affairs/documents",
                LinkKind.PUBLICATION,
            ),
        ],
    },
    {
        "slug": "brazil-ministry-of-cities",
        "acronym": "MCidades",
        "kind": MemberKind.NATIONAL_GOVERNMENT,
        "headquarters_country": "BR",
        "active_countries": ["BR", "MZ"],
        "year_joined": 2003,
        "website": "https://www.gov.br/cidades/pt-br",
        "contact": ("International Advisory Office", "internacional@cidades.example"),
        "title": {
            "en": "Ministry of Cities (Brazil)",
            "ar": "وزارة المدن (البرازيل)",
            "zh-hans": "巴西城市部",
            "fr": "Ministère des Villes (Brésil)",
            "ja": "ブラジル都市省",
            "pt": "Ministério das Cidades",
            "ru": "Министерство городов Бразилии",
            "es": "Ministerio de las Ciudades (Brasil)",
            "sw": "Wizara ya Miji (Brazil)",
        },
        "summary": {
            "en": "Created in 2003, Brazil's Ministry of Cities sets national policy on housing, sanitation, urban mobility and land regularisation.",
            "ar": "أُنشئت وزارة المدن البرازيلية عام 2003، وهي تضع السياسة الوطنية للإسكان والصرف الصحي والتنقل الحضري وتسوية أوضاع الأراضي.",
            "zh-hans": "巴西城市部成立于2003年，负责制定住房、卫生设施、城市交通和土地合法化方面的国家政策。",
            "fr": "Créé en 2003, le ministère brésilien des Villes définit la politique nationale du logement, de l'assainissement, de la mobilité urbaine et de la régularisation foncière.",
            "ja": "2003年に設立されたブラジル都市省は、住宅、衛生、都市交通、土地の正規化に関する国家政策を担っています。",
            "pt": "Criado em 2003, o Ministério das Cidades define a política nacional de habitação, saneamento, mobilidade urbana e regularização fundiária.",
            "ru": "Министерство городов Бразилии, созданное в 2003 году, определяет национальную политику в области жилья, санитарии, городской мобильности и урегулирования земельных прав.",
            "es": "Creado en 2003, el Ministerio de las Ciudades de Brasil define la política nacional de vivienda, saneamiento, movilidad urbana y regularización de tierras.",
            "sw": "Wizara ya Miji ya Brazil, iliyoanzishwa mwaka 2003, huweka sera ya kitaifa kuhusu makazi, usafi wa mazingira, usafiri wa mijini na urasimishaji wa ardhi.",
        },
        "body": {
            "en": "<p>Its programmes include national funding for the upgrading of favelas and for social housing, delivered with states and municipalities.</p>",
            "fr": "<p>Ses programmes comprennent le financement national de l'urbanisation des favelas et du logement social, mis en œuvre avec les États et les municipalités.</p>",
        },
        "links": [
            ("about", "https://www.gov.br/cidades/pt-br/acesso-a-informacao/institucional", LinkKind.WEBSITE),
            ("housing", "https://www.gov.br/cidades/pt-br/assuntos/habitacao", LinkKind.PROJECT),
        ],
    },
    {
        "slug": "italy",
        "acronym": "MAECI",
        "kind": MemberKind.NATIONAL_GOVERNMENT,
        "headquarters_country": "IT",
        "active_countries": ["EG", "ET", "MZ"],
        "year_joined": 2000,
        "website": "https://www.esteri.it/en/",
        "contact": ("Development Cooperation Office", "cooperazione@esteri.example"),
        "title": {
            "en": "Italian Ministry of Foreign Affairs and International Cooperation",
            "ar": "وزارة الخارجية والتعاون الدولي الإيطالية",
            "fr": "Ministère italien des Affaires étrangères et de la Coopération internationale",
            "es": "Ministerio de Asuntos Exteriores y Cooperación Internacional de Italia",
        },
        "summary": {
            "en": "The Italian ministry responsible for foreign policy and, through the Italian Agency for Development Cooperation, for development aid.",
            "fr": "Le ministère italien chargé de la politique étrangère et, par l'intermédiaire de l'Agence italienne de coopération au développement, de l'aide au développement.",
            "es": "El ministerio italiano responsable de la política exterior y, a través de la Agencia Italiana de Cooperación para el Desarrollo, de la ayuda al desarrollo.",
            "ar": "الوزارة الإيطالية المسؤولة عن السياسة الخارجية، وعن المساعدات الإنمائية من خلال الوكالة الإيطالية للتعاون الإنمائي.",
        },
        "body": {
            "en": "<p>Italian cooperation supports urban heritage, basic services and decentralised cooperation between Italian regions and cities and their partners.</p>",
            "fr": "<p>La coopération italienne soutient le patrimoine urbain, les services de base et la coopération décentralisée entre régions et villes italiennes et leurs partenaires.</p>",
        },
        "links": [
            ("about", "https://www.esteri.it/en/ministero/", LinkKind.WEBSITE),
            (
                "development",
                "https://www.esteri.it/en/politica-estera-e-cooperazione-allo-sviluppo/",
                LinkKind.WEBSITE,
            ),
        ],
    },
    {
        "slug": "adb",
        "acronym": "ADB",
        "kind": MemberKind.MULTILATERAL,
        "headquarters_country": "PH",
        "active_countries": ["IN", "PH"],
        "year_joined": 1999,
        "website": "https://www.adb.org",
        "contact": ("Urban Sector Group", "urban@adb.example"),
        "title": {
            "en": "Asian Development Bank",
            "ar": "بنك التنمية الآسيوي",
            "zh-hans": "亚洲开发银行",
            "fr": "Banque asiatique de développement",
            "ja": "アジア開発銀行",
            "pt": "Banco Asiático de Desenvolvimento",
            "ru": "Азиатский банк развития",
            "es": "Banco Asiático de Desarrollo",
            "sw": "Benki ya Maendeleo ya Asia",
        },
        "summary": {
            "en": "A multilateral development bank founded in 1966 and headquartered in Manila, working to reduce poverty in Asia and the Pacific.",
            "ar": "بنك تنمية متعدد الأطراف تأسس عام 1966 ومقره مانيلا، يعمل على الحد من الفقر في آسيا والمحيط الهادئ.",
            "zh-hans": "一家成立于1966年、总部设在马尼拉的多边开发银行，致力于减少亚洲及太平洋地区的贫困。",
            "fr": "Banque multilatérale de développement fondée en 1966, dont le siège est à Manille, qui œuvre à réduire la pauvreté en Asie et dans le Pacifique.",
            "ja": "1966年に設立され、マニラに本部を置く多国間開発銀行で、アジア太平洋地域の貧困削減に取り組んでいます。",
            "pt": "Banco multilateral de desenvolvimento fundado em 1966 e sediado em Manila, que trabalha para reduzir a pobreza na Ásia e no Pacífico.",
            "ru": "Многосторонний банк развития, основанный в 1966 году, со штаб-квартирой в Маниле, работающий над сокращением бедности в Азиатско-Тихоокеанском регионе.",
            "es": "Banco multilateral de desarrollo fundado en 1966 y con sede en Manila, que trabaja para reducir la pobreza en Asia y el Pacífico.",
            "sw": "Benki ya maendeleo ya kimataifa iliyoanzishwa mwaka 1966 yenye makao makuu Manila, inayofanya kazi kupunguza umaskini barani Asia na Pasifiki.",
        },
        "body": {
            "en": "<p>ADB finances urban water supply, sanitation, transport and slum improvement, and promotes integrated urban development planning.</p>",
            "fr": "<p>La BAsD finance l'approvisionnement en eau, l'assainissement, les transports urbains et l'amélioration des bidonvilles, et promeut une planification urbaine intégrée.</p>",
        },
        "links": [
            ("urban", "https://www.adb.org/what-we-do/sectors/urban-development", LinkKind.WEBSITE),
            ("publications", "https://www.adb.org/publications", LinkKind.PUBLICATION),
            ("projects", "https://www.adb.org/projects", LinkKind.PROJECT),
        ],
    },
    {
        "slug": "iclei",
        "acronym": "ICLEI",
        "kind": MemberKind.LOCAL_GOVERNMENTS,
        "headquarters_country": "DE",
        "active_countries": ["BR", "IN", "KE", "ZA"],
        "year_joined": 2008,
        "website": "https://iclei.org",
        "contact": ("World Secretariat", "secretariat@iclei.example"),
        "title": {
            "en": "ICLEI – Local Governments for Sustainability",
            "ar": "إيكلي – الحكومات المحلية من أجل الاستدامة",
            "fr": "ICLEI – Gouvernements locaux pour le développement durable",
            "es": "ICLEI – Gobiernos Locales por la Sustentabilidad",
        },
        "summary": {
            "en": "A global network of local and regional governments committed to sustainable urban development, founded in 1990 and based in Bonn.",
            "fr": "Un réseau mondial de gouvernements locaux et régionaux engagés pour un développement urbain durable, fondé en 1990 et basé à Bonn.",
            "es": "Una red mundial de gobiernos locales y regionales comprometidos con el desarrollo urbano sostenible, fundada en 1990 y con sede en Bonn.",
            "ar": "شبكة عالمية من الحكومات المحلية والإقليمية الملتزمة بالتنمية الحضرية المستدامة، تأسست عام 1990 ومقرها بون.",
        },
        "body": {
            "en": "<p>ICLEI helps its member cities plan for climate action, resilience and resource efficiency, and represents them in international climate negotiations.</p>",
            "fr": "<p>ICLEI aide ses villes membres à planifier l'action climatique, la résilience et l'utilisation efficace des ressources, et les représente dans les négociations internationales sur le climat.</p>",
        },
        "links": [
            ("about", "https://iclei.org/about/", LinkKind.WEBSITE),
            ("publications", "https://iclei.org/publications/", LinkKind.PUBLICATION),
        ],
    },
    {
        "slug": "ilo",
        "acronym": "ILO",
        "kind": MemberKind.UN_AGENCY,
        "headquarters_country": "CH",
        "active_countries": ["ET", "IN", "KE", "ZA"],
        "year_joined": 2009,
        "website": "https://www.ilo.org",
        "contact": ("Employment-Intensive Investment Programme", "eiip@ilo.example"),
        "title": {
            "en": "International Labour Organization",
            "ar": "منظمة العمل الدولية",
            "zh-hans": "国际劳工组织",
            "fr": "Organisation internationale du Travail",
            "ja": "国際労働機関",
            "pt": "Organização Internacional do Trabalho",
            "ru": "Международная организация труда",
            "es": "Organización Internacional del Trabajo",
        },
        "summary": {
            "en": "The United Nations agency for the world of work, bringing together the governments, employers and workers of its member states.",
            "fr": "L'institution des Nations Unies consacrée au monde du travail, qui réunit les gouvernements, les employeurs et les travailleurs de ses États membres.",
            "es": "El organismo de las Naciones Unidas dedicado al mundo del trabajo, que reúne a gobiernos, empleadores y trabajadores de sus Estados miembros.",
            "ar": "وكالة الأمم المتحدة المعنية بعالم العمل، وتجمع حكومات الدول الأعضاء وأصحاب العمل والعمال فيها.",
        },
        "body": {
            "en": "<p>The ILO's employment-intensive investment programme shows how upgrading streets, drainage and services in informal settlements can create decent local jobs.</p>",
            "fr": "<p>Le programme d'investissements à haute intensité de main-d'œuvre de l'OIT montre comment l'aménagement des rues, du drainage et des services dans les quartiers informels peut créer des emplois locaux décents.</p>",
        },
        "links": [
            ("about", "https://www.ilo.org/about-ilo", LinkKind.WEBSITE),
            (
                {
                    "en": "Employment-intensive investment programme",
                    "fr": "Programme d'investissements à haute intensité de main-d'œuvre",
                    "es": "Programa de inversiones intensivas en empleo",
                    "ar": "برنامج الاستثمار كثيف العمالة",
                },
                "https://www.ilo.org/eiip",
                LinkKind.PROJECT,
            ),
            ("publications", "https://www.ilo.org/publications", LinkKind.PUBLICATION),
        ],
    },
    {
        "slug": "rockefeller-foundation",
        "acronym": "",
        "logo_text": "Rockefeller",
        "kind": MemberKind.FOUNDATION,
        "headquarters_country": "US",
        "active_countries": ["IN", "KE", "PH", "ZA"],
        "year_joined": 2008,
        "website": "https://www.rockefellerfoundation.org",
        "contact": ("Grants Office", "grants@rockefeller.example"),
        "title": {
            "en": "Rockefeller Foundation",
            "ar": "مؤسسة روكفلر",
            "fr": "Fondation Rockefeller",
            "es": "Fundación Rockefeller",
            "pt": "Fundação Rockefeller",
        },
        "summary": {
            "en": "A private philanthropic foundation established in New York in 1913.",
            "fr": "Une fondation philanthropique privée créée à New York en 1913.",
            "es": "Una fundación filantrópica privada creada en Nueva York en 1913.",
            "ar": "مؤسسة خيرية خاصة أُنشئت في نيويورك عام 1913.",
        },
        "body": {
            "en": "<p>The foundation has supported work on urban resilience, including climate adaptation planning in Asian and African cities.</p>",
            "fr": "<p>La fondation a soutenu des travaux sur la résilience urbaine, dont la planification de l'adaptation climatique dans des villes d'Asie et d'Afrique.</p>",
        },
        "links": [
            ("about", "https://www.rockefellerfoundation.org/about-us/", LinkKind.WEBSITE),
            ("publications", "https://www.rockefellerfoundation.org/reports/", LinkKind.PUBLICATION),
        ],
    },
    {
        "slug": "gates-foundation",
        "acronym": "",
        "logo_text": "Gates",
        "kind": MemberKind.FOUNDATION,
        "headquarters_country": "US",
        "active_countries": ["ET", "IN", "KE", "NG"],
        "year_joined": 2010,
        "website": "https://www.gatesfoundation.org",
        "contact": ("Partnerships Team", "partnerships@gates.example"),
        "title": {
            "en": "Gates Foundation",
            "ar": "مؤسسة غيتس",
            "fr": "Fondation Gates",
            "es": "Fundación Gates",
            "pt": "Fundação Gates",
        },
        "summary": {
            "en": "A private foundation based in Seattle, created in 2000 by Bill Gates and Melinda French Gates.",
            "fr": "Une fondation privée basée à Seattle, créée en 2000 par Bill Gates et Melinda French Gates.",
            "es": "Una fundación privada con sede en Seattle, creada en 2000 por Bill Gates y Melinda French Gates.",
            "ar": "مؤسسة خاصة مقرها سياتل، أسسها بيل غيتس وميليندا فرينش غيتس عام 2000.",
        },
        "body": {
            "en": "<p>Its work relevant to cities includes sanitation, financial services for the poor and global health.</p>",
            "fr": "<p>Parmi ses travaux qui concernent les villes figurent l'assainissement, les services financiers pour les pauvres et la santé mondiale.</p>",
        },
        "links": [
            ("about", "https://www.gatesfoundation.org/about", LinkKind.WEBSITE),
            (
                {
                    "en": "Water, sanitation and hygiene",
                    "fr": "Eau, assainissement et hygiène",
                    "es": "Agua, saneamiento e higiene",
                    "ar": "المياه والصرف الصحي والنظافة الصحية",
                },
                "https://www.gatesfoundation.org/our-work/programs/global-growth-and-opportunity/water-sanitation-and-hygiene",
                LinkKind.PROJECT,
            ),
        ],
    },
    {
        "slug": "iied",
        "acronym": "IIED",
        "kind": MemberKind.RESEARCH,
        "headquarters_country": "GB",
        "active_countries": ["IN", "KE", "MZ", "ZA"],
        "year_joined": 2008,
        "website": "https://www.iied.org",
        "contact": ("Human Settlements Group", "humansettlements@iied.example"),
        "title": {
            "en": "International Institute for Environment and Development",
            "ar": "المعهد الدولي للبيئة والتنمية",
            "fr": "Institut international pour l'environnement et le développement",
            "es": "Instituto Internacional para el Medio Ambiente y el Desarrollo",
        },
        "summary": {
            "en": "An independent policy research institute founded in 1971 and based in London.",
            "fr": "Un institut indépendant de recherche sur les politiques, fondé en 1971 et basé à Londres.",
            "es": "Un instituto independiente de investigación sobre políticas, fundado en 1971 y con sede en Londres.",
            "ar": "معهد مستقل لبحوث السياسات تأسس عام 1971 ومقره لندن.",
        },
        "body": {
            "en": "<p>IIED's human settlements researchers publish the journal <i>Environment and Urbanization</i> and work closely with federations of the urban poor.</p>",
            "fr": "<p>Les chercheurs de l'IIED spécialistes des établissements humains publient la revue <i>Environment and Urbanization</i> et travaillent étroitement avec les fédérations des populations urbaines pauvres.</p>",
        },
        "links": [
            ("about", "https://www.iied.org/about", LinkKind.WEBSITE),
            (
                {
                    "en": "Environment and Urbanization journal",
                    "fr": "Revue Environment and Urbanization",
                    "es": "Revista Environment and Urbanization",
                    "ar": "مجلة Environment and Urbanization",
                },
                "https://www.iied.org/environment-urbanization",
                LinkKind.PUBLICATION,
            ),
            ("publications", "https://www.iied.org/publications", LinkKind.PUBLICATION),
        ],
    },
    {
        "slug": "ppiaf",
        "acronym": "PPIAF",
        "kind": MemberKind.MULTILATERAL,
        "headquarters_country": "US",
        "active_countries": ["IN", "KE", "NG", "PH"],
        "year_joined": 2008,
        "website": "https://www.ppiaf.org",
        "contact": ("Program Management Unit", "info@ppiaf.example"),
        "title": {"en": "Public-Private Infrastructure Advisory Facility"},
        "summary": {
            "en": "A multi-donor trust fund, hosted by the World Bank, that gives governments technical assistance on private participation in infrastructure.",
            "fr": "Un fonds fiduciaire multidonateurs, hébergé par la Banque mondiale, qui fournit aux gouvernements une assistance technique sur la participation privée aux infrastructures.",
            "es": "Un fondo fiduciario de múltiples donantes, administrado por el Banco Mundial, que brinda a los gobiernos asistencia técnica sobre la participación privada en infraestructura.",
            "ar": "صندوق استئماني متعدد المانحين يستضيفه البنك الدولي، ويقدم المساعدة الفنية للحكومات بشأن مشاركة القطاع الخاص في البنية التحتية.",
        },
        "body": {
            "en": "<p>Its sub-national window helps cities and utilities build creditworthiness and borrow for infrastructure without sovereign guarantees.</p>",
            "fr": "<p>Son guichet infranational aide les villes et les services publics à renforcer leur solvabilité et à emprunter pour leurs infrastructures sans garantie souveraine.</p>",
        },
        "links": [
            ("about", "https://www.ppiaf.org/about-us", LinkKind.WEBSITE),
            ("publications", "https://www.ppiaf.org/documents", LinkKind.PUBLICATION),
        ],
    },
    {
        "slug": "johannesburg",
        "acronym": "CoJ",
        "kind": MemberKind.CITY,
        "headquarters_country": "ZA",
        "active_countries": ["ZA"],
        "year_joined": 2008,
        "website": "https://www.joburg.org.za",
        "contact": ("International Relations Unit", "international@joburg.example"),
        "title": {
            "en": "City of Johannesburg",
            "ar": "مدينة جوهانسبرغ",
            "zh-hans": "约翰内斯堡市",
            "fr": "Ville de Johannesburg",
            "ja": "ヨハネスブルグ市",
            "pt": "Cidade de Joanesburgo",
            "ru": "Город Йоханнесбург",
            "es": "Ciudad de Johannesburgo",
            "sw": "Jiji la Johannesburg",
        },
        "summary": {
            "en": "The metropolitan municipality governing South Africa's largest city and economic centre.",
            "ar": "البلدية الحضرية التي تدير أكبر مدن جنوب أفريقيا ومركزها الاقتصادي.",
            "zh-hans": "管理南非最大城市和经济中心的大都市市政府。",
            "fr": "La municipalité métropolitaine qui administre la plus grande ville et le centre économique de l'Afrique du Sud.",
            "ja": "南アフリカ最大の都市であり経済の中心地を治める大都市自治体です。",
            "pt": "O município metropolitano que governa a maior cidade e centro económico da África do Sul.",
            "ru": "Столичный муниципалитет, управляющий крупнейшим городом и экономическим центром Южной Африки.",
            "es": "El municipio metropolitano que gobierna la ciudad más grande y centro económico de Sudáfrica.",
            "sw": "Manispaa ya jiji kuu inayoongoza jiji kubwa zaidi na kitovu cha uchumi cha Afrika Kusini.",
        },
        "body": {
            "en": "<p>Johannesburg's long-term Growth and Development Strategy guides its investment in housing, public transport and the formalisation of informal settlements.</p>",
            "fr": "<p>La stratégie de croissance et de développement à long terme de Johannesburg oriente ses investissements dans le logement, les transports publics et la régularisation des quartiers informels.</p>",
        },
        "links": [
            (
                {
                    "en": "Growth and Development Strategy",
                    "fr": "Stratégie de croissance et de développement",
                    "es": "Estrategia de Crecimiento y Desarrollo",
                    "ar": "استراتيجية النمو والتنمية",
                },
                "https://www.joburg.org.za/documents_/Pages/Key%20Documents/Growth-and-Development-Strategy.aspx",
                LinkKind.PUBLICATION,
            ),
            ("news", "https://www.joburg.org.za/media_/Newsroom/Pages/default.aspx", LinkKind.WEBSITE),
        ],
    },
    {
        "slug": "ekurhuleni",
        "acronym": "EMM",
        "kind": MemberKind.CITY,
        "headquarters_country": "ZA",
        "active_countries": ["ZA"],
        "year_joined": 2008,
        "website": "https://www.ekurhuleni.gov.za",
        "contact": ("City Planning Department", "planning@ekurhuleni.example"),
        "title": {
            "en": "City of Ekurhuleni",
            "ar": "مدينة إكورهوليني",
            "fr": "Ville d'Ekurhuleni",
            "es": "Ciudad de Ekurhuleni",
        },
        "summary": {
            "en": "A metropolitan municipality in Gauteng, South Africa, formed in 2000 from nine towns of the East Rand.",
            "fr": "Une municipalité métropolitaine du Gauteng, en Afrique du Sud, créée en 2000 à partir de neuf villes de l'East Rand.",
            "es": "Un municipio metropolitano de Gauteng, Sudáfrica, creado en 2000 a partir de nueve ciudades del East Rand.",
            "ar": "بلدية حضرية في مقاطعة خاوتينغ بجنوب أفريقيا، تأسست عام 2000 من دمج تسع مدن في منطقة إيست راند.",
        },
        "body": {
            "en": "<p>Ekurhuleni has prepared a city development strategy and runs a large programme to upgrade its informal settlements.</p>",
            "fr": "<p>Ekurhuleni a élaboré une stratégie de développement urbain et conduit un vaste programme d'amélioration de ses quartiers informels.</p>",
        },
        "links": [
            ("about", "https://www.ekurhuleni.gov.za/about-the-city/", LinkKind.WEBSITE),
            ("publications", "https://www.ekurhuleni.gov.za/documents/", LinkKind.PUBLICATION),
        ],
    },
    {
        "slug": "lagos",
        "acronym": "LASG",
        "kind": MemberKind.CITY,
        "headquarters_country": "NG",
        "active_countries": ["NG"],
        "year_joined": 2009,
        "website": "https://lagosstate.gov.ng",
        "contact": ("Urban Development Desk", "planning@lagosstate.example"),
        "title": {
            "en": "Lagos State Government",
            "ar": "حكومة ولاية لاغوس",
            "fr": "Gouvernement de l'État de Lagos",
            "es": "Gobierno del Estado de Lagos",
        },
        "summary": {
            "en": "The government of Lagos State, which covers Nigeria's largest metropolitan area.",
            "fr": "Le gouvernement de l'État de Lagos, qui couvre la plus grande agglomération du Nigeria.",
            "es": "El gobierno del Estado de Lagos, que abarca la mayor área metropolitana de Nigeria.",
            "ar": "حكومة ولاية لاغوس، التي تضم أكبر منطقة حضرية في نيجيريا.",
        },
        "body": {
            "en": "<p>The state government plans and manages metropolitan Lagos, including its bus rapid transit, drainage and urban renewal programmes.</p>",
            "fr": "<p>Le gouvernement de l'État planifie et gère l'agglomération de Lagos, notamment ses bus à haut niveau de service, son drainage et ses programmes de renouvellement urbain.</p>",
        },
        "links": [
            ("about", "https://lagosstate.gov.ng/about-lagos/", LinkKind.WEBSITE),
            (
                {
                    "en": "Ministry of Physical Planning and Urban Development",
                    "fr": "Ministère de l'Aménagement du territoire et du Développement urbain",
                    "es": "Ministerio de Planificación Física y Desarrollo Urbano",
                    "ar": "وزارة التخطيط العمراني والتنمية الحضرية",
                },
                "https://mppud.lagosstate.gov.ng/",
                LinkKind.PROJECT,
            ),
        ],
    },
    {
        "slug": "sao-paulo",
        "acronym": "PMSP",
        "kind": MemberKind.CITY,
        "headquarters_country": "BR",
        "active_countries": ["BR"],
        "year_joined": 2008,
        "website": "https://www.prefeitura.sp.gov.br",
        "contact": ("International Relations Office", "internacional@prefeitura-sp.example"),
        "title": {
            "en": "City of São Paulo",
            "ar": "مدينة ساو باولو",
            "fr": "Ville de São Paulo",
            "pt": "Prefeitura de São Paulo",
            "es": "Ciudad de São Paulo",
        },
        "summary": {
            "en": "The municipal government of São Paulo, Brazil's largest city.",
            "fr": "Le gouvernement municipal de São Paulo, la plus grande ville du Brésil.",
            "es": "El gobierno municipal de São Paulo, la ciudad más grande de Brasil.",
            "ar": "الحكومة البلدية لمدينة ساو باولو، أكبر مدن البرازيل.",
            "pt": "A prefeitura de São Paulo, a maior cidade do Brasil.",
        },
        "body": {
            "en": "<p>São Paulo hosted the International Dialogue on Slum Upgrading in March 2008 and runs one of Latin America's largest favela upgrading programmes.</p>",
            "fr": "<p>São Paulo a accueilli le Dialogue international sur la résorption des bidonvilles en mars 2008 et conduit l'un des plus grands programmes d'urbanisation de favelas d'Amérique latine.</p>",
        },
        "links": [
            ("housing", "https://www.prefeitura.sp.gov.br/cidade/secretarias/habitacao/", LinkKind.PROJECT),
            ("news", "https://www.prefeitura.sp.gov.br/noticias", LinkKind.WEBSITE),
        ],
    },
]

# What the link checker "last saw": every link verified, except one broken and one moved
# World Bank link, so the World Bank's demo admin has something to fix.
BROKEN_LINKS = {"https://www.worldbank.org/urban/upgrading/"}
MOVED_LINKS = {
    "https://www.worldbank.org/projects": "https://projects.worldbank.org/en/projects-operations/projects-home",
}

# (email, member slug, team group): seed_demo creates these accounts.
DEMO_EDITORS = [
    ("member@demo.test", "world-bank", "admins"),
    ("member2@demo.test", "un-habitat", "editors"),
]


def _font(size: int) -> ImageFont.FreeTypeFont:
    for path in LOGO_FONTS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _logo_png(label: str, colour: str) -> bytes:
    """The label in large white bold letters, one word a line, centred on a flat colour."""
    canvas = PILImage.new("RGB", (LOGO_SIZE, LOGO_SIZE), colour)
    draw = ImageDraw.Draw(canvas)
    text = "\n".join(label.split())
    font = _font(160)
    while font.size > 24:
        left, top, right, bottom = draw.multiline_textbbox((0, 0), text, font=font, align="center")
        if max(right - left, bottom - top) <= LOGO_SIZE * 0.8:
            break
        font = font.font_variant(size=font.size - 8)
    middle = LOGO_SIZE / 2
    draw.multiline_text((middle, middle), text, font=font, fill="white", anchor="mm", align="center")
    buffer = BytesIO()
    canvas.save(buffer, format="PNG")
    return buffer.getvalue()


def _create_logo(member: MemberPage, data: dict):
    png = _logo_png(data.get("logo_text") or data["acronym"], KIND_COLOURS[data["kind"]])
    image = get_image_model()(
        title=f"{data['acronym'] or data['title']['en']} logo",
        collection=member.team.collection,
        file=ImageFile(BytesIO(png), name=f"{data['slug']}-logo.png"),
        file_size=len(png),
        file_hash=hash_filelike(BytesIO(png)),
    )
    image.save()
    return image


def _link_titles(title: str | dict[str, str]) -> dict[str, str]:
    return LINK_TITLES[title] if isinstance(title, str) else title


def _create_member(index: MembersIndexPage, data: dict) -> MemberPage:
    contact_name, contact_email = data["contact"]
    member = index.add_child(
        instance=MemberPage(
            slug_en=data["slug"],
            acronym=data["acronym"],
            kind=data["kind"],
            headquarters_country=data["headquarters_country"],
            active_countries=data["active_countries"],
            website=data["website"],
            year_joined=data["year_joined"],
            contact_name=contact_name,
            contact_email=contact_email,
            **translated_fields("title", data["title"]),
            **translated_fields("summary", data["summary"]),
            **translated_fields("body", data["body"]),
            links=[
                MemberLink(url=url, kind=kind, **translated_fields("title", _link_titles(title)))
                for title, url, kind in data["links"]
            ],
        )
    )
    member.logo = _create_logo(member, data)  # its collection comes with the team, made as the page is
    member.save_revision().publish()
    return member


def _ensure_directory(home: Page, stdout) -> MembersIndexPage:
    index = MembersIndexPage.objects.child_of(home).first()  # there is only ever one
    if index:
        return index
    index = home.add_child(
        instance=MembersIndexPage(
            show_in_menus=True,
            **translated_fields("title", {code: values[0] for code, values in DIRECTORY.items()}),
            **translated_fields("slug", {code: values[1] for code, values in DIRECTORY.items()}),
            **translated_fields("intro", {code: values[2] for code, values in DIRECTORY.items()}),
        )
    )
    index.save_revision().publish()
    stdout.write(f"Created the member directory {index.title!r}.")
    return index


def _link_check(url: str, hours_ago: int) -> dict:
    now = timezone.now()
    checked_at = now - timedelta(hours=hours_ago)
    if url in BROKEN_LINKS:
        return {
            "checked_at": checked_at,
            "last_ok_at": now - timedelta(weeks=5),
            "status_code": 404,
            "final_url": url,
            "error": "",
            "consecutive_failures": LinkCheck.BROKEN_AFTER_FAILURES,
        }
    moved_to = MOVED_LINKS.get(url, "")
    return {
        "checked_at": checked_at,
        "last_ok_at": checked_at,
        "status_code": 200,
        "final_url": moved_to or url,
        "moved_to": moved_to,
    }


def _ensure_link_checks() -> int:
    urls = [url for data in MEMBERS for _title, url, _kind in data["links"]]
    created = 0
    for number, url in enumerate(urls):
        _check, was_created = LinkCheck.objects.get_or_create(url=url, defaults=_link_check(url, 2 + number % 9))
        created += was_created
    return created


@transaction.atomic
def ensure_demo_members(*, home: Page, stdout) -> MembersIndexPage:
    """The member directory under `home` and the demo members in it, each with a logo in its
    team's collection, links and one published revision; and what the link checker last saw."""
    with translation.override("en"):
        index = _ensure_directory(home, stdout)
        existing = set(MemberPage.objects.child_of(index).values_list("slug_en", flat=True))
        created = [_create_member(index, data) for data in MEMBERS if data["slug"] not in existing]
        if created:
            stdout.write(f"Created {len(created)} members with their logos and links.")
        if checks := _ensure_link_checks():
            stdout.write(f"Recorded {checks} link checks.")
    return index


def assign_demo_editors() -> None:
    """Put the demo member accounts in their teams. Call it once the accounts exist."""
    User = get_user_model()
    for email, slug, group in DEMO_EDITORS:
        user = User.objects.filter(email=email).first()
        member = MemberPage.objects.filter(slug_en=slug).select_related("team").first()
        if user and member:
            user.groups.add(getattr(member.team, group))
