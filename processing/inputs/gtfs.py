"""GTFS input: a feed opened once (its warnings logged, the service day chosen) and its provenance."""

import datetime as dt
import os

from ...providers import gtfs
from ...providers.cache import Provenance, sha256_file
from ...providers.i18n import translate, ui_language


def open_feed(path, day, feedback, cancel, progress):
    """The feed (its warnings logged) and the service day: ``day``, else the weekday with the most trips."""
    feedback.pushInfo(translate("Gtfs", "Reading {name}…").format(name=os.path.basename(path)))
    feed = gtfs.load_feed(path, cancel=cancel, progress=progress)
    for warning in feed.warnings:
        feedback.pushWarning(warning)
    if day is None:
        day = gtfs.busiest_weekday(feed) or dt.date.today()
        feedback.pushInfo(
            translate("Gtfs", "No date given: {day} ({weekday}), the weekday with the most trips, is used.").format(
                day=day.isoformat(), weekday=weekday_name(day)
            )
        )
    return feed, day


def feed_record(path, feed):
    """Provenance of a GTFS file: the record written by fetch_gtfs (cache or copy), else the local file's."""
    record = gtfs.read_sidecar(path)
    if record is not None:
        return record
    first, last = feed.service_period()
    vintage = f"{first} → {last}" if first else ""
    record = Provenance("gtfs", url=path, vintage=vintage, sha256=sha256_file(path)).record()
    agencies = ", ".join(feed.agency_names())
    publisher = ""
    if "feed_publisher_name" in feed.feed_info and len(feed.feed_info):
        publisher = str(feed.feed_info["feed_publisher_name"].iloc[0]).strip()
    producer = publisher or agencies or record["producer"]
    record.update(
        title=translate("Gtfs", "GTFS feed {name}").format(name=os.path.basename(path)),
        producer=producer,
        licence=translate("Gtfs", "not stated (local file): check the publisher's licence"),
        licence_url="",
        attribution=f"{producer} (GTFS)",
    )
    return record


def weekday_name(day) -> str:
    """The day's name in the user's language (« mardi »)."""
    from qgis.PyQt.QtCore import QLocale

    return QLocale(ui_language()).dayName(day.isoweekday())
