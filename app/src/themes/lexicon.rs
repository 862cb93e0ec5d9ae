//! The built-in keyword lexicons, per theme and language.
//!
//! Pattern syntax (one string per pattern, matched against folded words, see `text`):
//! - `salaris` — a word (or its stem) that starts with it: salaris, salarissen, salarisgesprek;
//! - `*vergoeding` — a word that contains it anywhere: the last part of a Dutch compound
//!   (reiskostenvergoeding, thuiswerkvergoeding);
//! - `=lg` — exactly this word (abbreviations, short words);
//! - `met pensioen` — consecutive words, each part in the syntax above.
//!
//! Labelling rules behind the choices (from the HR team's labelling guide): a note carries
//! every theme it is about, whatever its tone; training paid by the employer is `career`,
//! leaving to study is `education`; a pension scheme is `pay`, stopping work is `retirement`;
//! exit money is `involuntary`; allowances are `pay`, distance and moving are `commute`.

use crate::domain::ThemeId;

/// Patterns of one theme.
pub struct Lexicon {
    pub theme: ThemeId,
    pub nl: &'static [&'static str],
    pub en: &'static [&'static str],
}

/// Words that only count for `career` when the note is not about going to study.
pub const WEAK_CAREER: &[&str] = &[
    "opleiding",
    "cursus",
    "training",
    "course",
    "school",
    "career",
];

/// Words that only count for `pay` when the note is not about being let go (exit money is
/// `involuntary`).
pub const WEAK_PAY: &[&str] = &["uitbetaal", "paid", "transitievergoeding", "severance"];

#[rustfmt::skip]
pub const LEXICONS: &[Lexicon] = &[
    Lexicon {
        theme: ThemeId::Career,
        nl: &[
            "groeiperspectief", "geen kant op", "doodlopend", "zijspoor", "gepasseerd", "senior", "talentprogramma", "ontwikkelplan", "leerschool", "glazen plafond", "op slot", "voorgedragen", "certificaat", "leiderschapstraining", "carrierepad",
            "doorgroei", "*doorgroei", "loopbaan", "carriere", "promotie", "perspectief",
            "uitdaging", "uitgeleerd", "ontwikkelmogelijkhed", "ontwikkeling", "*ontwikkeling",
            "opleiding", "cursus", "training", "leergang", "=pop", "pop gesprek", "teamleider",
            "=leidinggeven", "leiderschap", "stap omhoog", "hogere functie", "volgende stap",
            "intern openstellen", "vacatures", "groeien", "groeimogelijkhed", "*groeimogelijkhed",
            "coordinator", "bijscholing", "stilstand", "vast in", "zelfde functie",
            "dezelfde functie",
        ],
        en: &[
            "glass ceiling", "going nowhere", "senior", "junior title", "progress", "certification", "conference", "career ladder", "path from",
            "career", "promot", "growth", "grow", "progression", "development", "=develop",
            "mentor", "training", "course", "leadership programme", "leadership program",
            "team lead", "opening", "learn", "challenge", "stagnat", "dead end", "ladder",
            "next step", "external candidate", "internal candidate",
        ],
    },
    Lexicon {
        theme: ThemeId::Manager,
        nl: &[
            "=leiding", "afgebrand", "compliment", "beloftes", "aanspreekbaar", "onvoorspelbaar", "voortrek", "favoriet", "deur altijd dicht", "hing de baas uit", "als een baksteen",
            "leidinggevend", "*leidinggevnde", "=lg", "=tl", "=tl's", "mijn teamleider", "manager",
            "*manger", "afdelingshoofd", "mijn baas", "de baas", "haar baas", "zijn baas",
            "onze baas", "chef", "schouderklopje", "waardering", "feedback", "beoordeling",
            "functioneringsgesprek", "=pop", "micromanag", "controleerde", "luistert", "luisterde",
            "vertrouwen in", "steun", "afgedaan", "schoot", "afgeschoten", "gezien worden",
        ],
        en: &[
            "team lead", "head of department", "credit for", "favourites", "blind eye", "under the bus", "straight answer", "her back", "his back", "my back",
            "manager", "boss", "supervisor", "my lead", "line manag", "micromanag", "1 on 1",
            "one on one", "feedback", "apprais", "recogni", "appreciat", "support", "listen",
            "checked", "trust",
        ],
    },
    Lexicon {
        theme: ThemeId::Workload,
        nl: &[
            "doodgegooid", "tandvlees", "alle hens", "hollen", "achter de feiten", "over tijd", "overtijd", "dubbele diensten", "takenpakket", "handen aan het bed", "vol te houden", "niet te doen", "aan de lippen", "verzuipen", "productienorm", "tempo", "deadline", "brandjes", "mails beantwoorden", "contracturen", "nachtdienst", "*nachtdiensten", "drukte", "*drukte", "duizendpoot", "in het diepe", "te krap",
            "werkdruk", "*werkdruk", "druk", "overbelast", "overuren", "*overuren", "overwerk", "onderbezet",
            "*onderbezetting", "werkverdeling", "rooster", "*rooster", "diensten", "*diensten",
            "onregelmatig", "avond", "weekend", "te veel werk", "*achterstand", "thuiswerk",
            "werktijd", "*werktijden", "flexibel", "=uren", "werkuren", "vaste dagen",
            "werkbelasting", "piek", "gaten", "bezetting", "*bezetting", "pauze", "balans",
            "privebalans",
        ],
        en: &[
            "drowning", "firefight", "deadline", "stretched", "plates", "on call", "overwork", "backlog", "two jobs", "skipped lunch", "hour weeks", "toll",
            "workload", "overtime", "long hours", "working hours", "shift", "understaff",
            "short staff", "busy", "work pressure", "time pressure", "lunch break", "roster",
            "schedul", "work life", "balance", "unmanageable", "too much work", "evening",
            "weekend", "night", "flexib", "home working", "remote", "peak", "cover",
        ],
    },
    Lexicon {
        theme: ThemeId::Pay,
        nl: &[
            "inschaling", "ingeschaald", "trede", "vakantiegeld", "fooi", "huur", "marktconform",
            "salaris", "*salaris", "loon", "*loon", "beloning", "betaald", "uitbetaal",
            "periodiek", "schaal", "*schaal", "=cao", "cao", "*verhoging", "bonus", "toeslag",
            "*toeslag", "vergoeding", "*vergoeding", "arbeidsvoorwaarden", "*voorwaarden",
            "pensioenregeling", "*pensioenopbouw", "opbouw", "leaseauto", "lease", "bruto",
            "netto", "koopkracht", "inflatie", "geld", "verdien", "eindejaarsuitkering",
            "dertiende maand", "=13e", "onderbetaald",
        ],
        en: &[
            "peanuts", "market rate", "shift allowance", "titles without pay",
            "salary", "salaries", "pay", "paid", "wage", "bonus", "compensat", "raise",
            "allowance", "benefit", "lease car", "pension scheme", "pension contribution", "earn",
            "money", "underpaid", "salary scale", "pay scale", "remunerat", "above current",
        ],
    },
    Lexicon {
        theme: ThemeId::Culture,
        nl: &[
            "collega", "collegiaal", "clubje", "kampen", "wij zij", "ieder voor zich", "teamgevoel", "saamhorigheid", "afrekencultuur", "wantrouwen", "=kil", "geschreeuwd", "welkom", "ongewenst gedrag", "oude garde", "angst", "twee maten", "uit de boot", "warm bad", "inclusie", "afkomst", "hierarchi", "*hierarchisch", "verziekt",
            "sfeer", "*sfeer", "cultuur", "*cultuur", "teamgeest", "*teamgeest", "roddel",
            "*roddel", "pest", "*pestgedrag", "grappen", "groep", "kliek", "buitengesloten",
            "uitgesloten", "seksist", "discrimin", "respect", "serieus genomen",
            "vertrouwenspersoon", "*omgang", "omgang", "samenwerking", "*samenwerking", "hecht",
            "behulpzaam", "gespannen", "snauw", "onveilig", "veilig", "intimidatie",
        ],
        en: &[
            "colleagues", "banter", "blame culture", "outsider", "behind people", "eggshells", "cliquey", "versus them", "thank you", "inner circle", "warm team", "talking behind",
            "culture", "atmosphere", "team spirit", "cliqu", "gossip", "bully", "harass", "exclud",
            "respect", "collaborat", "people here", "toxic", "inclus", "discrimin", "sexis",
            "welcom", "friendly", "the people",
        ],
    },
    Lexicon {
        theme: ThemeId::Wellbeing,
        nl: &[
            "doorheen", "opgebrand", "lood in de schoenen", "laatste benen", "paniek", "hoofdpijn", "nekklachten", "piekerde", "pieker", "ontspannen", "emotioneel", "nazorg", "thuis komen te zitten", "=kapot", "=moe", "chronisch", "ergonomisch", "belastbaarheid", "arbeidsongeschikt", "=wia",
            "burn", "*burnout", "overspannen", "stress", "*stress", "=ziek", "ziekte", "*ziekte",
            "*verzuim", "gezondheid", "migraine", "=rug", "rugklachten", "knie", "lichaam",
            "fysiek", "zwaar werk", "tillen", "slapen", "sliep", "hartkloppingen", "hartinfarct",
            "re integratie", "integratie", "bedrijfsarts", "uitgeput", "*uitputting", "prikkels",
            "mentaal", "psych", "rustiger aan",
        ],
        en: &[
            "breakdown", "anxious", "headache", "fumes", "breaking point", "running on empty", "=rsi", "signed off", "counselling", "isolated", "occupational health",
            "burnout", "burn out", "stress", "sick", "=ill", "health", "exhaust", "back problem",
            "injur", "pain", "body", "physical", "mental", "anxiety", "sleep", "company doctor",
            "=gp", "on my feet", "tired", "fatigue", "wellbeing", "well being",
        ],
    },
    Lexicon {
        theme: ThemeId::JobContent,
        nl: &[
            "verveel", "sleur", "lopendeband", "nuttig", "niveau", "uitgehold", "vakinhoud", "vakmanschap", "=vak", "verantwoordelijkheid", "zelfstandig", "excel", "restwerk", "backoffice", "typist", "stagiairwerk", "ogen dicht", "werkzaamheden", "functie inhoud", "vakgebied", "protocol",
            "eentonig", "saai", "inhoud", "*inhoudelijk", "inhoudelijk", "zinvol", "zinloos",
            "voldoening", "vrijheid", "autonom", "zelf beslis", "beslissing", "handtekening",
            "registratie", "*registratie", "rapporter", "administratie", "klikken", "controles",
            "werk zelf", "taken", "*taken", "klantcontact", "programmeren", "triageren",
            "afwisseling", "creatief", "invulling", "ruimte",
        ],
        en: &[
            "bored", "=cog", "purpose", "data entry", "same old", "challenging", "responsibility", "ownership", "hands on", "vacancy described", "engineering left",
            "boring", "monoton", "repetit", "meaningful", "pointless", "autonomy", "freedom",
            "forms", "paperwork", "admin", "bureaucra", "sign off", "trainee", "the work itself",
            "tasks", "variety", "creativ", "own projects", "teaching", "content of",
        ],
    },
    Lexicon {
        theme: ThemeId::Organisation,
        nl: &[
            "reorganisaties", "overname", "*overname", "hoofdkantoor", "bureaucratie", "*bureaucratie", "procedures", "managementlagen", "lagen", "interim", "bestuurder", "zwalkt", "eilandjes", "mammoettanker", "=ict", "*systemen", "=erp", "veranderingen", "over de schutting", "den haag", "rolverdeling", "prioriteitenlijst", "visie", "papierwerk", "log bedrijf",
            "reorganisatie", "*reorganisatie", "organisatie", "koers", "strategie", "directie",
            "=mt", "management", "bestuur", "fusie", "*fusie", "bezuiniging", "*bezuiniging",
            "centralisatie", "*centralisatie", "samenvoeg", "onzekerheid", "onrust", "besluit",
            "*besluit", "beslist", "bovenaf", "inspraak", "=or", "ondernemingsraad", "vestiging",
            "dicht", "sluiting", "invoering", "*systeem", "communicatie", "werkvloer",
            "onduidelijk",
        ],
        en: &[
            "reshuffl", "org chart", "head office", "takeover", "private equity", "bureaucracy", "red tape", "layers", "outdated", "left hand", "changed overnight", "who decides",
            "reorgani", "restructur", "organisation", "organization", "strategy", "direction",
            "leadership team", "management", "board", "merger", "cuts", "decision", "steering",
            "top down", "communicat", "uncertain", "closure", "eliminated", "policy",
        ],
    },
    Lexicon {
        theme: ThemeId::Commute,
        nl: &[
            "enkele reis", "op en neer", "dienstregeling", "onderweg", "onbereikbaar", "industrieterrein", "brandstof", "kilometer", "*kilometervergoeding", "fileleed",
            "reistijd", "*reistijd", "reizen", "woon werk", "woonwerk", "file", "*file", "verhuis",
            "*verhuizing", "verhuiz", "afstand", "=ov", "openbaar vervoer", "trein", "=bus",
            "parkeer", "*parkeer", "parkeerplaats", "*parkeerplaats", "bereikbaar met", "bereikbaarheid", "fietsen",
            "=auto", "=te =ver", "vervoer", "emigr", "buitenland", "snelweg", "=a1", "=a28", "=a2",
            "=a12",
        ],
        en: &[
            "each way", "ring road", "moving back", "coast", "buses",
            "commut", "travel", "traffic", "drive", "moving to", "move to", "relocat", "abroad",
            "emigrat", "=train", "=trains", "=bus", "parking", "distance", "too far", "journey",
            "miles",
        ],
    },
    Lexicon {
        theme: ThemeId::Personal,
        nl: &[
            "mantelzorger", "tweeling", "bevalling", "ouderschapsverlof", "overleden", "=zus", "broer", "schoonmoeder", "wereldreis", "vrijwilligerswerk", "sabbatical", "vriendin", "gehandicapt", "privesituatie", "privéomstandigheden", "omstandigheden",
            "prive", "*prive", "partner", "gezin", "kinderen", "kind", "zoon", "dochter", "vader",
            "moeder", "ouders", "mantelzorg", "*mantelzorg", "kinderopvang", "*opvang", "zwanger",
            "scheiding", "thuissituatie", "familie", "mijn man", "haar man", "mijn vrouw",
            "zijn vrouw", "echtgeno", "dementie", "parkinson", "thuis zijn",
        ],
        en: &[
            "=mum", "carer", "grieve", "sabbatical", "career break", "fiancee", "married", "stroke", "personal reasons",
            "family", "partner", "husband", "wife", "child", "children", "kid", "toddler", "son",
            "daughter", "father", "mother", "parent", "caregiv", "care for", "daily care",
            "pregnan", "divorc", "personal", "home with", "dementia", "childcare",
        ],
    },
    Lexicon {
        theme: ThemeId::Education,
        nl: &[
            "opleiding tot", "collegebanken", "schoolbanken", "promoveren", "=aio", "studiebeurs", "tussenjaar", "scriptie", "examen", "student", "kunstacademie", "bootcamp", "lerarenopleiding", "=bbl", "avondschool", "deeltijdopleiding",
            "studeren", "studie", "*studie", "voltijd opleiding", "voltijd studeren", "omscholen",
            "*omscholing", "terug naar school", "naar school", "universiteit", "hogeschool",
            "=hbo", "=mbo", "=wo", "=pabo", "pabo", "master", "bachelor", "ingeloot",
            "geneeskunde", "verpleegkunde", "*kunde studeren", "onderwijs in",
        ],
        en: &[
            "=uni", "medical school", "culinary school", "teacher training", "nursing degree",
            "study", "studies", "studying", "universit", "college", "degree", "back to school",
            "=mba", "master", "bachelor", "retrain", "full time course", "phd", "academ",
        ],
    },
    Lexicon {
        theme: ThemeId::BetterOffer,
        nl: &[
            "weggekaapt", "concullega", "geworven", "ondernemer", "eigen praktijk", "overgestapt", "vertrekt naar", "start bij", "aan de slag bij", "teruggevraagd", "betere voorwaarden", "baan aangeboden", "=nee tegen",
            "aanbod", "*aanbod", "nieuwe werkgever", "andere werkgever", "elders", "concurrent",
            "aangenomen", "recruiter", "headhunter", "benaderd", "overstap", "stapt over", "=zzp",
            "=zzp'er", "zzper", "zzp'er", "eigen bedrijf", "eigen bureau", "eigen baas",
            "voor zichzelf begin", "begint voor zichzelf", "vaste baan", "kan beginnen",
            "begint bij", "kans", "nieuwe baan", "baan bij", "gaat werken bij",
        ],
        en: &[
            "poached", "say no to", "offered", "going to work for", "moving to a competitor", "step up",
            "=offer", "job offer", "better offer", "recruiter", "headhunt", "approached",
            "new employer", "new job", "new role", "competitor", "own consultancy", "own business",
            "own company", "freelanc", "self employed", "start up", "scale up", "opportunit",
            "accepted a", "joining",
        ],
    },
    Lexicon {
        theme: ThemeId::Involuntary,
        nl: &[
            "=vso", "ketenregeling", "=uwv", "=ww", "sociaal plan", "afgevloeid", "bepaalde tijd", "weggestuurd", "eruit gewerkt", "opdracht beeindigd", "functie vervalt", "komt te vervallen", "einde contract", "van rechtswege", "oproepcontract", "jaarcontract", "wegens bezuinigingen", "moest vertrekken",
            "ontslag", "*ontslag", "ontslagen", "contract niet", "niet verlengd", "verleng",
            "tijdelijk contract", "proeftijd", "boventallig", "vaststellingsovereenkomst",
            "kantonrechter", "ontbinding", "disfunctioneren", "staande voet", "onderling overleg",
            "transitievergoeding", "*transitievergoeding", "vast contract", "omgezet naar vast",
            "reorganisatie ontslag", "geen passende functie", "afvloei",
        ],
        en: &[
            "settlement agreement", "made redundant", "contract ended", "secondment", "maternity cover",
            "dismiss", "fired", "let go", "laid off", "layoff", "redundan", "fixed term",
            "contract ends", "not renewed", "no extension", "extension", "terminat",
            "position eliminated", "eliminated", "probation", "permanent contract", "severance",
        ],
    },
    Lexicon {
        theme: ThemeId::Retirement,
        nl: &[
            "oude dag", "rentenier", "=vut", "afbouwregeling", "generatiepact", "ouderdomspensioen", "pensioendatum", "pensioneert", "zware beroepen",
            "met pensioen", "pensionering", "prepensioen", "*pensioen gaan", "=aow",
            "aow leeftijd", "pensioengerechtigd", "vervroegd", "=rvu", "rvu regeling",
            "dienstjaren", "stopt met werken", "stopt definitief", "pensioenleeftijd",
        ],
        en: &[
            "hanging up", "early retirement", "retirement package",
            "retir", "pension age", "state pension", "early exit", "stopping work", "stop working",
            "pensioner",
        ],
    },
];
