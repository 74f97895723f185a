"""content_hash: identity of content, blind to whitespace and Unicode composition."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from timeline.ingest.hashing import content_hash
from timeline.model import Document


def test_is_sha256_hex_of_normalised_text() -> None:
    assert (
        content_hash("  Putin met\r\n\r\nFico.\t") == hashlib.sha256(b"Putin met Fico.").hexdigest()
    )


def test_whitespace_variants_hash_equal() -> None:
    a = "Putin met Fico in Beijing.\n\nThe talks lasted two hours."
    b = "Putin  met Fico\u00a0in Beijing.\r\n\r\n\r\nThe talks lasted two hours.   \n"
    assert content_hash(a) == content_hash(b)


def test_nfc_and_nfd_hash_equal() -> None:
    assert content_hash("Zelenskyy in Kyiv caf\u00e9") == content_hash(
        "Zelenskyy in Kyiv cafe\u0301"
    )


def test_different_content_differs() -> None:
    assert content_hash("Putin met Fico.") != content_hash("Putin met Xi.")


def test_document_property_uses_it() -> None:
    doc = Document(name="a.txt", text="Putin met\n\nFico.")
    assert doc.content_hash == content_hash("Putin met Fico.")


@given(
    st.lists(st.text(alphabet=st.characters(blacklist_categories=["Z", "Cc"]), min_size=1)),
    st.data(),
)
def test_any_whitespace_between_words_is_ignored(words: list[str], data: st.DataObject) -> None:
    separators = st.text(alphabet=" \t\n\r\u00a0\u2003", min_size=1, max_size=4)
    joined = "".join(w + data.draw(separators) for w in words)
    assert content_hash(joined) == content_hash(" ".join(words))


def test_a_corpus_document_is_its_id_and_its_text() -> None:
    """A wire story re-run word for word under another DOCID is another corpus document."""
    text = "HAVANA (AP) -- The government urged its people to rally."
    first = Document(name="a.tml", text=text, metadata={"doc_id": "APW20000107.0088"})
    rerun = Document(name="b.tml", text=text, metadata={"doc_id": "APW20000115.0209"})
    same = Document(name="c.tml", text=text + "\n", metadata={"doc_id": "APW20000107.0088"})
    assert first.content_hash != rerun.content_hash != Document("d.txt", text).content_hash
    assert first.content_hash == same.content_hash
    assert Document("e.txt", text, metadata={"doc_id": ""}).content_hash == content_hash(text)
