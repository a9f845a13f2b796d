# ruff: noqa: E501
"""Demo content for the news: the news index and twenty articles, twelve by the communications
team and eight by members under their own pages.

Each article has "text", language: (title, summary, body HTML); "member": the slug of the member
whose page holds it (absent: the communications team's, under the news index); "days_ago": its
date counted back from today; "mentions": slugs of other members it names; "showcases": slugs of
demo showcases; "image": (words, colour) of a generated picture. Facts come from the strategy;
quotes and figures are illustrative."""

# language: (title, slug, intro)
INDEX = {
    "en": ("News", "news", "News from the Alliance's secretariat and from its members around the world."),
    "ar": ("الأخبار", "akhbar", "أخبار أمانة التحالف وأعضائه في جميع أنحاء العالم."),
    "zh-hans": ("新闻", "xinwen", "联盟秘书处及其世界各地成员的新闻。"),
    "fr": (
        "Actualités",
        "actualites",
        "Les actualités du secrétariat de l'Alliance et de ses membres à travers le monde.",
    ),
    "ja": ("ニュース", "nyusu", "アライアンス事務局と世界各地のメンバーからのニュース。"),
    "pt": ("Notícias", "noticias", "Notícias do secretariado da Aliança e dos seus membros em todo o mundo."),
    "ru": ("Новости", "novosti", "Новости секретариата Альянса и его членов по всему миру."),
    "es": ("Noticias", "noticias", "Noticias de la secretaría de la Alianza y de sus miembros en todo el mundo."),
    "sw": ("Habari", "habari", "Habari kutoka sekretarieti ya Muungano na wanachama wake duniani kote."),
}

ARTICLES = [
    {
        "slug": "international-dialogue-on-slum-upgrading",
        "days_ago": 4,
        "featured": True,
        "themes": ["slum-upgrading"],
        "countries": ["BR"],
        "mentions": ["sao-paulo", "sdi", "un-habitat"],
        "showcases": ["sao-paulo-citywide-slum-upgrading"],
        "image": ("São Paulo", "#1f6f8b"),
        "text": {
            "en": (
                "São Paulo hosts the International Dialogue on Slum Upgrading",
                "City leaders, residents' federations and funders meet in São Paulo to compare what works when a whole city upgrades its informal settlements.",
                "<p>For three days São Paulo opens its upgraded favelas to visitors from some twenty countries. The dialogue asks what it takes to move from projects to citywide and nationwide programmes.</p><h2>What is on the table</h2><p>Land tenure, municipal finance and the place of residents' own organisations in planning.</p>",
            ),
            "fr": (
                "São Paulo accueille le Dialogue international sur la réhabilitation des bidonvilles",
                "Élus, fédérations d'habitants et bailleurs se réunissent à São Paulo pour comparer ce qui fonctionne quand une ville entière réhabilite ses quartiers informels.",
                "<p>Pendant trois jours, São Paulo ouvre ses favelas réhabilitées à des visiteurs d'une vingtaine de pays. Le dialogue demande comment passer des projets à des programmes à l'échelle de la ville et du pays.</p>",
            ),
            "es": (
                "São Paulo acoge el Diálogo Internacional sobre Mejoramiento de Barrios",
                "Autoridades locales, federaciones de habitantes y financiadores se reúnen en São Paulo para comparar lo que funciona cuando toda una ciudad mejora sus asentamientos informales.",
                "<p>Durante tres días, São Paulo abre sus favelas mejoradas a visitantes de unos veinte países.</p>",
            ),
            "pt": (
                "São Paulo recebe o Diálogo Internacional sobre Urbanização de Favelas",
                "Líderes municipais, federações de moradores e financiadores reúnem-se em São Paulo para comparar o que funciona quando uma cidade inteira urbaniza os seus assentamentos informais.",
                "<p>Durante três dias, São Paulo abre as suas favelas urbanizadas a visitantes de cerca de vinte países.</p>",
            ),
            "ar": (
                "ساو باولو تستضيف الحوار الدولي حول تحسين الأحياء العشوائية",
                "يجتمع قادة المدن واتحادات السكان والممولون في ساو باولو لمقارنة ما ينجح عندما تحسّن مدينة بأكملها مستوطناتها غير الرسمية.",
                "<p>على مدى ثلاثة أيام تفتح ساو باولو أحياءها المحسّنة لزوار من نحو عشرين بلدًا.</p>",
            ),
        },
    },
    {
        "slug": "world-urban-forum-alliance-sessions",
        "days_ago": 12,
        "featured": True,
        "themes": ["urban-governance", "city-development-strategies"],
        "countries": [],
        "mentions": ["uclg", "metropolis"],
        "image": ("World Urban Forum", "#6a4c93"),
        "text": {
            "en": (
                "The Alliance at the World Urban Forum: five sessions and a members' corner",
                "Our members lead five sessions at the World Urban Forum, on city development strategies, municipal finance and the voice of slum dwellers.",
                "<p>Visit the members' corner to meet the teams behind the showcased activities, and pick up the translated brochure in nine languages.</p>",
            ),
            "fr": (
                "L'Alliance au Forum urbain mondial : cinq sessions et un espace des membres",
                "Nos membres animent cinq sessions au Forum urbain mondial, sur les stratégies de développement urbain, les finances municipales et la voix des habitants des bidonvilles.",
                "<p>Passez à l'espace des membres pour rencontrer les équipes des réalisations présentées et prendre la brochure traduite en neuf langues.</p>",
            ),
            "es": (
                "La Alianza en el Foro Urbano Mundial: cinco sesiones y un espacio de miembros",
                "Nuestros miembros dirigen cinco sesiones en el Foro Urbano Mundial sobre estrategias de desarrollo urbano, finanzas municipales y la voz de los habitantes de barrios marginales.",
                "<p>Visite el espacio de miembros para conocer a los equipos de los proyectos presentados.</p>",
            ),
            "ar": (
                "التحالف في المنتدى الحضري العالمي: خمس جلسات وركن للأعضاء",
                "يقود أعضاؤنا خمس جلسات في المنتدى الحضري العالمي حول استراتيجيات تنمية المدن والمالية البلدية وصوت سكان الأحياء العشوائية.",
                "<p>زوروا ركن الأعضاء للقاء الفرق التي تقف وراء المشاريع المعروضة.</p>",
            ),
            "zh-hans": (
                "联盟亮相世界城市论坛：五场会议和成员角",
                "我们的成员在世界城市论坛上主持五场会议，议题包括城市发展战略、市政财政和贫民窟居民的声音。",
                "<p>欢迎到成员角与项目团队见面，并领取九种语言的宣传册。</p>",
            ),
        },
    },
    {
        "slug": "brochure-in-nine-languages",
        "days_ago": 20,
        "themes": [],
        "countries": [],
        "text": {
            "en": (
                "Our brochure is now in nine languages",
                "What the Alliance is, its criteria and how to apply for assistance: now in Arabic, Chinese, French, Japanese, Portuguese, Russian, Spanish and Swahili.",
                "<p>Applications are accepted in all nine languages, and the application form follows.</p>",
            ),
            "fr": (
                "Notre brochure existe désormais en neuf langues",
                "Ce qu'est l'Alliance, ses critères et comment demander une assistance : en arabe, chinois, français, japonais, portugais, russe, espagnol et swahili.",
                "<p>Les demandes sont acceptées dans les neuf langues ; le formulaire suivra.</p>",
            ),
            "es": (
                "Nuestro folleto ya está en nueve idiomas",
                "Qué es la Alianza, sus criterios y cómo solicitar asistencia: ahora en árabe, chino, francés, japonés, portugués, ruso, español y suajili.",
                "<p>Se aceptan solicitudes en los nueve idiomas.</p>",
            ),
            "ar": (
                "كتيّبنا متاح الآن بتسع لغات",
                "ما هو التحالف ومعاييره وكيفية طلب المساعدة: متاح الآن بالعربية والصينية والفرنسية واليابانية والبرتغالية والروسية والإسبانية والسواحيلية.",
                "<p>تُقبل الطلبات باللغات التسع جميعها.</p>",
            ),
            "ja": (
                "パンフレットが9言語に",
                "アライアンスとは何か、支援の基準と申請方法を、アラビア語、中国語、フランス語、日本語、ポルトガル語、ロシア語、スペイン語、スワヒリ語でご覧いただけます。",
                "<p>申請は9言語すべてで受け付けています。</p>",
            ),
            "pt": (
                "A nossa brochura já está em nove línguas",
                "O que é a Aliança, os seus critérios e como pedir assistência: agora em árabe, chinês, francês, japonês, português, russo, espanhol e suaíli.",
                "<p>As candidaturas são aceites nas nove línguas.</p>",
            ),
            "ru": (
                "Наша брошюра теперь на девяти языках",
                "Что такое Альянс, его критерии и как подать заявку на помощь — теперь на арабском, китайском, французском, японском, португальском, русском, испанском и суахили.",
                "<p>Заявки принимаются на всех девяти языках.</p>",
            ),
            "sw": (
                "Kijitabu chetu sasa kiko katika lugha tisa",
                "Muungano ni nini, vigezo vyake na jinsi ya kuomba msaada: sasa kwa Kiarabu, Kichina, Kifaransa, Kijapani, Kireno, Kirusi, Kihispania na Kiswahili.",
                "<p>Maombi yanapokelewa katika lugha zote tisa.</p>",
            ),
        },
    },
    {
        "slug": "service-standards-published",
        "days_ago": 27,
        "themes": ["urban-governance"],
        "countries": [],
        "text": {
            "en": (
                "Service standards: how long each step of a proposal takes",
                "The secretariat publishes target turnaround times for every step of handling a proposal; members can follow their proposals against them.",
                "<p>Each proposal's page in the members' area shows where it stands against the standards.</p>",
            ),
            "fr": (
                "Normes de service : la durée de chaque étape d'une proposition",
                "Le secrétariat publie des délais cibles pour chaque étape du traitement d'une proposition ; les membres suivent leurs propositions au regard de ces délais.",
                "<p>La page de chaque proposition dans l'espace membres indique où elle en est.</p>",
            ),
            "es": (
                "Normas de servicio: cuánto tarda cada paso de una propuesta",
                "La secretaría publica plazos objetivo para cada paso de la tramitación de una propuesta; los miembros pueden seguir sus propuestas frente a ellos.",
                "<p>La página de cada propuesta en el área de miembros muestra su situación.</p>",
            ),
            "ar": (
                "معايير الخدمة: المدة التي تستغرقها كل خطوة من خطوات المقترح",
                "تنشر الأمانة مددًا مستهدفة لكل خطوة من خطوات معالجة المقترح، ويمكن للأعضاء متابعة مقترحاتهم وفقًا لها.",
                "<p>تعرض صفحة كل مقترح في منطقة الأعضاء موقعه من هذه المعايير.</p>",
            ),
        },
    },
    {
        "slug": "policy-advisory-board-spring-meeting",
        "days_ago": 41,
        "themes": ["urban-governance"],
        "countries": ["ZA"],
        "mentions": ["johannesburg", "ekurhuleni"],
        "text": {
            "en": (
                "Policy Advisory Board meets in Johannesburg",
                "The Board's spring meeting reviewed the year's city development strategies and visited Ekurhuleni's informal settlements programme.",
                "<p>Members agreed to share the lessons of South Africa's metropolitan strategies with secondary cities.</p>",
            ),
            "fr": (
                "Le Conseil consultatif se réunit à Johannesburg",
                "La réunion de printemps a passé en revue les stratégies de développement urbain de l'année et visité le programme des quartiers informels d'Ekurhuleni.",
                "<p>Les membres partageront les leçons des stratégies métropolitaines sud-africaines avec les villes secondaires.</p>",
            ),
            "es": (
                "La Junta Asesora se reúne en Johannesburgo",
                "La reunión de primavera examinó las estrategias de desarrollo urbano del año y visitó el programa de asentamientos informales de Ekurhuleni.",
                "<p>Los miembros compartirán las lecciones de las estrategias metropolitanas sudafricanas.</p>",
            ),
            "ar": (
                "المجلس الاستشاري للسياسات يجتمع في جوهانسبرغ",
                "استعرض اجتماع الربيع استراتيجيات تنمية المدن لهذا العام وزار برنامج المستوطنات غير الرسمية في إكورهوليني.",
                "<p>اتفق الأعضاء على تبادل دروس الاستراتيجيات الحضرية في جنوب أفريقيا مع المدن الثانوية.</p>",
            ),
        },
    },
    {
        "slug": "cotonou-and-lille-renew-cooperation",
        "days_ago": 55,
        "themes": ["city-development-strategies", "urban-governance"],
        "countries": ["BJ", "FR"],
        "showcases": ["lille-cotonou-cooperation"],
        "image": ("Cotonou · Lille", "#c8553d"),
        "text": {
            "en": (
                "Cotonou and Lille renew their city-to-city cooperation",
                "The two cities sign a new three-year plan on drainage, market upgrading and training for municipal staff.",
                "<p>The cooperation, supported by French development finance, has run for more than a decade.</p>",
            ),
            "fr": (
                "Cotonou et Lille renouvellent leur coopération décentralisée",
                "Les deux villes signent un nouveau plan de trois ans sur l'assainissement, la rénovation des marchés et la formation des agents municipaux.",
                "<p>Cette coopération, soutenue par le financement français du développement, dure depuis plus de dix ans.</p>",
            ),
            "es": (
                "Cotonú y Lille renuevan su cooperación entre ciudades",
                "Las dos ciudades firman un nuevo plan de tres años sobre drenaje, mejora de mercados y formación del personal municipal.",
                "<p>La cooperación dura más de una década.</p>",
            ),
            "ar": (
                "كوتونو وليل تجددان تعاونهما",
                "توقّع المدينتان خطة جديدة لثلاث سنوات تشمل الصرف وتحسين الأسواق وتدريب موظفي البلدية.",
                "<p>يمتد هذا التعاون لأكثر من عشر سنوات.</p>",
            ),
        },
    },
    {
        "slug": "new-grants-round-opens",
        "days_ago": 68,
        "themes": ["city-development-strategies", "slum-upgrading"],
        "countries": [],
        "image": ("New grants", "#2a9d8f"),
        "text": {
            "en": (
                "A new round of grants opens for city development strategies and slum upgrading",
                "Cities and their partners can apply until the end of the quarter. Grants above USD 250,000 or with a citywide focus need a Strategic Environmental Assessment.",
                "<p>Read the brochure for the criteria, then apply in any of our nine languages.</p>",
            ),
            "fr": (
                "Un nouvel appel à subventions pour les stratégies urbaines et la réhabilitation des bidonvilles",
                "Les villes et leurs partenaires peuvent postuler jusqu'à la fin du trimestre. Au-delà de 250 000 USD ou pour une action à l'échelle de la ville, une évaluation environnementale stratégique est requise.",
                "<p>Lisez la brochure pour les critères, puis postulez dans l'une de nos neuf langues.</p>",
            ),
            "es": (
                "Abre una nueva convocatoria de subvenciones para estrategias urbanas y mejoramiento de barrios",
                "Las ciudades y sus socios pueden postular hasta fin de trimestre. Las subvenciones de más de 250.000 USD o de alcance municipal requieren una Evaluación Ambiental Estratégica.",
                "<p>Lea el folleto y postule en cualquiera de nuestros nueve idiomas.</p>",
            ),
            "ar": (
                "فتح جولة جديدة من المنح لاستراتيجيات تنمية المدن وتحسين الأحياء العشوائية",
                "يمكن للمدن وشركائها التقدم حتى نهاية الربع. تتطلب المنح التي تتجاوز 250,000 دولار أو التي تشمل المدينة بأكملها تقييمًا بيئيًا استراتيجيًا.",
                "<p>اقرأوا الكتيّب لمعرفة المعايير، ثم قدّموا طلبكم بأي من لغاتنا التسع.</p>",
            ),
            "sw": (
                "Awamu mpya ya ruzuku yafunguliwa",
                "Miji na washirika wake wanaweza kuomba hadi mwisho wa robo mwaka.",
                "<p>Soma kijitabu kwa vigezo, kisha omba kwa lugha yoyote kati ya tisa.</p>",
            ),
        },
    },
    {
        "slug": "nairobi-mathare-planning",
        "days_ago": 83,
        "themes": ["slum-upgrading", "land-and-housing"],
        "countries": ["KE"],
        "mentions": ["sdi"],
        "showcases": ["nairobi-mathare-special-planning-area"],
        "text": {
            "en": (
                "Mathare residents map their neighbourhood for Nairobi's planners",
                "Household surveys and maps drawn by residents feed into the special planning area for Mathare.",
                "<p>The maps record every structure, water point and toilet, and are owned by the residents' federation.</p>",
            ),
            "fr": (
                "Les habitants de Mathare cartographient leur quartier pour les urbanistes de Nairobi",
                "Enquêtes auprès des ménages et cartes dressées par les habitants alimentent la zone de planification spéciale de Mathare.",
                "<p>Les cartes recensent chaque construction, point d'eau et toilette.</p>",
            ),
            "es": (
                "Los habitantes de Mathare cartografían su barrio para los planificadores de Nairobi",
                "Encuestas de hogares y mapas elaborados por los habitantes alimentan el área de planificación especial de Mathare.",
                "<p>Los mapas registran cada construcción, punto de agua y letrina.</p>",
            ),
            "sw": (
                "Wakazi wa Mathare wachora ramani ya mtaa wao",
                "Tafiti za kaya na ramani zilizochorwa na wakazi zinasaidia eneo maalum la mipango la Mathare.",
                "<p>Ramani zinaonyesha kila jengo, kituo cha maji na choo.</p>",
            ),
        },
    },
    {
        "slug": "municipal-finance-self-assessment-guide",
        "days_ago": 97,
        "themes": ["municipal-finance"],
        "countries": [],
        "showcases": ["municipal-finance-self-assessment"],
        "text": {
            "en": (
                "A guide for cities to assess their own finances",
                "The municipal finance self-assessment is now a Technical Guide, with worked examples from three continents.",
                "<p>It helps a city see what it can borrow, what it collects and what it leaves uncollected.</p>",
            ),
            "fr": (
                "Un guide pour que les villes évaluent leurs propres finances",
                "L'auto-évaluation des finances municipales devient un guide technique, avec des exemples de trois continents.",
                "<p>Il aide une ville à voir ce qu'elle peut emprunter et ce qu'elle ne collecte pas.</p>",
            ),
            "es": (
                "Una guía para que las ciudades evalúen sus propias finanzas",
                "La autoevaluación de finanzas municipales es ahora una guía técnica con ejemplos de tres continentes.",
                "<p>Ayuda a una ciudad a ver lo que puede pedir prestado y lo que deja de recaudar.</p>",
            ),
            "ar": (
                "دليل للمدن لتقييم أوضاعها المالية",
                "أصبح التقييم الذاتي للمالية البلدية دليلًا تقنيًا مع أمثلة من ثلاث قارات.",
                "<p>يساعد المدينة على معرفة ما يمكنها اقتراضه وما لا تحصّله.</p>",
            ),
            "ru": (
                "Руководство для городов по самооценке финансов",
                "Самооценка муниципальных финансов стала техническим руководством с примерами с трёх континентов.",
                "<p>Оно помогает городу понять, сколько он может занять и что недополучает.</p>",
            ),
        },
    },
    {
        "slug": "executive-committee-welcomes-new-members",
        "days_ago": 118,
        "themes": ["urban-governance"],
        "countries": [],
        "mentions": ["iclei", "iied"],
        "text": {
            "en": (
                "The Executive Committee welcomes two new members",
                "ICLEI and IIED join the Alliance, bringing local climate action and research on informal settlements.",
                "<p>Their pages in the member directory list their links and showcased activities.</p>",
            ),
            "fr": (
                "Le Comité exécutif accueille deux nouveaux membres",
                "L'ICLEI et l'IIED rejoignent l'Alliance, avec l'action climatique locale et la recherche sur les quartiers informels.",
                "<p>Leurs pages dans l'annuaire des membres présentent leurs liens et leurs réalisations.</p>",
            ),
            "es": (
                "El Comité Ejecutivo da la bienvenida a dos nuevos miembros",
                "ICLEI e IIED se unen a la Alianza, con acción climática local e investigación sobre asentamientos informales.",
                "<p>Sus páginas en el directorio de miembros muestran sus enlaces.</p>",
            ),
            "ar": (
                "اللجنة التنفيذية ترحب بعضوين جديدين",
                "ينضم إيكلي والمعهد الدولي للبيئة والتنمية إلى التحالف.",
                "<p>تعرض صفحاتهما في دليل الأعضاء روابطهما وأنشطتهما.</p>",
            ),
        },
    },
    {
        "slug": "cities-in-action-mumbai",
        "days_ago": 140,
        "themes": ["slum-upgrading", "urban-environment"],
        "countries": ["IN"],
        "showcases": ["mumbai-community-toilets"],
        "image": ("Mumbai", "#e9c46a"),
        "text": {
            "en": (
                "Cities in Action: Mumbai's community toilets",
                "Our new Cities in Action story follows the federations that build and run toilet blocks in Mumbai's settlements.",
                "<p>Designed and managed by residents, the blocks changed how the city contracts sanitation.</p>",
            ),
            "fr": (
                "Villes en action : les toilettes communautaires de Mumbai",
                "Notre nouvelle histoire suit les fédérations qui construisent et gèrent des blocs sanitaires dans les quartiers de Mumbai.",
                "<p>Conçus et gérés par les habitants, ces blocs ont changé la façon dont la ville passe ses marchés.</p>",
            ),
            "es": (
                "Ciudades en acción: los sanitarios comunitarios de Mumbai",
                "Nuestra nueva historia sigue a las federaciones que construyen y gestionan bloques sanitarios en Mumbai.",
                "<p>Diseñados y gestionados por los habitantes.</p>",
            ),
            "ar": (
                "مدن في العمل: المراحيض المجتمعية في مومباي",
                "تتبع قصتنا الجديدة الاتحادات التي تبني وتدير المرافق الصحية في مستوطنات مومباي.",
                "<p>صمّمها السكان ويديرونها بأنفسهم.</p>",
            ),
            "ja": (
                "シティーズ・イン・アクション：ムンバイのコミュニティトイレ",
                "ムンバイの居住地でトイレ棟を建設・運営する住民連合を追った新しいストーリーです。",
                "<p>住民が設計し管理しています。</p>",
            ),
        },
    },
    {
        "slug": "working-paper-secondary-cities",
        "days_ago": 165,
        "themes": ["city-development-strategies", "local-economic-development"],
        "countries": ["ET"],
        "showcases": ["ethiopia-secondary-cities"],
        "text": {
            "en": (
                "Working Paper: planning for Ethiopia's secondary cities",
                "A new Working Paper draws lessons from strategies prepared with secondary cities growing fastest in Ethiopia.",
                "<p>It argues for planning ahead of growth, with land set aside for services and markets.</p>",
            ),
            "fr": (
                "Document de travail : planifier les villes secondaires d'Éthiopie",
                "Un nouveau document de travail tire les leçons des stratégies préparées avec les villes secondaires à la croissance la plus rapide d'Éthiopie.",
                "<p>Il plaide pour une planification en amont de la croissance.</p>",
            ),
            "es": (
                "Documento de trabajo: planificar las ciudades secundarias de Etiopía",
                "Un nuevo documento extrae lecciones de las estrategias preparadas con las ciudades secundarias de Etiopía.",
                "<p>Defiende planificar antes del crecimiento.</p>",
            ),
        },
    },
    # Members' news, under their own pages.
    {
        "slug": "world-bank-urban-resilience-programme",
        "member": "world-bank",
        "days_ago": 6,
        "themes": ["climate-change", "urban-environment"],
        "countries": ["PH", "MZ"],
        "mentions": ["un-habitat"],
        "showcases": ["metro-manila-flood-resettlement"],
        "image": ("Resilience", "#264653"),
        "text": {
            "en": (
                "World Bank launches an urban resilience programme with coastal cities",
                "A new programme helps coastal cities in the Philippines and Mozambique plan for floods with the communities most exposed.",
                "<p>It builds on the flood resettlement work in Metro Manila, with UN-Habitat.</p>",
            ),
            "fr": (
                "La Banque mondiale lance un programme de résilience urbaine avec des villes côtières",
                "Un nouveau programme aide des villes côtières des Philippines et du Mozambique à se préparer aux inondations avec les communautés les plus exposées.",
                "<p>Il s'appuie sur le travail de relogement mené à Metro Manila avec ONU-Habitat.</p>",
            ),
            "es": (
                "El Banco Mundial lanza un programa de resiliencia urbana con ciudades costeras",
                "Un nuevo programa ayuda a ciudades costeras de Filipinas y Mozambique a planificar frente a las inundaciones.",
                "<p>Se basa en el trabajo de reasentamiento en Metro Manila.</p>",
            ),
            "ar": (
                "البنك الدولي يطلق برنامجًا للصمود الحضري مع المدن الساحلية",
                "يساعد برنامج جديد المدن الساحلية في الفلبين وموزمبيق على التخطيط لمواجهة الفيضانات مع المجتمعات الأكثر تعرضًا.",
                "<p>يستند إلى أعمال إعادة التوطين في مانيلا الكبرى مع موئل الأمم المتحدة.</p>",
            ),
            "pt": (
                "Banco Mundial lança programa de resiliência urbana com cidades costeiras",
                "Um novo programa ajuda cidades costeiras das Filipinas e de Moçambique a planear face às cheias.",
                "<p>Baseia-se no trabalho de reassentamento em Metro Manila.</p>",
            ),
        },
    },
    {
        "slug": "un-habitat-urban-october",
        "member": "un-habitat",
        "days_ago": 16,
        "themes": ["urban-governance", "land-and-housing"],
        "countries": ["KE"],
        "text": {
            "en": (
                "UN-Habitat opens Urban October with a call on housing",
                "This year's Urban October asks cities to report how many of their residents live in adequate housing.",
                "<p>Events run in Nairobi and in member cities throughout the month.</p>",
            ),
            "fr": (
                "ONU-Habitat ouvre l'Octobre urbain avec un appel sur le logement",
                "Cette année, l'Octobre urbain demande aux villes combien de leurs habitants vivent dans un logement convenable.",
                "<p>Des événements ont lieu à Nairobi et dans les villes membres tout au long du mois.</p>",
            ),
            "es": (
                "ONU-Hábitat abre el Octubre Urbano con un llamado sobre vivienda",
                "Este año, el Octubre Urbano pide a las ciudades que informen cuántos habitantes viven en una vivienda adecuada.",
                "<p>Hay eventos en Nairobi y en ciudades miembros durante todo el mes.</p>",
            ),
            "ar": (
                "موئل الأمم المتحدة يفتتح شهر أكتوبر الحضري بدعوة بشأن السكن",
                "يطلب أكتوبر الحضري هذا العام من المدن الإبلاغ عن عدد سكانها الذين يعيشون في مساكن لائقة.",
                "<p>تقام فعاليات في نيروبي وفي المدن الأعضاء طوال الشهر.</p>",
            ),
            "sw": (
                "UN-Habitat yafungua Oktoba ya Miji kwa wito kuhusu makazi",
                "Mwaka huu Oktoba ya Miji inaomba miji iripoti wakazi wangapi wanaishi katika makazi bora.",
                "<p>Matukio yanafanyika Nairobi na katika miji wanachama mwezi mzima.</p>",
            ),
        },
    },
    {
        "slug": "sdi-know-your-city",
        "member": "sdi",
        "days_ago": 24,
        "featured": True,
        "themes": ["slum-upgrading"],
        "countries": ["KE", "ZA", "IN", "PH"],
        "mentions": ["un-habitat"],
        "showcases": ["nairobi-kibera-upgrading"],
        "image": ("Know your city", "#f4a261"),
        "text": {
            "en": (
                "SDI federations profile 8,000 settlements",
                "Slum dwellers' federations have now surveyed 8,000 settlements in 30 countries; the data is open to the cities they work with.",
                "<p>Profiles record population, tenure, services and the federation's savings groups.</p>",
            ),
            "fr": (
                "Les fédérations de SDI recensent 8 000 quartiers",
                "Les fédérations d'habitants des bidonvilles ont enquêté dans 8 000 quartiers de 30 pays ; les données sont ouvertes aux villes partenaires.",
                "<p>Les profils décrivent population, statut foncier, services et groupes d'épargne.</p>",
            ),
            "es": (
                "Las federaciones de SDI perfilan 8.000 asentamientos",
                "Las federaciones de habitantes han encuestado 8.000 asentamientos en 30 países; los datos están abiertos a las ciudades.",
                "<p>Los perfiles registran población, tenencia, servicios y grupos de ahorro.</p>",
            ),
            "ar": (
                "اتحادات SDI ترصد 8000 مستوطنة",
                "أجرت اتحادات سكان الأحياء العشوائية مسوحًا لـ 8000 مستوطنة في 30 بلدًا، والبيانات متاحة للمدن التي تعمل معها.",
                "<p>تسجل الملفات عدد السكان والحيازة والخدمات ومجموعات الادخار.</p>",
            ),
            "sw": (
                "Mashirikisho ya SDI yachunguza makazi 8,000",
                "Mashirikisho ya wakazi wa makazi duni yamechunguza makazi 8,000 katika nchi 30.",
                "<p>Taarifa zinaonyesha idadi ya watu, umiliki wa ardhi na huduma.</p>",
            ),
        },
    },
    {
        "slug": "uclg-local-finance-network",
        "member": "uclg",
        "days_ago": 35,
        "themes": ["municipal-finance", "urban-governance"],
        "countries": [],
        "mentions": ["metropolis"],
        "text": {
            "en": (
                "UCLG starts a peer network on local finance",
                "Finance directors from forty local governments will meet online every quarter to compare how they raise revenue.",
                "<p>Metropolis joins to bring the view of the largest cities.</p>",
            ),
            "fr": (
                "CGLU lance un réseau de pairs sur les finances locales",
                "Les directeurs financiers de quarante collectivités se réuniront en ligne chaque trimestre.",
                "<p>Metropolis apporte le regard des grandes métropoles.</p>",
            ),
            "es": (
                "CGLU inicia una red de pares sobre finanzas locales",
                "Directores financieros de cuarenta gobiernos locales se reunirán en línea cada trimestre.",
                "<p>Metropolis se suma con la visión de las grandes ciudades.</p>",
            ),
            "ar": (
                "منظمة المدن والحكومات المحلية المتحدة تطلق شبكة أقران حول المالية المحلية",
                "سيجتمع مديرو المالية في أربعين حكومة محلية عبر الإنترنت كل ربع سنة.",
                "<p>تنضم ميتروبوليس لتقديم منظور المدن الكبرى.</p>",
            ),
        },
    },
    {
        "slug": "lagos-waterfront-consultation",
        "member": "lagos",
        "days_ago": 48,
        "themes": ["slum-upgrading", "land-and-housing"],
        "countries": ["NG"],
        "mentions": ["sdi"],
        "showcases": ["lagos-waterfront-communities"],
        "text": {
            "en": (
                "Lagos consults waterfront communities on upgrading plans",
                "Public meetings in six waterfront communities discuss drainage, schools and secure tenure before any work starts.",
                "<p>The State's planners committed to publish the minutes in English and Yoruba.</p>",
            ),
            "fr": (
                "Lagos consulte les communautés du front de mer sur les plans de réhabilitation",
                "Des réunions publiques dans six communautés discutent drainage, écoles et sécurité foncière avant tout chantier.",
                "<p>Les urbanistes publieront les comptes rendus.</p>",
            ),
            "es": (
                "Lagos consulta a las comunidades ribereñas sobre los planes de mejora",
                "Reuniones públicas en seis comunidades debaten drenaje, escuelas y tenencia segura antes de cualquier obra.",
                "<p>Se publicarán las actas.</p>",
            ),
        },
    },
    {
        "slug": "sao-paulo-housing-data",
        "member": "sao-paulo",
        "days_ago": 76,
        "themes": ["land-and-housing", "slum-upgrading"],
        "countries": ["BR"],
        "showcases": ["sao-paulo-settlement-information-system"],
        "text": {
            "en": (
                "São Paulo opens its settlement information system",
                "The city's data on 1,600 favelas and informal subdivisions is now open to researchers and residents.",
                "<p>Maps, infrastructure and tenure data can be downloaded by district.</p>",
            ),
            "pt": (
                "São Paulo abre o seu sistema de informação sobre assentamentos",
                "Os dados da cidade sobre 1.600 favelas e loteamentos irregulares estão agora abertos a investigadores e moradores.",
                "<p>Mapas, infraestrutura e posse podem ser descarregados por distrito.</p>",
            ),
            "es": (
                "São Paulo abre su sistema de información sobre asentamientos",
                "Los datos de la ciudad sobre 1.600 favelas y loteos irregulares están abiertos a investigadores y habitantes.",
                "<p>Se pueden descargar por distrito.</p>",
            ),
            "fr": (
                "São Paulo ouvre son système d'information sur les quartiers",
                "Les données de la ville sur 1 600 favelas et lotissements irréguliers sont ouvertes aux chercheurs et aux habitants.",
                "<p>Elles se téléchargent par district.</p>",
            ),
        },
    },
    {
        "slug": "johannesburg-inner-city-housing",
        "member": "johannesburg",
        "days_ago": 104,
        "themes": ["land-and-housing", "local-economic-development"],
        "countries": ["ZA"],
        "showcases": ["johannesburg-inner-city-regeneration"],
        "text": {
            "en": (
                "Johannesburg converts three inner-city buildings into affordable homes",
                "Abandoned office blocks become 600 rental homes, with shops on the ground floor.",
                "<p>Tenants were chosen with the residents' associations of the inner city.</p>",
            ),
            "fr": (
                "Johannesburg transforme trois immeubles du centre en logements abordables",
                "Des bureaux abandonnés deviennent 600 logements locatifs, avec des commerces au rez-de-chaussée.",
                "<p>Les locataires ont été choisis avec les associations d'habitants.</p>",
            ),
            "ar": (
                "جوهانسبرغ تحوّل ثلاثة مبانٍ في وسط المدينة إلى مساكن ميسورة",
                "تتحول مبانٍ مكتبية مهجورة إلى 600 مسكن للإيجار مع متاجر في الطابق الأرضي.",
                "<p>اختير المستأجرون بالتعاون مع جمعيات السكان.</p>",
            ),
        },
    },
    {
        "slug": "world-bank-municipal-finance-course",
        "member": "world-bank",
        "days_ago": 150,
        "themes": ["municipal-finance"],
        "countries": [],
        "text": {
            "en": (
                "An open online course on municipal finance",
                "The World Bank's free course covers budgeting, own-source revenue and borrowing, in English, French and Spanish.",
                "<p>City staff who complete it receive a certificate.</p>",
            ),
            "fr": (
                "Un cours en ligne ouvert sur les finances municipales",
                "Le cours gratuit de la Banque mondiale couvre budget, recettes propres et emprunt, en anglais, français et espagnol.",
                "<p>Les agents qui le terminent reçoivent un certificat.</p>",
            ),
            "es": (
                "Un curso abierto en línea sobre finanzas municipales",
                "El curso gratuito del Banco Mundial trata presupuesto, ingresos propios y endeudamiento, en inglés, francés y español.",
                "<p>El personal municipal que lo termina recibe un certificado.</p>",
            ),
            "ar": (
                "دورة مفتوحة عبر الإنترنت حول المالية البلدية",
                "تغطي الدورة المجانية للبنك الدولي الموازنة والإيرادات الذاتية والاقتراض.",
                "<p>يحصل موظفو المدن الذين يكملونها على شهادة.</p>",
            ),
        },
    },
]
