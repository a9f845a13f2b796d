"""Demo content for `manage.py seed_demo`: the home and about pages in the nine languages."""

HOME = {
    "en": {
        "title": "Cities working together",
        "intro": "A global coalition of cities and their development partners, working for cities without slums.",
        "hero": "Cities without slums, cities that plan for everyone",
        "hero_text": "Members, cities and partners share what works: city development strategies and citywide slum upgrading.",
        "about_button": "About the Alliance",
        "text": "<h2>What the portal offers</h2><p>Find our members and their active links, browse showcased city activities, follow the global events diary and track proposals against our published service standards.</p>",
        "cta": "Post your city's events to the global diary",
        "cta_text": "City staff and partners can sign up and post events. The secretariat reviews each one before it is published.",
        "cta_button": "Learn more",
    },
    "ar": {
        "title": "مدن تعمل معاً",
        "intro": "تحالف عالمي من المدن وشركائها في التنمية، يعمل من أجل مدن بلا أحياء فقيرة.",
        "hero": "مدن بلا أحياء فقيرة، مدن تخطط للجميع",
        "hero_text": "يتبادل الأعضاء والمدن والشركاء ما ينجح: استراتيجيات تنمية المدن والارتقاء بالأحياء الفقيرة على مستوى المدينة.",
        "about_button": "عن التحالف",
        "text": "<h2>ما تقدمه البوابة</h2><p>اعثر على أعضائنا وروابطهم النشطة، وتصفح أنشطة المدن المعروضة، وتابع مفكرة الفعاليات العالمية، وتابع المقترحات وفق معايير الخدمة المنشورة.</p>",
        "cta": "انشر فعاليات مدينتك في المفكرة العالمية",
        "cta_text": "يمكن لموظفي المدن والشركاء التسجيل ونشر الفعاليات. تراجع الأمانة كل فعالية قبل نشرها.",
        "cta_button": "اعرف المزيد",
    },
    "zh-hans": {
        "title": "城市携手合作",
        "intro": "一个由城市及其发展伙伴组成的全球联盟，致力于建设没有贫民窟的城市。",
        "hero": "没有贫民窟的城市，为所有人规划的城市",
        "hero_text": "成员、城市和伙伴分享行之有效的经验：城市发展战略和全市范围的贫民窟改造。",
        "about_button": "关于联盟",
        "text": "<h2>门户网站提供的服务</h2><p>查找我们的成员及其有效链接，浏览城市活动展示，关注全球活动日程，并对照已公布的服务标准跟踪项目提案。</p>",
        "cta": "将您所在城市的活动发布到全球日程",
        "cta_text": "城市工作人员和合作伙伴可以注册并发布活动。秘书处会在发布前审核每一项活动。",
        "cta_button": "了解更多",
    },
    "fr": {
        "title": "Des villes qui travaillent ensemble",
        "intro": "Une coalition mondiale de villes et de leurs partenaires de développement, pour des villes sans bidonvilles.",
        "hero": "Des villes sans bidonvilles, des villes qui planifient pour tous",
        "hero_text": "Membres, villes et partenaires partagent ce qui fonctionne : stratégies de développement urbain et résorption des bidonvilles à l'échelle de la ville.",
        "about_button": "À propos de l'Alliance",
        "text": "<h2>Ce que propose le portail</h2><p>Trouvez nos membres et leurs liens actifs, parcourez les activités urbaines présentées, suivez l'agenda mondial des événements et l'avancement des propositions au regard de nos normes de service publiées.</p>",
        "cta": "Publiez les événements de votre ville dans l'agenda mondial",
        "cta_text": "Le personnel des villes et les partenaires peuvent s'inscrire et publier des événements. Le secrétariat examine chacun avant sa publication.",
        "cta_button": "En savoir plus",
    },
    "ja": {
        "title": "協働する都市",
        "intro": "スラムのない都市をめざす、都市と開発パートナーの世界的な連合です。",
        "hero": "スラムのない都市、すべての人のために計画する都市",
        "hero_text": "メンバー、都市、パートナーが成果のある取り組みを共有します：都市開発戦略と都市全体のスラム改善。",
        "about_button": "アライアンスについて",
        "text": "<h2>ポータルでできること</h2><p>メンバーとその有効なリンクを探し、都市の活動事例を閲覧し、世界のイベント日程を確認し、公表されたサービス基準に照らして提案の進捗を追跡できます。</p>",
        "cta": "あなたの都市のイベントを世界の日程に掲載しましょう",
        "cta_text": "都市の職員やパートナーは登録してイベントを投稿できます。事務局が公開前に各イベントを確認します。",
        "cta_button": "詳しく見る",
    },
    "pt": {
        "title": "Cidades que trabalham juntas",
        "intro": "Uma coalizão global de cidades e seus parceiros de desenvolvimento, por cidades sem favelas.",
        "hero": "Cidades sem favelas, cidades que planejam para todos",
        "hero_text": "Membros, cidades e parceiros partilham o que funciona: estratégias de desenvolvimento urbano e urbanização de favelas em toda a cidade.",
        "about_button": "Sobre a Aliança",
        "text": "<h2>O que o portal oferece</h2><p>Encontre os nossos membros e os seus links ativos, conheça as atividades urbanas em destaque, acompanhe a agenda mundial de eventos e o andamento das propostas face às normas de serviço publicadas.</p>",
        "cta": "Publique os eventos da sua cidade na agenda mundial",
        "cta_text": "Funcionários municipais e parceiros podem registar-se e publicar eventos. O secretariado analisa cada um antes da publicação.",
        "cta_button": "Saiba mais",
    },
    "ru": {
        "title": "Города, работающие вместе",
        "intro": "Глобальная коалиция городов и их партнёров по развитию, работающая ради городов без трущоб.",
        "hero": "Города без трущоб, города, которые планируют для всех",
        "hero_text": "Члены, города и партнёры делятся тем, что работает: стратегиями развития городов и благоустройством трущоб в масштабах всего города.",
        "about_button": "Об Альянсе",
        "text": "<h2>Что предлагает портал</h2><p>Находите наших членов и их актуальные ссылки, знакомьтесь с городскими проектами, следите за глобальным календарём событий и отслеживайте заявки по опубликованным стандартам обслуживания.</p>",
        "cta": "Разместите события вашего города в глобальном календаре",
        "cta_text": "Сотрудники городов и партнёры могут зарегистрироваться и публиковать события. Секретариат проверяет каждое событие перед публикацией.",
        "cta_button": "Подробнее",
    },
    "es": {
        "title": "Ciudades que trabajan juntas",
        "intro": "Una coalición mundial de ciudades y sus socios para el desarrollo, por ciudades sin tugurios.",
        "hero": "Ciudades sin tugurios, ciudades que planifican para todos",
        "hero_text": "Miembros, ciudades y socios comparten lo que funciona: estrategias de desarrollo urbano y mejoramiento de tugurios a escala de ciudad.",
        "about_button": "Acerca de la Alianza",
        "text": "<h2>Lo que ofrece el portal</h2><p>Encuentre a nuestros miembros y sus enlaces activos, explore las actividades urbanas destacadas, siga la agenda mundial de eventos y el avance de las propuestas según nuestras normas de servicio publicadas.</p>",
        "cta": "Publique los eventos de su ciudad en la agenda mundial",
        "cta_text": "El personal municipal y los socios pueden registrarse y publicar eventos. La secretaría revisa cada uno antes de publicarlo.",
        "cta_button": "Más información",
    },
    "sw": {
        "title": "Miji inayofanya kazi pamoja",
        "intro": "Muungano wa kimataifa wa miji na washirika wao wa maendeleo, kwa ajili ya miji isiyo na makazi duni.",
        "hero": "Miji isiyo na makazi duni, miji inayopanga kwa ajili ya wote",
        "hero_text": "Wanachama, miji na washirika hushiriki kinachofanya kazi: mikakati ya maendeleo ya miji na uboreshaji wa makazi duni katika jiji zima.",
        "about_button": "Kuhusu Muungano",
        "text": "<h2>Kile ambacho tovuti inatoa</h2><p>Tafuta wanachama wetu na viungo vyao vinavyofanya kazi, vinjari shughuli za miji zilizoonyeshwa, fuatilia ratiba ya matukio ya kimataifa na maendeleo ya mapendekezo dhidi ya viwango vya huduma vilivyochapishwa.</p>",
        "cta": "Weka matukio ya jiji lako kwenye ratiba ya kimataifa",
        "cta_text": "Watumishi wa miji na washirika wanaweza kujisajili na kuweka matukio. Sekretarieti hukagua kila tukio kabla ya kuchapishwa.",
        "cta_button": "Jifunze zaidi",
    },
}

ABOUT = {
    "en": (
        "About the Alliance",
        "about",
        "The Alliance brings together cities, national governments and development partners to make cities work for the poor.",
    ),
    "ar": ("عن التحالف", "", "يجمع التحالف المدن والحكومات الوطنية وشركاء التنمية لجعل المدن تعمل لصالح الفقراء."),
    "zh-hans": ("关于联盟", "", "联盟汇聚城市、各国政府和发展伙伴，让城市为穷人服务。"),
    "fr": (
        "À propos de l'Alliance",
        "a-propos",
        "L'Alliance réunit des villes, des gouvernements nationaux et des partenaires de développement pour que les villes fonctionnent au service des pauvres.",
    ),
    "ja": (
        "アライアンスについて",
        "",
        "アライアンスは、都市、各国政府、開発パートナーを結び、貧しい人々のために機能する都市をつくります。",
    ),
    "pt": (
        "Sobre a Aliança",
        "sobre",
        "A Aliança reúne cidades, governos nacionais e parceiros de desenvolvimento para que as cidades funcionem para os pobres.",
    ),
    "ru": (
        "Об Альянсе",
        "",
        "Альянс объединяет города, национальные правительства и партнёров по развитию, чтобы города работали на благо бедных.",
    ),
    "es": (
        "Acerca de la Alianza",
        "acerca-de",
        "La Alianza reúne a ciudades, gobiernos nacionales y socios para el desarrollo para que las ciudades funcionen para los pobres.",
    ),
    "sw": (
        "Kuhusu Muungano",
        "kuhusu",
        "Muungano unaunganisha miji, serikali za kitaifa na washirika wa maendeleo ili miji ifanye kazi kwa manufaa ya maskini.",
    ),
}

SITE_SETTINGS = {
    "en": (
        "Cities without slums",
        "The Alliance is a global coalition of cities and their development partners. Its small secretariat works through its members.",
    ),
    "ar": (
        "مدن بلا أحياء فقيرة",
        "التحالف ائتلاف عالمي من المدن وشركائها في التنمية. تعمل أمانته الصغيرة من خلال أعضائه.",
    ),
    "zh-hans": ("没有贫民窟的城市", "联盟是由城市及其发展伙伴组成的全球联盟。其小型秘书处通过成员开展工作。"),
    "fr": (
        "Des villes sans bidonvilles",
        "L'Alliance est une coalition mondiale de villes et de leurs partenaires de développement. Son petit secrétariat agit par ses membres.",
    ),
    "ja": (
        "スラムのない都市",
        "アライアンスは都市と開発パートナーの世界的な連合です。小さな事務局がメンバーを通じて活動しています。",
    ),
    "pt": (
        "Cidades sem favelas",
        "A Aliança é uma coalizão global de cidades e dos seus parceiros de desenvolvimento. O seu pequeno secretariado atua através dos membros.",
    ),
    "ru": (
        "Города без трущоб",
        "Альянс — глобальная коалиция городов и их партнёров по развитию. Его небольшой секретариат работает через своих членов.",
    ),
    "es": (
        "Ciudades sin tugurios",
        "La Alianza es una coalición mundial de ciudades y sus socios para el desarrollo. Su pequeña secretaría trabaja a través de sus miembros.",
    ),
    "sw": (
        "Miji isiyo na makazi duni",
        "Muungano ni ushirika wa kimataifa wa miji na washirika wao wa maendeleo. Sekretarieti yake ndogo hufanya kazi kupitia wanachama wake.",
    ),
}

DEMO_PASSWORD = "portal-demo-2026"  # noqa: S105 - published in the README for the demo

DEMO_ACCOUNTS = [
    # email, first name, last name, role group (None: the members issue gives them a member)
    ("comms@demo.test", "Nadia", "Haddad", "Communications team"),
    ("member@demo.test", "Tom", "Okafor", None),
    ("member2@demo.test", "Ana", "Ribeiro", None),
    ("city@demo.test", "Koffi", "Agbossou", "City and partner contributors"),
]
