"""French texts of the pages: the query language table, how to fix a bad parameter."""

from search.facetspec import FACET_NAMES, FILTER_PARAMS, SWITCHABLE

#: What to write instead, per parameter, in French.
FIXES = {
    "q": "Raccourcissez la recherche (2 000 caractères au plus).",
    "from": "Écrivez la date de début sous la forme AAAA, AAAA-MM ou AAAA-MM-JJ "
    "(par exemple 2024, 2024-06 ou 2024-06-19).",
    "to": "Écrivez la date de fin sous la forme AAAA, AAAA-MM ou AAAA-MM-JJ "
    "(par exemple 2024, 2024-06 ou 2024-06-19).",
    "undated": "« undated » vaut « include » (ajouter les articles sans date à la "
    "période) ou « only » (seulement les articles sans date, sans période).",
    "sort": "Le tri est « relevance » (pertinence), « -date » (plus récents) ou "
    "« date » (plus anciens).",
    "page": "Le numéro de page est un nombre entier à partir de 1.",
    "per_page": "Le nombre de résultats par page est un nombre entier de 1 à 100.",
    "facet_size": "Le nombre de valeurs par facette est un nombre entier de 1 à 200.",
    "facets": f"Les facettes sont {', '.join(FACET_NAMES)}.",
    **{name: "Au plus 50 valeurs par filtre : retirez-en quelques-unes." for name in FILTER_PARAMS},
    "any": "« any » nomme les filtres dont les valeurs cochées se combinent par OU : "
    f"{', '.join(SWITCHABLE[:-1])} ou {SWITCHABLE[-1]} "
    "(par exemple any=person,location).",
    "nocorrect": "« nocorrect=1 » cherche la requête telle quelle, sans correction ; "
    "« nocorrect=0 » (ou rien) permet la correction.",
    "cursor": "Le curseur ne sert qu’à l’API : utilisez plutôt « page ».",
}


#: The query language, from the README's table, in French: syntax, meaning, examples.
HELP_ROWS = (
    (
        "accord de défense Russie Corée",
        (
            "des mots : d’abord les articles qui les "
            "contiennent tous, puis, à part, ceux qui en contiennent une partie ; les mots rares "
            "comptent plus que les mots courants"
        ),
        ("accord de défense Russie Corée",),
    ),
    (
        "Combien de soldats nord-coréens ?",
        ("une question : les mots interrogatifs (combien, comment, pourquoi, quel…) sont ignorés"),
        ("Combien de soldats nord-coréens ?",),
    ),
    ("+mot", "ce mot est obligatoire", ("+Borne retraites",)),
    (
        "États-Unis, nord-coréen",
        ("un mot composé se cherche comme l’expression de ses parties"),
        ("États-Unis", "nord-coréen"),
    ),
    (
        '"Corée du Nord", « … », “…”',
        ('une expression exacte ; "Kim Jong"~2 tolère jusqu’à deux mots intercalés'),
        ('"Corée du Nord"', "« Kim Jong »~2"),
    ),
    (
        "a OU b, a OR b",
        (
            "l’un ou l’autre (en capitales : « ou » et « et » en minuscules "
            "sont des mots ordinaires)"
        ),
        ("Scholz OU Merz",),
    ),
    ("a ET b, a AND b", "les deux sont obligatoires ; ET passe avant OU", ("retraites ET Borne",)),
    (
        '-a, SAUF a, NOT a, -"…", -(…)',
        "exclure ; « -sport » seul : tout sauf le sport",
        ("canicule -Paris", "Corée SAUF Sud"),
    ),
    (
        "( … )",
        ("regrouper des opérateurs ; autour de simples mots, les parenthèses ne changent rien"),
        ("(Scholz OU Merz) Allemagne",),
    ),
    ("écon*", "un préfixe (deux lettres au moins)", ("écon*",)),
    ("Poutime~, Poutime~2", "une ou deux fautes de frappe", ("Poutime~",)),
    (
        "titre:, texte:, auteur:",
        "un champ de texte (aussi title:, body:, author:)",
        ("titre:Corée",),
    ),
    (
        "acteur:, personne:, organisation:, lieu:, entite:",
        (
            "une entité : acteur:Poutine "
            "trouve Vladimir Poutine (aussi actor:, person:, org:, location:, entity:)"
        ),
        ("acteur:Poutine", "lieu:Koursk"),
    ),
    ('source:"…"', "une source", ('source:"Horizon Hebdo"',)),
    (
        "date:2024, date:2024-06, date:2024-01..2024-06, date:..2019, date:2022..",
        ("la date de publication, bornes comprises ; la page compte à part les articles sans date"),
        ("date:2024-06", "date:..2019"),
    ),
    (
        "Putin, Kursk, RPDC",
        ("un autre nom d’une entité connue trouve tous ses noms (Poutine, Koursk, Corée du Nord)"),
        ("Putin", "RPDC"),
    ),
    ("* ou rien", "tous les articles, les plus récents d’abord", ("*",)),
)
