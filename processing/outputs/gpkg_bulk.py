"""Large outputs written straight into a GeoPackage: no QgsFeature per row.

A million skim rows or half a million network segments spent most of a run in the per-feature path
(a ``QgsFeature`` per row, its attributes set one by one, then GDAL's own per-feature insert). For a
GeoPackage output that the run owns (the partial file of ``outputs/sinks.py``), QGIS first creates
the empty table (fields, geometry column, spatial index, ``gpkg_contents``); then the rows go in with
one ``executemany`` in one transaction, geometries as GeoPackage blobs (header with the envelope, then
the WKB QGIS gives), and the spatial index is filled from the same envelopes. GDAL's spatial-index
triggers call SpatiaLite-style functions that plain SQLite does not have: they are dropped for the
insert and put back as they were, and the feature count and extent are set like GDAL sets them.
"""

import sqlite3
import struct
from typing import Iterable, List, Optional, Sequence, Tuple

#: GeoPackage geometry header: magic, version 0, flags (little endian, envelope [minx maxx miny maxy])
_HEADER = struct.Struct("<2sBBi4d")


def gpkg_blob(wkb: bytes, envelope: Tuple[float, float, float, float], srs_id: int) -> bytes:
    """A GeoPackage geometry blob from ISO WKB and its envelope (minx, maxx, miny, maxy)."""
    return _HEADER.pack(b"GP", 0, 0b00000011, srs_id, *envelope) + wkb


class GpkgTable:
    """An empty table of a GeoPackage, filled in bulk."""

    def __init__(self, path: str, table: Optional[str] = None):
        self.path = path
        self.connection = sqlite3.connect(path, timeout=30)
        # the run's own partial file, renamed only once complete: no journal to keep
        self.connection.execute("PRAGMA journal_mode = OFF")
        self.connection.execute("PRAGMA synchronous = OFF")
        if table is None:
            rows = self.connection.execute("SELECT table_name FROM gpkg_contents").fetchall()
            if len(rows) != 1:
                raise ValueError(f"{path}: expected one table, found {len(rows)}")
            table = rows[0][0]
        self.table = table
        info = self.connection.execute(f'PRAGMA table_info("{_ident(table)}")').fetchall()
        self.pk = next((row[1] for row in info if row[5]), None)
        geometry = self.connection.execute(
            "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (table,)
        ).fetchone()
        self.geometry_column, self.srs_id = geometry if geometry else (None, 0)
        self.columns = [row[1] for row in info if row[1] not in (self.pk, self.geometry_column)]

    def write(self, rows: Iterable[Sequence], geometries: Optional[List[Optional[tuple]]] = None) -> int:
        """Insert ``rows`` (attribute values in the table's field order) and, for a table with a
        geometry column, ``geometries``: per row ``(wkb, (minx, maxx, miny, maxy))`` or None."""
        con = self.connection
        table = _ident(self.table)
        triggers = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (self.table,)
        ).fetchall()
        first = (con.execute(f'SELECT coalesce(max("{_ident(self.pk)}"), 0) FROM "{table}"').fetchone()[0]) + 1
        count = 0
        with con:
            for name, _sql in triggers:
                con.execute(f'DROP TRIGGER "{_ident(name)}"')
            columns = [self.pk, *self.columns] + ([self.geometry_column] if self.geometry_column else [])
            names = ", ".join(f'"{_ident(c)}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            insert = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
            rtree, envelopes = [], None
            if self.geometry_column:
                srs = self.srs_id
                batch = []
                envelopes = [None, None, None, None]
                for fid, (row, geometry) in enumerate(zip(rows, geometries), start=first):
                    if geometry is None:
                        blob = None
                    else:
                        wkb, box = geometry
                        blob = gpkg_blob(wkb, box, srs)
                        rtree.append((fid, *box))
                    batch.append((fid, *row, blob))
                    if len(batch) >= 20000:
                        con.executemany(insert, batch)
                        count += len(batch)
                        batch = []
                con.executemany(insert, batch)
                count += len(batch)
                index = f"rtree_{self.table}_{self.geometry_column}"
                if con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (index,)).fetchone():
                    con.executemany(f'INSERT INTO "{_ident(index)}" VALUES (?, ?, ?, ?, ?)', rtree)
                if rtree:
                    envelopes = (
                        min(r[1] for r in rtree),
                        max(r[2] for r in rtree),
                        min(r[3] for r in rtree),
                        max(r[4] for r in rtree),
                    )
                    con.execute(  # envelopes: min x, max x, min y, max y
                        "UPDATE gpkg_contents SET min_x = ?, max_x = ?, min_y = ?, max_y = ? WHERE table_name = ?",
                        (*envelopes, self.table),
                    )
            else:
                batch = []
                for fid, row in enumerate(rows, start=first):
                    batch.append((fid, *row))
                    if len(batch) >= 50000:
                        con.executemany(insert, batch)
                        count += len(batch)
                        batch = []
                con.executemany(insert, batch)
                count += len(batch)
            for _name, sql in triggers:
                con.execute(sql)
            if con.execute("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_ogr_contents'").fetchone():
                con.execute(
                    f'UPDATE gpkg_ogr_contents SET feature_count = (SELECT count(*) FROM "{table}") '
                    "WHERE table_name = ?",
                    (self.table,),
                )
            con.execute(
                "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?",
                (self.table,),
            )
        return count

    def close(self) -> None:
        self.connection.close()


def _ident(name: str) -> str:
    return name.replace('"', '""')
