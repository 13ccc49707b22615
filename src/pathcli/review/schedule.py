"""When each done step comes back for review.

A step's card is computed, never stored: its log (the done at done_at as `good`, then each review counted
since, see domain.reviews) is replayed through an FSRS scheduler without same-day learning steps, so every
answer schedules whole days (at least one: a step reviewed today is not due again today). Fuzzing is off:
fsrs draws its fuzz from an unseeded random(), and two machines must compute the same schedule from the
same log. The parameters are written out here, so that a new fsrs release with other defaults does not
move every step at once. Replays are remembered between runs (replaycache): bare `pathcli` and `next`
then say what is due without loading fsrs.

A step is due on the local date of its card's due time, and from the start of that date.
"""

from datetime import date, datetime, timedelta, timezone
from typing import NamedTuple

from pathcli.domain.model import DONE, LearningPath, Progress, Step
from pathcli.domain.reviews import GOOD, RATINGS, REVIEWS, counted, instant
from pathcli.review import replaycache

# FSRS-6's default parameters (fsrs 6.x DEFAULT_PARAMETERS), fixed here.
PARAMETERS = (
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
)  # fmt: skip
DESIRED_RETENTION = 0.9
# Logs are replayed from here (FSRS depends only on the time between reviews): the first year a progress
# document may hold, so that any log of them fits in the calendar.
_EPOCH = datetime(1971, 1, 1, tzinfo=timezone.utc)
_DONE_ONLY = ((GOOD, 0),)  # the log of a step done and not reviewed since


class Card(NamedTuple):
    """A done step's place in the schedule."""

    step: Step
    due: date  # the local date it comes back
    done_at: str
    last_review: str | None  # the latest review since done_at; None before the first
    reviews: int  # reviews since done_at (the done not counted)


def cards(path: LearningPath, progress: Progress) -> list[Card]:
    """Every done step of the path with when it is due, the soonest first (then in path order). fsrs is
    imported only for a log not replayed before (see _replayed)."""
    dates: dict[tuple, date] = {}  # logs alike (steps done at one time, never reviewed since) computed once
    found = []
    for step in path.steps:
        record = progress.record(step)
        if record.get("status") == DONE and record.get("done_at"):
            found.append(_card(step, record, dates))
    _remember()
    return sorted(found, key=lambda card: (card.due, card.step.number))


def due(cards_: list[Card], today: date) -> list[Card]:
    """The cards due on or before today."""
    return [card for card in cards_ if card.due <= today]


def card(step: Step, record: dict) -> Card:
    """The card of one done step."""
    found = _card(step, record, {})
    _remember()
    return found


def _card(step: Step, record: dict, dates: dict[tuple, date]) -> Card:
    reviews = counted(record) if record.get(REVIEWS) else []
    events = ((record["done_at"], GOOD), *((review["at"], review["rating"]) for review in reviews))
    due_date = dates.get(events)
    if due_date is None:
        due_date = dates[events] = _due_after(events)
    return Card(
        step,
        due_date,
        record["done_at"],
        reviews[-1]["at"] if reviews else None,
        len(reviews),
    )


def _due_after(events) -> date:
    """The local date a log of (time, rating) events, oldest first, comes due."""
    start = instant(events[0][0])
    if len(events) == 1:
        shape: tuple = _DONE_ONLY
    else:
        shape = tuple((rating, int((instant(at) - start).total_seconds())) for at, rating in events)
    try:
        return (start + timedelta(seconds=_replayed(shape))).astimezone().date()
    except OverflowError:  # a hand-written time near the year 9999: beyond any calendar
        return date.max


class _Replays:
    """The replays of this run: those of the cache file (read on first use), those computed, those used."""

    by_shape: dict[tuple, int] = {}
    known: dict[str, int] | None = None
    key: str | None = None
    used: set[str] = set()
    computed = False


def _replayed(shape: tuple) -> int:
    """Seconds from the first event to the due time, for a log given as (rating, seconds since the first
    event). FSRS depends only on the time between reviews, so logs of the same shape (every step done and
    never reviewed since) are replayed once, and replays are remembered between runs (replaycache)."""
    seconds = _Replays.by_shape.get(shape)
    if seconds is not None:
        return seconds
    if _Replays.known is None:
        _Replays.key = replaycache.fingerprint(repr((PARAMETERS, DESIRED_RETENTION, "no learning steps, no fuzz")))
        _Replays.known = replaycache.load(_Replays.key)
    name = " ".join(f"{rating}:{offset}" for rating, offset in shape)
    _Replays.used.add(name)
    seconds = _Replays.known.get(name)
    if seconds is None:
        from fsrs import Card as FsrsCard
        from fsrs import Rating

        scheduler = _scheduler()
        state = FsrsCard(card_id=1, due=_EPOCH)  # an id given: fsrs otherwise sleeps a millisecond per card
        for rating, offset in shape:
            state, _ = scheduler.review_card(
                state, Rating(RATINGS.index(rating) + 1), _EPOCH + timedelta(seconds=offset)
            )
        seconds = _Replays.known[name] = int((state.due - _EPOCH).total_seconds())
        _Replays.computed = True
    _Replays.by_shape[shape] = seconds
    return seconds


def _remember() -> None:
    """Write the replays to the cache when this run computed some."""
    if _Replays.computed:
        replaycache.save(_Replays.key, _Replays.known, _Replays.used)
        _Replays.computed = False


_schedulers: list = []


def _scheduler():
    if not _schedulers:
        from fsrs import Scheduler

        _schedulers.append(
            Scheduler(
                parameters=PARAMETERS,
                desired_retention=DESIRED_RETENTION,
                learning_steps=(),
                relearning_steps=(),
                enable_fuzzing=False,
            )
        )
    return _schedulers[0]
