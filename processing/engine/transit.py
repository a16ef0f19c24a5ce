"""Public transport coverage of OD flows: pure computation (numpy, pandas, scipy, shapely; no QGIS).

Which zone pairs a GTFS network serves in a time window of one day, directly or with one change,
how often and how fast. The steps, each a function the algorithm (and the tests) call:

1. :func:`zone_access`: the stops of each zone (inside the polygon, or within ``walk_distance``
   of it; for a point, within ``walk_distance`` of the point) and the walking time to each:
   ``min(straight distance to the zone's representative point, walk_distance) × detour / speed``.
   A stop far inside a large zone is thus reached by the people who live within walking distance
   of it, never with more than ``walk_distance`` of walking.
2. :func:`transfer_links`: pairs of stops where a change is possible (the same stop, or two stops
   within ``transfer_distance``), with the walking time between them.
3. :func:`build_runs`: the stop times of every trip running on the day (trips of the previous day
   whose GTFS times pass 24:00 included), from the window's start to the latest time a journey
   with one change can end. The calendar comes from :mod:`providers.gtfs`.
4. :func:`coverage`: per OD pair, the direct and one-change departures, best times and headway.

Definitions (times in seconds; ``time`` is the GTFS departure time, arrival when it is missing):

- a *boarding* is a trip's call at a stop it leaves (not its last stop, not a stop without
  pickup); only boardings at an origin-side stop inside the window [start, end) start a journey;
- a trip is *direct* for a pair when it boards at an origin-side stop in the window and calls
  LATER (higher stop_sequence) at a destination-side stop; its journey time is the walk to the
  stop + the time on board + the walk from the stop; a pair's best direct time is the shortest;
- a first-leg trip serves a pair *with one change* when it is not direct for that pair, and from
  one of its later calls a second trip (another trip) can be boarded at the same stop or at a stop
  within ``transfer_distance``, that second trip then calling later at a destination-side stop.
  The change (arrival of the first trip to departure of the second) lasts at least
  ``max(min_transfer, walk between the stops)`` and at most ``walk + max_wait``. Each first-leg
  trip is counted once, whatever the number of ways it offers;
- ``headway = window minutes / departures`` (direct departures when the pair is served directly,
  else the one-change departures).

The work grows with the number of trips, not with the number of pairs: what the trips of the
window reach with one change is computed once for every destination zone (in blocks of trips,
with progress and cancel between blocks), then each pair is a join over small tables.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, List, Optional, Sequence

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree
from shapely.geometry import Point
from shapely.prepared import prep

from ...providers import gtfs
from ...providers.errors import Canceled, DataError
from ...providers.i18n import translate

DETOUR = 1.3  # walking distance / straight distance
SERVED = ("direct", "transfer", "none")

CancelCheck = Optional[Callable[[], bool]]
Progress = Optional[Callable[[float], None]]


@dataclass
class Settings:
    """The walking and changing rules (distances in metres, times in minutes)."""

    walk_distance: float = 500.0
    walk_speed_kmh: float = 4.5
    transfer_distance: float = 200.0
    min_transfer_min: float = 2.0
    max_wait_min: float = 30.0
    detour: float = DETOUR

    @property
    def speed(self) -> float:
        """Walking speed in m/s."""
        return self.walk_speed_kmh / 3.6

    def walk_seconds(self, metres):
        return np.asarray(metres, dtype=np.float64) * self.detour / self.speed

    def check(self) -> None:
        problems = []
        if not self.walk_distance > 0:
            problems.append(
                translate(
                    "TransitEngine", "the walking distance must be more than 0 m (got {value}): 500 m is a usual value"
                ).format(value=self.walk_distance)
            )
        if not self.walk_speed_kmh > 0:
            problems.append(
                translate(
                    "TransitEngine",
                    "the walking speed must be more than 0 km/h (got {value}): 4.5 km/h is a usual value",
                ).format(value=self.walk_speed_kmh)
            )
        if not self.transfer_distance >= 0:
            problems.append(
                translate(
                    "TransitEngine",
                    "the transfer distance cannot be negative (got {value}): 0 allows changes at the same stop only",
                ).format(value=self.transfer_distance)
            )
        if not self.min_transfer_min >= 0:
            problems.append(
                translate("TransitEngine", "the minimum change time cannot be negative (got {value} min)").format(
                    value=self.min_transfer_min
                )
            )
        if not self.max_wait_min > 0:
            problems.append(
                translate("TransitEngine", "the maximum wait must be more than 0 min (got {value})").format(
                    value=self.max_wait_min
                )
            )
        elif self.min_transfer_min >= 0 and self.max_wait_min < self.min_transfer_min:
            problems.append(
                translate(
                    "TransitEngine",
                    "the maximum wait ({wait} min) is shorter than the minimum change time ({change} min): no change "
                    "could count",
                ).format(wait=self.max_wait_min, change=self.min_transfer_min)
            )
        if problems:
            raise DataError(
                translate("TransitEngine", "Check the settings: {problems}.").format(problems="; ".join(problems))
            )


# -- zones and stops -----------------------------------------------------------------------------------


def zone_access(
    geoms: Sequence,
    rep_x: Sequence[float],
    rep_y: Sequence[float],
    stop_x: Sequence[float],
    stop_y: Sequence[float],
    settings: Settings,
    cancel: CancelCheck = None,
) -> pd.DataFrame:
    """The stops of each zone: ``zone`` (position in ``geoms``), ``stop`` (position in the stop
    arrays), ``distance`` (straight, to the representative point, metres) and ``walk`` (seconds).

    ``geoms`` are shapely geometries in a projected CRS (metres), None for a zone without one;
    stops with a NaN coordinate are never selected.
    """
    sx = np.asarray(stop_x, dtype=np.float64)
    sy = np.asarray(stop_y, dtype=np.float64)
    valid = np.isfinite(sx) & np.isfinite(sy)
    limit = float(settings.walk_distance)
    zones, stops, distances = [], [], []
    for index, geom in enumerate(geoms):
        if cancel is not None and index % 200 == 0 and cancel():
            raise Canceled()
        if geom is None or geom.is_empty:
            continue
        west, south, east, north = geom.bounds
        near = np.flatnonzero(
            valid & (sx >= west - limit) & (sx <= east + limit) & (sy >= south - limit) & (sy <= north + limit)
        )
        if not len(near):
            continue
        if geom.geom_type == "Point":
            keep = np.hypot(sx[near] - geom.x, sy[near] - geom.y) <= limit
        else:
            shape = geom if geom.is_valid else geom.buffer(0)
            prepared = prep(shape)
            keep = np.zeros(len(near), dtype=bool)
            for k, i in enumerate(near):
                point = Point(sx[i], sy[i])
                keep[k] = prepared.intersects(point) or shape.distance(point) <= limit
        chosen = near[keep]
        if not len(chosen):
            continue
        zones.append(np.full(len(chosen), index, dtype=np.int64))
        stops.append(chosen.astype(np.int64))
        distances.append(np.hypot(sx[chosen] - float(rep_x[index]), sy[chosen] - float(rep_y[index])))
    if not zones:
        return pd.DataFrame(
            {
                "zone": pd.Series(dtype=np.int64),
                "stop": pd.Series(dtype=np.int64),
                "distance": pd.Series(dtype=np.float64),
                "walk": pd.Series(dtype=np.float64),
            }
        )
    distance = np.concatenate(distances)
    return pd.DataFrame(
        {
            "zone": np.concatenate(zones),
            "stop": np.concatenate(stops),
            "distance": distance,
            "walk": settings.walk_seconds(np.minimum(distance, limit)),
        }
    )


def transfer_links(stop_x: Sequence[float], stop_y: Sequence[float], settings: Settings) -> pd.DataFrame:
    """Where a change is possible: ``stop`` -> ``stop2`` (both directions, and each stop to itself)
    with ``walk`` (seconds, straight distance × detour / speed)."""
    sx = np.asarray(stop_x, dtype=np.float64)
    sy = np.asarray(stop_y, dtype=np.float64)
    placed = np.flatnonzero(np.isfinite(sx) & np.isfinite(sy))
    same = np.arange(len(sx), dtype=np.int64)
    a, b = same, same
    if settings.transfer_distance > 0 and len(placed) > 1:
        tree = cKDTree(np.column_stack([sx[placed], sy[placed]]))
        pairs = tree.query_pairs(float(settings.transfer_distance), output_type="ndarray")
        if len(pairs):
            first, second = placed[pairs[:, 0]], placed[pairs[:, 1]]
            a = np.concatenate([same, first, second])
            b = np.concatenate([same, second, first])
    distance = np.where(a == b, 0.0, np.hypot(sx[a] - sx[b], sy[a] - sy[b]))
    return pd.DataFrame({"stop": a, "stop2": b, "walk": settings.walk_seconds(distance)})


# -- the trips of the day --------------------------------------------------------------------------------


@dataclass
class Runs:
    """Stop times of the trips running on ``day`` (a trip of the previous or next service day is
    another run), between ``start`` and ``limit`` seconds, sorted by run and stop_sequence.

    ``frame``: ``run`` (int), ``stop`` (position in ``stop_ids``), ``seq`` (int), ``time``
    (seconds after midnight of ``day``), ``board`` (the trip can be boarded there).
    """

    day: dt.date
    start: int
    end: int
    limit: float
    frame: pd.DataFrame
    stop_ids: pd.Index
    trip_of_run: Dict[int, str]

    def boardings_in_window(self) -> pd.DataFrame:
        f = self.frame
        time = f["time"].to_numpy()
        return f[f["board"].to_numpy() & (time >= self.start) & (time < self.end)]

    @property
    def window_min(self) -> float:
        return (self.end - self.start) / 60.0


def no_service_error(feed: gtfs.Feed, day: dt.date) -> DataError:
    first, last = feed.service_period()
    busiest = gtfs.busiest_weekday(feed)
    return DataError(
        translate(
            "TransitEngine",
            "No trip of '{feed}' runs on {day} ({weekday}); its service period is {first} to {last}. "
            "Choose a date in that period: {busiest} ({busiest_weekday}) is the weekday with the most trips.",
        ).format(
            feed=feed.name,
            day=day.isoformat(),
            weekday=day.strftime("%A"),
            first=first.isoformat() if first else "?",
            last=last.isoformat() if last else "?",
            busiest=busiest.isoformat() if busiest else "?",
            busiest_weekday=busiest.strftime("%A") if busiest else "?",
        )
    )


def build_runs(
    feed: gtfs.Feed,
    day: dt.date,
    start: int,
    end: int,
    settings: Settings,
    stop_ids: Optional[pd.Index] = None,
    cancel: CancelCheck = None,
) -> Runs:
    """The stop times of the day that a journey leaving in [start, end) with at most one change can
    use: from ``start`` to ``end + 2 × the longest trip + the maximum wait``.

    Raises :class:`DataError` when no trip runs on ``day`` (naming the busiest weekday)."""
    gtfs.check_window(start, end)
    if not gtfs.active_services(feed, day):
        raise no_service_error(feed, day)
    if stop_ids is None:
        stop_ids = pd.Index(feed.stops["stop_id"])
    st = feed.stop_times
    times = st["time"].to_numpy(dtype=np.float64)
    longest = 0.0
    if len(st):
        firsts = times[st["is_first"].to_numpy()]
        lasts = times[st["is_last"].to_numpy()]
        with np.errstate(invalid="ignore"):
            spans = lasts - firsts
        spans = spans[np.isfinite(spans)]
        longest = float(spans.max()) if len(spans) else 0.0
    limit = end + 2 * longest + settings.max_wait_min * 60.0 + float(settings.walk_seconds(settings.transfer_distance))
    trip_codes, trip_names = pd.factorize(st["trip_id"])
    stop_codes = stop_ids.get_indexer(st["stop_id"])
    seq = np.arange(
        len(st), dtype=np.int64
    )  # stop_times are sorted by trip and stop_sequence: the row number orders the calls
    board = ~st["is_last"].to_numpy() & (st["pickup_type"].to_numpy() != "1")
    trip_index = pd.Index(trip_names)
    frames = []
    for offset in (-1, 0, 1):
        if cancel is not None and cancel():
            raise Canceled()
        running = gtfs.active_services(feed, day + dt.timedelta(days=offset))
        if not running:
            continue
        trips = feed.trips.loc[feed.trips["service_id"].isin(running), "trip_id"]
        chosen = np.zeros(len(trip_names), dtype=bool)
        found = trip_index.get_indexer(trips)
        chosen[found[found >= 0]] = True
        shifted = times + offset * gtfs.DAY
        with np.errstate(invalid="ignore"):
            mask = chosen[trip_codes] & (shifted >= start) & (shifted <= limit) & (stop_codes >= 0)
        if not mask.any():
            continue
        frames.append(
            pd.DataFrame(
                {
                    "run": trip_codes[mask].astype(np.int64) * 3 + (offset + 1),
                    "stop": stop_codes[mask].astype(np.int64),
                    "seq": seq[mask],
                    "time": shifted[mask],
                    "board": board[mask],
                }
            )
        )
    if frames:
        frame = (
            pd.concat(frames, ignore_index=True).sort_values(["run", "seq"], kind="mergesort").reset_index(drop=True)
        )
    else:
        frame = pd.DataFrame(
            {
                "run": pd.Series(dtype=np.int64),
                "stop": pd.Series(dtype=np.int64),
                "seq": pd.Series(dtype=np.int64),
                "time": pd.Series(dtype=np.float64),
                "board": pd.Series(dtype=bool),
            }
        )
    runs = np.unique(frame["run"].to_numpy())
    trip_of_run = {int(r): str(trip_names[r // 3]) for r in runs}
    return Runs(day, int(start), int(end), float(limit), frame, stop_ids, trip_of_run)


def zone_departures(departures: pd.DataFrame, access: pd.DataFrame, stop_ids: pd.Index, zone_count: int) -> np.ndarray:
    """Departures in the window at the stops of each zone (``departures`` from
    :func:`providers.gtfs.departures_in_window`); a stop near two zones counts for both."""
    if departures.empty or access.empty:
        return np.zeros(zone_count, dtype=np.int64)
    per_stop = departures.groupby("stop_id").size()
    counts = per_stop.reindex(stop_ids).fillna(0).to_numpy(dtype=np.int64)
    totals = np.bincount(access["zone"].to_numpy(), weights=counts[access["stop"].to_numpy()], minlength=zone_count)
    return totals.astype(np.int64)


# -- coverage --------------------------------------------------------------------------------------------


def _prune_boardings(frame: pd.DataFrame) -> pd.DataFrame:
    """Per (zone, run), in stop order, the boardings cheaper (walk - time) than every earlier one:
    the best boarding before a call is then the last kept row before it."""
    frame = frame.sort_values(["zone", "run", "seq"], kind="mergesort")
    best = frame.groupby(["zone", "run"], sort=False)["cost"].cummin()
    before = best.groupby([frame["zone"], frame["run"]], sort=False).shift(1)
    keep = before.isna() | (frame["cost"] < before)
    return frame[keep.to_numpy()].reset_index(drop=True)


def _prune_alightings(frame: pd.DataFrame) -> pd.DataFrame:
    """Per (zone, run), the alightings cheaper (time + walk) than every later one: the best
    alighting after a call is then the first kept row after it."""
    frame = frame.sort_values(["zone", "run", "seq"], ascending=[True, True, False], kind="mergesort")
    best = frame.groupby(["zone", "run"], sort=False)["cost"].cummin()
    after = best.groupby([frame["zone"], frame["run"]], sort=False).shift(1)
    keep = after.isna() | (frame["cost"] < after)
    return frame[keep.to_numpy()].sort_values(["zone", "run", "seq"], kind="mergesort").reset_index(drop=True)


def _asof(left: pd.DataFrame, right: pd.DataFrame, by: List[str], direction: str) -> np.ndarray:
    """For each row of ``left`` (columns ``by`` + ``seq``), the ``cost`` of the ``right`` row of the
    same ``by`` with the nearest seq strictly before (backward) or after (forward); NaN if none."""
    if left.empty or right.empty:
        return np.full(len(left), np.nan)
    lhs = left[by + ["seq"]].copy()
    lhs["_row"] = np.arange(len(lhs))
    lhs = lhs.sort_values("seq", kind="mergesort")
    rhs = right[by + ["seq", "cost"]].sort_values("seq", kind="mergesort")
    merged = pd.merge_asof(lhs, rhs, on="seq", by=by, direction=direction, allow_exact_matches=False)
    out = np.full(len(left), np.nan)
    out[merged["_row"].to_numpy()] = merged["cost"].to_numpy()
    return out


def _pareto(frame: pd.DataFrame, group: List[str], high: str, low: str) -> pd.DataFrame:
    """Rows of each group not dominated by another with ``high`` >= and ``low`` <= (a row with
    a larger ``high`` and a smaller ``low`` serves everything it does, as well or better)."""
    if frame.empty:
        return frame
    frame = frame.sort_values(group + [high, low], ascending=[True] * len(group) + [False, True], kind="mergesort")
    keys = [frame[c] for c in group]
    best = frame.groupby(keys, sort=False)[low].cummin()
    before = best.groupby(keys, sort=False).shift(1)
    keep = before.isna() | (frame[low] < before)
    return frame[keep.to_numpy()]


def _expand(starts: np.ndarray, ends: np.ndarray):
    """Row numbers and positions for the ranges [starts[i], ends[i]) laid end to end."""
    counts = np.maximum(ends - starts, 0)
    total = int(counts.sum())
    rows = np.repeat(np.arange(len(starts)), counts)
    offsets = np.cumsum(counts) - counts
    positions = starts[rows] + (np.arange(total) - offsets[rows])
    return rows, positions


def coverage(
    runs: Runs,
    access: pd.DataFrame,
    links: pd.DataFrame,
    pairs: pd.DataFrame,
    settings: Settings,
    cancel: CancelCheck = None,
    progress: Progress = None,
    block_runs: int = 300,
    block_pairs: int = 2000,
) -> pd.DataFrame:
    """Service of each pair of ``pairs`` (columns ``o``, ``d``: zone positions as in ``access``).

    Returns a frame aligned with ``pairs``: ``direct_departures``, ``best_direct_min``,
    ``transfer_departures``, ``best_transfer_min``, ``served`` ('direct', 'transfer', 'none') and
    ``headway_min`` (NaN where there is no departure)."""

    def check():
        if cancel is not None and cancel():
            raise Canceled()

    def step(value):
        if progress is not None:
            progress(value)

    settings.check()
    n = len(pairs)
    o_all = pairs["o"].to_numpy(dtype=np.int64)
    d_all = pairs["d"].to_numpy(dtype=np.int64)
    result = pd.DataFrame(
        {
            "direct_departures": np.zeros(n, dtype=np.int64),
            "best_direct_min": np.full(n, np.nan),
            "transfer_departures": np.zeros(n, dtype=np.int64),
            "best_transfer_min": np.full(n, np.nan),
        }
    )
    frame = runs.frame
    origins = np.unique(o_all)
    destinations = np.unique(d_all)

    # boardings in the window from the origins' stops, alightings at the destinations' stops
    board = runs.boardings_in_window()[["run", "stop", "seq", "time"]]
    acc_o = access.loc[access["zone"].isin(origins), ["zone", "stop", "walk"]]
    b = acc_o.merge(board, on="stop")
    b["cost"] = b["walk"] - b["time"]
    b = _prune_boardings(b[["zone", "run", "seq", "cost"]])
    acc_d = access.loc[access["zone"].isin(destinations), ["zone", "stop", "walk"]]
    a = acc_d.merge(frame[["run", "stop", "seq", "time"]], on="stop")
    a["cost"] = a["time"] + a["walk"]
    a = _prune_alightings(a[["zone", "run", "seq", "cost"]])
    check()
    step(5)
    # per (zone, run): first boarding f, last kept boarding fl and its cost; last alighting l,
    # first kept alighting lf and its cost
    grouped = b.groupby(["zone", "run"], sort=False)
    first = grouped.agg(f=("seq", "min"), fl=("seq", "max"), cbmin=("cost", "min")).reset_index()
    grouped = a.groupby(["zone", "run"], sort=False)
    last = grouped.agg(l=("seq", "max"), lf=("seq", "min"), camin=("cost", "min")).reset_index()
    b_asof = b.rename(columns={"zone": "o"})
    a_asof = a.rename(columns={"zone": "d"})

    # what the first-leg trips reach with one change, per destination zone (origin-independent)
    reach = _one_change_reach(runs, first, last, a_asof, links, settings, check, lambda f: step(5 + 75 * f), block_runs)

    pair_index = np.arange(n)
    first_o = first.rename(columns={"zone": "o", "run": "k1"})
    last_d = last.rename(columns={"zone": "d"})
    for begin in range(0, n, block_pairs):
        check()
        chunk = pd.DataFrame(
            {
                "pair": pair_index[begin : begin + block_pairs],
                "o": o_all[begin : begin + block_pairs],
                "d": d_all[begin : begin + block_pairs],
            }
        )
        direct = _direct(chunk, first_o, last_d, a_asof, b_asof)
        if not direct.empty:
            stats = direct.groupby("pair")["total"].agg(["size", "min"])
            result.loc[stats.index, "direct_departures"] = stats["size"].to_numpy()
            result.loc[stats.index, "best_direct_min"] = stats["min"].to_numpy() / 60.0
        check()
        changes = _with_change(chunk, first_o, reach, b_asof, direct)
        if not changes.empty:
            stats = changes.groupby("pair")["total"].agg(["size", "min"])
            result.loc[stats.index, "transfer_departures"] = stats["size"].to_numpy()
            result.loc[stats.index, "best_transfer_min"] = stats["min"].to_numpy() / 60.0
        step(80 + 20 * min(n, begin + block_pairs) / max(n, 1))
    direct_n = result["direct_departures"].to_numpy()
    change_n = result["transfer_departures"].to_numpy()
    result["served"] = np.where(direct_n > 0, "direct", np.where(change_n > 0, "transfer", "none"))
    used = np.where(direct_n > 0, direct_n, change_n)
    with np.errstate(divide="ignore", invalid="ignore"):
        result["headway_min"] = np.where(used > 0, runs.window_min / np.maximum(used, 1), np.nan)
    return result


def _direct(
    chunk: pd.DataFrame, first_o: pd.DataFrame, last_d: pd.DataFrame, a_asof: pd.DataFrame, b_asof: pd.DataFrame
) -> pd.DataFrame:
    """(pair, run, total seconds) of the direct trips of the pairs of ``chunk``."""
    x = chunk.merge(first_o, on="o").merge(last_d, left_on=["d", "k1"], right_on=["d", "run"])
    x = x[x["f"].to_numpy() < x["l"].to_numpy()]
    if x.empty:
        return pd.DataFrame(
            {"pair": pd.Series(dtype=np.int64), "run": pd.Series(dtype=np.int64), "total": pd.Series(dtype=np.float64)}
        )
    simple = x["fl"].to_numpy() < x["lf"].to_numpy()  # every boarding before every alighting
    total = (x["cbmin"] + x["camin"]).to_numpy().copy()
    tangled = x[~simple]
    if len(tangled):
        # the origin's and the destination's stops alternate along the trip: pair each kept
        # alighting after the first boarding with the best boarding before it
        rows = tangled[["pair", "o", "d", "run", "f"]].reset_index().rename(columns={"index": "row"})
        alight = rows.merge(a_asof, on=["d", "run"])
        alight = alight[alight["seq"].to_numpy() > alight["f"].to_numpy()]
        cb = _asof(alight, b_asof, ["o", "run"], "backward")
        alight = alight.assign(total=cb + alight["cost"].to_numpy())
        best = alight.groupby("row")["total"].min()
        total[x.index.get_indexer(best.index)] = best.to_numpy()
    return pd.DataFrame({"pair": x["pair"].to_numpy(), "run": x["run"].to_numpy(), "total": total})


def _one_change_reach(
    runs: Runs,
    first: pd.DataFrame,
    last: pd.DataFrame,
    a_asof: pd.DataFrame,
    links: pd.DataFrame,
    settings: Settings,
    check,
    step,
    block_runs: int,
) -> pd.DataFrame:
    """For every first-leg trip ``k1`` (boardable from an origin in the window) and destination
    zone ``d`` reached from it with one change: ``seq1`` (the call of k1 left) and ``ca`` (best
    arrival time + walk at d), Pareto-reduced (a later seq1 with a lower ca serves better)."""
    empty = pd.DataFrame(
        {
            "k1": pd.Series(dtype=np.int64),
            "d": pd.Series(dtype=np.int64),
            "seq1": pd.Series(dtype=np.int64),
            "ca": pd.Series(dtype=np.float64),
        }
    )
    if first.empty or last.empty:
        step(1.0)
        return empty
    frame = runs.frame
    min_change = settings.min_transfer_min * 60.0
    max_wait = settings.max_wait_min * 60.0
    # calls where a first-leg trip can be left: after its earliest boarding from any origin
    earliest = first.groupby("run")["f"].min()
    k1_runs = earliest.index.to_numpy()
    # second-leg boardings: trips reaching a destination zone, before their last call there
    lmax = last.groupby("run")["l"].max()
    dep = frame[frame["board"].to_numpy() & frame["run"].isin(lmax.index).to_numpy()]
    dep = dep[dep["seq"].to_numpy() < lmax.reindex(dep["run"]).to_numpy()]
    dep = dep.sort_values(["stop", "time"], kind="mergesort")
    # one sorted key per departure: stop, then time (a stop's departures are one slice of it)
    longest_walk = float(links["walk"].max()) if len(links) else 0.0
    span = (
        float(max(runs.limit, dep["time"].max() if len(dep) else 0.0)) + longest_walk + max(max_wait, min_change) + 1.0
    )
    dep_key = dep["stop"].to_numpy() * span + dep["time"].to_numpy()
    dep_run = dep["run"].to_numpy()
    dep_seq = dep["seq"].to_numpy()
    link_stop = links["stop"].to_numpy()
    order = np.argsort(link_stop, kind="mergesort")
    link_stop, link_stop2, link_walk = (
        link_stop[order],
        links["stop2"].to_numpy()[order],
        links["walk"].to_numpy()[order],
    )
    link_start = np.searchsorted(link_stop, np.arange(len(runs.stop_ids) + 1), side="left")
    last_by = last.rename(columns={"zone": "d", "run": "k2"})
    parts = []
    run_col = frame["run"].to_numpy()
    blocks = max(1, int(np.ceil(len(k1_runs) / block_runs)))
    for block in range(blocks):
        check()
        chosen = k1_runs[block * block_runs : (block + 1) * block_runs]
        rows = frame[np.isin(run_col, chosen)]
        rows = rows[rows["seq"].to_numpy() > earliest.reindex(rows["run"]).to_numpy()]
        k1 = rows["run"].to_numpy()
        seq1 = rows["seq"].to_numpy()
        t1 = rows["time"].to_numpy()
        stop1 = rows["stop"].to_numpy()
        # walk to the stops of the change
        r, pos = _expand(link_start[stop1], link_start[stop1 + 1])
        s2 = link_stop2[pos]
        walk = link_walk[pos]
        lo = t1[r] + np.maximum(min_change, walk)
        hi = t1[r] + walk + max_wait
        # the departures there in [lo, hi]
        lo_i = np.searchsorted(dep_key, s2 * span + lo, side="left")
        hi_i = np.searchsorted(dep_key, s2 * span + hi, side="right")
        r2, pos2 = _expand(lo_i, hi_i)
        leg = r[r2]
        x = pd.DataFrame({"k1": k1[leg], "seq1": seq1[leg], "k2": dep_run[pos2], "seq2": dep_seq[pos2]})
        x = x[x["k1"].to_numpy() != x["k2"].to_numpy()]
        x = _pareto(x, ["k1", "k2"], "seq1", "seq2")
        check()
        # the destination zones the second trip reaches after boarding
        y = x.merge(last_by, on="k2")
        y = y[y["seq2"].to_numpy() < y["l"].to_numpy()]
        if y.empty:
            step((block + 1) / blocks)
            continue
        ca = y["camin"].to_numpy().copy()
        inside = y["seq2"].to_numpy() >= y["lf"].to_numpy()
        if inside.any():
            part = y[inside][["d", "k2", "seq2"]].rename(columns={"k2": "run", "seq2": "seq"})
            ca[inside] = _asof(part, a_asof, ["d", "run"], "forward")
        y = pd.DataFrame({"k1": y["k1"].to_numpy(), "d": y["d"].to_numpy(), "seq1": y["seq1"].to_numpy(), "ca": ca})
        parts.append(_pareto(y, ["k1", "d"], "seq1", "ca"))
        step((block + 1) / blocks)
    if not parts:
        return empty
    return pd.concat(parts, ignore_index=True)


def _with_change(
    chunk: pd.DataFrame, first_o: pd.DataFrame, reach: pd.DataFrame, b_asof: pd.DataFrame, direct: pd.DataFrame
) -> pd.DataFrame:
    """(pair, k1, total seconds) of the first-leg trips serving the pairs of ``chunk`` with one
    change and not directly."""
    empty = pd.DataFrame(
        {"pair": pd.Series(dtype=np.int64), "k1": pd.Series(dtype=np.int64), "total": pd.Series(dtype=np.float64)}
    )
    if reach.empty:
        return empty
    y = chunk.merge(first_o, on="o").merge(reach, on=["k1", "d"])
    y = y[y["seq1"].to_numpy() > y["f"].to_numpy()]
    if y.empty:
        return empty
    cb = y["cbmin"].to_numpy().copy()
    early = y["seq1"].to_numpy() <= y["fl"].to_numpy()
    if early.any():
        part = y[early][["o", "k1", "seq1"]].rename(columns={"k1": "run", "seq1": "seq"})
        cb[early] = _asof(part, b_asof, ["o", "run"], "backward")
    y = pd.DataFrame({"pair": y["pair"].to_numpy(), "k1": y["k1"].to_numpy(), "total": cb + y["ca"].to_numpy()})
    if not direct.empty:
        served = pd.MultiIndex.from_arrays([direct["pair"].to_numpy(), direct["run"].to_numpy()])
        y = y[~pd.MultiIndex.from_arrays([y["pair"].to_numpy(), y["k1"].to_numpy()]).isin(served)]
    return y.groupby(["pair", "k1"], as_index=False)["total"].min()


# -- reasons ---------------------------------------------------------------------------------------------


def reasons(
    o_known: Iterable[bool],
    d_known: Iterable[bool],
    o_stops: Iterable[int],
    d_stops: Iterable[int],
    served: Iterable[str],
    o_codes: Iterable[str],
    d_codes: Iterable[str],
    no_geometry: Iterable[str] = (),
) -> List[str]:
    """Why each pair is not served ('' when it is). ``*_known``: the code is a zone with a
    geometry; ``no_geometry``: codes of zones whose geometry is empty."""
    empty = set(no_geometry)

    def unknown(code):
        if code in empty:
            return translate("TransitEngine", "zone '{code}' has no geometry").format(code=code)
        return translate("TransitEngine", "no zone '{code}' in the zones layer").format(code=code)

    out = []
    for ok_o, ok_d, so, sd, kind, oc, dc in zip(o_known, d_known, o_stops, d_stops, served, o_codes, d_codes):
        if kind != "none":
            out.append("")
        elif not ok_o and not ok_d:
            out.append(f"{unknown(oc)}; {unknown(dc)}")
        elif not ok_o:
            out.append(unknown(oc))
        elif not ok_d:
            out.append(unknown(dc))
        elif so == 0 and sd == 0:
            out.append(translate("TransitEngine", "no stop near the origin nor the destination"))
        elif so == 0:
            out.append(translate("TransitEngine", "no stop near the origin"))
        elif sd == 0:
            out.append(translate("TransitEngine", "no stop near the destination"))
        else:
            out.append(translate("TransitEngine", "no trip in the window, direct or with one change"))
    return out
