"""Words that introduce reported speech, with their inflected forms, and the
function words and person words the finder reads speakers by.

The inflected forms matter for the rule-only mode: a blank pipeline has no
lemmatizer, so "warned" must be recognised from its spelling.
"""

from __future__ import annotations

# Verbs whose clausal complement is reported speech ("said that ...").
SPEECH_VERBS = frozenset(
    """
    say tell add claim accuse warn deny state announce explain insist argue note
    report confirm admit allege assert declare stress emphasise emphasize reiterate
    acknowledge write reply respond comment testify predict promise vow urge complain
    mention recall concede contend estimate quip remark disclose reveal indicate tweet
    blame criticise criticize condemn reject dismiss caution suggest point ask
    """.split()
)

# Verbs whose noun-phrase object is already the reported content
# ("denied the allegations", "accused the government of ...").
NP_CONTENT_VERBS = frozenset(
    "accuse deny confirm warn announce claim blame urge condemn criticise criticize reject dismiss".split()
)

# Verbs that frame a quoted phrase as someone's words ('called the plan "a betrayal"')
# but are not speech verbs on their own.
QUOTE_FRAME_VERBS = frozenset("call describe term label dub brand".split())

# Forms too ambiguous to be trusted without a parse ("add" jobs, "report" as a noun).
_RULE_MODE_EXCLUDED = frozenset(
    "add adds added report reports reported note notes noted point points pointed state states "
    "estimate estimates estimated suggest suggests suggested indicate indicates indicated "
    "promise promises promised reveal reveals revealed ask asks asked".split()
)

_IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "admit": ("admits", "admitted", "admitting"),
    "quip": ("quips", "quipped", "quipping"),
}


def inflections(lemma: str) -> tuple[str, ...]:
    """The lemma and its third-person, past and -ing forms (regular English spelling)."""
    if lemma in _IRREGULAR:
        return (lemma, *_IRREGULAR[lemma])
    if lemma.endswith("e"):
        return lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return lemma, lemma + "es", lemma + "ed", lemma + "ing"
    return lemma, lemma + "s", lemma + "ed", lemma + "ing"


FORM_TO_LEMMA: dict[str, str] = {form: lemma for lemma in SPEECH_VERBS for form in inflections(lemma)}

QUOTE_FRAME_FORMS = frozenset(form for lemma in QUOTE_FRAME_VERBS for form in inflections(lemma))

# Forms the rule-only mode accepts as a cue.
RULE_CUE_FORMS = frozenset(
    form
    for form, lemma in FORM_TO_LEMMA.items()
    if form not in _RULE_MODE_EXCLUDED and form != lemma and not form.endswith("ing")
) | {"adding"}

# Nouns of "in a statement", "in an interview", ...: a cue phrase on its own.
STATEMENT_NOUNS = frozenset(
    "statement interview tweet post speech letter address communique communiqué briefing "
    "release remarks message broadcast".split()
)

# Pronoun speakers and what they can refer to.
PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
GROUP_PRONOUNS = frozenset({"they", "it"})
FIRST_PERSON = frozenset({"i", "we", "you"})

# Function words that end or rule out a speaker phrase, and words that name a person.
STOP_AFTER_SPEAKER = frozenset(
    "on in at during after before while when as to late earlier yesterday today tonight this last "
    "and but because adding who which that told said".split()
)
VERB_MARKERS = frozenset(
    "is are was were be been will would could can should may might must has have had do does did not".split()
)
PREPOSITIONS = frozenset("of about against on over for".split())
CONJUNCTIONS = frozenset("and but or so then also while".split())
DETERMINERS = frozenset("the a an its his her their our this that these those".split())
PERSON_WORDS = frozenset(
    """mr mrs ms miss dr minister president spokesman spokeswoman spokesperson senator governor mayor
    general colonel commander professor analyst expert researcher resident witness official diplomat
    ambassador chairman chairwoman secretary leader director chief man woman doctor lawyer judge
    prosecutor king queen prince pope sheikh premier chancellor sergeant captain lieutenant major
    corporal officer inspector detective coach author""".split()
)
FEMALE_WORDS = frozenset("ms mrs miss she her spokeswoman chairwoman woman queen congresswoman".split())
MALE_WORDS = frozenset("mr he him spokesman chairman man king congressman prince".split())
