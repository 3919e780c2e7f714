"""Cleaning keeps offsets into the original text; metadata rules read what the text states.

Every fixture here is written for the test: the shapes come from real scrapes (menus, share
bars, labelled datelines, sign-offs), the words do not.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.clean.boilerplate import classify, paragraphs
from detente.clean.metadata import extract_metadata
from detente.model import Given

SCRAPE = """×
Menu
Search

Harbour Talks End Without A Deal On Fishing Quotas

Facebook
Twitter
Pinterest

Mar 3 2021

The two governments ended three days of talks in the port city on Tuesday without agreeing
on next year's fishing quotas, officials said.

 The foreign minister said the talks would resume in May.\x20\x20

Also on example.com Ministers to meet again in spring after quota talks stallThe delegations
will meet again after the summer recess, a spokesperson said.

Like this story? Share it with a friend!

Harbourview SignOff
Comments

Leave a Reply
(required)
"""


def test_kept_paragraphs_slice_the_original_text() -> None:
    paras = paragraphs(SCRAPE)
    assert paras, "the body must be kept"
    for p in paras:
        piece = SCRAPE[p.start : p.end]
        assert piece == piece.strip() and piece  # offsets point at the content itself
    kept = [SCRAPE[p.start : p.end] for p in paras]
    assert any(k.startswith("The two governments ended") for k in kept)
    assert any(k.startswith("The foreign minister said") for k in kept)
    # the teaser glued to the next paragraph is cut off; the paragraph itself is kept
    assert any(k.startswith("The delegations") for k in kept)
    joined = "\n".join(kept)
    for boilerplate in ("Menu", "Facebook", "Like this story", "SignOff", "Leave a Reply"):
        assert boilerplate not in joined


def test_every_line_is_classified_somewhere() -> None:
    """Nothing is silently dropped: each non-blank line gets a kind."""
    non_blank = [line for line in SCRAPE.split("\n") if line.strip()]
    kinds = classify(SCRAPE)
    # a glued "Also on" line is split in two: one more Line than raw lines
    assert len(kinds) == len(non_blank) + 1
    assert {k.kind for k in kinds} >= {"ui", "body", "dateline", "prompt", "sign-off", "also-on"}


def test_metadata_from_a_scrape_with_evidence() -> None:
    meta = extract_metadata(SCRAPE, paragraphs(SCRAPE))
    assert meta.title == "Harbour Talks End Without A Deal On Fishing Quotas"
    assert meta.published == dt.date(2021, 3, 3)
    assert meta.published_evidence is not None and meta.published_evidence.text == "Mar 3 2021"
    # the sign-off names the site; it is kept as written, not looked up
    assert meta.outlet == "Harbourview"
    assert meta.outlet_evidence is not None and meta.outlet_evidence.rule == "sign-off"
    assert meta.author is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: Feb 9, 2022 10:15 AM Updated: Feb 9, 2022 11:00 AM", dt.date(2022, 2, 9)),
        ("Release Date : 2019-12-30", dt.date(2019, 12, 30)),
        ("June 4, 2018 Policy Brief No. 12", dt.date(2018, 6, 4)),
        ("Posted on 7 July 2016", dt.date(2016, 7, 7)),
    ],
)
def test_labelled_and_bare_datelines(line: str, expected: dt.date) -> None:
    text = f"A Headline About Border Talks\n{line}\n\nThe talks went on for hours, aides said.\n"
    assert extract_metadata(text).published == expected


def test_no_date_stays_unknown() -> None:
    text = (
        "Ministers meet again\n"
        "The ministers met on Thursday and agreed to meet again next month, aides said.\n"
    )
    meta = extract_metadata(text)
    assert meta.published is None and meta.published_evidence is None
    assert meta.outlet is None  # no masthead, sign-off or site named: unknown, not guessed


def test_byline_in_parentheses_with_affiliation() -> None:
    text = (
        "Why the border talks matter\n\n"
        "Release Date : 2022-08-01\n\n"
        "(Maria Ortega, Senior Fellow, Institute of Regional Studies)\n\n"
        "The talks matter because both governments need the trade, she argues.\n"
    )
    meta = extract_metadata(text)
    assert meta.author == "Maria Ortega"
    assert meta.author_evidence is not None
    assert meta.author_evidence.text.startswith("(Maria Ortega")


def test_outlet_from_also_on_site_line() -> None:
    text = (
        "Talks resume\n"
        "The ministers met again on Monday, officials said.\n"
        "Also on bbc.com Another story about something else\n"
        "More talks are planned for the autumn, officials said.\n"
    )
    meta = extract_metadata(text)
    assert meta.outlet == "BBC" and meta.outlet_evidence is not None
    assert meta.outlet_evidence.rule == "also-on-site"


def test_what_the_user_states_wins() -> None:
    text = "Talks resume\nOct 1 2020\nThe ministers met again on Monday, officials said.\n"
    meta = extract_metadata(text, given=Given(outlet="Reuters", published="2020-10-02"))
    assert meta.outlet == "Reuters" and meta.published == dt.date(2020, 10, 2)
    assert meta.published_evidence is not None and meta.published_evidence.rule == "given"


# -- page furniture (fixtures of our own, shaped like the widgets of news sites) --------------
_FURNISHED = "\n".join(
    [
        "Freedonia and Sylvania held talks on Monday.",
        "JUST WATCHED Sylvania rejects the plan Replay More Videos ... MUST WATCH Sylvania"
        " rejects the plan 02:13",
        "More: Freedonia says Sylvania learned its lesson",
        "Related: A brief history of the border dispute",
        "Photos: Soldiers march in the capital. Hide Caption 2 of 10",
        "Hide caption The delegates arrive. Previous Next 1 of 4 i View slideshow",
        "Sign up for Daily Newsletters Manage Newsletters",
        "The talks went on. JUST WATCHED A film Replay More Videos ... MUST WATCH A film 01:10"
        " Then the envoys left.",
        "More than 20 people died in the attack on the border post on Tuesday night.",
        "Next year, the two states will hold talks on trade in Geneva, officials said.",
    ]
)


def test_furniture_lines_and_spans_are_cut_with_offsets_kept() -> None:
    from detente.clean.boilerplate import paragraphs

    kept = [_FURNISHED[p.start : p.end] for p in paragraphs(_FURNISHED)]
    assert kept == [
        "Freedonia and Sylvania held talks on Monday.",
        "The talks went on.",
        "Then the envoys left.",
        "More than 20 people died in the attack on the border post on Tuesday night.",
        "Next year, the two states will hold talks on trade in Geneva, officials said.",
    ]


# captions, credits and reader prompts of our own words, in the shapes news pages give them
_CAPTIONED = "\n".join(
    [
        "Sylvania recalled its ambassador from Freedonia on Monday.",
        "Image copyright Agency Image caption Freedonian troops at the border last week",
        "Media playback is unsupported on your device Media caption Why the border matters",
        "Enlarge this image toggle caption Jan Novak/AP Jan Novak/AP",
        "Facebook Twitter Pinterest The envoys meet in the capital. Photograph: Jan Novak/Getty"
        " Images",
        "The envoys shake hands in the capital, March 3, 2021. REUTERS/Jan Novak",
        "The envoys shake hands in the capital on Monday. (Photo: Jan Novak, AFP)",
        "Jan Novak/AFP/Getty Images",
        "AP Photo/Jan Novak",
        "Sylvania's quiet rearmament worries its neighbours | Anna Berg Read more",
        "Play Video 2:10 Sylvania's minister on the recall – video",
        "Interested in Sylvania? Add Sylvania as an interest to stay up to date on the news.",
        "Please follow Anna Berg on Twitter at @aberg",
        "Copyright © 2021 The Example Times. Click here for reprint permission.",
        "[pullquote]",
        "( PHOTOS: The envoys in the capital)",
        "Slideshow (4 Images)",
        "Contributing: Anna Berg",
        "Story highlights Sylvania recalls its envoy",
        "Freedonia said it regretted the decision and would follow the talks closely.",
        "A photo of the two envoys shaking hands was shared widely on Twitter on Monday.",
        "Tap water was cut off in the border town for three days.",
    ]
)


def test_captions_credits_and_reader_prompts_are_furniture() -> None:
    kept = [_CAPTIONED[p.start : p.end] for p in paragraphs(_CAPTIONED)]
    assert kept == [
        "Sylvania recalled its ambassador from Freedonia on Monday.",
        "Freedonia said it regretted the decision and would follow the talks closely.",
        "A photo of the two envoys shaking hands was shared widely on Twitter on Monday.",
        "Tap water was cut off in the border town for three days.",
    ]


def test_furniture_is_cut_from_jsonl_text_too(tmp_path: Path) -> None:
    import json

    from detente.ingest.files import read_inputs
    from detente.model import RawDocument
    from detente.pipeline import prepare

    src = tmp_path / "news.jsonl"
    src.write_text(json.dumps({"text": _FURNISHED, "published": "2020-01-02"}) + "\n")
    raws = [r for r in read_inputs([str(src)]) if isinstance(r, RawDocument)]
    doc = prepare(raws[0])
    texts = [doc.text[p.start : p.end] for p in doc.paragraphs]
    assert "Then the envoys left." in texts
    assert not any("WATCH" in t or t.startswith(("More:", "Photos:")) for t in texts)


# a person's card of other headlines glued into the sentence that names them, in both forms
# (the full name glued to the first headline; the name spelled out again, then a space)
_CARDED = "\n".join(
    [
        "Foreign Minister Anna Berg Anna Maria BergSylvania recalls envoy Border talks stall in"
        " Geneva MORE said on Monday that Sylvania would recall its ambassador.",
        "Prime Minister Jan Novak Jan Pieter Novak Freedonia hosts summit Novak: 'We will not"
        " yield' MORE, who hosted the talks, called the decision regrettable.",
        "The spokesman Tom Ross Thomas RossMORE declined to comment.",
        "Protesters chanted NO MORE WAR outside the embassy of Sylvania on Tuesday.",
        "Anna Berg met Anna Berg's counterpart, and MORE talks are planned.",
    ]
)


def test_a_persons_card_of_headlines_is_blanked_inside_its_sentence() -> None:
    paras = paragraphs(_CARDED)
    assert [_CARDED[p.start : p.end] for p in paras] == _CARDED.split("\n")
    read = [" ".join(p.parsed(_CARDED).split()) for p in paras]
    assert read == [
        "Foreign Minister Anna Berg said on Monday that Sylvania would recall its ambassador.",
        "Prime Minister Jan Novak , who hosted the talks, called the decision regrettable.",
        "The spokesman Tom Ross declined to comment.",
        "Protesters chanted NO MORE WAR outside the embassy of Sylvania on Tuesday.",
        "Anna Berg met Anna Berg's counterpart, and MORE talks are planned.",
    ]
    # every offset still slices the original text, blanks included
    for p in paras:
        assert len(p.parsed(_CARDED)) == p.end - p.start
        assert all(p.start <= a < b <= p.end for a, b in p.blanks)


def test_a_paragraphs_blanks_are_stored_and_read_back() -> None:
    from detente.clean.prepare import prepare
    from detente.model import RawDocument
    from detente.store.base import DOC_COLUMNS, document_from_row, document_row

    doc = prepare(RawDocument("carded.txt", _CARDED, "text", Given(published="2020-01-02")))
    assert any(p.blanks for p in doc.paragraphs)
    back = document_from_row(dict(zip(DOC_COLUMNS, document_row(doc, "v"), strict=True)))
    assert back.paragraphs == doc.paragraphs
