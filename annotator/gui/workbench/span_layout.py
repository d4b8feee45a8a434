"""Where each annotation of the open article is drawn: its underline lane and
the stripes its tint shares, kept up to date span by span.

Spans that overlap, directly or through neighbours, form a cluster; lanes
(greedy, lowest free lane first) and stripe counts depend only on the spans
of their own cluster, because every lane is free again where a cluster
begins. So a change recomputes the clusters it touches, never the article:
coding a 200,000-character article with 5,000 spans costs what coding a
short one costs. Positions are whatever unit the caller uses (the view's
UTF-16 units).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping

# (id, start, end, colour)
Span16 = tuple[str, int, int, str]


def _key(span: Span16) -> tuple[int, int, str]:
    # the drawing order: by start, longer first; the id makes it the same
    # however the spans arrived, so a partial layout equals a fresh one
    return (span[1], -span[2], span[0])


class SpanLayout:
    def __init__(self) -> None:
        self._by_id: dict[str, Span16] = {}
        self._keys: list[tuple[int, int, str]] = []  # sorted
        self._spans: list[Span16] = []  # parallel to _keys
        self._cluster_starts: list[int] = []  # disjoint clusters, sorted
        self._cluster_ends: list[int] = []
        self._lanes: dict[str, int] = {}
        self._bands: dict[str, int] = {}
        self.last_laid_out = 0

    def __len__(self) -> int:
        return len(self._spans)

    def reset(self, spans: Iterable[Span16]) -> None:
        self._by_id = {s[0]: s for s in spans}
        self._spans = sorted(self._by_id.values(), key=_key)
        self._keys = [_key(s) for s in self._spans]
        self._lanes, self._bands = {}, {}
        self._cluster_starts, self._cluster_ends = [], []
        self.last_laid_out = len(self._spans)
        self._lay_out(0, len(self._spans), 0)

    def update(self, changed: Mapping[str, Span16 | None]) -> list[Span16]:
        """Add or replace (id -> span) or remove (id -> None) spans; returns
        what to repaint: the old and new states of the changed spans and every
        span whose lane or stripes moved."""
        dirty: list[Span16] = []
        for sid, new in changed.items():
            old = self._by_id.pop(sid, None)
            if old is not None:
                i = bisect_left(self._keys, _key(old))
                del self._keys[i], self._spans[i]
                self._lanes.pop(sid, None)
                self._bands.pop(sid, None)
                dirty.append(old)
            if new is not None:
                k = _key(new)
                i = bisect_left(self._keys, k)
                self._keys.insert(i, k)
                self._spans.insert(i, new)
                self._by_id[sid] = new
                dirty.append(new)
        if not dirty:
            return dirty
        lo, hi = min(s[1] for s in dirty), max(s[2] for s in dirty)
        # widen to the clusters the change touches: outside them nothing moves
        i = bisect_right(self._cluster_starts, lo) - 1
        if i >= 0 and self._cluster_ends[i] > lo:
            lo = self._cluster_starts[i]
        j = bisect_left(self._cluster_starts, hi) - 1
        if j >= 0 and self._cluster_ends[j] > hi:
            hi = self._cluster_ends[j]
        first, last = bisect_left(self._cluster_starts, lo), bisect_left(self._cluster_starts, hi)
        del self._cluster_starts[first:last], self._cluster_ends[first:last]
        a, b = bisect_left(self._keys, (lo,)), bisect_left(self._keys, (hi,))
        before = {s[0]: (self._lanes.get(s[0]), self._bands.get(s[0])) for s in self._spans[a:b]}
        # how many spans this change laid out again: the cost that must not grow with the article
        self.last_laid_out = b - a
        self._lay_out(a, b, first)
        dirty += [
            s
            for s in self._spans[a:b]
            if s[0] not in changed and before[s[0]] != (self._lanes[s[0]], self._bands[s[0]])
        ]
        return dirty

    def _lay_out(self, a: int, b: int, cluster_index: int) -> None:
        """Lanes, stripes and clusters of ``_spans[a:b]``, whole clusters,
        whose clusters go in at ``cluster_index``: ``highlights.assign_lanes``
        and ``band_counts`` in one pass over spans already in order."""
        lanes, bands = self._lanes, self._bands
        starts: list[int] = []
        ends: list[int] = []
        lane_ends: list[int] = []
        cluster: list[str] = []
        depth = 0
        for sid, s, e, _c in self._spans[a:b]:
            if cluster and s >= ends[-1]:
                for x in cluster:
                    bands[x] = depth
                cluster, depth, lane_ends = [], 0, []  # every lane is free where a cluster begins
            if not cluster:
                starts.append(s)
                ends.append(e)
            elif e > ends[-1]:
                ends[-1] = e
            for lane, lane_end in enumerate(lane_ends):
                if lane_end <= s:
                    lane_ends[lane] = e
                    break
            else:
                lane = len(lane_ends)
                lane_ends.append(e)
            lanes[sid] = lane
            depth = max(depth, lane + 1)
            cluster.append(sid)
        for x in cluster:
            bands[x] = depth
        self._cluster_starts[cluster_index:cluster_index] = starts
        self._cluster_ends[cluster_index:cluster_index] = ends

    # --- reading ---------------------------------------------------------------------

    def get(self, span_id: str | None) -> Span16 | None:
        return self._by_id.get(span_id) if span_id is not None else None

    def lane(self, span_id: str) -> int:
        """The span's underline row and tint stripe, 0 on top."""
        return self._lanes.get(span_id, 0)

    def bands(self, span_id: str) -> int:
        """How many stripes the span's tint shares its line height with."""
        return self._bands.get(span_id, 1)

    def lanes(self) -> dict[str, int]:
        return dict(self._lanes)

    def overlapping(self, start: int, end: int) -> list[Span16]:
        """The spans reaching into ``[start, end)``, in drawing order."""
        # spans that start before ``start`` and reach into it belong to the
        # cluster around ``start``: begin there, not at the top of the article
        i = bisect_right(self._cluster_ends, start)
        if i == len(self._cluster_starts):
            return []
        a = bisect_left(self._keys, (self._cluster_starts[i],))
        b = bisect_left(self._keys, (end,))
        return [s for s in self._spans[a:b] if s[2] > start]
