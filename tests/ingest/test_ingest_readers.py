"""Readers per format, on the fixtures in fixtures/ingest/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.ingest import IngestError, read_html, read_json_payload, read_path, read_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ingest"


def test_text_file_title_and_cleaned_text() -> None:
    [doc] = read_path(FIXTURES / "sample.txt")
    assert doc.name == "sample.txt"
    assert doc.title == "Putin and Fico meet in Beijing"
    assert doc.metadata == {"source_format": "text"}
    assert doc.text == (
        "Putin and Fico meet in Beijing\n\n"
        "Russian President Vladimir Putin met Slovak Prime Minister Robert Fico in Beijing on "
        "Tuesday. He said the talks were “constructive.”\n\n"
        "Mr. Fico told reporters the U.S. position had shifted."
    )
    assert doc.text.startswith(doc.title)  # offsets are into the text including the title


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("Trump suggests progress in talks\n\nBody.", "Trump suggests progress in talks"),
        ("\n\n  Indented headline  \nBody.", "Indented headline"),
        ("A caption that ends in a period, June 28, 2019.\n\nHeadline\n\nBody.", None),
        ("x" * 200 + "\nBody.", None),
        ("x" * 199 + "\nBody.", "x" * 199),
        ("TRUMP-PUTIN SUMMIT?\nBody.", "TRUMP-PUTIN SUMMIT?"),
    ],
)
def test_text_title_rule(raw: str, title: str | None) -> None:
    assert read_text("a.txt", raw).title == title


def test_markdown_title_drops_hashes_but_text_keeps_them() -> None:
    [doc] = read_path(FIXTURES / "sample.md")
    assert doc.title == "Markdown headline"
    assert doc.text.startswith("# Markdown headline\n\n")
    assert doc.metadata["source_format"] == "markdown"


def test_html_article_text_title_url_and_date_hints() -> None:
    [doc] = read_path(FIXTURES / "article.html")
    assert doc.name == "article.html"
    assert doc.title == "Putin and Fico meet in Beijing"
    assert doc.url == "https://example.com/world/putin-fico-beijing"
    assert doc.text == (
        "Putin and Fico meet in Beijing\n\n"
        "Russian President Vladimir Putin met Slovak Prime Minister Robert Fico in Beijing on "
        "Tuesday.\n\n"
        "“We are very happy about this,” Putin said.\nFico agreed.\n\n"
        "First point\n\nSecond point\n\n"
        "The meeting lasted two hours."
    )
    assert doc.metadata == {
        "source_format": "html",
        "html_meta": {
            "article:published_time": "2025-09-02T10:15:00Z",
            "DC.date.issued": "2025-09-02",
            "time": "2025-09-02T10:15:00Z",
            "jsonld:datePublished": "2025-09-02T10:15:00+00:00",
            "jsonld:dateCreated": "2025-09-01T22:00:00+00:00",
        },
        "canonical_url": "https://example.com/world/putin-fico-beijing",  # its own address
        "htmldate": "2025-09-02",  # htmldate's reading of the same page
        "htmldate_extensive": "2025-09-02",  # and its search of the whole page
    }


def test_html_fallbacks_without_article() -> None:
    raw = (
        "<html><head><title>Only a title</title>"
        '<meta property="og:url" content="https://example.com/og">'
        '<meta name="pubdate" content="20250902">'
        '<meta itemprop="datePublished" content="2025-09-02">'
        "<script type='application/ld+json'>{not json}</script></head>"
        "<body><header>Site header</header><div>First block<div>Nested block</div></div>"
        "<p>Para with <a href='#'>link</a> and <time datetime='2025-09-01'>Monday</time>.</p>"
        "<footer>Footer</footer></body></html>"
    )
    doc = read_html("page.htm", raw)
    assert doc.title == "Only a title"
    assert doc.url == "https://example.com/og"
    # without <article>/<main>, trafilatura judges the short blocks boilerplate; the kept
    # paragraph is ours, with the <time> text trafilatura itself would have dropped
    assert doc.text == "Para with link and Monday."
    assert doc.metadata["htmldate"] == "2025-09-02"
    assert doc.metadata["html_meta"] == {
        "pubdate": "20250902",
        "datePublished": "2025-09-02",
        "time": "2025-09-01",
    }


def test_html_main_is_preferred_over_body() -> None:
    doc = read_html("m.html", "<body><div>Menu junk</div><main><p>The story.</p></main></body>")
    assert doc.text == "The story."


def test_html_bytes_in_cp1252() -> None:
    raw = "<html><body><p>Caf\u00e9 talks \u201cwent well\u201d.</p></body></html>".encode("cp1252")
    assert read_html("legacy.html", raw).text == "Caf\u00e9 talks \u201cwent well\u201d."


def test_json_single_object() -> None:
    [doc] = read_path(FIXTURES / "single.json")
    assert doc.name == "single.json"
    assert doc.title == "Putin says Russia ‘sincerely interested’ in ending war"
    assert doc.url == "https://example.com/alaska"
    assert doc.text == (
        "Donald Trump welcomed Vladimir Putin to Alaska on Friday.\n\n"
        "The two leaders met for three hours."
    )
    assert doc.metadata == {
        "published": "2025-08-16",
        "source_format": "json",
        "extra": {"author": "Staff"},
    }


def test_json_list_names_aliases_and_html_content() -> None:
    docs = read_path(FIXTURES / "list.json")
    assert [d.name for d in docs] == ["first-article", "list.json#2", "list.json#3"]
    assert [d.metadata.get("published") for d in docs] == [
        "2025-09-02",
        "Tue, 02 Sep 2025 08:00:00 GMT",
        "2025-09-03T12:00:00Z",
    ]
    assert docs[1].text == "Trump claimed great progress.\n\nNo deal was reached."
    assert docs[2].text == "Third article without a title."
    assert docs[2].title is None


def test_jsonl_names_by_line_number() -> None:
    docs = read_path(FIXTURES / "feed.jsonl")
    assert [d.name for d in docs] == ["feed.jsonl#1", "named-two", "feed.jsonl#4"]
    assert docs[0].metadata == {"published": "2025-09-01", "source_format": "json"}
    assert docs[2].text == "Third line article."


def test_read_json_payload_accepts_object_or_list() -> None:
    obj = {"text": "Putin met Fico.", "date": "2025-09-02", "title": "Meeting"}
    [one] = read_json_payload("api", obj)
    assert (one.name, one.title, one.metadata) == (
        "api",
        "Meeting",
        {"published": "2025-09-02", "source_format": "json"},
    )
    many = read_json_payload("api", [obj, {"content": "Second.", "name": "two"}])
    assert [d.name for d in many] == ["api#1", "two"]


def test_published_value_is_kept_raw_not_parsed() -> None:
    [doc] = read_json_payload("x", {"text": "T.", "published": "Tue, 2 Sep 2025 10:00 GMT"})
    assert doc.metadata["published"] == "Tue, 2 Sep 2025 10:00 GMT"


@pytest.mark.parametrize(
    ("published", "message"),
    [
        (1756771200, "must be a date string"),
        ("the day after the storm", "is not a date"),
        ("9999-12-31", "outside the calendar"),
        ("0000-01-01", "is not a date"),
    ],
)
def test_published_that_is_no_date_is_refused(published: object, message: str) -> None:
    """A date nobody can read is the sender's mistake, not a cue to estimate one."""
    with pytest.raises(IngestError, match=message):
        read_json_payload("x", {"text": "T.", "published": published})


def test_folder_is_recursive_sorted_and_skips_hidden_and_readme(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("B headline\n\nBody b.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"text": "Body a."}), encoding="utf-8")
    (tmp_path / "README.md").write_text("# Not an article", encoding="utf-8")
    (tmp_path / "README").write_text("Not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden dir", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.HTM").write_text("<p>Body c.</p>", encoding="utf-8")
    (tmp_path / "sub" / "d.text").write_text("Body d.", encoding="utf-8")
    docs = read_path(tmp_path)
    assert [d.name for d in docs] == ["a.json", "b.txt", "sub/c.HTM", "sub/d.text"]
    assert [d.text for d in docs] == ["Body a.", "B headline\n\nBody b.", "Body c.", "Body d."]


def test_folder_with_a_bad_file_raises_naming_it_or_reports_it() -> None:
    with pytest.raises(IngestError, match=r"bad\.json: invalid JSON at line 2"):
        read_path(FIXTURES)
    errors: list[IngestError] = []
    docs = read_path(FIXTURES, on_error=errors.append)
    assert [str(FIXTURES / "bad.json") in str(e) for e in errors] == [True]
    assert len(docs) == 10  # html, 3 jsonl, 3 in list.json, md, txt, single.json
    assert "sample.txt" in {d.name for d in docs}


def test_utf8_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHeadline\r\n\r\nBody text.\r\n".encode())
    [doc] = read_path(path)
    assert (doc.title, doc.text) == ("Headline", "Headline\n\nBody text.")


def test_cp1252_fallback(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Kyiv\u2019s caf\u00e9 \u201cdeal\u201d \u2013 done.".encode("cp1252"))
    assert read_path(path)[0].text == "Kyiv\u2019s caf\u00e9 \u201cdeal\u201d \u2013 done."


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Wide headline\n\nBody.".encode("utf-16"))
    assert read_path(path)[0].title == "Wide headline"
