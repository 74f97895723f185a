"""Remove scraping noise from article text while keeping every real content line intact.

Scraped articles carry page furniture (comment forms, newsletter boxes, share counters,
"Read also" cross-links, paywall notices, repeated titles and captions).  Left in, it becomes
bogus sentences, bogus events and, worse, bogus dates for the later stages.

The cleaner works line by line and only ever *drops* whole lines.  Kept lines keep their
characters, with two deliberate exceptions: trailing whitespace is stripped, and a sentence
end glued to the next sentence ("discussions.He made") gets its missing space back, because
the sentence splitter cannot see a boundary that has no space.

The noise rules are data (``NOISE_RULES``): one compiled, case-insensitive, whole-line
pattern per entry, grouped by family, so a new site's furniture is one line to add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NoiseRule:
    """A whole-line pattern (matched against the stripped line) that marks page furniture."""

    family: str
    pattern: re.Pattern[str]


def _rules(family: str, *patterns: str) -> tuple[NoiseRule, ...]:
    return tuple(NoiseRule(family, re.compile(p, re.IGNORECASE)) for p in patterns)


# Length caps (``.{0,N}``) keep a rule from eating a real paragraph that happens to start
# with the same words; furniture lines are short.
NOISE_RULES: tuple[NoiseRule, ...] = (
    # Blog comment forms under the article.
    *_rules(
        "comments",
        r"leave a (?:reply|comment)\.?",
        r"your email address will not be published\.?.{0,120}",
        r"required fields are marked \*?",
        r"(?:\d+\s+)?comments?\s*(?:\(\d+\))?",
        r"cancel reply",
    ),
    # Accessibility / navigation links that precede the article.
    *_rules(
        "navigation",
        r"skip to (?:the )?(?:main |primary )?(?:content|navigation|menu|search|footer)\.?",
        r"(?:back to top|go to top)",
    ),
    # Cross-links to other articles: "Read also: ...", "Read more:", "See also  X", "Related:".
    *_rules(
        "cross-links",
        r"(?:read|see) (?:also|more)\b.{0,250}",
        r"also read\s*:.{0,250}",
        r"related(?: (?:articles?|stories|posts|news|coverage|content|reading))?\s*:.{0,250}",
        r"related (?:articles|stories|posts)",
        r"continue reading\b.{0,120}",
    ),
    # Newsletter and membership boxes.
    *_rules(
        "newsletter",
        r"subscribe (?:to|for|now)\b.{0,200}",
        r"sign up (?:to|for) (?:our|the)\b.{0,200}",
        r"discover more from\b.{0,200}",
        r"join the movement!?",
        r"keep up to date with\b.{0,200}",
        r"type your email.{0,40}",
    ),
    # Paywall notices (the whole line is the notice, however long).
    *_rules(
        "paywall",
        r"already a subscriber\?.*",
        r"(?:subscribe|log ?in|sign in) to (?:continue|read)\b.*",
        r"this (?:content|article) is (?:only )?(?:for|available to) (?:paid )?"
        r"(?:subscribers|members)\b.*",
    ),
    # Attribution trailers such as "Source: Businessday".
    *_rules(
        "source-trailer",
        r"sources?\s*:\s*\S.{0,80}",
    ),
    # Bare share/like/view counters.  Four-digit years (1500-2099) are kept: a lone "2019"
    # is a section heading in timeline-style articles, which this service exists to read.
    *_rules(
        "counters",
        r"(?!(?:1[5-9]|20)\d\d$)\d[\d,.]*[km]?",
        r"\d[\d,.]*[km]?\s+(?:comments?|shares?|likes?|views?|reactions?|responses?)",
    ),
    # Social sharing widgets.
    *_rules(
        "sharing",
        r"share (?:this|on|via)\b.{0,60}",
        r"share",
        r"click to (?:share|email|print|tweet)\b.{0,80}",
        r"like this:?",
        r"like loading\W*",
        r"(?:tweet|pin it|print|email)(?: this)?(?: article| story)?",
    ),
    # Advertising slots.
    *_rules(
        "advertising",
        r"advertis(?:e|ing|ement)",
        r"sponsored(?: content)?",
        r"story continues below(?: this)? advertisement",
        r"scroll to continue(?: with content)?",
    ),
    # Cookie consent banners.
    *_rules(
        "cookies",
        r".{0,80}\b(?:we|this (?:web)?site) uses? cookies\b.*",
        r"(?:accept|reject|manage|allow)(?: all)? cookies?.{0,40}",
        r"cookie (?:policy|settings|preferences)",
    ),
)

# A sentence end glued to the next sentence: two letters (the second lowercase) or a
# closing quote, then ".", an optional closing quote, then a capitalised word of at least
# two letters.  Requiring two letters before the dot leaves "U.S.A", "e.g.Foo" and
# "3.5" alone.
_GLUED = re.compile(r"(?:(?<=[^\W\d_][a-z])|(?<=[”’\"]))\.[”’]?(?=[A-Z][A-Za-z])")
# Glued-looking dots inside URLs, domains and e-mail addresses are not sentence ends.
_URLISH = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu)\b", re.IGNORECASE)
_URL_LOOKBACK = 120


def is_noise(line: str) -> bool:
    """True when the (stripped) line is page furniture according to ``NOISE_RULES``."""
    stripped = line.strip()
    return bool(stripped) and any(r.pattern.fullmatch(stripped) for r in NOISE_RULES)


def repair_glued_sentences(line: str) -> str:
    """Insert the missing space in "discussions.He made" and "nonsense.”He said"."""

    def fix(m: re.Match[str]) -> str:
        before = m.string[max(0, m.start() - _URL_LOOKBACK) : m.start()].split()
        after = m.string[m.end() : m.end() + _URL_LOOKBACK].split(maxsplit=1)
        word = (before[-1] if before else "") + m.group(0) + (after[0] if after else "")
        if _URLISH.search(word):
            return m.group(0)
        return m.group(0) + " "

    return _GLUED.sub(fix, line)


def clean_text(text: str) -> str:
    """Drop noise lines and consecutive duplicate lines; normalise whitespace.

    Line endings become ``\\n`` (any Unicode line separator counts), trailing whitespace is
    stripped, runs of blank lines collapse to one, and leading/trailing blank lines go.
    A line equal to the previous kept non-blank line is dropped (titles repeated three
    times, photo captions printed twice); the first copy is kept.
    """
    kept: list[str] = []
    previous: str | None = None
    for raw_line in text.splitlines():
        line = repair_glued_sentences(raw_line.rstrip())
        if not line.strip():
            if kept and kept[-1]:
                kept.append("")
            continue
        if is_noise(line):
            continue
        key = line.strip()
        if key == previous:
            continue
        previous = key
        kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)
