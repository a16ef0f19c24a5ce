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

import os
import pathlib
import sqlite3
import struct
from typing import Iterable, List, Optional, Sequence, Tuple

import numpy as np

#: GeoPackage geometry header: magic, version 0, flags (little endian, envelope [minx maxx miny maxy])
_HEADER = struct.Struct("<2sBBi4d")


#: SQL: the hex of the WKB byte order and type of a GeoPackage blob (its envelope's size read from the
#: flags; NULL for an empty or extended geometry)
_WKB_TYPE = (
    "hex(substr({blob}, CASE hex(substr({blob}, 4, 1)) WHEN '00' THEN 9 WHEN '01' THEN 9 WHEN '02' THEN 41 "
    "WHEN '03' THEN 41 WHEN '04' THEN 57 WHEN '05' THEN 57 WHEN '06' THEN 57 WHEN '07' THEN 57 WHEN '08' THEN 73 "
    "WHEN '09' THEN 73 END, 5))"
)


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
        self.rtree = f"rtree_{table}_{self.geometry_column}"
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
            rtree = []
            if self.geometry_column:
                srs = self.srs_id
                batch = []
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
                if self._has_index():
                    con.executemany(f'INSERT INTO "{_ident(self.rtree)}" VALUES (?, ?, ?, ?, ?)', rtree)
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
            self._refresh_contents()
        return count

    def copy_from(self, source: "SourceTable", copy: "RowCopy", refresh: bool = True) -> Tuple[int, List[int]]:
        """Insert one row per row of the ``source`` table, in its order, except the rows of
        ``copy.skip``: the output columns of ``copy.copied`` (output column -> source column) taken from
        the source row as they are; the ``copy.result_columns`` from ``copy.results`` (rows
        ``(source fid, value, ...)``) with the source geometry blob, or, for a source row without
        results, ``copy.fill`` and no geometry. The spatial index is filled from the source's (joined on
        ``copy.key_column``, the output column that holds the source fid). Returns the number of rows
        inserted and the source fids of ``copy.results`` refused (a geometry other than a plain 2D line,
        which GDAL lets into a LINESTRING table): the caller writes those. ``refresh=False`` leaves the
        feature count and extent to the :meth:`write` that follows."""
        con = self.connection
        out = _ident(self.table)
        triggers = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (self.table,)
        ).fetchall()
        before = con.execute(f'SELECT coalesce(max("{_ident(self.pk)}"), 0) FROM "{out}"').fetchone()[0]
        slots = [f"v{i}" for i in range(len(copy.result_columns))]
        con.execute("ATTACH DATABASE ? AS td_src", (source.path,))  # read only: SELECTs
        try:
            with con:
                for name, _sql in triggers:
                    con.execute(f'DROP TRIGGER "{_ident(name)}"')
                con.execute(
                    f"CREATE TEMP TABLE td_results (src_fid INTEGER PRIMARY KEY{''.join(', ' + v for v in slots)})"
                )
                marks = ", ".join("?" for _ in range(len(slots) + 1))
                con.executemany(f"INSERT INTO temp.td_results VALUES ({marks})", copy.results)
                con.execute("CREATE TEMP TABLE td_skip (src_fid INTEGER PRIMARY KEY)")
                con.executemany("INSERT INTO temp.td_skip VALUES (?)", ((int(fid),) for fid in copy.skip))
                pk = f's."{_ident(source.pk)}"'
                geom = f's."{_ident(source.geometry_column)}"'
                refused = [
                    row[0]
                    for row in con.execute(
                        f"SELECT r.src_fid FROM temp.td_results r "
                        f'JOIN td_src."{_ident(source.table)}" s ON {pk} = r.src_fid '
                        f"WHERE {_WKB_TYPE.format(blob=geom)} IS NOT '0102000000' "
                        f"AND {_WKB_TYPE.format(blob=geom)} IS NOT '0000000002'"
                    )
                ]
                con.executemany("INSERT INTO temp.td_skip VALUES (?)", ((fid,) for fid in refused))
                # into an empty table, the copied rows keep the source's fids: its spatial index can
                # then be copied as it is (see _copy_index)
                keep_fids = before == 0
                target = [*copy.copied.keys(), *copy.result_columns, self.geometry_column]
                select = [f's."{_ident(c)}"' for c in copy.copied.values()]
                select += [f"CASE WHEN r.src_fid IS NULL THEN ? ELSE r.{slot} END" for slot in slots]
                select.append(f"CASE WHEN r.src_fid IS NULL THEN NULL ELSE {geom} END")
                if keep_fids:
                    target.insert(0, self.pk)
                    select.insert(0, pk)
                con.execute(
                    f'INSERT INTO "{out}" ({", ".join(chr(34) + _ident(c) + chr(34) for c in target)}) '
                    f'SELECT {", ".join(select)} FROM td_src."{_ident(source.table)}" s '
                    f"LEFT JOIN temp.td_results r ON {pk} = r.src_fid "
                    f"WHERE {pk} NOT IN (SELECT src_fid FROM temp.td_skip) ORDER BY {pk}",
                    tuple(copy.fill),
                )
                count = con.execute(
                    f'SELECT count(*) FROM "{out}" WHERE "{_ident(self.pk)}" > ?', (before,)
                ).fetchone()[0]
                if self._has_index() and not (keep_fids and self._copy_index(source)):
                    con.execute(
                        f'INSERT INTO "{_ident(self.rtree)}" SELECT o."{_ident(self.pk)}", i.minx, i.maxx, i.miny, '
                        f'i.maxy FROM "{out}" o JOIN td_src."{_ident(source.rtree)}" i '
                        f'ON i.id = o."{_ident(copy.key_column)}" '
                        f'WHERE o."{_ident(self.pk)}" > ? AND o."{_ident(self.geometry_column)}" IS NOT NULL',
                        (before,),
                    )
                con.execute("DROP TABLE temp.td_results")
                con.execute("DROP TABLE temp.td_skip")
                for _name, sql in triggers:
                    con.execute(sql)
                if refresh:
                    self._refresh_contents()
        finally:
            con.execute("DETACH DATABASE td_src")
        return count, refused

    def _has_index(self) -> bool:
        return bool(
            self.geometry_column
            and self.connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (self.rtree,)).fetchone()
        )

    def _copy_index(self, source: "SourceTable") -> bool:
        """The spatial index copied from the source's (its SQLite tables as they are: an R-tree built in
        one go), then the entries of the rows not copied with their line taken out. False, with nothing
        changed, when the indexes are not alike, the index is not empty, or too many entries would go."""
        con, out = self.connection, _ident(self.table)
        shadows = ("node", "rowid", "parent")

        def schema(database, index, suffix):
            row = con.execute(
                f"SELECT sql FROM {database}.sqlite_master WHERE name = ?", (f"{index}_{suffix}",)
            ).fetchone()
            return row[0].replace(index, "INDEX") if row and row[0] else None

        if any(
            schema("main", self.rtree, s) != schema("td_src", source.rtree, s) or schema("main", self.rtree, s) is None
            for s in shadows
        ):
            return False
        if con.execute(f'SELECT count(*) FROM "{_ident(self.rtree)}_rowid"').fetchone()[0]:
            return False
        stale = [
            row[0]
            for row in con.execute(
                f'SELECT rowid FROM td_src."{_ident(source.rtree)}_rowid" EXCEPT '
                f'SELECT "{_ident(self.pk)}" FROM "{out}" WHERE "{_ident(self.geometry_column)}" IS NOT NULL'
            )
        ]
        if len(stale) * 4 > con.execute(f'SELECT count(*) FROM td_src."{_ident(source.rtree)}_rowid"').fetchone()[0]:
            return False  # a quarter of the entries to take out: as quick to build the index anew
        con.execute("SAVEPOINT td_index")
        try:
            for suffix in shadows:
                con.execute(f'DELETE FROM "{_ident(self.rtree)}_{suffix}"')
                mine, theirs = _ident(f"{self.rtree}_{suffix}"), _ident(f"{source.rtree}_{suffix}")
                con.execute(f'INSERT INTO "{mine}" SELECT * FROM td_src."{theirs}"')
        except sqlite3.DatabaseError:  # shadow tables read-only (SQLITE_DBCONFIG_DEFENSIVE)
            con.execute("ROLLBACK TO td_index")
            con.execute("RELEASE td_index")
            return False
        con.execute("RELEASE td_index")
        con.executemany(f'DELETE FROM "{_ident(self.rtree)}" WHERE id = ?', ((fid,) for fid in stale))
        return True

    def _refresh_contents(self) -> None:
        """Feature count, extent and time of change of the table, as GDAL keeps them."""
        con = self.connection
        out = _ident(self.table)
        if con.execute("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_ogr_contents'").fetchone():
            con.execute(
                f'UPDATE gpkg_ogr_contents SET feature_count = (SELECT count(*) FROM "{out}") WHERE table_name = ?',
                (self.table,),
            )
        box = self._extent()
        if box is not None:
            con.execute(
                "UPDATE gpkg_contents SET min_x = ?, max_x = ?, min_y = ?, max_y = ? WHERE table_name = ?",
                (*box, self.table),
            )
        con.execute(
            "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?",
            (self.table,),
        )

    def _extent(self) -> Optional[Tuple[float, float, float, float]]:
        """(min x, max x, min y, max y) of the table's geometries, exact: read from the envelopes of the
        blobs (little endian, x and y: what GDAL and :func:`gpkg_blob` write); for any other blob, from
        the spatial index (single precision, rounded outwards)."""
        if not self.geometry_column:
            return None
        con, out, geom = self.connection, _ident(self.table), _ident(self.geometry_column)
        heads = con.execute(
            f'SELECT substr("{geom}", 9, 32) FROM "{out}" WHERE hex(substr("{geom}", 4, 1)) = \'03\''
        ).fetchall()
        boxes = np.frombuffer(b"".join(h for (h,) in heads), dtype="<f8").reshape(-1, 4)
        found = (
            [] if boxes.size == 0 else [(boxes[:, 0].min(), boxes[:, 1].max(), boxes[:, 2].min(), boxes[:, 3].max())]
        )
        if self._has_index():
            other = con.execute(
                f'SELECT min(i.minx), max(i.maxx), min(i.miny), max(i.maxy) FROM "{_ident(self.rtree)}" i '
                f'JOIN "{out}" o ON o."{_ident(self.pk)}" = i.id WHERE hex(substr(o."{geom}", 4, 1)) <> \'03\''
            ).fetchone()
            if other and other[0] is not None:
                found.append(other)
        if not found:
            return None
        return (
            float(min(b[0] for b in found)),
            float(max(b[1] for b in found)),
            float(min(b[2] for b in found)),
            float(max(b[3] for b in found)),
        )

    def close(self) -> None:
        self.connection.close()


class SourceTable:
    """A GeoPackage table whose rows can be copied as they are into an output (``GpkgTable.copy_from``):
    2D lines with a spatial index, in the spatial reference system ``srs_id``. ``None`` from
    :meth:`open` when the table is not such a table."""

    def __init__(self, path, table, pk, geometry_column, srs_id, rtree, columns):
        self.path, self.table, self.pk = path, table, pk
        self.geometry_column, self.srs_id, self.rtree = geometry_column, srs_id, rtree
        self.columns = columns  # every column, the key and the geometry included

    @classmethod
    def open(cls, path: str, table: Optional[str]):
        try:
            uri = pathlib.Path(os.path.abspath(path)).as_uri()  # percent-encoded: '?', '#', '%' in names
            connection = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=30)
        except sqlite3.Error:
            return None
        try:
            if table is None:
                rows = connection.execute("SELECT table_name FROM gpkg_contents").fetchall()
                if len(rows) != 1:
                    return None
                table = rows[0][0]
            geometry = connection.execute(
                "SELECT column_name, srs_id, geometry_type_name, z, m FROM gpkg_geometry_columns WHERE table_name = ?",
                (table,),
            ).fetchone()
            if not geometry or str(geometry[2]).upper() != "LINESTRING" or geometry[3] or geometry[4]:
                return None
            info = connection.execute(f'PRAGMA table_info("{_ident(table)}")').fetchall()
            pk = next((row[1] for row in info if row[5]), None)
            rtree = f"rtree_{table}_{geometry[0]}"
            if pk is None or not connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (rtree,)).fetchone():
                return None
            return cls(path, table, pk, geometry[0], geometry[1], rtree, [row[1] for row in info])
        except sqlite3.Error:
            return None
        finally:
            connection.close()


class RowCopy:
    """What :meth:`GpkgTable.copy_from` copies: see there."""

    def __init__(self, copied, result_columns, results, key_column, skip, fill):
        self.copied, self.result_columns, self.results = copied, result_columns, results
        self.key_column, self.skip, self.fill = key_column, skip, fill


def _ident(name: str) -> str:
    return name.replace('"', '""')
