"""The SemEval timeline builder's parts: re-joining tokens, finding the target, phrasal
triggers, task dates, and a whole timeline from two small TimeML documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from timeline.io.timeml import read_timeml
from timeline.model import Granularity, Interval
from timeline.tasks.semeval_documents import detokenize, prepare
from timeline.tasks.semeval_targets import TargetMatcher
from timeline.tasks.semeval_timelines import build_timelines, timeline_date
from timeline.temporal.values import day_interval, month_interval, week_interval

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "events" / "timeml"


def trial(sentences: list[str], dct: str = "2010-06-08", doc_id: str = "9") -> str:
    body = "".join(f'<s id="{k}">{s}</s>' for k, s in enumerate(sentences, start=1))
    return (
        f'<TimeML><DOCID>{doc_id}</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" '
        f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT><TEXT>{body}</TEXT></TimeML>'
    )


def test_detokenize_keeps_a_map_to_every_token() -> None:
    tokens = [
        "Apple",
        "'",
        "s",
        "CEO",
        ",",
        '"',
        "we",
        "'",
        "re",
        "launching",
        '"',
        "(",
        "June",
        "9",
        ",",
        "2008",
        ")",
    ]
    text, spans = detokenize(tokens)
    assert text == "Apple's CEO, \"we're launching\" (June 9, 2008)"
    assert [text[a:b] for a, b in spans] == tokens


def test_prepare_joins_sentences_and_keeps_their_ids() -> None:
    doc = prepare(read_timeml(trial(["June 8 , 2010", "Jobs said it ."])))
    assert doc.text == "June 8, 2010\nJobs said it."
    assert doc.sentence_ids == ["1", "2"]
    said = doc.token_at(doc.text.index("said"))
    assert said is not None and (said.sentence_id, said.text) == ("2", "said")


def test_target_names_pronouns_and_other_people() -> None:
    doc = prepare(
        read_timeml(
            trial(
                [
                    "Apple CEO Steve Jobs unveiled the phone .",
                    "He said it was new .",
                    "Steve Ballmer said he disagreed .",
                    "Jobs ' keynote ended at noon .",
                ]
            )
        )
    )
    found = [(doc.text[m.start : m.end], m.kind) for m in TargetMatcher("Steve Jobs").mentions(doc)]
    assert ("Steve Jobs", "name") in found and ("He", "subject") in found
    assert ("Steve", "name") not in found  # Steve Ballmer's first name
    assert sum(1 for text, _ in found if text.lower() == "he") == 1  # Ballmer's "he" is not Jobs
    assert any(text == "Jobs" for text, _ in found)


def test_product_names_in_any_order_and_definite_descriptions() -> None:
    doc = prepare(
        read_timeml(
            trial(
                [
                    "Apple launched the iTunes Music Store .",
                    "Since its launch the store has sold songs .",
                    "Apple today launched a 3G iPhone .",
                ]
            )
        )
    )
    store = [doc.text[m.start : m.end] for m in TargetMatcher("iTunes store").mentions(doc)]
    assert store[:2] == ["iTunes Music Store", "its"] and "the store" in store
    phone = [doc.text[m.start : m.end] for m in TargetMatcher("iPhone 3G").mentions(doc)]
    assert phone == ["3G iPhone"]


def test_phrasal_verbs_are_written_with_their_particle() -> None:
    doc = prepare(
        read_timeml(trial(["Jobs showed off the phone and took six months off in 2009 ."]))
    )
    showed = doc.token_at(doc.text.index("showed"))
    took = doc.token_at(doc.text.index("took"))
    assert showed is not None and doc.trigger_text(showed) == "showed_off"
    assert took is not None and doc.trigger_text(took) == "took_off"
    doc = prepare(read_timeml(trial(["Jobs has chosen to step down ."])))
    chosen = doc.token_at(doc.text.index("chosen"))
    step = doc.token_at(doc.text.index("step"))
    assert chosen is not None and doc.trigger_text(chosen) == "chosen"  # not "chosen_down"
    assert step is not None and doc.trigger_text(step) == "step_down"


def test_task_dates() -> None:
    assert timeline_date(day_interval(date(2010, 6, 7)), "2010-06-07") == "2010-06-07"
    assert timeline_date(month_interval(2010, 6), "2010-06") == "2010-06"
    assert timeline_date(week_interval(date(2006, 3, 28)), "2006-W13") == "2006-03"
    decade = Interval(date(1990, 1, 1), date(2000, 1, 1), Granularity.DECADE)
    assert timeline_date(decade, "199") == "199"
    assert timeline_date(None, None) == "XXXX-XX-XX"


def test_a_small_corpus_becomes_ordered_timelines() -> None:
    docs = [read_timeml(p) for p in sorted(FIXTURES.glob("*.tml"))]
    smith, widget = build_timelines(docs, ["John Smith", "Widget 3"])
    lines = {(line.order, line.date, line.events) for line in smith.lines}
    assert (1, "1960", ("102-3-born",)) in lines
    assert (2, "1990", ("102-3-founded",)) in lines
    # two reports of the unveiling share a line, at the date the first one gives
    assert (3, "2010-06-07", ("101-2-unveiled", "102-2-introduced")) in lines
    assert all(line.order == 0 for line in smith.lines if line.date == "XXXX-XX-XX")
    assert [(line.date, line.events) for line in widget.lines] == [
        ("2010-06-07", ("101-2-unveiled",)),
        ("2010-06-18", ("102-2-went",)),
    ]


def _dates_of(sentences: list[str], target: str, dct: str = "2008-01-09") -> dict[str, str]:
    [timeline] = build_timelines([read_timeml(trial(sentences, dct))], [target])
    return {e.split("-", 2)[2]: line.date for line in timeline.lines for e in line.events}


def test_since_a_date_or_an_event_places_what_goes_on_where_it_began() -> None:
    dates = _dates_of(
        [
            "January 09 , 2008",
            "Apple launched the iTunes Music Store on April 28 , 2003 .",
            "Since its launch the iTunes Music Store has sold more than 3 billion songs .",
        ],
        "iTunes Music Store",
    )
    assert dates["launch"] == "2003-04-28"  # "its launch": the launch dated before
    assert dates["sold"] == "2003-04-28"
    dates = _dates_of(
        ["August 25 , 2011", "Steve Jobs has been fighting cancer since 2004 ."],
        "Steve Jobs",
        "2011-08-25",
    )
    assert dates["fighting"] == "2004"


def test_states_of_mind_and_predicate_adjectives_are_no_entries() -> None:
    dates = _dates_of(
        ["April 5 , 2006", "Jobs believed the patch was ready .", "Jobs was available ."],
        "Steve Jobs",
        "2006-04-05",
    )
    assert "believed" not in dates and "available" not in dates


def test_an_aspectual_verb_gives_way_to_the_event_it_continues() -> None:
    dates = _dates_of(
        [
            "August 25 , 2011",
            "Jobs will continue to steer the company .",
            "In 1976 , Jobs started Apple .",
        ],
        "Steve Jobs",
        "2011-08-25",
    )
    assert "continue" not in dates and "steer" in dates and dates["started"] == "1976"


def test_a_light_verb_gives_way_to_the_event_noun_it_carries() -> None:
    dates = _dates_of(
        ["August 25 , 2011", "Jobs briefly made an appearance in June ."],
        "Steve Jobs",
        "2011-08-25",
    )
    assert "appearance" in dates and "made" not in dates


def test_a_possessor_owns_the_noun_before_a_verb_not_its_event() -> None:
    dates = _dates_of(
        ["October 20 , 2010", "Jobs said that his company sold 13.7 million Macs ."],
        "Steve Jobs",
        "2010-10-20",
    )
    assert "said" in dates and "sold" not in dates


def test_a_verb_form_after_a_determiner_is_no_event_of_the_subject() -> None:
    dates = _dates_of(
        ["October 20 , 2010", "Jobs announced the release of iLife ."],
        "Steve Jobs",
        "2010-10-20",
    )
    assert "announced" in dates and "release" not in dates


def test_a_source_attribution_is_no_event_and_an_invitation_is_extended() -> None:
    dates = _dates_of(
        [
            "May 8 , 2006",
            "According to Apple Corps , Steve Jobs extended an invitation to the band .",
        ],
        "Steve Jobs",
        "2006-05-08",
    )
    assert "invitation" in dates and "extended" not in dates and "according" not in dates


def test_a_speaker_named_with_a_title_after_the_reporting_verb_said_it() -> None:
    dates = _dates_of(
        ["February 6 , 2007", '" We love the Beatles , " said Apple Inc. CEO Steve Jobs .'],
        "Steve Jobs",
        "2007-02-06",
    )
    assert "said" in dates


def test_a_length_before_an_event_is_not_counted_from_the_narrative_time() -> None:
    released = "Apple released the iPhone 3G on July 11 , 2008 ."
    dates = _dates_of(
        [
            "June 9 , 2009",
            released,
            "Apple showed new software two days before the phone launches .",
        ],
        "Apple",
        "2009-06-09",
    )
    assert dates["showed"] != "2008-07-09"  # two days before the launch, not the release
    dates = _dates_of(
        [
            "June 9 , 2009",
            "Apple released the iPhone 3G in 2005 .",
            "Apple sold it two years after .",
        ],
        "Apple",
        "2009-06-09",
    )
    assert dates["sold"] == "2007"


def test_an_expletive_it_is_no_mention_of_the_thing() -> None:
    doc = prepare(
        read_timeml(
            trial(
                [
                    "Apple released the iPod .",
                    "It appears that the iPod is loud , and it is likely that it was sold .",
                    "It is expected to ship soon .",
                ]
            )
        )
    )
    its = [doc.text[m.start : m.start + 12] for m in TargetMatcher("iPod").mentions(doc)]
    assert "It appears t" not in its and "it is likely" not in its
    assert "it was sold." in its and "It is expect" in its


def test_the_generic_present_of_news_is_undated() -> None:
    dates = _dates_of(
        [
            "October 13 , 2005",
            "The iPod works with the iTunes Music Store .",
            "The iPod was unveiled today .",
        ],
        "iPod",
        "2005-10-13",
    )
    assert dates["works"] == "XXXX-XX-XX"  # what the iPod does, on no day of its own
    assert dates["unveiled"] == "2005-10-13"


def test_a_participle_after_a_comma_describes_the_noun_before_it() -> None:
    dates = _dates_of(
        [
            "June 8 , 2010",
            "Apple unveiled iPhone 4 .",
            "It has a new screen , dubbed a retina display , on June 7 , 2010 .",
        ],
        "iPhone 4",
        "2010-06-08",
    )
    assert "dubbed" not in dates  # the screen was dubbed, not the phone
    dates = _dates_of(
        ["October 6 , 2011", "Steve Jobs , born in San Francisco on February 24 , 1955 , died ."],
        "Steve Jobs",
        "2011-10-06",
    )
    assert dates["born"] == "1955-02-24"


def test_an_intention_gives_way_to_the_event_it_is_about() -> None:
    dates = _dates_of(
        [
            "May 8 , 2006",
            "Apple Corps have decided to take the case to the Court of Appeal .",
        ],
        "Apple Corps",
        "2006-05-08",
    )
    assert "decided" not in dates and "take" in dates


def test_a_contracted_pronoun_is_a_subject_of_its_own() -> None:
    dates = _dates_of(
        ["June 8 , 2010", "The phone was praised by Jobs as the biggest leap we 've taken ."],
        "Steve Jobs",
        "2010-06-08",
    )
    assert "praised" in dates and "taken" not in dates


def test_a_form_after_a_degree_word_is_an_adjective() -> None:
    dates = _dates_of(
        [
            "June 8 , 2010",
            'Jobs called the new software " the most advanced mobile operating system . "',
        ],
        "Steve Jobs",
        "2010-06-08",
    )
    assert "called" in dates and "advanced" not in dates


def test_a_pronoun_opening_sentences_in_a_row_is_one_person() -> None:
    dates = _dates_of(
        [
            "August 25 , 2011",
            "Steve Jobs resigned on Wednesday .",
            "Tim Cook replaced him as chief executive .",
            "He also stood in Steve Jobs ' place in 2009 .",
            "He received $ 59 million .",
        ],
        "Steve Jobs",
        "2011-08-25",
    )
    assert "resigned" in dates and "received" not in dates  # Tim Cook received it


def test_a_narrated_time_reaches_the_next_sentences_only() -> None:
    dates = _dates_of(
        [
            "August 25 , 2011",
            "In 2005 , Jobs founded a club in Palo Alto .",
            "Jobs chaired it .",
            "The club grew and grew .",
            "Its members sang every week .",
            "Jobs resigned .",
        ],
        "Steve Jobs",
        "2011-08-25",
    )
    assert dates["founded"] == dates["chaired"] == "2005"  # the sentence after: still 2005
    assert dates["resigned"] == "2011-08-25"  # four sentences on: the report's day
