"""A real PostgreSQL + PostGIS server for the tests, started on 127.0.0.1 and stopped by them.

Debian's ``postgresql`` and ``postgresql-<v>-postgis-3`` packages (installed by ``make deps``)
provide the programs; the cluster lives in a temporary folder, listens on a free port on loopback
only, trusts local connections, and is stopped (fast mode) when the test session ends. As root,
the server runs as the ``postgres`` user (PostgreSQL refuses to run as root).
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time


def _bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def available() -> bool:
    return bool(_bin("initdb") and _bin("pg_ctl") and glob.glob("/usr/share/postgresql/*/extension/postgis.control"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgisServer:
    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="territorial-pg-")
        self.data = os.path.join(self.folder, "data")
        self.port = _free_port()
        self.user = "postgres"
        self.as_root = os.geteuid() == 0

    def _run(self, *args, **kwargs):
        command = list(args)
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120, **kwargs)

    def start(self):
        if self.as_root:
            shutil.chown(self.folder, "postgres")
        self._run(_bin("initdb"), "-D", self.data, "-A", "trust", "-U", self.user, "--no-sync")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(_bin("pg_ctl"), "-D", self.data, "-o", options, "-l", os.path.join(self.folder, "log"), "-w", "start")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.psql("postgres", "SELECT 1")
                return self
            except subprocess.CalledProcessError:
                time.sleep(0.2)
        with open(os.path.join(self.folder, "log"), encoding="utf-8") as handle:
            raise RuntimeError("PostgreSQL did not start: " + handle.read())

    def stop(self):
        try:
            self._run(_bin("pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def psql(self, database, statement):
        done = subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                self.user,
                "-d",
                database,
                "-At",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                statement,
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        )
        return done.stdout.strip()

    def create_database(self, name, postgis=True):
        self.psql("postgres", f'CREATE DATABASE "{name}"')
        if postgis:
            self.psql(name, "CREATE EXTENSION postgis")
        return name

    def uri(self, database, user=None):
        return f"dbname='{database}' host=127.0.0.1 port={self.port} user='{user or self.user}' sslmode=disable"

    def destination(self, database, table, schema="public", user=None, geometry="geom"):
        return f'postgis:{self.uri(database, user)} table="{schema}"."{table}" ({geometry})'
