"""The one clock of the product: every "today" and "now" comes from here.

Today is the date in the Netherlands, unless LOO_PEILDATUM holds an ISO date (2026-11-30) or
date and time (2026-11-30T09:00): then this process, and every process it starts, works as on
that date: retention, the meeting default, plan projections and lateness, period defaults, the
report and the check that no date lies in the future. The test suite sets it for every test;
the commands' --peildatum sets it the same way.

Two readings stay on the real clock on purpose, whatever the peildatum says: real_now(), the
moment the audit trail records (a setting must not move a security record), and epoch(), the
seconds that session cookies are stamped and checked with (streamlit-authenticator stamps them
with the real time.time()).
"""

import argparse
import datetime as dt
import os
import time
from functools import lru_cache
from zoneinfo import ZoneInfo

ENV = "LOO_PEILDATUM"
ZONE = ZoneInfo("Europe/Amsterdam")


class ClockError(ValueError):
    """A peildatum that is not an ISO date; the message is Dutch."""


@lru_cache(maxsize=8)
def parse(text):
    """A date or a naive datetime from ISO text ('2026-11-30' or '2026-11-30T09:00')."""
    text = str(text).strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        raise ClockError(f"Peildatum '{text[:40]}' is geen datum; verwacht JJJJ-MM-DD, "
                         "bijvoorbeeld 2026-11-30.") from None


def date_argument(text):
    """argparse type of --peildatum: an ISO date, with a Dutch message when it is none."""
    try:
        value = parse(text)
    except ClockError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if isinstance(value, dt.datetime):
        raise argparse.ArgumentTypeError(f"Peildatum '{text}' moet een datum zijn zonder tijd "
                                         "(JJJJ-MM-DD).")
    return value


def pinned():
    """The peildatum set through LOO_PEILDATUM (a date or datetime), or None."""
    text = os.environ.get(ENV, "").strip()
    return parse(text) if text else None


def now():
    """The current local time (naive, Dutch time); on the peildatum when one is set."""
    real = dt.datetime.now(ZONE).replace(tzinfo=None)
    moment = pinned()
    if moment is None:
        return real
    if isinstance(moment, dt.datetime):
        return moment
    return dt.datetime.combine(moment, real.time())  # the day is fixed, the hours still run


def today():
    """Today's date in the Netherlands, or the peildatum."""
    return now().date()


def real_now():
    """The real moment in UTC, never moved by a peildatum: what the audit trail records."""
    return dt.datetime.now(dt.timezone.utc)


def epoch():
    """Real seconds since 1970 for session cookies, as streamlit-authenticator stamps them."""
    return time.time()
