"""Words and sentences the demo catalogue (``demo_catalogue.py``) composes pages from, in nb
and en. Pure data: a leading underscore keeps Django from taking this module for a command.

``{subject}`` is the subject in lower case ("sykepleie", "nursing"); ``{programme}`` the kind
of programme as a noun ("videreutdanningen", "the further education programme").
"""

# (nb, en, field-of-study cluster): the subject of a programme's title.
SUBJECTS = [
    ("sykepleie", "nursing", "health"),
    ("vernepleie", "social education", "health"),
    ("ergoterapi", "occupational therapy", "health"),
    ("fysioterapi", "physiotherapy", "health"),
    ("radiografi", "radiography", "health"),
    ("bioingeniørfag", "biomedical laboratory science", "health"),
    ("paramedisin", "paramedic science", "health"),
    ("tannpleie", "dental hygiene", "health"),
    ("ernæring", "nutrition", "health"),
    ("folkehelse", "public health", "health"),
    ("jordmorfag", "midwifery", "health"),
    ("intensivsykepleie", "intensive care nursing", "health"),
    ("helsesykepleie", "public health nursing", "health"),
    ("aldring og eldreomsorg", "ageing and care of older people", "health"),
    ("barnevern", "child welfare", "social"),
    ("sosialt arbeid", "social work", "social"),
    ("familieterapi", "family therapy", "social"),
    ("rus- og avhengighetsarbeid", "addiction work", "social"),
    ("velferdsfag", "welfare studies", "social"),
    ("spesialpedagogikk", "special needs education", "education"),
    ("yrkespedagogikk", "vocational pedagogy", "education"),
    ("veiledning", "counselling and supervision", "education"),
    ("skoleledelse", "school leadership", "education"),
    ("barnehagepedagogikk", "early childhood education", "education"),
    ("informatikk", "informatics", "technology"),
    ("anvendt datateknologi", "applied computer technology", "technology"),
    ("cybersikkerhet", "cybersecurity", "technology"),
    ("dataanalyse", "data analytics", "technology"),
    ("universell utforming", "universal design", "technology"),
    ("økonomi og administrasjon", "business administration", "economics"),
    ("offentlig administrasjon", "public administration", "economics"),
    ("helseledelse", "health management", "economics"),
    ("journalistikk", "journalism", "arts"),
    ("bibliotek- og informasjonsvitenskap", "library and information science", "arts"),
    ("produktdesign", "product design", "arts"),
    ("drama og teater", "drama and theatre", "arts"),
]

# (nb, en): the specialisation after a dash in the title; "" for none.
SPECIALISATIONS = [
    ("", ""),
    ("ledelse", "leadership"),
    ("klinisk praksis", "clinical practice"),
    ("barn og unge", "children and young people"),
    ("eldre", "older people"),
    ("digitalisering", "digitalisation"),
    ("forskning", "research"),
    ("tverrfaglig samarbeid", "interprofessional collaboration"),
    ("innovasjon", "innovation"),
    ("internasjonalt arbeid", "international work"),
    ("kvalitetsforbedring", "quality improvement"),
]

# code: (nb, en, cluster). The first six are the seed's fields, with the seed's codes.
FIELDS_OF_STUDY = {
    "barnevern": ("Barnevern", "Child welfare", "social"),
    "ergoterapi": ("Ergoterapi", "Occupational therapy", "health"),
    "fysioterapi": ("Fysioterapi", "Physiotherapy", "health"),
    "sosialt-arbeid": ("Sosialt arbeid", "Social work", "social"),
    "sykepleie": ("Sykepleie", "Nursing", "health"),
    "vernepleie": ("Vernepleie", "Social education", "health"),
    "radiografi": ("Radiografi", "Radiography", "health"),
    "bioingeniorfag": ("Bioingeniørfag", "Biomedical laboratory science", "health"),
    "larerutdanning": ("Lærerutdanning", "Teacher education", "education"),
    "barnehagelaerer": (
        "Barnehagelærerutdanning",
        "Early childhood teacher education",
        "education",
    ),
    "informatikk": ("Informatikk", "Informatics", "technology"),
    "ingenior": ("Ingeniørfag", "Engineering", "technology"),
    "okonomi": ("Økonomi og administrasjon", "Business administration", "economics"),
    "journalistikk": ("Journalistikk", "Journalism", "arts"),
    "design": ("Design", "Design", "arts"),
}

# level: (title nb, title en, noun nb, noun en)
LEVEL_WORDS = {
    "bachelor": (
        "Bachelor i {s}",
        "Bachelor's Programme in {s}",
        "bachelorstudiet",
        "the bachelor's programme",
    ),
    "master": (
        "Master i {s}",
        "Master's Programme in {s}",
        "masterstudiet",
        "the master's programme",
    ),
    "further_education": (
        "Videreutdanning i {s}",
        "Further Education in {s}",
        "videreutdanningen",
        "the further education programme",
    ),
}

LEADS = [
    (
        "Vil du styrke kompetansen din i {subject}? {Programme} gir deg kunnskap du kan ta i "
        "bruk i arbeidet allerede fra første semester.",
        "Do you want to strengthen your skills in {subject}? {Programme} gives you knowledge you "
        "can put to use at work from the very first semester.",
    ),
    (
        "{Programme} i {subject} kombinerer teori, praksis og samarbeid med arbeidslivet.",
        "{Programme} in {subject} combines theory, practice and close ties to working life.",
    ),
    (
        "Et studium for deg som vil jobbe med {subject} og bidra til gode tjenester for "
        "mennesker i alle livsfaser.",
        "A programme for anyone who wants to work in {subject} and help build good services for "
        "people at every stage of life.",
    ),
]

SECTIONS_HEADINGS = [("Spørsmål og svar", "Questions and answers"), ("", "")]

NOTICES = {
    "closed": (
        "Studiet har ikke opptak studieåret {year}/{next}.",
        "The programme does not admit students in the {year}/{next} academic year.",
    ),
    "discontinued": (
        "Studiet er lagt ned. Studenter som allerede er i gang, fullfører etter planen.",
        "The programme has been discontinued. Students already enrolled finish as planned.",
    ),
}

# Section topics in page order: (key, title, heading, paragraphs, bullets), each text (nb, en).
TOPICS = [
    (
        "audience",
        ("Hvem passer studiet for?", "Who is the programme for?"),
        ("Studiet passer for deg som", "The programme suits you if you"),
        [
            (
                "vil fordype deg i {subject} og ønsker å bruke ny kunnskap i møte med pasienter, "
                "brukere og pårørende.",
                "want to deepen your knowledge of {subject} and use it when you meet patients, "
                "service users and their families.",
            ),
            (
                "Mange av studentene våre er i jobb ved siden av studiene, og {programme} er lagt "
                "opp slik at det er mulig å kombinere.",
                "Many of our students work alongside their studies, and {programme} is organised "
                "so that the two can be combined.",
            ),
        ],
        [],
    ),
    (
        "why",
        ("Hvorfor studere {subject}?", "Why study {subject}?"),
        ("", ""),
        [
            (
                "Behovet for fagfolk med kompetanse i {subject} er stort, både i kommunene og i "
                "spesialisthelsetjenesten.",
                "There is a great need for professionals skilled in {subject}, both in the "
                "municipalities and in specialist services.",
            ),
        ],
        [
            ("Undervisning nær arbeidslivet", "Teaching close to working life"),
            ("Fagmiljø med sterk forskning", "Staff with strong research"),
            ("Tverrfaglige studentgrupper", "Interdisciplinary student groups"),
        ],
    ),
    (
        "learn",
        ("Hva lærer du?", "What will you learn?"),
        ("Etter fullført studium kan du", "When you have completed the programme, you can"),
        [
            (
                "Du lærer å vurdere, planlegge og gjennomføre tiltak innen {subject}, og å "
                "begrunne valgene dine faglig og etisk.",
                "You learn to assess, plan and carry out measures in {subject}, and to justify "
                "your choices on professional and ethical grounds.",
            ),
        ],
        [
            ("anvende forskningsbasert kunnskap", "apply research-based knowledge"),
            ("samarbeide på tvers av fag", "work across professions"),
            ("lede utviklingsarbeid", "lead development work"),
        ],
    ),
    (
        "structure",
        ("Oppbygging og gjennomføring", "Structure and delivery"),
        ("", ""),
        [
            (
                "{Programme} består av obligatoriske emner og et valgemne. Undervisningen "
                "veksler mellom forelesninger, seminarer og arbeid i grupper.",
                "{Programme} consists of compulsory courses and one elective. Teaching "
                "alternates between lectures, seminars and group work.",
            ),
            (
                "Mellom samlingene arbeider du med oppgaver på den digitale læringsplattformen.",
                "Between the teaching weeks you work on assignments on the digital "
                "learning platform.",
            ),
        ],
        [],
    ),
    (
        "placement",
        ("Praksis", "Placement"),
        ("Seks uker veiledet praksis", "Six weeks of supervised placement"),
        [
            (
                "Praksis gjennomføres i en relevant virksomhet, og du får veiledning fra både "
                "praksisstedet og høgskolen.",
                "The placement takes place in a relevant workplace, with supervision from both "
                "the placement and the university.",
            ),
        ],
        [],
    ),
    (
        "exchange",
        ("Utveksling", "Exchange"),
        ("", ""),
        [
            (
                "Du kan ta deler av studiet i utlandet, for eksempel gjennom Erasmus+ eller "
                "Nordplus.",
                "You can take part of the programme abroad, for example through Erasmus+ or "
                "Nordplus.",
            ),
        ],
        [],
    ),
    (
        "admission",
        ("Opptakskrav og poeng", "Admission requirements and points"),
        ("", ""),
        [
            (
                "Opptakskravene og poenggrensene fra de siste årene står nedenfor.",
                "The admission requirements and the thresholds of recent years are listed below.",
            ),
        ],
        [],
    ),
    (
        "apply",
        ("Slik søker du", "How to apply"),
        ("", ""),
        [
            (
                "Husk å laste opp vitnemål og dokumentasjon innen fristen.",
                "Remember to upload your diplomas and documentation before the deadline.",
            ),
        ],
        [],
    ),
    (
        "schedule",
        ("Samlinger", "Teaching weeks"),
        ("", ""),
        [
            (
                "Samlingene er obligatoriske og holdes på campus.",
                "The teaching weeks are compulsory and held on campus.",
            ),
        ],
        [],
    ),
    (
        "funding",
        ("Finansiering", "Funding"),
        ("Tilskudd for kompetanseheving", "Grants for professional development"),
        [
            (
                "Arbeidsgivere kan søke om tilskudd til videreutdanning hos Statsforvalteren. "
                "Snakk med arbeidsgiveren din tidlig.",
                "Employers can apply to the County Governor for grants towards further "
                "education. Talk to your employer early.",
            ),
        ],
        [],
    ),
    (
        "costs",
        ("Kostnader", "Costs"),
        ("", ""),
        [
            (
                "Du betaler semesteravgift til studentsamskipnaden og må regne med utgifter til "
                "litteratur og reise til samlinger.",
                "You pay a semester fee to the student welfare organisation and should expect "
                "costs for books and travel to the teaching weeks.",
            ),
        ],
        [],
    ),
    (
        "careers",
        ("Arbeidsmuligheter", "Career opportunities"),
        ("Jobbmulighetene er gode", "Job prospects are good"),
        [
            (
                "Med kompetanse i {subject} kan du jobbe i kommunale tjenester, i sykehus, i "
                "NAV, i frivillige organisasjoner og i privat sektor.",
                "With skills in {subject} you can work in municipal services, hospitals, NAV, "
                "voluntary organisations and the private sector.",
            ),
        ],
        [],
    ),
    (
        "further",
        ("Videre studier", "Further studies"),
        ("", ""),
        [
            (
                "Studiepoengene kan inngå i en mastergrad. Les mer på "
                '<a href="https://www.example.org/master">sidene om masterstudier</a>.',
                "The credits can count towards a master's degree. Read more on "
                '<a href="https://www.example.org/master">our master\'s pages</a>.',
            ),
        ],
        [],
    ),
    (
        "support",
        ("Tilrettelegging", "Support and adjustments"),
        ("", ""),
        [
            (
                "Har du behov for tilrettelegging, tar du <strong>kontakt før "
                "studiestart</strong>.",
                "If you need adjustments, <strong>contact us before the programme starts</strong>.",
            ),
        ],
        [],
    ),
]

REQUIREMENT_TEXTS = {
    "bachelor": (
        "Generell studiekompetanse eller realkompetanse.",
        "General university admissions certification or prior learning.",
        "Søkere rangeres etter skolepoeng og konkurransepoeng.",
        "Applicants are ranked by school points and competition points.",
    ),
    "other": (
        "I tillegg kreves minst to års relevant yrkespraksis.",
        "You also need at least two years of relevant work experience.",
        "Søkere rangeres kun etter karakterpoeng fra bachelorgraden.",
        "Applicants are ranked by the grade points of their bachelor's degree only.",
    ),
}

WEEK_NOTES = [
    ("", ""),
    ("", ""),
    ("Samling på campus Pilestredet", "On campus at Pilestredet"),
    ("Digital samling", "Online teaching week"),
]
