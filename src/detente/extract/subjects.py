"""What a figure measures, read from the dependency parse.

A number alone says little: "17 people" is worth citing as "people killed in the blast at the
market", "85 percent" as "share of wine exports".  The subject is the
quantified noun with the words that complete it -- its modifiers on the left ("US arms sales"),
its prepositional and participial complements on the right ("to Taiwan", "killed in ...") --
or, when the number measures no noun of its own ("the bridge would cost $4 billion", "the
jobless rate is 7 percent"), the noun phrase the clause says it of.  The figure's own
words are never part of it, and a subject that would be only the counted noun is completed
from the verb it is the subject or object of ("people were killed in ..." -> "people killed
in ...").  An amount that is itself the verb's subject is what the verb says of it ("$4
billion was pledged for the fund"); a count of a place's people is its population; points an
index loses are its fall; what is put at, or stands at, an amount is what it measures.  A
share set off beside a verb's subject ("most of those polled, 53 percent, say ...") or that is
a copula's subject ("40% are Arab") is the share the verb speaks of; "N more X" counts a
difference in X; money an actor earns or exports is its flow, named actor or not.
Phrases are cut at a clause's edge (a comma, a conjunction, a dash) and kept short: a subject
is a label, not a paraphrase of the sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["subject_of"]

#: nouns that name the measure, not what is measured: the phrase goes on to their "of ..."
_MEASURE = frozenset(
    "dollar percent per cent % $ € £ ¥ kilometre kilometer km mile ton tonne metre meter euro "
    "yuan ruble rouble pound barrel worth yen lira hryvnia shekel franc real".split()
)
#: nouns that name a measure's kind: "a record level of $64 billion" is about the subject
_GENERIC = frozenset({"volume", "level", "value", "total", "amount", "sum", "record", "figure"})
#: nouns a number is glued to that say what is counted, not what the figure is about
_COUNTED_JOIN = frozenset({"member", "nation", "country", "state", "party", "seat"})
_RIGHT_DEPS = frozenset({"prep", "acl", "amod", "compound"})
_LEFT_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod", "case"})
_PREPS = frozenset(
    "of in to from on for between among with against by at into over under across".split()
)
#: a clause's subject keeps what it is of, not whom it is between: "the share of the euro",
#: but "freight volume" (between the two ports), the same subject in every outlet
_CLAUSE_PREPS = frozenset({"of", "in", "on", "to", "from", "for"})
_MAX_WORDS = 12
#: units of length: "N km away", "N miles from X" state a distance
_LENGTHS = frozenset("km kilometre kilometer mile metre meter yard foot feet".split())
#: verbs of change, and the noun that names the change they state
_CHANGES = {
    "grow": "growth", "rise": "rise", "fall": "fall", "increase": "increase", "drop": "drop",
    "decline": "decline", "shrink": "contraction", "jump": "rise", "climb": "rise",
    "surge": "rise", "soar": "rise", "plunge": "fall", "slump": "fall", "decrease": "decrease",
    "expand": "growth", "contract": "contraction", "slip": "fall", "gain": "gain",
    "tumble": "fall", "sink": "fall", "dip": "fall", "advance": "rise", "rally": "rise",
}  # fmt: skip
#: verbs that change what they act on, and the noun that names the change ("cut the budget
#: by 20%" -> "budget cut"; "raise tariffs from 5% to 15%" states the tariffs' levels)
_CHANGES_OF = {
    "cut": "cut", "slash": "cut", "reduce": "reduction", "lower": "reduction",
    "raise": "increase", "increase": "increase", "boost": "increase", "hike": "increase",
    "lift": "increase", "double": "increase", "decrease": "decrease", "trim": "cut",
}  # fmt: skip
#: verbs that put a quantity at a level
_LEVELS = frozenset("stand be remain total reach hit rise climb grow fall drop jump".split())
#: verbs of an index's move in points
_MOVES = {"lose": "fall", "shed": "fall", "add": "rise", "gain": "rise"}
#: adverbs that make a change of a verb of ending or trading ("closed down 1.2%")
_DIRECTIONS = {"down": "fall", "lower": "fall", "up": "rise", "higher": "rise"}
#: verbs of money moving, as the noun that names the flow of whoever acts: an agent is no
#: subject of its own ("Germany exported $90 billion"), but its exports are
_FLOWS = {
    "export": "exports", "import": "imports", "spend": "spending", "pay": "payments",
    "earn": "earnings", "lose": "losses", "invest": "investment", "borrow": "borrowing",
    "lend": "lending", "owe": "debt", "sell": "sales", "buy": "purchases",
    "purchase": "purchases", "donate": "donations", "contribute": "contributions",
    "pledge": "pledges", "receive": "receipts", "raise": "funds raised",
}  # fmt: skip
#: verbs by which a candidate or party takes a share ("won 31 percent", "had 44 percent")
_SHARES = frozenset("have get win take garner capture secure poll receive".split())
#: verbs of a sale: "bought X for $N" gives X's price
_DEALS = frozenset("buy sell purchase acquire lease rent".split())
#: what completes a verb said of an amount: its particle, object, complements
_SAID_DEPS = frozenset({"prt", "dobj", "prep", "xcomp", "ccomp", "acomp", "attr", "agent"})
#: who lives in a place, and the places that have a population
_DWELLERS = frozenset({"people", "person", "inhabitant", "resident", "citizen", "soul"})
_PLACES = frozenset(
    "country nation state city town region province island territory capital village".split()
)
#: who acts on an amount is not what it measures ("The council allotted $3 million")
_AGENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: what an amount is of: "$2 billion in flood relief", "$3 billion for the fund"
_OF_PREPS = frozenset({"of", "in", "for"})
_PRONOUN_POSS = frozenset({"his", "her", "their", "its", "our", "my", "your"})


def subject_of(tok: Token, figure: set[int], counts: bool = True) -> str | None:
    """The subject of the figure whose last number token is ``tok`` (``figure``: its tokens).

    ``counts``: the figure has no unit of its own (money, percent, a measure), so a noun it
    modifies is what it counts ("42 people"), not what it measures ("the $3 billion deal").
    A subject of measure words alone ("%", "dollars") says nothing and is none.
    """
    words = _subject(tok, figure, counts)
    if words is None or not set(words.lower().split()) - _MEASURE:
        return None
    return words


def _subject(tok: Token, figure: set[int], counts: bool) -> str | None:
    q = _quantity_head(tok, figure) if counts else _measure_head(tok, figure)
    while q.dep_ == "conj" and q.head.i != q.i:
        q = q.head  # "to 2 euros and 3 euros": the second says what the first does
    head = q.head
    population = _population(q, figure) if counts else None
    if population is not None:
        return population
    clause = _own_clause(q, figure, counts)
    if clause is not None:
        return clause
    if q.lemma_.lower() in _LENGTHS:
        away = list(q.children) + (list(head.children) if q.dep_ in ("dobj", "attr") else [])
        if any(c.lower_ == "away" and c.dep_ == "advmod" for c in away):
            return _distance(q, head, figure)  # "lies 45 km away", "some 60km away"
        place = next((c for c in head.children if c.dep_ == "pobj"), None)
        if head.lower_ in ("from", "of") and head.dep_ == "prep" and place is not None:
            return f"distance from {_phrase(place, figure)}"  # "20 miles from the town"
    if q.lemma_.lower() not in _MEASURE and q.i not in figure and q.pos_ in ("NOUN", "PROPN"):
        return _counted_subject(q, figure)
    percent = _is_percent(q, figure)
    of = next((c for c in q.rights if c.dep_ == "prep" and c.lower_ in _OF_PREPS), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    prep = of.lower_ if of is not None else ""
    if pobj is not None and pobj.pos_ in ("NOUN", "PROPN") and (prep == "of" or not percent):
        words = _phrase(pobj, figure)  # "85 percent of exports", "$2 billion in flood relief"
        if words:
            return ("share of " if percent and prep == "of" else "") + words
    aside = _bracketed(q, head, figure) or _restated(q, head, figure)
    if aside is not None:
        return aside
    if q.dep_ in ("nummod", "compound", "nmod", "amod") and head.i > q.i and _nominal(head):
        if head.lemma_.lower() in _COUNTED_JOIN and _nominal(head.head):
            head = head.head  # "the 30-member alliance": the alliance, not the member
        return _phrase(head, figure) or None
    if head.lower_ == "worth" and head.head.pos_ in ("NOUN", "PROPN"):
        words = _phrase(head.head, figure, right=False)  # "300 trucks worth $45 million"
        return f"value of {words}" if words else None
    if q.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN"):
        noun = head.head
        named = any(c.dep_ == "compound" and c.lemma_.lower() not in _GENERIC for c in noun.lefts)
        if noun.lemma_.lower() not in _GENERIC or named:
            return _phrase(noun, figure) or None  # "arms sales of $1.8 billion"
        q, head = noun, noun.head  # "hit a record level of $64 billion": the clause's
    return _clause_subject(q, head, figure)


def _bracketed(q: Token, head: Token, figure: set[int]) -> str | None:
    """An amount in brackets after a name is that name's ("the largest recipients are
    Ruritania ($59 million) and Osterlich ($714 million)"); one after another amount
    restates it in other units, and takes its subject (see the figures stage), not this."""
    if q.dep_ not in ("appos", "conj") or head.i >= q.i or head.i in figure:
        return None
    if q.dep_ == "conj":  # "($21,000 and $62,000)": the first of the bracket says
        return None
    if not any(t.text == "(" for t in q.doc[head.i + 1 : q.left_edge.i + 1]):
        return None
    if head.pos_ != "PROPN" or head.lemma_.lower() in _MEASURE:
        return None
    return _phrase(head, figure, right=False) or None


def _restated(q: Token, head: Token, figure: set[int]) -> str | None:
    """An amount set off beside the subject of a verb restates it: "most of those polled, 53
    percent, say they trust the envoy" -> "share that say they trust the envoy"; what the
    verb says of them is what the amount measures."""
    if q.dep_ != "appos" or head.i >= q.i or head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    if not q.doc[q.left_edge.i - 1].is_punct:
        return None  # set off by a comma or a dash, not glued on
    verb = head.head
    return _said_of_amount(q, verb, figure) if verb.pos_ in ("VERB", "AUX") else None


def _own_clause(q: Token, figure: set[int], counts: bool) -> str | None:
    """A clause on the amount itself says what it is: "3 million who need water", "the $4
    million that was spent on the study", "a 40 percent cut by 2030"."""
    if q.pos_ not in ("NUM", "SYM") and q.lemma_.lower() not in _MEASURE:
        return None  # a counted noun: its own complements say which ones
    if any(c.dep_ == "prep" and c.lower_ in _OF_PREPS for c in q.rights):
        return None  # "40 percent of adults aged 45": what it is of comes first
    rel = next((c for c in q.rights if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"), None)
    if rel is None:
        return None
    toks = [t for t in rel.subtree if t.i not in figure and t.i > q.i]
    if not toks or q.doc[toks[0].i - 1].is_punct:
        return None  # ", which ...": an aside, often about more than the amount
    end = next((k for k, t in enumerate(toks) if t.is_punct), len(toks))
    words = _render(toks[:end][:_MAX_WORDS])
    if not words:
        return None
    if _is_percent(q, figure):
        return f"share {words}"
    return f"{'people' if counts else 'amount'} {words}"


def _population(q: Token, figure: set[int]) -> str | None:
    """ "Ruritania, a country of 4 million people", "the region is home to 7 million": the
    number of people a place has is its population."""
    if q.pos_ not in ("NUM", "SYM") and q.lemma_.lower() not in _DWELLERS:
        return None
    if q.dep_ != "pobj":
        return None
    prep, owner = q.head, q.head.head
    if prep.lower_ == "of" and owner.lemma_.lower() in _PLACES:
        named = owner.head if owner.dep_ == "appos" and owner.head.pos_ == "PROPN" else owner
        words = _phrase(named, figure, right=False)
    elif prep.lower_ == "to" and owner.lower_ == "home":
        subj = next((c for c in owner.head.children if c.dep_ == "nsubj"), None)
        words = _phrase(subj, figure, right=False) if subj is not None else ""
    else:
        return None
    return f"population of {words}" if words else None


def _nominal(tok: Token) -> bool:
    """A noun, or a word in a noun's place that the tagger took for a participle ("a 1 percent
    cut in emissions", "cut" as the object of "promised") or, after an article, for an
    adjective ("a $1 billion fine")."""
    if tok.pos_ in ("NOUN", "PROPN"):
        return True
    if tok.dep_ not in ("dobj", "pobj", "nsubj", "nsubjpass", "attr"):
        return False
    if tok.pos_ == "ADJ":  # "pay a $1 billion fine": an adjective takes no article of its own
        return any(c.dep_ == "det" and c.i < tok.i for c in tok.children)
    return tok.tag_ == "VBN"


def _distance(q: Token, head: Token, figure: set[int]) -> str | None:
    """ "the nearest of the villages to the dam, 45 km away": the distance to the dam."""
    subj = [c for c in head.children if c.dep_ == "nsubj"]
    named = [c for t in subj for c in t.children if c.dep_ == "appos"]
    for t in (head, head.head, *subj, *named):
        to = next((c for c in t.rights if c.dep_ == "prep" and c.lower_ in ("to", "from")), None)
        if to is not None and t.i not in figure:
            return f"distance {_words(to, figure)}"
    place = _clause_subject(q, head, figure)  # "the camp is 60 km away"
    return f"distance of {place}" if place else None


def _quantity_head(tok: Token, figure: set[int]) -> Token:
    """Up from the number through its scale, currency and unit ("5 billion" -> "$")."""
    t = tok
    while t.head.i != t.i and t.dep_ in ("nummod", "compound", "quantmod", "nmod", "npadvmod"):
        h = t.head
        if h.i in figure or (h.pos_ in ("NUM", "SYM", "NOUN") and h.lemma_.lower() in _MEASURE):
            t = h
            continue
        if h.pos_ in ("NUM", "SYM"):
            t = h
            continue
        if t.dep_ == "nummod" and h.pos_ in ("NOUN", "PROPN") and t.i in figure and h.i > t.i:
            return h  # "42 people": the counted noun
        fewer = _compared(t)
        if fewer is not None:
            return fewer  # "300 million more farmers": the farmers, more of them
        break
    return t


#: comparatives a count is the difference of: "2 million more voters", "300 fewer troops"
_COMPARATIVES = frozenset({"more", "fewer", "less"})


def _compared(t: Token) -> Token | None:
    """The noun a number counts the difference in ("2 million more voters" -> "voters")."""
    h = t.head
    if t.dep_ != "npadvmod" or h.lower_ not in _COMPARATIVES or h.dep_ != "amod":
        return None
    noun = h.head
    return noun if noun.pos_ in ("NOUN", "PROPN") and noun.i > h.i else None


def _measure_head(tok: Token, figure: set[int]) -> Token:
    """Up from the number to the top of the figure's own words ("5 billion" -> "$")."""
    t = tok
    while t.head.i != t.i and (t.head.i in figure or t.head.pos_ in ("NUM", "SYM")):
        t = t.head
    return t


def _is_percent(q: Token, figure: set[int]) -> bool:
    words = {q.lower_} | {t.lower_ for t in q.doc if t.i in figure}
    return bool(words & {"percent", "%", "per", "cent", "percentage"})


def _counted_subject(noun: Token, figure: set[int]) -> str | None:
    words = _phrase(noun, figure)
    where = next(iter(noun.rights), None)
    if words and where is not None and where.dep_ == "advmod" and not list(where.children):
        words = f"{words} {where.lower_}"  # "300 people aboard", "2,000 troops abroad"
    if words and " " in words:
        return words
    rel = next((c for c in noun.rights if c.dep_ == "relcl"), None)
    if words and rel is not None and not noun.doc[rel.left_edge.i - 1].is_punct:
        # "the 11 raids that led to the strike", "the 22 files the court sealed": a
        # restrictive clause says which ones
        toks = [t for t in rel.subtree if t.i not in figure]
        end = next((k for k, t in enumerate(toks) if t.is_punct), len(toks))
        if end:
            return f"{words} {_render(toks[:end][:_MAX_WORDS])}"
    conj = next(
        (c for c in noun.rights
         if c.dep_ == "conj" and c.pos_ == "NOUN" and not any(t.like_num for t in c.children)),
        None,
    )  # fmt: skip
    cc = next((c for c in noun.rights if c.dep_ == "cc"), None)
    if words and conj is not None and cc is not None:
        words = f"{words} {cc.lower_} {_words(conj, figure)}"  # "tourists or seasonal workers"
    verb = noun.head
    if noun.lemma_.lower() == "point" and noun.dep_ in ("dobj", "npadvmod", "pobj"):
        moved = _index_move(noun, figure)  # "the Dow lost 700 points": the Dow's fall
        if moved is not None:
            return moved
    if noun.dep_ == "nsubj" and verb.lemma_ == "be" and words:
        # "9 tourists are among the missing": what the copula places them in says which;
        # "164 states are members": what it says they are
        place = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ in _PREPS), None)
        if place is not None:
            return f"{words} {_words(place, figure)}"
        what = next((c for c in verb.rights if c.dep_ in ("attr", "acomp")), None)
        if what is not None and what.i not in figure and _words(what, figure):
            return f"{words} that {verb.lower_} {_words(what, figure)}"
    if noun.dep_ == "nsubj" and verb.pos_ == "ADJ" and verb.dep_ == "pcomp" and words:
        return f"{words} {verb.lower_}"  # "with 40 guests dead"
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and verb.pos_ == "VERB":
        # what the verb does to them, and where: "troops crossed the border", not the day
        deps = ("prep", "agent", "dobj") if noun.dep_ == "nsubj" else ("prep", "agent")
        rest = [c for c in verb.rights if c.dep_ in deps and c.i > noun.i and not _when(c)]
        tail = " ".join(_words(c, figure) for c in rest[:2])
        label = f"{words} {verb.lower_}" if noun.dep_ != "dobj" or verb.tag_ == "VBN" else None
        if noun.dep_ == "dobj":
            label = f"{words} {_participle(verb)}"
            agent = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            named_agent = agent is not None and (
                agent.pos_ == "PROPN" or (agent.pos_ == "NOUN" and verb.tag_ not in ("VBD", "VBN"))
            )
            if agent is not None and named_agent and agent.i < noun.i:
                # "Windsor Castle occupies 13 acres": the acres Windsor Castle occupies (a
                # named agent says which ones; a common one only when no participle can:
                # "rebels released 20 hostages" stays "hostages released")
                named = _phrase(agent, figure, right=False)
                if named:
                    the = any(c.dep_ == "det" and c.lower_ == "the" for c in agent.children)
                    label = f"{words} {'the ' if the else ''}{named} {verb.lower_}"
        return " ".join(x for x in (label, tail) if x).strip() or words
    if noun.dep_ == "pobj" and noun.head.lower_ in ("at", "to") and verb.pos_ == "ADP":
        level = _level_of(verb.head, figure)  # "support stands at 33 votes"
        if level is not None:
            return level
    if noun.dep_ in ("pobj", "appos") and words:
        # "the homes of 2,000 families", "10% of the population - 2 million people": the
        # noun it completes says which ones
        owner = noun.head.head if noun.dep_ == "pobj" else noun.head
        if owner.lemma_.lower() in _MEASURE:  # "10% of the population - 2 million people"
            of = next((c for c in owner.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
            owner = next((c for c in of.children if c.dep_ == "pobj"), owner) if of else owner
        if (
            owner.pos_ in ("NOUN", "PROPN")
            and owner.i not in figure
            and owner.i != noun.i
            and owner.lower_ not in _MEASURE
        ):
            link = f" {noun.head.lower_} " if noun.dep_ == "pobj" else ", "
            return _phrase(owner, figure, right=False) + link + words
    return words or None


def _when(tok: Token) -> bool:
    """A complement that only says when ("on Monday", "in 2016")."""
    return all(t.ent_type_ in ("DATE", "TIME") for t in tok.subtree if t.dep_ != "prep")


def _index_move(points: Token, figure: set[int]) -> str | None:
    """Points an index or a poll gains or loses are its rise or fall ("the Nasdaq added 116
    points, or 1.5%": the Nasdaq's rise, in points and in percent)."""
    verb = points.head if points.dep_ != "pobj" else points.head.head
    move = _CHANGES.get(verb.lemma_.lower()) or _MOVES.get(verb.lemma_.lower())
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if move is None or subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    words = _phrase(subj, figure, preps=_CLAUSE_PREPS)
    return f"{words} {move}" if words else None


def _level_of(verb: Token, figure: set[int]) -> str | None:
    """What stands at, reaches or totals a count is what the count measures ("the toll rose to
    70 deaths": the toll), unless it is someone acting."""
    if verb.lemma_.lower() not in _LEVELS:
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "NOUN" or subj.ent_type_ in _AGENTS:
        return None
    return _phrase(subj, figure, preps=_CLAUSE_PREPS) or None


def _participle(verb: Token) -> str:
    """The verb as a participle after its object ("released 20 hostages" -> "hostages released")."""
    if verb.tag_ in ("VBD", "VBN"):
        return verb.lower_
    return verb.lemma_.lower()


def _clause_subject(q: Token, head: Token, figure: set[int]) -> str | None:
    """The noun phrase the clause says the figure of ("the bridge would cost $4 billion")."""
    if q.dep_ not in ("dobj", "attr", "pobj", "npadvmod", "advmod", "acomp", "nsubj", "nsubjpass"):
        return None
    valued = head.head if q.dep_ == "pobj" and head.lower_ == "at" else None
    if valued is not None and _nominal(valued) and valued.i not in figure:
        return _phrase(valued, figure, right=False) or None  # "put its costs at $3 billion"
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    if verb.pos_ == "ADP":
        verb = verb.head
    while verb.pos_ in ("ADJ", "ADV") and verb.dep_ in ("acomp", "advmod", "prep"):
        verb = verb.head  # "the rate is as high as 30 percent": the copula's subject
    if q.dep_ in ("nsubj", "nsubjpass") and verb.pos_ in ("VERB", "AUX"):
        said = _said_of_amount(q, verb, figure)  # "40% are Arab": what the copula says
        if said is not None:
            return said
    if head.lower_ in _DIRECTIONS and q.dep_ in ("npadvmod", "advmod", "pobj"):
        changed = _direction_subject(head, figure)  # "the index closed down 1.2%"
        if changed is not None:
            return changed
    obj = next(
        (c for c in verb.children
         if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and c.i not in figure),
        None,
    )  # fmt: skip
    if q.dep_ == "pobj" and head.lower_ == "at" and obj is not None and head.head == verb:
        # "estimated the damage at $3 billion", "put the bill at $40 million": what is valued
        words = _phrase(obj, figure)
        if words:
            return words
    sale = verb.lemma_.lower() in _DEALS and head.head == verb
    if q.dep_ == "pobj" and head.lower_ == "for" and obj is not None and sale:
        words = _phrase(obj, figure)  # "bought the mill for $2 million": its price
        return f"price of {words}" if words else None
    if q.dep_ == "pobj" and head.lower_ in ("by", "from", "to") and obj is not None:
        # "trimmed the navy's budget by 20%": the budget's cut; "raised tariffs from 5% to 15%
        # on steel": the tariffs' levels -- not whoever cut or raised them
        words = _phrase(obj, figure)
        change = _CHANGES_OF.get(verb.lemma_.lower())
        if words and head.lower_ == "by" and change is not None:
            return f"{words} {change}"
        if words:
            return words
    other = next(
        (c for c in verb.children
         if c.dep_ in ("dobj", "attr") and c.i < q.i and c.pos_ == "NOUN" and c.i not in figure),
        None,
    )  # fmt: skip
    if other is not None and q.dep_ in ("dobj", "attr"):
        # "gives the firm a stake as large as 20 percent": the parser makes the amount a second
        # object of the verb; the first object is what it measures
        return _phrase(other, figure) or None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c != q), None)
    if subj is None and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.pos_ == "VERB":
        # "the currency has lost ground all week, falling 3%": the main clause's subject
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN":
        subj = verb.head  # "freight volume ... exceeding $80 billion"
    if subj is not None and subj.tag_ == "WDT" and verb.dep_ == "relcl":
        subj = verb.head  # "the system that was then sold at US$40 million"
    purpose = [c for c in verb.rights if c.dep_ == "prep" and c.lower_ in ("for", "to", "on")]
    if q.dep_ == "dobj" and purpose and purpose[0].i > q.i:
        # "the state spent $2 billion on roads": the money's purpose, not who spends it
        return f"{_participle(verb)} {_words(purpose[0], figure)}"
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    change = _CHANGES.get(verb.lemma_.lower())
    by_amount = head == verb or (head.lower_ == "by" and head.head == verb)
    if change is not None and by_amount:
        # "exports fell 5 percent", "the company is growing by 8 percent a year": the change
        # is what is measured, of whatever changes ("dropped below 40 percent" states a level)
        return f"{_phrase(subj, figure, preps=_CLAUSE_PREPS)} {change}"
    lemma = verb.lemma_.lower()
    flow = _FLOWS.get(lemma) or ("receipts" if lemma == "get" else None)
    if flow is not None and q.dep_ == "dobj" and not _is_percent(q, figure):
        # "Germany exported $90 billion", "the regime earned $9 million": the flow of money
        # of whoever acts, named or not, is what the amount measures
        owner = _phrase(subj, figure, right=False)
        return f"{owner} {flow}" if owner else None
    if subj.ent_type_ in _AGENTS and lemma != "be":
        # who acts on an amount is not what it measures (a copula acts on nothing: "turnout
        # was 87 percent", whatever the tagger takes "turnout" for)
        if q.dep_ == "dobj" and _is_percent(q, figure) and lemma in _SHARES:
            # "Haddad had 44.5 percent", "the party won 31 percent": its share of the vote
            return f"share of {_phrase(subj, figure, right=False)}"
        return None
    return _phrase(subj, figure, preps=_CLAUSE_PREPS) or None


def _said_of_amount(q: Token, verb: Token, figure: set[int]) -> str | None:
    """An amount that is the subject of its verb is what the verb says of it: "$4 billion has
    been requested for the fund" -> "amount requested for the fund"; "61 percent want talks"
    -> "share that want talks"."""
    rest = [
        c for c in verb.rights
        if c.dep_ in _SAID_DEPS and c.i not in figure
        and not (c.dep_ == "prep" and c.pos_ == "VERB")  # "according to"
    ]  # fmt: skip
    toks = [t for c in rest[:2] for t in _cut([t for t in c.subtree if t.i not in figure])]
    tail = _render(toks[:_MAX_WORDS])  # a label, however long the clause it is read from
    if _is_percent(q, figure):
        lead = f"share {verb.lower_}" if verb.tag_ == "VBG" else f"share that {verb.lower_}"
    elif verb.tag_ == "VBN":
        lead = f"amount {verb.lower_}"
    else:
        lead = f"amount that {verb.lower_}"
    return f"{lead} {tail}".strip() if tail else None


def _direction_subject(adverb: Token, figure: set[int]) -> str | None:
    """The change a verb of ending states with "down"/"higher" ("the Nikkei closed down 1.2%",
    "the index ended the week 0.8% higher"): the fall or rise of the verb's subject."""
    verb = adverb
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    words = _phrase(subj, figure, preps=_CLAUSE_PREPS)
    return f"{words} {_DIRECTIONS[adverb.lower_]}" if words else None


def _phrase(
    noun: Token, figure: set[int], right: bool = True, preps: frozenset[str] = _PREPS
) -> str:
    """The noun with its left modifiers and (``right``) its complements, figure words out."""
    # "freight volume between the two ports exceeding ...": the phrase is about the volume
    while (
        noun.dep_ == "pobj"
        and noun.head.lower_ in ("between", "among")
        and noun.head.head.pos_ == "NOUN"
    ):
        noun = noun.head.head
    left: list[Token] = []
    past_figure = False
    for c in reversed(list(noun.lefts)):
        if c.i in figure or (c.dep_ == "punct" and c.i + 1 in figure):
            past_figure = True  # "India's 1.3 billion population": the owner is beyond it
            continue
        if c.dep_ not in _LEFT_DEPS or (past_figure and c.dep_ != "poss"):
            break
        if c.dep_ == "poss" and c.lower_ in _PRONOUN_POSS:
            break
        if c.ent_type_ in ("DATE", "TIME") or any(a.dep_ == "advmod" for a in c.children):
            continue  # "last year's", "historically high": when and how much, not what
        left = [t for t in c.subtree if t.i not in figure and t.pos_ != "DET"] + left
    words = [*left, noun]
    if right:
        for c in noun.rights:
            if c.dep_ not in _RIGHT_DEPS or (c.dep_ == "prep" and c.lower_ not in preps):
                break
            if any(t.i in figure for t in c.subtree):
                continue  # "a harvest of 30 million tonnes": the figure is no complement of its own
            sub = _cut(list(c.subtree))
            if len(words) + len(sub) > _MAX_WORDS:
                break
            words.extend(sub)
    return _render(words)


def _words(tok: Token, figure: set[int]) -> str:
    return _render(_cut([t for t in tok.subtree if t.i not in figure]))


def _render(toks: list[Token]) -> str:
    """The words as written ("Chile's", "year-on-year"), one space where words were left out."""
    toks = sorted((t for t in toks if not t.is_space), key=lambda t: t.i)
    out = ""
    for a, b in zip(toks, [*toks[1:], None]):
        gap = a.whitespace_ if b is not None and b.i == a.i + 1 else " "
        out += a.text + gap
    return out.strip()


def _cut(toks: list[Token]) -> list[Token]:
    """A complement up to the first clause edge, at most a label's length."""
    out: list[Token] = []
    for t in toks:
        if t.is_punct and t.text not in ("'", "’", "-", "–"):
            break
        if t.dep_ in ("cc", "relcl") or (t.dep_ == "conj" and t.pos_ == "VERB"):
            break
        out.append(t)
    return out[:_MAX_WORDS]
