"""The date a page's template marks as the page's own, read off the element's text.

Content management systems print the day of a story in an element whose class or id
names it (``<span class="date">27.01.2022</span>``, ``<div class="att-publish-date">Von
Deutscher Tennis Bund 4. 2. 2022.</div>``, ``<p class="news-single-timedata">``); the
HTML reader keeps the text of the first such element inside the article
(``timeline.ingest.htmltext``: ``html_meta["marked"]``).  It is read like a byline
(``timeline.dating.bylines``): in the page's language and conventions (German day
first, month names in many languages), and a date the text says was an update is not
the publication day.

Examples:

* ``"27.01.2022"`` -> 2022-01-27
* ``"Von Deutscher Tennis Bund 4. 2. 2022."`` -> 2022-02-04 (day first, not 2 April)
* ``"31. Oktober 2023."`` -> 2023-10-31
* ``"Aktualisiert: 11.04.2020"`` -> nothing (an update)
* ``"Seite 2"`` -> nothing
"""

from __future__ import annotations

from datetime import date

from timeline.dating.bylines import dates_in, updated_before

SOURCE = "html:marked"


def marked_day(raw: str, *, last_year: int) -> date | None:
    """The publication day the marked element's text prints, if it prints one."""
    for day, start, _ in dates_in(raw, last_year):
        if not updated_before(raw[:start]):
            return day
    return None
