"""Entities, triggers, event extraction and same-happening decisions."""

from __future__ import annotations

from datetime import date

from timeline.events.entities import find_entities
from timeline.events.extract import clause_spans, event_mentions, extract_events
from timeline.events.lemmas import lemma, trigger_family
from timeline.events.merge import same_happening
from timeline.model import Anchoring, Event, Granularity, Interval, Provenance, PublicationDate
from timeline.temporal import tag
from timeline.text.sentences import split_sentences

DCT = date(2025, 9, 2)


def names(text: str, known: tuple[str, ...] = ()) -> list[str]:
    return [e.name for e in find_entities(text, known)]


def test_titles_and_short_forms_map_to_one_name() -> None:
    text = (
        "Russian President Vladimir Putin met Slovak Prime Minister Robert Fico. "
        "Putin said Fico was welcome. Later putin left."
    )
    assert names(text) == [
        "Vladimir Putin",
        "Robert Fico",
        "Vladimir Putin",
        "Robert Fico",
        "Vladimir Putin",
    ]


def test_aliases_and_sentence_initial_words() -> None:
    text = "Despite this, the U.S. imposed tariffs. However, Washington said the EU agreed."
    found = names(text)
    assert "United States" in found and "European Union" in found and "Washington" in found
    assert "Despite" not in found and "However" not in found


def test_known_names_from_the_corpus_win() -> None:
    assert names("Trump spoke to reporters.", known=("Donald Trump",)) == ["Donald Trump"]


def test_lemmas_and_families() -> None:
    assert lemma("met") == "meet" and lemma("planned") == "plan" and lemma("talks") == "talk"
    assert trigger_family("meeting") == trigger_family("summit") == trigger_family("met")
    assert trigger_family("invasion") == trigger_family("invaded")


def events_of(text: str, published: PublicationDate | None = None) -> list[Event]:
    return extract_events(text, split_sentences(text), tag(text, DCT), published)


def test_time_anchored_clause_gets_its_verb_and_participants() -> None:
    text = "On June 14, Putin outlined his conditions. Fico met Putin in Beijing on Tuesday."
    first, second = events_of(text)
    assert (first.trigger, first.value, first.anchoring) == (
        "outlined",
        "2025-06-14",
        Anchoring.TIMEX,
    )
    assert (second.trigger, second.value) == ("met", "2025-09-02")
    assert second.participants == ("Fico", "Putin", "Beijing")
    assert text[second.char_start : second.char_end] == "met"


def test_reporting_event_at_the_publication_date() -> None:
    published = PublicationDate(
        Interval(DCT, date(2025, 9, 3), Granularity.DAY), DCT, 0.9, Provenance.METADATA
    )
    (event,) = events_of("Putin said the talks were constructive.", published)
    assert (event.trigger, event.anchoring, event.value) == (
        "said",
        Anchoring.PUBLICATION,
        "2025-09-02",
    )
    assert events_of("Putin said the talks were constructive.") == []  # undated: nothing to anchor


def test_a_since_time_does_not_date_the_event() -> None:
    assert events_of("It was their first meeting since 2019.") == []


def test_same_happening_needs_time_kind_and_a_shared_participant() -> None:
    a = events_of("Donald Trump met Vladimir Putin in Alaska on Friday.")[0]
    b = events_of("The summit between Vladimir Putin and Donald Trump took place on Friday.")[0]
    c = events_of("Fico met Xi on Friday.")[0]
    d = events_of("Donald Trump met Vladimir Putin in Alaska on Thursday.")[0]
    assert same_happening(a, b)
    assert not same_happening(a, c)  # nobody in common
    assert not same_happening(a, d)  # another day


PUBLISHED = PublicationDate(
    Interval(DCT, date(2025, 9, 3), Granularity.DAY), DCT, 0.9, Provenance.METADATA
)


def test_casing_noise_and_titles_give_one_entity() -> None:
    text = "Russian President Vladimir Putin arrived. putin said PUTIN will stay. Putin left."
    assert set(names(text)) == {"Vladimir Putin"} and len(names(text)) == 4
    assert names("putin spoke.", known=("Vladimir Putin",)) == ["Vladimir Putin"]
    # a last name that is an English word stays a word in lower case
    assert names("Steve Jobs left. The jobs report came out.") == ["Steve Jobs"]


def test_one_event_per_clause() -> None:
    text = "On Friday, Donald Trump met Vladimir Putin and discussed Ukraine in Alaska."
    events = events_of(text, PUBLISHED)
    assert [e.trigger for e in events] == ["met"]


def test_narrative_time_is_inherited_by_the_next_sentence_only() -> None:
    text = (
        "On Friday, Donald Trump met Vladimir Putin in Alaska. "
        "They spoke for three hours with Putin. "
        "Later Putin flew home."
    )
    met, spoke = events_of(text, PUBLISHED)
    assert (met.anchoring, spoke.anchoring) == (Anchoring.TIMEX, Anchoring.INHERITED)
    assert spoke.interval == met.interval and spoke.timex_index is None
    many = extract_events(text, split_sentences(text), tag(text, DCT), PUBLISHED, inherit_hops=2)
    assert [e.trigger for e in many] == ["met", "spoke", "flew"]


def test_a_reporting_verb_after_a_narrated_day_belongs_to_it() -> None:
    text = "Donald Trump met Vladimir Putin on Friday. Trump said the talks were constructive."
    met, said = events_of(text, PUBLISHED)
    assert said.anchoring is Anchoring.INHERITED and said.value == met.value
    alone = events_of("Trump said the talks were constructive.", PUBLISHED)
    assert [(e.trigger, e.anchoring) for e in alone] == [("said", Anchoring.PUBLICATION)]


def test_future_and_background_times_are_not_inherited() -> None:
    text = "In the 19th century Russia sold Alaska. Putin said he will return."
    events = events_of(text, PUBLISHED)
    said = next(e for e in events if e.trigger == "said")
    assert said.anchoring is Anchoring.PUBLICATION  # a century is background, not narration


def test_a_definite_event_noun_takes_the_time_of_the_event_it_refers_to() -> None:
    text = (
        "Trump welcomed Putin to Alaska on Friday for their first meeting. "
        "Against a backdrop reading 2025, the leaders shook hands. "
        "Joining Putin for the talks were Sergei Lavrov and Yuri Ushakov."
    )
    events = events_of(text, PUBLISHED)
    welcomed = next(e for e in events if e.trigger == "welcomed")
    talks = next(e for e in events if e.trigger == "talks")
    assert talks.interval == welcomed.interval and talks.anchoring is Anchoring.INHERITED


def test_clauses_close_relative_clauses() -> None:
    sentence = "The Widget, which Smith introduced on June 7, went on sale on Friday."
    spans = [sentence[a:b] for a, b in clause_spans(sentence)]
    assert spans == [
        "The Widget",
        ", which Smith introduced on June 7,",
        " went on sale on Friday.",
    ]
    mentions = event_mentions(sentence, split_sentences(sentence), tag(sentence, DCT), PUBLISHED)
    went = next(m for m in mentions if m.trigger.text == "went")
    assert went.anchor is not None and went.anchor.value != "2025-06-07"


def test_a_lower_cased_first_word_of_a_known_name_is_taken_back() -> None:
    text = "Russia never objected to membership in the european Union. The EU agreed."
    assert names(text) == ["European Union", "European Union"]


def test_a_present_perfect_state_does_not_take_the_narrated_time() -> None:
    text = (
        "Trump met Putin in Alaska last month. Ukraine's membership in the European Union "
        "has never been opposed by Russia."
    )
    events = events_of(text)
    assert all(e.trigger != "opposed" for e in events if e.value == "2025-08")
