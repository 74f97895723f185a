"""The timeline page in headless Chromium, on the ingested seeds.

Expectations come from the API the page calls (``/api/v1/events``, ``/documents/<id>``),
so the tests hold whatever the NLP finds in the seeds: they check that the page loads the
period in view page by page, shows exactly what the API returns for it, filters through
it, links and exports through it, keeps labels readable and highlights the right spans.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest
from flask import Flask

from api.context import get_store
from timeline.ingest import read_path
from timeline.ingest.readers import read_json_payload
from timeline.pipeline import ingest_documents

WAIT = 120  # seconds: a hang guard (a page on the loopback settles in under one, but a
# busy machine can stall Chromium for many), not a speed check
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def api(base: str, path: str, **params: str) -> Any:
    query = f"?{urlencode(params)}" if params else ""
    with urlopen(Request(f"{base}/api/v1{path}{query}"), timeout=WAIT) as response:
        return json.load(response)


def wait_until(driver: Any, condition: Callable[[], Any], message: str) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT, poll_frequency=0.05).until(lambda _: condition(), message)


def page_state(driver: Any) -> dict[str, str | None]:
    return driver.execute_script(
        "return {state: document.body.dataset.state || null,"
        " query: document.body.dataset.query ?? null,"
        " status: document.getElementById('status').textContent};"
    )


def wait_for_query(driver: Any, query: str, state: str = "ready") -> dict[str, str | None]:
    """Wait until the page has answered the request with ``query`` (``state``: ready/error)."""

    def answered() -> dict[str, str | None] | None:
        current = page_state(driver)
        return current if current["query"] == query and current["state"] == state else None

    return wait_until(driver, answered, f"the page never showed {query!r} ({state})")


def open_page(driver: Any, url: str, query: str = "", *, every: bool = True) -> None:
    """Open the page with the filters of ``query``; ``every``: all entries (``all=1``,
    "salient only" unticked), so that the page shows what the API lists for ``query``."""
    shown = "&".join(part for part in (query, "all=1" if every else "") if part)
    driver.get(f"{url}/{'?' + shown if shown else ''}")
    wait_for_query(driver, query)


def fit_all(driver: Any) -> None:
    """Zoom out to every entry: vis-timeline draws only the items inside its window."""
    from selenium.webdriver.common.by import By

    driver.find_element(By.ID, "fit").click()


def drawn_items(driver: Any) -> list[dict[str, Any]]:
    """The items vis-timeline has in the DOM: entry id and whether drawn as point or range."""
    return driver.execute_script(
        "return [...document.querySelectorAll('#timeline .vis-item:not(.vis-dot)')].map(item => {"
        "  const entry = item.querySelector('[data-entry-id]');"
        "  return {id: entry ? Number(entry.dataset.entryId) : null,"
        "          point: item.classList.contains('vis-point'),"
        "          range: item.classList.contains('vis-range')};"
        "});"
    )


def wait_for_items(driver: Any, count: int) -> list[dict[str, Any]]:
    def settled() -> list[dict[str, Any]] | None:
        items = drawn_items(driver)
        settled.last = len(items)  # type: ignore[attr-defined]
        return items if len(items) == count else None

    try:
        return wait_until(driver, settled, f"the timeline never drew {count} items")
    except Exception as error:
        raise AssertionError(f"drew {getattr(settled, 'last', None)} of {count} items") from error


def click_entry(driver: Any, entry_id: int) -> Any:
    """Click the entry's item until its source panel is open (vis may be redrawing)."""
    from selenium.common.exceptions import (
        ElementClickInterceptedException,
        NoSuchElementException,
        StaleElementReferenceException,
    )
    from selenium.webdriver.common.by import By

    def clicked() -> bool:
        try:
            driver.find_element(By.CSS_SELECTOR, f'#timeline [data-entry-id="{entry_id}"]').click()
        except (
            NoSuchElementException,
            StaleElementReferenceException,
            ElementClickInterceptedException,
        ):
            return False
        panel = driver.find_element(By.ID, "panel")
        return panel.is_displayed() and panel.get_attribute("data-entry-id") == str(entry_id)

    wait_until(driver, clicked, f"clicking entry {entry_id} did not open its sources")
    return driver.find_element(By.ID, "panel")


def set_filters(driver: Any, **values: str) -> None:
    from selenium.webdriver.common.by import By

    for name, value in values.items():
        field = driver.find_element(By.ID, name)
        field.clear()
        field.send_keys(value)
    driver.find_element(By.ID, "apply").click()


def drawn_window(driver: Any) -> tuple[str, str]:
    """The days in view, as the page reports them (``data-window``)."""
    start, end = driver.execute_script(
        "return document.getElementById('timeline').dataset.window;"
    ).split("/")
    return start, end


def check_window(driver: Any, base: str, **filters: str) -> list[dict[str, Any]]:
    """The drawn items are the API's entries for the days in view (with ``filters`` other
    than dates): every entry lying inside them, and no entry outside them.  Returns the
    entries overlapping the window."""
    start, end = drawn_window(driver)
    inside = api(base, "/timeline", start=start, end=end, mode="within", **filters)
    overlapping = api(base, "/timeline", start=start, end=end, **filters)
    items = drawn_items(driver)
    ids = {i["id"] for i in items}
    assert {e["id"] for e in inside} <= ids <= {e["id"] for e in overlapping}
    shape = {i["id"]: "point" if i["point"] else "range" if i["range"] else "?" for i in items}
    for entry in overlapping:
        if entry["id"] in shape:
            expected = "point" if entry["granularity"] == "day" else "range"
            assert shape[entry["id"]] == expected, (entry["granularity"], entry["title"])
    return overlapping


def test_the_page_loads_the_window_in_view_page_by_page(
    browser: Any, live_app: tuple[Flask, str], tmp_path: Any
) -> None:
    app, url = live_app
    with app.app_context():
        ingest_documents(get_store(), read_path(SEEDS))
    entries = api(url, "/timeline")
    assert len(entries) > 10, "the seeds should give a real timeline"
    log = tmp_path / "access.log"
    with app.app_context():
        app.config["TIMELINE_PAGE_SIZE"] = 4
    from api.requestlog import configure_access_log

    configure_access_log(str(log))
    try:
        open_page(browser, url)
    finally:
        configure_access_log("off")
    status = page_state(browser)["status"] or ""
    # "N entries from A to B": everything overlapping the loaded period, no more
    count, span = status.split(" entries from ")
    loaded_from, loaded_to = span.split(" to ")
    loaded = api(url, "/timeline", start=loaded_from, end=loaded_to)
    assert int(count) == len(loaded) > 4
    requests = [json.loads(line) for line in log.read_text().splitlines()]
    paths = [r["path"] for r in requests]
    assert "/api/v1/timeline" not in paths  # never the whole unpaginated timeline
    pages = [
        r["query"] for r in requests if r["path"] == "/api/v1/events" and "limit=4" in r["query"]
    ]
    assert len(pages) >= 2 and any("cursor=" in q for q in pages), pages
    check_window(browser, url)


@pytest.mark.parametrize("every", [True, False], ids=["all", "salient"])
def test_labels_are_readable_at_the_default_zoom(
    browser: Any, live_server: str, every: bool
) -> None:
    """No label is cut to a few letters, neither because its range is narrow at this zoom
    nor by the edge of the view (the latest entries' labels run past their dates)."""
    query = "" if every else f"min_salience={body_salience(browser, live_server)}"
    open_page(browser, live_server, query, every=every)
    widths = browser.execute_script(
        """
        const view = document.querySelector('#timeline .vis-center').getBoundingClientRect();
        return [...document.querySelectorAll('#timeline .vis-item .entry')].filter(label =>
          // an entry that starts before the view (its range crosses the left edge) is cut
          // there by design: only the entries that start in view must show their label
          label.closest('.vis-item').getBoundingClientRect().left >= view.left
        ).map(label => {
          let {left, right} = label.getBoundingClientRect();
          for (let box = label.parentElement; box && box.id !== 'timeline';
               box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== 'visible') {
              const clip = box.getBoundingClientRect();
              left = Math.max(left, clip.left);
              right = Math.min(right, clip.right);
            }
          }
          return {text: label.textContent, shown: right - left, full: label.scrollWidth};
        });
        """
    )
    assert widths, "nothing drawn"
    ranges = browser.execute_script(
        "return document.querySelectorAll('#timeline .vis-range').length;"
    )
    assert ranges, "the seeds should draw ranges (months, years) at the default zoom"
    for label in widths:
        assert label["shown"] >= min(label["full"], 120) - 1, label


def test_the_date_filter_goes_through_the_api(browser: Any, live_server: str) -> None:
    everything = api(live_server, "/timeline")
    august_september = api(live_server, "/timeline", start="2025-08", end="2025-09")
    assert 0 < len(august_september) < len(everything)

    open_page(browser, live_server)
    set_filters(browser, start="2025-08", end="2025-09")
    state = wait_for_query(browser, "start=2025-08&end=2025-09")
    # the window is the filter's period, and nothing outside it is asked for
    assert state["status"] == f"{len(august_september)} entries from 2025-08-01 to 2025-09-30"
    assert browser.current_url.endswith("/?start=2025-08&end=2025-09&all=1")
    # The window shows the months asked for, not the whole extent of overlapping entries.
    axis = browser.execute_script(
        "return [...document.querySelectorAll('#timeline .vis-time-axis .vis-text')]"
        ".map(label => label.textContent);"
    )
    assert {"Aug", "Sep"} <= set(axis), axis
    assert not {"Jan", "Mar", "May"} & set(axis), axis
    assert drawn_window(browser) == ("2025-08-01", "2025-09-30")
    shown = check_window(browser, live_server)
    assert {e["id"] for e in shown} == {e["id"] for e in august_september}


def test_the_page_opens_on_the_salient_entries(browser: Any, live_server: str) -> None:
    from selenium.webdriver.common.by import By

    salient = body_salience(browser, live_server)
    everything = api(live_server, "/timeline")
    kept = api(live_server, "/timeline", min_salience=salient)
    assert 0 < len(kept) < len(everything)
    assert all(e["salience"] >= float(salient) for e in kept)
    open_page(browser, live_server, f"min_salience={salient}", every=False)
    assert browser.find_element(By.ID, "salient").is_selected()
    assert page_state(browser)["status"].endswith("(salient only)")
    fit_all(browser)
    shown = check_window(browser, live_server, min_salience=salient)
    assert {i["id"] for i in drawn_items(browser)} <= {e["id"] for e in kept}
    assert shown
    # unticking "salient only" shows every entry, and the page URL says so
    browser.find_element(By.ID, "salient").click()
    browser.find_element(By.ID, "apply").click()
    wait_for_query(browser, "")
    assert browser.current_url.endswith("/?all=1")
    fit_all(browser)
    wait_until(
        browser,
        lambda: len(drawn_items(browser)) > len(shown),
        "unticking 'salient only' drew no more entries",
    )


def body_salience(browser: Any, base: str) -> str:
    """The page's salience threshold (``data-salient``)."""
    browser.get(f"{base}/?all=1")
    wait_for_query(browser, "")
    threshold: str = browser.execute_script("return document.body.dataset.salient;")
    return threshold


def test_an_entry_shows_its_statements_and_typed_participants(
    browser: Any, live_server: str
) -> None:
    from selenium.webdriver.common.by import By

    said = [e for e in api(live_server, "/timeline") if e["statements"] and e["participants"]]
    assert said, "the seeds' entries should carry statements"
    entry = max(said, key=lambda e: (e["granularity"] == "day", len(e["statements"])))
    open_page(browser, live_server, f"start={entry['start']}&end={entry['start']}")
    panel = click_entry(browser, entry["id"])
    assert f"salience {entry['salience']:.2f}" in panel.find_element(By.ID, "panel-meta").text
    items = panel.find_elements(By.CSS_SELECTOR, "#panel-statements > li")
    assert len(items) == len(entry["statements"])
    for item, statement in zip(items, entry["statements"], strict=True):
        speaker = item.find_element(By.CSS_SELECTOR, ".speaker").text
        assert speaker == (statement["speaker"] or "(unnamed)")
        text = item.find_element(By.CSS_SELECTOR, ".said-text").text
        quoted = f"“{statement['text']}”" if statement["form"] == "quote" else statement["text"]
        assert text == " ".join(quoted.split())
        assert statement["document_name"] in item.text
    who = panel.find_elements(By.CSS_SELECTOR, "#panel-who .participant")
    assert [(w.get_attribute("data-type"), w.text) for w in who] == [
        (p["type"], f"{p['name']} {p['type']}") for p in entry["participants"]
    ]


def test_api_errors_are_shown_on_the_page(browser: Any, live_server: str) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, live_server)
    set_filters(browser, start="2025-13")
    wait_for_query(browser, "start=2025-13", state="error")
    error = browser.find_element(By.ID, "error")
    assert error.is_displayed()
    # The problem's detail and its field error, as the API words them.
    assert "failed validation" in error.text
    assert "start: '2025-13' is not a date" in error.text
    # The entries from before stay drawn.
    assert drawn_items(browser)


def expressions_in(doc: dict[str, Any], source: dict[str, Any]) -> set[str]:
    """The temporal expressions of ``doc`` inside the source's sentence (as in the text)."""
    at = doc["text"].find(source["sentence"])
    if at < 0:
        return set()
    end = at + len(source["sentence"])
    return {x["text"] for x in doc["expressions"] if at <= x["char_start"] and x["char_end"] <= end}


def _source_with_time(base: str, entries: list[dict[str, Any]]) -> tuple[dict, dict, dict]:
    """A day entry, one of its sources and its document, where the sentence holds a timex."""
    for entry in entries:
        if entry["granularity"] != "day":
            continue
        for source in entry["sources"]:
            doc = api(base, f"/documents/{source['document']}")
            if expressions_in(doc, source):
                return entry, source, doc
    pytest.fail("no day entry of the seeds has a temporal expression in its sentence")


def test_clicking_an_entry_shows_its_sources_highlighted(browser: Any, live_server: str) -> None:
    from selenium.webdriver.common.by import By

    entry, source, doc = _source_with_time(live_server, api(live_server, "/timeline"))
    day = entry["start"]
    open_page(browser, live_server, f"start={day}&end={day}")

    panel = click_entry(browser, entry["id"])
    assert panel.find_element(By.ID, "panel-title").text == entry["title"]
    assert f"confidence {entry['confidence']:.2f}" in panel.find_element(By.ID, "panel-meta").text

    sources = panel.find_elements(By.CSS_SELECTOR, "#panel-sources > li")
    assert len(sources) == len(entry["sources"])
    assert source["document_name"] in panel.text

    trigger = doc["text"][source["char_start"] : source["char_end"]]
    index = entry["sources"].index(source)
    mark = wait_until(
        browser,
        lambda: sources[index].find_elements(By.CSS_SELECTOR, ".sentence mark.trigger"),
        "the trigger was never highlighted",
    )[0]
    assert mark.text == trigger
    sentence = sources[index].find_element(By.CSS_SELECTOR, ".sentence")
    assert sentence.text == source["sentence"]

    marked = {m.text for m in sentence.find_elements(By.CSS_SELECTOR, "mark.timex")}
    assert marked and marked <= expressions_in(doc, source)

    # Escape closes the panel and clears the selection.
    browser.find_element(By.TAG_NAME, "body").send_keys("\ue00c")
    wait_until(browser, lambda: not panel.is_displayed(), "Escape did not close the panel")


def test_grouping_by_entity(browser: Any, live_server: str) -> None:
    from selenium.webdriver.common.by import By

    name = api(live_server, "/entities")[0]["name"]  # the most frequent entity
    entries = api(live_server, "/timeline", entity=name)
    assert entries
    open_page(browser, live_server, urlencode({"entity": name}))
    browser.find_element(By.CSS_SELECTOR, 'input[name="group"][value="entity"]').click()
    wait_until(browser, lambda: "group=entity" in browser.current_url, "the URL keeps the grouping")
    fit_all(browser)
    wait_for_query(browser, urlencode({"entity": name}))
    start, end = drawn_window(browser)
    shown = [e for e in entries if e["start"] <= end and e["end"] > start]  # overlapping
    pairs = sum(len(e["entities"]) or 1 for e in shown)
    items = wait_for_items(browser, pairs)
    assert {i["id"] for i in items} == {e["id"] for e in shown}
    labels = browser.execute_script(
        "return [...document.querySelectorAll('#timeline .vis-label .group-label')]"
        ".map(l => l.firstChild.textContent);"
    )
    assert name in labels
    assert set(labels) >= {name for e in shown for name in e["entities"]}


def test_article_text_is_never_markup(browser: Any, live_app: tuple[Flask, str]) -> None:
    """HTML in a posted article shows as text, in the timeline and in the source panel."""
    from selenium.webdriver.common.by import By

    app, url = live_app
    sentence = (
        'On August 15, 2025, <b>Mallory</b> met Vladimir Putin <img src=x onerror="window.pwned=1">'
        " in Alaska."
    )
    article = {
        "name": "<i>evil</i>.json",
        "title": "<script>window.pwned=2</script>",
        "published": "2025-08-16",
        "text": sentence,
    }
    with app.app_context():  # as POST /documents stores it, without its access rules
        ingest_documents(get_store(), read_json_payload("api", article))
    entries = api(url, "/timeline", q="Mallory")
    assert entries, api(url, "/timeline")

    open_page(browser, url)
    fit_all(browser)
    titles = browser.execute_script(
        "return [...document.querySelectorAll('#timeline .entry')].map(e => e.textContent);"
    )
    assert sorted(titles) == sorted(e["title"] for e in api(url, "/timeline"))
    panel = click_entry(browser, entries[0]["id"])
    wait_until(
        browser,
        lambda: panel.find_elements(By.CSS_SELECTOR, ".sentence mark.trigger"),
        "the source was not shown",
    )
    shown = panel.text
    assert sentence in shown, shown
    assert "<i>evil</i>.json" in shown, shown
    assert "<script>window.pwned=2</script>" in shown, shown
    injected = browser.execute_script(
        "return document.querySelectorAll('#panel b, #panel img, #panel i, #panel script,"
        " #timeline b, #timeline img').length;"
    )
    assert injected == 0
    assert browser.execute_script("return window.pwned === undefined;")


def test_each_entry_links_to_its_json(browser: Any, live_server: str) -> None:
    from selenium.webdriver.common.by import By

    entry, _, _ = _source_with_time(live_server, api(live_server, "/timeline"))
    day = entry["start"]
    open_page(browser, live_server, f"start={day}&end={day}")
    panel = click_entry(browser, entry["id"])
    link = panel.find_element(By.CSS_SELECTOR, "a.entry-json")
    href = link.get_attribute("href")
    assert href == f"{live_server}/api/v1/events/{entry['id']}"
    with urlopen(href, timeout=WAIT) as response:
        assert json.load(response) == entry


def test_downloads_export_the_current_filter(browser: Any, live_server: str) -> None:
    from selenium.webdriver.common.by import By

    name = api(live_server, "/entities")[0]["name"]
    expected = api(live_server, "/timeline", entity=name, start="2025")
    open_page(browser, live_server)
    set_filters(browser, entity=name, start="2025")
    wait_for_query(browser, urlencode({"start": "2025", "entity": name}))
    csv_link = browser.find_element(By.ID, "download-csv").get_attribute("href")
    json_link = browser.find_element(By.ID, "download-json").get_attribute("href")
    query = urlencode({"start": "2025", "entity": name, "format": "csv"})
    assert csv_link == f"{live_server}/api/v1/timeline?{query}"
    with urlopen(json_link, timeout=WAIT) as response:
        assert json.load(response) == expected  # every match, not only the window
    with urlopen(csv_link, timeout=WAIT) as response:
        rows = response.read().decode("utf-8").splitlines()
    assert rows[0].startswith("id,start,end,value,granularity,title")
    assert len(rows) - 1 >= len(expected)  # a text with line breaks takes more lines
