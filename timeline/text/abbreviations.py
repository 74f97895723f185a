"""Word lists the sentence splitter consults at a period followed by a capital.

News text is full of periods that do not end sentences ("Sen. Smith", "Jan. 20",
"U.S. officials"), and some of those abbreviations can also end one ("... talks with the
U.S. The meeting ...").  The lists sort abbreviations by how they behave.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Never end a sentence: they always precede a name or a number.  Case-sensitive.
TITLES = _words(
    """Mr Mrs Ms Messrs Mmes Dr Prof Gen Sen Rep Reps Sens Gov Lt Col Capt Cpt Sgt Maj Adm
    Cmdr Cdr Brig Cpl Pvt Gens St Ste Mt Ft Rev Hon Pres Supt Insp Det Atty Amb Fr
    Ald Assn Dept Univ Vol Vols Nos Fig Figs Art Sec"""
)
# Never end a sentence either: Latin and list abbreviations.
NEVER_FINAL = _words("e.g i.e cf vs v viz approx ca incl esp")
# Abbreviations that may end a sentence: they end one only when a typical sentence
# opener (see STARTERS) follows.  Dotted acronyms ("U.S", "D.C", "a.m") behave the same.
MAY_END = _words(
    """Inc Corp Co Ltd Plc LLC Bros Jr Sr etc al Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct
    Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun"""
)
# Lowercase abbreviations: a period after them followed by a lowercase word is not the
# case-damaged sentence end that ``sentences`` otherwise repairs.
LOWERCASE = _words(
    """etc approx incl esp govt dept est fig figs vol vols nos misc resp cont avg ext
    tel min max sq ft mi km kg lb lbs oz yr yrs mo mos hr hrs wk wks pp ed eds trans
    al seq viz ca cf vs"""
)
# Words that commonly open a sentence; after a MAY_END abbreviation they signal a break.
STARTERS = _words(
    """The A An He She It They We I You His Her Its Their Our My Your This That These
    Those There Here But And Or So Yet In On At By For From With After Before When While
    If As Although Though However Meanwhile Still Also Then Now According Some Many Most
    Both Each Other Such What Who Why How Where No Not Last Earlier Later Since Despite
    During Under Officials Today Yesterday Tomorrow"""
)
