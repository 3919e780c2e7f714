"""The RSS / Atom reader: one document per entry, its metadata from the feed, added as one
module and one registry entry (and so in the CLI's choices and the README's table)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from detente.ingest.files import READERS, read_path, read_stream
from detente.ingest.reader import Rejected
from detente.model import Given, RawDocument

ROOT = Path(__file__).resolve().parent.parent

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://gazette.example/</link>
  <description>Test feed</description>
  <item>
    <title>Ministers agree on a fisheries deal</title>
    <link>https://gazette.example/fisheries</link>
    <pubDate>Tue, 14 Mar 2023 09:30:00 GMT</pubDate>
    <dc:creator>Ana Lima</dc:creator>
    <content:encoded><![CDATA[<p>The foreign ministers of Norway and Iceland signed a
      fisheries agreement in Oslo on Monday.</p><p>"This is a fair deal for both coasts," the
      Norwegian minister told reporters after the signing.</p>]]></content:encoded>
  </item>
  <item>
    <title>Photo of the day</title>
    <link>https://gazette.example/photo</link>
    <description></description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Coastal Wire</title>
  <entry>
    <title>Talks resume in Geneva</title>
    <link href="https://wire.example/geneva"/>
    <updated>2024-02-01T12:00:00Z</updated>
    <summary type="html">&lt;p&gt;Delegations from Armenia and Azerbaijan resumed talks in
      Geneva on Thursday, the Swiss foreign ministry said.&lt;/p&gt;</summary>
  </entry>
</feed>
"""


def test_each_rss_item_is_a_document_with_the_feed_s_metadata(tmp_path: Path) -> None:
    path = tmp_path / "gazette.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = list(read_path(path))
    assert isinstance(first, RawDocument) and first.format == "feed"
    assert first.source == "https://gazette.example/fisheries"
    assert first.given == Given(
        url="https://gazette.example/fisheries",
        outlet="Harbour Gazette",
        published="2023-03-14",
        title="Ministers agree on a fisheries deal",
        author="Ana Lima",
    )
    # one paragraph a line, whitespace collapsed, no markup
    lines = first.text.splitlines()
    assert lines[0].startswith("The foreign ministers of Norway and Iceland signed")
    assert lines[1].startswith('"This is a fair deal') and "<p>" not in first.text
    assert isinstance(second, Rejected) and second.reason == "empty"
    assert second.source.endswith("gazette.rss#2")


def test_an_atom_feed_on_stdin_is_recognised_by_its_content() -> None:
    (doc,) = list(read_stream(io.BytesIO(ATOM.encode()), given=Given(outlet="Desk")))
    assert isinstance(doc, RawDocument) and doc.format == "feed"
    assert doc.given.outlet == "Desk"  # what the user states wins
    assert doc.given.published == "2024-02-01" and doc.given.title == "Talks resume in Geneva"
    assert doc.text.startswith("Delegations from Armenia and Azerbaijan")


def test_xml_that_is_no_feed_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "data.xml"
    path.write_text("<?xml version='1.0'?><inventory><item>bolts</item></inventory>")
    (item,) = list(read_path(path))
    assert isinstance(item, Rejected) and item.reason == "bad-record"


def test_feed_entries_are_stored_with_their_evidence_and_survive_reprocess(
    db: Any, tmp_path: Path
) -> None:
    path = tmp_path / "gazette.rss"
    path.write_text(RSS, encoding="utf-8")
    report = db.ingest([str(path)], merge=False)
    assert len(report.added) == 1 and [r[1] for r in report.rejected] == ["empty"]
    (doc,) = db.documents()
    assert (doc["outlet"], doc["published"], doc["format"]) == (
        "Harbour Gazette",
        "2023-03-14",
        "feed",
    )
    assert '"rule": "feed-meta"' in doc["published_evidence"]
    from detente.pipeline import Pipeline

    db.pipeline = Pipeline(model=db.pipeline.model, prepare_version="clean-feed-test")
    path.unlink()
    assert len(db.reprocess(merge=False).updated) == 1
    (again,) = db.documents()
    assert again == doc


def test_the_cli_and_the_readme_list_every_reader() -> None:
    from click.testing import CliRunner

    from detente.cli import cli

    help_text = CliRunner().invoke(cli, ["ingest", "--help"]).output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for reader in READERS:
        assert reader.name in help_text
        row = re.search(rf"^\| `{reader.name}` \| (.*?) \| (.*?) \|$", readme, re.M)
        assert row, f"README: no row for the {reader.name} reader"
        assert row.group(1) == ", ".join(f"`{e}`" for e in reader.extensions)
        assert row.group(2) == reader.help
