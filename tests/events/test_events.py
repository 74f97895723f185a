"""Entities, triggers, event extraction and same-happening decisions."""

from __future__ import annotations

from datetime import date

from timeline.analysis import TextAnalysis
from timeline.events.entities import find_entities
from timeline.events.extract import clause_spans, event_mentions, extract_events
from timeline.events.lemmas import lemma, trigger_family
from timeline.events.merge import same_happening
from timeline.model import (
    Anchoring,
    Event,
    EventKind,
    Granularity,
    Interval,
    Provenance,
    PublicationDate,
)
from timeline.temporal import tag

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
    return extract_events(TextAnalysis(text), tag(text, DCT), published)


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


def test_a_statement_at_no_named_occasion_is_the_speakers_remarks() -> None:
    published = PublicationDate(
        Interval(DCT, date(2025, 9, 3), Granularity.DAY), DCT, 0.9, Provenance.METADATA
    )
    (event,) = events_of("Putin said he was satisfied.", published)
    assert (event.kind, event.trigger, event.anchoring, event.value) == (
        EventKind.REMARKS,
        "said",
        Anchoring.PUBLICATION,
        "2025-09-02",
    )
    assert [(s.speaker, s.text) for s in event.statements] == [("Putin", "he was satisfied.")]
    assert events_of("Putin said he was satisfied.") == []  # undated: nothing to anchor


def test_a_since_time_does_not_date_the_event() -> None:
    assert events_of("It was their first meeting since 2019.") == []


def test_a_stretch_up_to_the_report_is_not_last_calendar_unit() -> None:
    # the tagger writes "the past year" as last calendar year (TimeBank's DATE); the sale
    # happened somewhere in the twelve months before the report, not in 2024
    text = "Apple sold three million phones in the past year."
    assert all(e.value != "2024" for e in events_of(text))
    assert [e.value for e in events_of("Apple sold three million phones last year.")] == ["2024"]


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


def test_a_number_word_ending_a_name_is_part_of_it() -> None:
    text = "Speaking on Air Force One, Trump smiled. One Apple executive left."
    assert names(text) == ["Air Force One", "Trump", "Apple"]


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
    many = extract_events(TextAnalysis(text), tag(text, DCT), PUBLISHED, inherit_hops=2)
    assert [e.trigger for e in many] == ["met", "spoke", "flew"]


def test_a_statement_about_the_narrated_talks_belongs_to_them() -> None:
    text = "Donald Trump met Vladimir Putin on Friday. Trump said the talks were constructive."
    events = events_of(text, PUBLISHED)
    assert {e.coref for e in events} == {events[0].coref}  # one happening: met = the talks
    said = [s for e in events for s in e.statements]
    assert [(s.speaker, s.text) for s in said] == [("Donald Trump", "the talks were constructive.")]
    assert all(e.value == events[0].value for e in events)
    (alone,) = events_of("Trump said he was pleased.", PUBLISHED)
    assert (alone.kind, alone.anchoring) == (EventKind.REMARKS, Anchoring.PUBLICATION)


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
    mentions = event_mentions(TextAnalysis(sentence), tag(sentence, DCT), PUBLISHED)
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


MONTH_PUBLISHED = PublicationDate(
    Interval(date(2025, 9, 1), date(2025, 10, 1), Granularity.MONTH),
    date(2025, 9, 15),
    0.5,
    Provenance.CORPUS,
)


def test_the_occasion_of_a_statement_is_a_happening_of_its_own() -> None:
    text = (
        "Vladimir Putin stated that Russia is listening. He made these comments during a bilateral "
        "meeting with Prime Minister Robert Fico in Beijing, China."
    )
    meetings = [e for e in events_of(text, MONTH_PUBLISHED) if e.trigger == "meeting"]
    assert len(meetings) == 1
    (meeting,) = meetings
    # at the time of the statement made at it, which the article's date gives
    assert meeting.interval == MONTH_PUBLISHED.interval
    assert meeting.anchoring is Anchoring.INHERITED
    # who made the comments was at the meeting; its own phrase names the rest
    assert meeting.participants[:2] == ("Vladimir Putin", "Robert Fico")
    # a fronted occasion takes the subject of the verb after it
    fronted = "During a high-profile meeting in Beijing with Robert Fico, Putin drew a clear line."
    (meeting,) = [e for e in events_of(fronted, MONTH_PUBLISHED) if e.trigger == "meeting"]
    assert set(meeting.participants) >= {"Putin", "Beijing", "Robert Fico"}
    # undated and no statement in the past: nothing to anchor; a war frames, it is no occasion
    assert events_of(text) == [] or all(e.trigger != "meeting" for e in events_of(text))
    war = "Putin made these comments during a war with Ukraine."
    assert all(e.trigger != "war" for e in events_of(war, MONTH_PUBLISHED))


def test_an_occasion_names_only_who_was_there() -> None:
    text = (
        "Vladimir Putin stated that Russia is listening. He made these remarks during a bilateral "
        "meeting with Robert Fico in Beijing on Tuesday, following talks with Xi Jinping."
    )
    (meeting,) = [e for e in events_of(text) if e.trigger == "meeting"]
    assert meeting.value == "2025-09-02"
    # not Xi Jinping: the talks with him are another happening
    assert meeting.participants == ("Vladimir Putin", "Robert Fico", "Beijing")


def test_he_is_the_subject_of_the_sentence_not_the_last_name_before_a_participle() -> None:
    text = (
        "Vladimir Putin stated he believes the administration of Donald Trump is listening, "
        "noting a “Mutual Understanding” following recent discussions. He met Robert Fico on "
        "Tuesday."
    )
    (met,) = [e for e in events_of(text) if e.trigger == "met"]
    assert met.participants[0] == "Vladimir Putin"
    text = "On Friday, Donald Trump mentioned that he met Volodymyr Zelenskyy on Thursday."
    (met,) = [e for e in events_of(text) if e.trigger == "met"]
    assert met.participants[0] == "Donald Trump"


def test_a_premodifying_year_dates_its_noun_not_the_verb_before() -> None:
    text = "Moscow is advancing at its fastest rate since the early stages of the 2022 invasion."
    events = events_of(text)
    assert all(e.trigger != "advancing" for e in events)
    assert [(e.trigger, e.value) for e in events] == [("invasion", "2022")]


def test_a_year_in_a_quoted_name_dates_nothing() -> None:
    text = "Against a backdrop emblazoned with “Alaska 2025,” the two leaders shook hands."
    assert all(e.value != "2025" for e in events_of(text))
    assert [e.value for e in events_of("The leaders shook hands in 2025.")] == ["2025"]


def test_a_participle_describing_a_noun_is_not_the_clause_event() -> None:
    text = (
        "In 2022, Russia invaded Ukraine. Ukraine and its allies, led by the United States, "
        "have characterized the invasion as a land grab."
    )
    assert all(e.trigger != "led" for e in events_of(text))
    assert any(e.trigger == "led" for e in events_of("In 2022, Smith led the team."))


def test_a_speaker_announcing_its_own_act_is_a_statement_of_that_happening() -> None:
    text = "Apple Inc. announced Monday it has settled its trademark dispute with Apple Corps."
    [settled] = events_of(text, PUBLISHED)
    assert settled.trigger == "settled" and settled.kind is EventKind.HAPPENING
    assert [s.speaker for s in settled.statements] == ["Apple Inc"]
    # someone else's act stays apart: the statement makes the speaker's remarks
    text = "Apple Inc. said on Monday that Cisco settled its dispute with Apple Corps on Monday."
    events = {e.trigger: e for e in events_of(text, PUBLISHED)}
    assert events["said"].kind is EventKind.REMARKS and not events["settled"].statements
