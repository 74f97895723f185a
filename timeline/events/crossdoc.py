"""Cross-document merging in memory: group events that report one happening.

The store merges events incrementally, one document at a time (``timeline.store``);
this module does the same decision for a batch of events already in memory (the
SemEval timeline builder, the merging evaluation), with the same rule
(``merge.same_happening``) and a finer blocking: each event is indexed under its
``merge.blocking_keys`` key (its year combined with its event family), and only events
sharing a key are compared.  Since two events can only be one happening if they are of
one family and have compatible times, no merge is missed (not even of reports linked
only through the names around them), and the comparisons grow with the number of events
per year and family rather than with the square of the batch.

Groups are the connected components of the same-happening graph (union-find), so a
month-level report can bring together two day-level ones it is compatible with; the
group's time is then chosen by ``describe.entry_time`` (most precise consistent, with
conflicts listed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from timeline.events.merge import blocking_keys, same_happening
from timeline.model import Event

__all__ = ["candidate_pairs", "cluster"]


def candidate_pairs(events: Sequence[Event]) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of events sharing a blocking key."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, event in enumerate(events):
        for key in blocking_keys(event):
            index[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                pairs.add((members[a], members[b]))
    return sorted(pairs)


def cluster(
    events: Sequence[Event],
    same: Callable[[Event, Event], bool] = same_happening,
) -> list[list[int]]:
    """Groups of indices of ``events`` reporting one happening, each in index order, the
    groups ordered by their first index; an event that matches nothing is a group alone."""
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in candidate_pairs(events):
        if find(i) != find(j) and same(events[i], events[j]):
            parent[max(find(i), find(j))] = min(find(i), find(j))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(events)):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])
