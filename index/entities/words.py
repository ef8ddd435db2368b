"""Small French word lists the span rules rely on; all lowercase, accents kept."""

from __future__ import annotations


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _inflect(bases: str) -> frozenset[str]:
    """Masculine, feminine and plural forms of nationality adjectives and titles."""
    forms: set[str] = set()
    for base in bases.split():
        if base.endswith(("ien", "éen")):
            feminine = base + "ne"
        elif base.endswith("c"):
            feminine = base + "que"  # turc -> turque
        elif base.endswith(("eur", "e")):
            feminine = base
        else:
            feminine = base + "e"
        for form in (base, feminine):
            forms.update((form, form if form.endswith(("s", "x")) else form + "s"))
    return frozenset(forms)


#: Titles and roles that precede a name: stripped from the front of a span.
TITLES = _inflect(
    "président vice-président ministre porte-parole secrétaire général chef "
    "dirigeant leader conseiller directeur patron maire député sénateur "
    "ambassadeur chancelier commissaire procureur juge premier haut "
    "représentant émir cheikh ayatollah sultan roi prince pape cardinal "
    "colonel capitaine lieutenant maréchal amiral sergent commandant docteur "
    "professeur analyste expert journaliste correspondant envoyé fondateur "
    "candidat opposant militant avocat responsable présidente directrice "
    "ambassadrice chancelière sénatrice reine princesse impératrice empereur"
) | {"m", "mme", "mmes", "mlle", "mr", "dr", "pr", "me", "mgr", "sir", "lord", "pdg", "ceo"}

#: Ministry portfolios written after a title (``ministre des Affaires étrangères``).
PORTFOLIOS: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
        "affaires étrangères",
        "affaires européennes",
        "affaires",
        "défense",
        "intérieur",
        "armées",
        "économie",
        "finances",
        "justice",
        "santé",
        "éducation nationale",
        "éducation",
        "travail",
        "culture",
        "agriculture",
        "transports",
        "environnement",
        "budget",
        "commerce",
        "énergie",
        "sports",
        "logement",
        "industrie",
        "numérique",
        "outre-mer",
        "état",
        "transition écologique",
        "enseignement supérieur",
        "sécurité intérieure",
        "sécurité nationale",
        "renseignement",
        "état-major",
    )
)

#: Words that join a title to the body it belongs to: ``chef de l’OTAN``.
CONNECTORS = frozenset({"de", "du", "des", "d", "l", "la", "le", "les", "et", "à", "au", "aux"})

#: Lowercase particles that may begin a family name on their own: ``de Gaulle``.
PARTICLES = frozenset(
    {"de", "d", "du", "von", "van", "der", "den", "al", "el", "ben", "bin", "ibn"}
)

#: Capitalised words that open a sentence and get glued to the name after them.
LEADING = _word_set(
    "selon lors pour après avant depuis pendant mais et ou alors ainsi cependant "
    "toutefois hier aujourd demain contre avec sans chez sur sous vers entre "
    "face comme quand si dès malgré à en"
) | _word_set(
    "lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars "
    "avril mai juin juillet août septembre octobre novembre décembre"
)

#: Capitalised articles: dropped from ``La Chine`` but kept in ``Le Havre``.
ARTICLES = frozenset({"le", "la", "les", "l", "un", "une", "des"})

#: Country adjectives the writer adds after a body's name (``Département d’État américain``).
DEMONYMS = _inflect(
    "américain russe français allemand britannique anglais chinois japonais "
    "coréen nord-coréen sud-coréen ukrainien italien espagnol portugais "
    "iranien israélien palestinien turc indien pakistanais afghan canadien "
    "mexicain brésilien argentin australien polonais belge suisse néerlandais "
    "suédois norvégien danois finlandais grec syrien libanais irakien saoudien "
    "égyptien algérien marocain tunisien libyen malien sénégalais ivoirien "
    "nigérian sud-africain qatari émirati jordanien yéménite biélorusse "
    "géorgien arménien azerbaïdjanais kazakh ouzbek vietnamien thaïlandais "
    "indonésien philippin taïwanais hongrois roumain bulgare serbe croate "
    "tchèque slovaque autrichien irlandais écossais cubain vénézuélien "
    "colombien chilien péruvien"
)

#: Nouns that announce an organisation's name: ``le journal allemand Tagesschau``.
ORG_CUES = _word_set(
    "journal quotidien hebdomadaire magazine mensuel agence chaîne radio "
    "télévision site média groupe société entreprise firme compagnie parti "
    "banque fondation association syndicat ong université institut club "
    "constructeur laboratoire cabinet think-tank"
)

#: First words that make a name an institution, whatever spaCy says (``Cour de cassation``).
ORG_HEADS = _word_set(
    "académie administration agence armée assemblée association autorité banque "
    "bureau caisse cabinet centre chambre club collège comité commission compagnie "
    "confédération conseil conservatoire cour direction école fédération fondation "
    "gendarmerie gouvernement groupe haut haute hôpital inspection institut "
    "laboratoire ligue lycée mairie ministère mouvement musée observatoire office "
    "opéra orchestre organisation parlement parti police préfecture secrétariat "
    "service société syndicat théâtre tribunal union université"
)
