"""The French messages shown to the user when a query is repaired or refused.

Kept together so that their tone stays consistent and the web help page can
quote them.
"""

from __future__ import annotations


def quoted(text: str) -> str:
    """``text`` between French quotes, shortened if long."""
    text = " ".join(text.split())
    if len(text) > 40:
        text = text[:39] + "…"
    return f"« {text} »"


TRUNCATED = "Requête trop longue : seuls les {limit} premiers caractères sont pris en compte."
TOO_MANY_TERMS = "Requête trop longue : seuls les {limit} premiers termes sont pris en compte."
UNCLOSED_QUOTE = "Guillemet non fermé : ajouté à la fin."
UNCLOSED_PAREN = "Parenthèse non fermée : ajoutée à la fin."
UNOPENED_PAREN = "Parenthèse fermante sans parenthèse ouvrante : ignorée."
EMPTY_PARENS = "Parenthèses vides : ignorées."
DEEP_PARENS = "Trop de parenthèses imbriquées : les plus intérieures sont ignorées."
LONE_OPERATOR = "Opérateur {op} sans terme à relier : ignoré."
FIELD_WITHOUT_VALUE = "{field} sans valeur : ignoré."
UNKNOWN_FIELD = "Champ inconnu {field} : cherché comme un mot. Champs possibles : {known}."
EMPTY_VALUE = "{field} : valeur sans lettre ni chiffre, ignorée."
STAR_ALONE = "« * » : tous les articles sont affichés."
SHORT_PREFIX = "{word} : il faut au moins {min} lettres avant « * » ; ignoré."
FUZZY_CAP = "{word} : au plus 2 fautes de frappe tolérées."
SLOP_CAP = "{word} : au plus {max} mots d’écart entre les mots d’une expression."
STOP_PHRASE = "{text} ne contient que des mots trop courants : ignoré."
BAD_DATE = (
    "Date non comprise {value} : formats acceptés 2024, 2024-06, 2024-06-19, "
    "19/06/2024, 2022..2024 ; filtre ignoré."
)
BAD_MONTH = "Mois invalide dans {value} (de 01 à 12) : filtre ignoré."
BAD_DAY = "Ce jour n’existe pas : {value} ; filtre ignoré."
BAD_YEAR = "Année hors limites dans {value} : filtre ignoré."
OPEN_RANGE = "{value} : intervalle sans début ni fin, ignoré."
SWAPPED_RANGE = "Dates inversées dans {value} : intervalle lu dans l’ordre chronologique."

ONLY_STOP_WORDS = (
    "Les mots {words} sont trop courants pour être cherchés seuls : "
    "ajoutez un mot plus précis, un nom ou une date."
)
NOTHING_TO_SEARCH = (
    "Rien à chercher dans {text} : tapez des mots, un nom entre "
    "guillemets, ou un filtre comme date:2024."
)
INTERNAL_ERROR = "Cette requête n’a pas pu être lue ; reformulez-la plus simplement."
