"""French stop words, written with their accents, as the analyzer sees them before folding."""

from __future__ import annotations

from .normalize import strip_accents

# The Snowball project's French list (the one Lucene and Elasticsearch use),
# which Whoosh's lacks "les" from, plus common determiners and pronouns.
# "été" is left out on purpose: in news it is mostly the season, not "être".
_SNOWBALL = """
au aux avec ce ces dans de des du elle en et eux il ils je la le les leur leurs lui ma mais
me même mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta te
tes toi ton tu un une vos votre vous c d j l à m n s t y étée étées étés étant étante étants
étantes suis es est sommes êtes sont serai seras sera serons serez seront serais serait serions
seriez seraient étais était étions étiez étaient fus fut fûmes fûtes furent sois soit soyons
soyez soient fusse fusses fût fussions fussiez fussent ayant ayante ayantes ayants eu eue eues
eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez
auraient avais avait avions aviez avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient
eusse eusses eût eussions eussiez eussent
"""
_EXTRA = """
cet cette cela ceci ça celle celles celui ceux dont lequel laquelle lesquels lesquelles
auquel auxquels duquel desquels ni car donc si
"""

_ACCENTED = frozenset((_SNOWBALL + _EXTRA).split())

#: A stop word also stops when typed without its accents (``meme``, ``etait``):
#: none of these unaccented spellings is another French word. The reverse is
#: not done: ``sûr`` is not ``sur``.
STOP_WORDS = _ACCENTED | frozenset(strip_accents(word) for word in _ACCENTED)
