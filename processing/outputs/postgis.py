"""PostGIS as a shared store: outputs written to a database table the way files are written.

An output given as ``postgis:dbname='…' host=… table="schema"."name" (geom)`` (what the Processing
dialog's « Save to PostGIS table » writes, and what ``qgis_process`` takes) is:

- checked first, with messages for a GIS officer: the database has the PostGIS extension, the user
  may create tables in the schema, and a table of that name is either absent or one that Territorial
  Data wrote (a re-run replaces its own output; a table made by someone else is never dropped);
- written to a partial table beside the target (``name__partial_<id>``), counted, then renamed
  over the target in one transaction, so readers never see half a table and a failed run leaves
  the target as it was;
- given its style (``layer_styles``, the QGIS convention, so it opens styled in any QGIS) and its
  provenance (``COMMENT ON TABLE``: a JSON document with the title, the abstract and every source
  record, since QGIS 3.22 cannot store layer metadata in PostgreSQL).
"""

import json
import re
import uuid
from typing import Optional

from qgis.core import QgsDataSourceUri, QgsProcessingException, QgsProviderRegistry, QgsVectorLayer

from ...compat import save_style_to_database
from ...providers.i18n import translate

PREFIX = "postgis:"
MARK = "territorial_data"


def is_postgis(text: str) -> bool:
    return text.startswith(PREFIX)


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def connection(uri: QgsDataSourceUri):
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        return metadata.createConnection(uri.connectionInfo(False), {})
    except Exception as exc:  # QgsProviderConnectionException: no server, bad credentials
        raise QgsProcessingException(
            translate(
                "Postgis",
                "Cannot connect to the PostgreSQL database '{database}' on {host}: {error} Check the connection "
                "(host, port, user, password) in Browser › PostgreSQL.",
            ).format(database=uri.database(), host=uri.host() or "localhost", error=str(exc).strip())
        )


def sql(conn, statement: str):
    try:
        return conn.executeSql(statement)
    except Exception as exc:  # QgsProviderConnectionException
        raise QgsProcessingException(
            translate("Postgis", "The database refused a request: {error}").format(error=str(exc).strip())
        )


class PostgisTarget:
    """One output table: checks, the partial table, the commit."""

    def __init__(self, text: str):
        self.text = text
        self.uri = QgsDataSourceUri(text[len(PREFIX) :])
        self.schema = self.uri.schema() or "public"
        self.table = self.uri.table()
        self.where = f"{self.schema}.{self.table}"
        self.conn = connection(self.uri)
        self.partial_table = f"{self.table[:40]}__partial_{uuid.uuid4().hex[:8]}"
        self.checked = False

    # -- before writing ---------------------------------------------------------------------------
    def check(self) -> None:
        if not self.table:
            raise QgsProcessingException(
                translate("Postgis", "The PostGIS destination names no table: {destination}").format(
                    destination=self.text
                )
            )
        database = self.uri.database()
        rows = sql(self.conn, "SELECT extname FROM pg_extension WHERE extname = 'postgis'")
        if not rows:
            raise QgsProcessingException(
                translate(
                    "Postgis",
                    "The database '{database}' has no PostGIS extension: ask its administrator to run « CREATE "
                    "EXTENSION postgis; » in it, or choose a database that has it.",
                ).format(database=database)
            )
        schema = _quote_literal(self.schema)
        rows = sql(
            self.conn,
            f"SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = {schema}), "
            f"CASE WHEN EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = {schema}) "
            f"THEN has_schema_privilege(current_user, {schema}, 'CREATE') ELSE false END, current_user",
        )
        exists, can_create, user = rows[0]
        if not exists:
            raise QgsProcessingException(
                translate(
                    "Postgis",
                    "The database '{database}' has no schema '{schema}': choose an existing schema, or ask its "
                    "administrator to create it.",
                ).format(database=database, schema=self.schema)
            )
        if not can_create:
            raise QgsProcessingException(
                translate(
                    "Postgis",
                    "The user '{user}' may not create tables in the schema '{schema}' of the database '{database}': "
                    "ask its administrator for the CREATE right on it (GRANT CREATE ON SCHEMA {schema} TO {user};), "
                    "or write to another schema.",
                ).format(user=user, schema=self.schema, database=database)
            )
        if self._exists(self.table) and not self._is_ours(self.table):
            raise QgsProcessingException(
                translate(
                    "Postgis",
                    "The table {table} already exists in the database '{database}' and was not written by Territorial "
                    "Data: it is left as it is. Choose another table name, or delete that table first if it is no "
                    "longer needed.",
                ).format(table=self.where, database=database)
            )
        self.checked = True

    def partial_destination(self) -> str:
        """The partial table, with its own key column ``fid``: the default key ``id`` would take an
        input field named ``id``, repeated on the pieces of one feature, and every insert would fail."""
        uri = QgsDataSourceUri(self.uri)
        uri.setDataSource(self.schema, self.partial_table, self.uri.geometryColumn() or None, self.uri.sql(), "fid")
        return PREFIX + uri.uri(False)

    def final_destination(self) -> str:
        return self.text

    def layer_uri(self, partial: bool = False) -> str:
        uri = QgsDataSourceUri(self.uri)
        table = self.partial_table if partial else self.table
        uri.setDataSource(self.schema, table, self.uri.geometryColumn() or None, "", "fid")
        return uri.uri(False)

    # -- after writing ----------------------------------------------------------------------------
    def feature_count(self, partial: bool = True) -> Optional[int]:
        table = _quote_ident(self.partial_table if partial else self.table)
        rows = sql(self.conn, f"SELECT count(*) FROM {_quote_ident(self.schema)}.{table}")
        return int(rows[0][0]) if rows else None

    def commit(self, title: str, metadata_json: str) -> None:
        """Replace the target (ours, or none) by the partial table, in one transaction."""
        schema = _quote_ident(self.schema)
        comment = json.dumps(
            {MARK: {"title": title, "provenance": json.loads(metadata_json or "{}")}}, ensure_ascii=False
        )
        statements = ["BEGIN"]
        if self._exists(self.table):
            if not self._is_ours(self.table):  # made by someone else since the check: keep it
                raise QgsProcessingException(
                    translate(
                        "Postgis", "The table {table} was created by someone else during the run: it is left as it is."
                    ).format(table=self.where)
                )
            statements.append(f"DROP TABLE {schema}.{_quote_ident(self.table)} CASCADE")
        statements += [
            f"ALTER TABLE {schema}.{_quote_ident(self.partial_table)} RENAME TO {_quote_ident(self.table)}",
            f"COMMENT ON TABLE {schema}.{_quote_ident(self.table)} IS {_quote_literal(comment)}",
            "COMMIT",
        ]
        try:
            self.conn.executeSql(";\n".join(statements))
        except Exception as exc:
            try:
                self.conn.executeSql("ROLLBACK")
            except Exception:
                pass
            raise QgsProcessingException(
                translate("Postgis", "The table {table} could not be replaced: {error}").format(
                    table=self.where, error=str(exc).strip()
                )
            )

    def save_style(self, style_path: str, localize, feedback) -> None:
        layer = QgsVectorLayer(self.layer_uri(), self.table, "postgres")
        if not layer.isValid():
            return
        layer.loadNamedStyle(style_path)
        localize(layer)
        # QGIS asks « overwrite? » in a modal dialog when a style of that name exists (and hangs
        # headless): the style of our previous run of this table goes first
        if self._exists("layer_styles"):
            self.conn.executeSql(
                "DELETE FROM layer_styles WHERE f_table_schema = {s} AND f_table_name = {t} AND stylename = {t}".format(
                    s=_quote_literal(self.schema), t=_quote_literal(self.table)
                )
            )
        error = save_style_to_database(layer, self.table, "Territorial Data", True, "")
        if error:
            feedback.pushWarning(
                translate("Postgis", "Could not store the style in the database: {error}").format(error=error)
            )

    def discard(self) -> None:
        try:
            self.conn.executeSql(
                f"DROP TABLE IF EXISTS {_quote_ident(self.schema)}.{_quote_ident(self.partial_table)} CASCADE"
            )
        except Exception:
            pass

    # -- helpers --------------------------------------------------------------------------------------
    def _exists(self, table: str) -> bool:
        rows = sql(
            self.conn,
            "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            f"WHERE n.nspname = {_quote_literal(self.schema)} AND c.relname = {_quote_literal(table)}",
        )
        return bool(rows)

    def _is_ours(self, table: str) -> bool:
        rows = sql(
            self.conn,
            "SELECT obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            f"WHERE n.nspname = {_quote_literal(self.schema)} AND c.relname = {_quote_literal(table)}",
        )
        comment = rows[0][0] if rows else None
        if not comment:
            return False
        try:
            return MARK in json.loads(comment)
        except (TypeError, ValueError):
            return False


def table_signature(layer) -> Optional[dict]:
    """What identifies the content of a PostgreSQL layer for the network cache: the table, its row
    count, and a digest of the rows' versions (``xmin`` and ``ctid``: any insert, update or delete
    changes it; the geometries are not read), or None when they cannot be read."""
    uri = QgsDataSourceUri(layer.source())
    if not uri.table():
        return None
    try:
        conn = (
            QgsProviderRegistry.instance().providerMetadata("postgres").createConnection(uri.connectionInfo(False), {})
        )
        rows = conn.executeSql(
            "SELECT count(*), md5(string_agg(xmin::text || ':' || ctid::text, ',')) FROM {schema}.{table}".format(
                schema=_quote_ident(uri.schema() or "public"), table=_quote_ident(uri.table())
            )
        )
    except Exception:
        return None
    if not rows:
        return None
    safe = re.sub(r"password='[^']*'", "", uri.uri(False))
    return {
        "source": safe,
        "subset": layer.subsetString(),
        "counters": [str(v) for v in rows[0]],
        "features": layer.featureCount(),
    }
