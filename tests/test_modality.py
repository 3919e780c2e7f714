"""Modality of event clauses on sentences written for these tests (real spaCy parses)."""

from __future__ import annotations

from functools import cache

import pytest
from spacy.language import Language
from spacy.tokens import Token

from detente.annotate import load_nlp
from detente.extract.events.modality import clause_modality
from detente.extract.events.speech import act_modality, wished_modality


@cache
def _nlp() -> Language:
    return load_nlp(None)


def _word(text: str, word: str) -> Token:
    doc = _nlp()(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # a question keeps its mood through the clauses above it
        ("Did the Ruritanian envoy secretly meet Freedonian officials in May?", "meet",
         "question"),
        # obligations and advice are not acts
        ("Ruritania must withdraw its troops from Freedonia.", "withdraw", "hypothetical"),
        ("Ruritania has to withdraw its troops from Freedonia.", "withdraw", "hypothetical"),
        # a schedule read from its own word or from the subject it has
        ("The two ministers are scheduled to meet in Geneva on Monday.", "scheduled", "future"),
        ("The two ministers are due to meet in Geneva on Monday.", "ministers", "future"),
        ("The ministers of Ruritania and Freedonia are to meet on Monday.", "meet", "future"),
        # a deliberation governs the act it weighs
        ("Ruritania is considering new tariffs on Freedonian steel.", "considering",
         "hypothetical"),
        # an act that hangs on a condition
        ("Ruritania will send troops if Freedonia attacks the border.", "send", "hypothetical"),
        ("Ruritania will send troops unless Freedonia withdraws.", "send", "hypothetical"),
        # "if" after a verb of telling asks whether: no condition
        ("Ruritania will meet Freedonia to ask if it accepts the plan.", "meet", "future"),
        # what is called for is not done
        ("Ruritanian senators called for sanctions against Freedonia.", "sanctions",
         "hypothetical"),
        ("Ruritania repeated its calls for talks with Freedonia.", "talks", "hypothetical"),
        # an infinitive on a noun is an aim; a decision told of is told by the act it set going
        ("Ruritania made efforts to bring Freedonia to the table.", "bring", "hypothetical"),
        ("Ruritania defended its decision to withdraw from the treaty.", "withdraw", "asserted"),
        ("The Ruritanian voters who decided in 2016 to leave the customs union were thanked.",
         "leave", "asserted"),
        ("If Ruritania decides to withdraw from the treaty, Freedonia will protest.", "withdraw",
         "hypothetical"),
        ("He was the first Ruritanian minister to visit Freedonia.", "visit", "asserted"),
        # an act talked about as the subject of another clause
        ("Arming the Freedonian rebels would not help Ruritania.", "Arming", "hypothetical"),
        # a claim, not a fact; what is coming
        ("Reporters asked about the alleged meeting with Freedonian agents.", "meeting",
         "hypothetical"),
        ("Ruritania prepared for the upcoming summit with Freedonia.", "summit", "future"),
        ("Reporters asked about speculation about a meeting with Freedonian agents.",
         "meeting", "hypothetical"),
        ("There is a chance that Ruritania and Freedonia sign a treaty.", "sign",
         "hypothetical"),
        # an invitation is to a visit still to come
        ("Ruritania invited the Freedonian president to a summit.", "invited", "future"),
        # a disposition stated takes its clause's mood: an offer made, or one still to come
        ("The premier said Ruritania was willing to negotiate with Freedonia.", "negotiate",
         "asserted"),
        ("The cabinet will be ready to impose tariffs on Freedonian wine by May.", "impose",
         "future"),
        # a worry about what is to come is a fear of it; an inverted condition with "there"
        ("Analysts worry that Ruritania will be too eager to sign a bad treaty with Freedonia.",
         "sign", "hypothetical"),
        ("A senator said the general appeared ready to strike Freedonian bases had there been a "
         "single casualty.", "strike", "hypothetical"),
        # the purpose of a past trip is told with it; of one to come it is still open
        ("The Ruritanian minister flew to Harbin to meet Freedonian officials.", "meet",
         "asserted"),
        ("The Ruritanian minister may fly to Harbin to meet Freedonian officials.", "meet",
         "hypothetical"),
        # a preference, a pressing and a looking forward are for what is not done
        ("The senator favors sending rifles to the Freedonian militia.", "sending",
         "hypothetical"),
        ("The envoys pressed Ruritania to lift its embargo on Freedonia.", "lift",
         "hypothetical"),
        ("The Ruritanian king said he looks forward to meeting the Freedonian queen.",
         "meeting", "hypothetical"),
        # but a thing pushed along is the pusher's own act
        ("Ruritania is pushing its customs dispute with Freedonia to the brink.", "pushing",
         "asserted"),
        # and the plain act stays asserted
        ("Ruritania sent troops to the Freedonian border on Monday.", "sent", "asserted"),
        # what is threatened is not done, nor announced as coming
        ("Ruritania threatened to cut gas supplies to Freedonia.", "cut", "hypothetical"),
        ("Ruritania threatened new tariffs on Freedonian wine.", "tariffs", "hypothetical"),
        # a frame that says the act it governs did not happen, read from the frame itself
        ("Ruritania failed to reach a deal with Freedonia.", "failed", "negated"),
        ("Ruritania declined to send an envoy to Freedonia.", "declined", "negated"),
        ("Ruritania has long avoided naming Freedonia as the culprit.", "naming", "negated"),
        ("The minister stopped short of accusing Freedonia of the attack.", "accusing",
         "negated"),
        ("Ruritania has yet to agree to the ceasefire with Freedonia.", "agree", "negated"),
        ("The promised sanctions against Freedonia have yet to materialize.", "sanctions",
         "negated"),
        # but a failure told of the act's subject is not the act's frame
        ("The summit with Freedonia failed to settle the dispute.", "summit", "asserted"),
        # a negation the parse hangs elsewhere
        ("Ruritania was no longer insisting that Freedonia disarm.", "insisting", "negated"),
        ("Nor was Ruritania demanding that Freedonia pay.", "demanding", "negated"),
        # "as if" tells the manner, not a condition
        ("Ruritania and Freedonia cooperated as if they were one state.", "cooperated",
         "asserted"),
        # the inflected "hope" frames a wish like the bare one
        ("The Ruritanian government hopes to compel Freedonia to negotiate.", "compel",
         "hypothetical"),
        ("Ruritania hoped to sign a treaty with Freedonia.", "sign", "hypothetical"),
        # a preparing is the schedule of what it prepares, read from the frame itself
        ("The Ruritanian envoy is preparing to open a new round of diplomacy.", "preparing",
         "future"),
        # a discussion read from its own word is the meeting, not a deliberation
        ("The ministry said the envoy would discuss the border with the Freedonian premier.",
         "discuss", "future"),
        # a plan's infinitive is what was settled on
        ("Ruritania has drawn up plans to extend its tariffs to Freedonian wine.", "extend",
         "future"),
        # the present of a schedule later on the day of the report
        ("Later on Monday, the Ruritanian premier meets the Freedonian president.", "meets",
         "future"),
        ("The Ruritanian premier meets the Freedonian president later today.", "meets",
         "future"),
        # a deadline is no deed
        ("Freedonia and its partners have until 9 October to strike a bargain with Ruritania.",
         "strike", "hypothetical"),
        # a noun's infinitive aim, however the parse hangs it
        ("The act requires the cabinet to come up with a coherent strategy to crush the "
         "Freedonian insurgents.", "crush", "hypothetical"),
        # what is called on to be done is asked, not done
        ("The Ruritanian premier called on Freedonia to lift its embargo.", "lift",
         "hypothetical"),
        # a denial of what an act did is no denial of the act; of its taking place it is
        ("The envoy said talks with Freedonia have not cost Ruritania anything.", "talks",
         "asserted"),
        ("Talks with Freedonia did not take place.", "Talks", "negated"),
        # "Consider the ..." bids the reader weigh a thing told; "consider a ..." may imagine it
        ("Consider the tale of the Ruritanian envoy's meeting with Freedonian agents.",
         "meeting", "asserted"),
        ("Consider a meeting between the Freedonian and Ruritanian leaders.", "meeting",
         "hypothetical"),
        # "no choice but to" leaves the act, in its clause's mood; a bare "no" still denies
        ("Ruritania had no choice but to expel the Freedonian envoy.", "expel", "asserted"),
        ("If provoked, Ruritania will have no alternative but to strike Freedonia.", "strike",
         "hypothetical"),
        ("Ruritania has no plan to expel the Freedonian envoy.", "expel", "negated"),
        # an occasion skipped was not attended
        ("The Ruritanian premier skipped the summit with Freedonia.", "summit", "negated"),
        ("The envoy missed the talks with Freedonian officials in May.", "talks", "negated"),
        # what is feared has not happened ("worried about" is often of what is being done)
        ("Traders fear a Ruritanian blockade of Freedonian ports.", "blockade", "hypothetical"),
        ("Diplomats are nervous about Ruritania deploying troops to Freedonia.", "deploying",
         "hypothetical"),
        # a course argued for is weighed, not announced ("said it would" stays future)
        ("The senator argued that the best course would be to strengthen air defences while "
         "also sharply increasing sanctions against Freedonia.", "increasing", "hypothetical"),
        ("The senator said Ruritania would raise sanctions against Freedonia.", "raise",
         "future"),
        ("The minister said the only answer is to expel the Freedonian envoys.", "expel",
         "hypothetical"),
        ("The minister said the best way was to expel the Freedonian envoys, and he did.",
         "expel", "asserted"),
        # an act advised against is not done; one lobbied against may be in force
        ("The governor also warned against a Ruritanian military strike on Freedonia.",
         "strike", "hypothetical"),
        ("The banker spent years lobbying against sanctions on Freedonia.", "sanctions",
         "asserted"),
        # what a report asked about would say is not told as fact
        ("A reporter asked the spokesman if he could still say that nobody in the cabinet had "
         "any contact with Freedonian agents before the vote.", "contact", "hypothetical"),
        # what an investigation looks into is told as it is, whatever the clause around it says
        ("Deputies continued to wait Monday for the prosecutor to deliver a summary of "
         "findings from a year-long investigation into Ruritanian interference in the "
         "Freedonian referendum.", "interference", "asserted"),
        # a stance toward an act does not deny it: the act named is told, one unnamed is thought
        # of; "ruled out" denies what it rules out, "would not rule out" leaves it possible
        ("The minister was wrong not to oppose Freedonia's incursion into Ruritania.",
         "incursion", "asserted"),
        ("The senator said he would not support military action against Freedonia.", "action",
         "hypothetical"),
        ("The premier said she would not rule out military action against Freedonia.", "action",
         "hypothetical"),
        ("Ruritania ruled out military action against Freedonia.", "action", "negated"),
        # a conjunct with its own subject, auxiliary or finite verb has its own mood
        ("The militia did not claim the raid on the Freedonian embassy but praised it.",
         "praised", "asserted"),
        ("The envoy said a summit could still happen but warned Freedonia against provocations.",
         "warned", "asserted"),
        ("The rebels demanded a ransom, and Freedonia deployed drones along the border.",
         "deployed", "asserted"),
        ("Varga said Ruritania would not act alone but would join a coalition and continue air "
         "patrols.", "continue", "future"),
        # no subjunctive after "help" or "let", nor in a main clause the tagger took for one
        ("The loan helped them reach a deal with Freedonia.", "reach", "asserted"),
        ("Secret talks and quiet meetings between Ruritanian envoys and Freedonian officials "
         "representing the old regime go back to 2009.", "meetings", "asserted"),
        # a reduced relative clause is told in its own right; a passive gerund is content
        ("Freedonia said it would not answer the tariffs announced by Ruritania on Friday.",
         "announced", "asserted"),
        ("Traders dread the prospect of Ruritanian tariffs being imposed on Freedonian wine.",
         "imposed", "hypothetical"),
        # a prior act in its own clause is not what a later clause suggests
        ("After the king moved to recognize Freedonia, critics suggested he should stay out of "
         "politics.", "recognize", "asserted"),
        # an ordinal however the parse hangs it; a "later" time after an event noun
        ('"We have come far," said Varga, the first sitting Ruritanian president to visit '
         "Freedonia.", "visit", "asserted"),
        ("The minister was asked about the premier's trip later this month to Freedonia.",
         "trip", "future"),
        # "what it called ...": the calling is told, whatever the clause around it
        ("Freedonia vowed it would hit back at what its envoy called unfair Ruritanian "
         "levies.", "called", "asserted"),
        # an act argued for is not done, nor one wanted for someone ("for X to ...")
        ("The senator, who has backed attacking Freedonia, spoke on Monday.", "attacking",
         "hypothetical"),
        ("Varga has long been an advocate for military action against Freedonia.", "action",
         "hypothetical"),
        ("Lawmakers voiced support this week for Ruritania to begin arming the rebels.",
         "arming", "hypothetical"),
        # conditions and terms: "as long as", "in exchange for"
        ("Freedonia could sign the accord as long as Ruritania offers something in return.",
         "offers", "hypothetical"),
        ("Ruritania offered aid in exchange for Freedonia freeing the envoy.", "freeing",
         "hypothetical"),
        # a charge is a claim; a thing nested in it is still told
        ("Ruritania accused Freedonia of shelling the border.", "shelling", "hypothetical"),
        ("The senators accused the cabinet of abandoning its own pressure campaign on Freedonia.",
         "pressure", "asserted"),
        # an act kept from happening, or one that would be
        ("The blockade stopped Freedonia from sending aid to the rebels.", "sending", "negated"),
        ("A veto would prevent the premier from lifting sanctions on Freedonia.", "lifting",
         "hypothetical"),
        # a risk and a suspicion are of what may be
        ("Varga argued that it is wiser to talk than to risk a confrontation with Freedonia.",
         "confrontation", "hypothetical"),
        ("Ruritania suspected that its envoy had been captured by Freedonia.", "captured",
         "hypothetical"),
        # a negation under a wish, or of what is asked, denies nothing that happened
        ("The minister hopes Freedonia will not shell the villages.", "shell", "hypothetical"),
        ("A majority does not want parliament to approve a strike on Freedonia.", "strike",
         "hypothetical"),
        ("The premier did not know if the proposed summit with Freedonia would take place.",
         "summit", "hypothetical"),
        # an act set to come keeps its mood under a wish about something else
        ("The premier wanted his new team in place before the upcoming talks with Freedonia.",
         "talks", "future"),
        # an act that is ended, or is to be, is going on: told as it is named
        ("Minister Varga said Ruritania should end its support for the Freedonian rebels.",
         "support", "asserted"),
        ("Freedonia will lift the sanctions on Ruritanian banks if the talks succeed.",
         "sanctions", "asserted"),
        ("The council asked for an end to the airstrikes on Freedonian villages.", "airstrikes",
         "asserted"),
        ("Ruritania may cut military aid to Freedonia.", "cut", "hypothetical"),
        # a danger warned of is not a deed
        ("The Freedonian army warned of strikes on the Ruritanian capital.", "strikes",
         "hypothetical"),
        # an end sought is not an act done; a plan is still to come
        ("The goal is to impose new tariffs on Freedonian steel.", "impose", "hypothetical"),
        ("The objective of the envoys remains to bring Ruritania back to the table.", "bring",
         "hypothetical"),
        ("The best way to calm Freedonia was to talk to its premier.", "talk", "asserted"),
        # a present told with the coming days is a schedule ("this year" may be going on)
        ("The Ruritanian premier meets the Freedonian envoy this week.", "meets", "future"),
        ("The Ruritanian premier meets the Freedonian envoy next month.", "meets", "future"),
        ("The Ruritanian premier meets the Freedonian envoy this year.", "meets", "asserted"),
        # what a thing sought would do takes the seeking's mood; a past relative tells its own
        ("The premier said Ruritania could reject any treaty that gives Freedonia the islands.",
         "gives", "hypothetical"),
        ("Ruritania should build a coalition that isolates Freedonia.", "isolates",
         "hypothetical"),
        ("Ruritania built a coalition that isolates Freedonia.", "isolates", "asserted"),
        ("Ruritania will meet a delegation that arrived from Freedonia on Monday.", "arrived",
         "asserted"),
        # a past "when" clause is the time of what follows, told as done
        ("When the envoy met the Freedonian king last month, he asked him to free the prisoners.",
         "met", "asserted"),
        ("When Ruritania attacks, Freedonia will retaliate.", "attacks", "future"),
        # an act missing: "without", a subject "no ...", "the lack of"
        ("Ruritania and Freedonia ended the summit without reaching an agreement.", "agreement",
         "negated"),
        ("Freedonia would sign the treaty without new sanctions from Ruritania.", "sanctions",
         "hypothetical"),
        ("No concessions have been offered to Freedonia.", "offered", "negated"),
        ("No Freedonian minister has visited Ruritania.", "visited", "negated"),
        ("There is no doubt that Ruritania attacked Freedonia.", "attacked", "asserted"),
        ("The lack of support from Ruritania hurt Freedonia.", "support", "negated"),
        ("The lack of support from Ruritania hurt Freedonia.", "lack", "negated"),
        # an act weighed is not done; one judged is told as named
        ("Officials said a summit between Ruritania and Freedonia is under review.", "summit",
         "hypothetical"),
        ("New sanctions on Freedonia are being considered by Ruritania.", "sanctions",
         "hypothetical"),
        ("Such talks with Freedonia would not be considered a concession.", "talks",
         "asserted"),
        # a word that qualifies an act noun reads the noun's own mood
        ("Reporters asked about the alleged cyber attacks by Freedonia.", "cyber",
         "hypothetical"),
        # what an act still open waits for is a condition; a past one's end is told as done
        ("The sanctions will stay until Freedonia withdraws its troops.", "withdraws",
         "hypothetical"),
        ("Ruritania said it would not talk to Freedonia until its troops left.", "left",
         "hypothetical"),
        ("The envoy stayed in Freedonia until the talks ended.", "ended", "asserted"),
        # a setting of a kind under a modal is not one held; a named one is told as named
        ("Ruritania might gain more in a meeting with Freedonia.", "meeting", "hypothetical"),
        ("Ruritania might gain more at the summit with Freedonia.", "summit", "asserted"),
        # "ahead of" a meeting is its time, which does not take the clause's negation
        ("No deal was offered to Freedonia ahead of the summit in Ruritania.", "summit",
         "asserted"),
    ],
)  # fmt: skip
def test_clause_modality(text: str, word: str, expected: str) -> None:
    t = _word(text, word)
    assert clause_modality(t, t.sent) == expected


@pytest.mark.parametrize(
    ("text", "word", "plover", "expected"),
    [
        # a threat read from what was threatened is a threat made
        ('"We will punish Freedonia if it attacks again," the Ruritanian minister said.',
         "punish", "THREATEN", "asserted"),
        # a refusal is the rejection itself
        ("Ruritania will not give up its claim to the islands.", "give", "REJECT", "asserted"),
        # an accusation read from its content is made, whatever the content's mood
        ('"There can be no doubt that Freedonia never paid," the Ruritanian envoy said.',
         "paid", "ACCUSE", "asserted"),
        # the speaking verb's own mood counts
        ("Ruritania did not condemn Freedonia.", "condemn", "ACCUSE", "negated"),
        ("Ruritania could accuse Freedonia of spying.", "accuse", "ACCUSE", "hypothetical"),
        # an investigation is an act: demanded, it is not done
        ("Ruritania demanded that Freedonia investigate the envoy.", "investigate", "ACCUSE",
         "hypothetical"),
        # a promise or warning bound to a condition is made all the same: the "if" is its content's
        ("Ruritania pledged more tariffs if Freedonia retaliates.", "pledged", "THREATEN",
         "asserted"),
        ("The brewers warned the minister of higher costs if the levy were imposed.", "warned",
         "STATEMENT", "asserted"),
        # a refusal read from its own word is the rejection itself
        ("Ruritania refused to sign the accord with Freedonia.", "refused", "REJECT",
         "asserted"),
        # a thing said read from the frame that undoes it was not said
        ("The envoy stopped short of accusing Freedonia of the raid.", "stopped", "ACCUSE",
         "negated"),
        ("Ruritania's premier declined to condemn Freedonia.", "declined", "ACCUSE",
         "negated"),
        # addressing an assembly is the speaking itself: its clause's mood counts
        ("The Ruritanian president will address the Freedonian parliament.", "address",
         "STATEMENT", "future"),
        # other types keep their clause's mood
        ("Ruritania will send troops if Freedonia attacks the border.", "send", "MOBILIZE",
         "hypothetical"),
        # a thing said inside a condition, or asked about, is not made
        ('"If Freedonia snubs our envoy again, the talks are over," the minister said.', "snubs",
         "REJECT", "hypothetical"),
        ("A reporter asked him if he had confronted the Freedonian premier about the prisoners.",
         "confronted", "ACCUSE", "hypothetical"),
    ],
)  # fmt: skip
def test_act_modality(text: str, word: str, plover: str, expected: str) -> None:
    t = _word(text, word)
    assert act_modality(t, t.sent, plover) == expected


@pytest.mark.parametrize(
    ("text", "word", "plover", "expected"),
    [
        # an act read from the verb that wishes it is wished, not done
        ("The Ruritanian premier wants a better trade deal with Freedonia.", "wants", "AGREE",
         "hypothetical"),
        ("The minister hoped to reassure Freedonia about the border.", "hoped", "AGREE",
         "hypothetical"),
        # the wish itself as a request or a stance keeps its mood
        ("The Ruritanian premier wants Freedonia to free the envoy.", "wants", "REQUEST",
         "asserted"),
        ("The Ruritanian premier wants Freedonian troops out of the valley.", "wants",
         "RETREAT", "hypothetical"),
    ],
)  # fmt: skip
def test_wished_modality(text: str, word: str, plover: str, expected: str) -> None:
    t = _word(text, word)
    assert wished_modality(t, plover, clause_modality(t, t.sent)) == expected
