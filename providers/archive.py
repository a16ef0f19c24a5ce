"""Zip archives read safely: limits against zip bombs, no path traversal, every archive error a clear message.

Used by every reader of a zip (GTFS feeds, data.gouv.fr resources, MOBPRO tables inside a zip) and by the
cache, which checks that a downloaded archive opens and that every member's CRC is right before it keeps it:

- :func:`check_zip` looks at every entry without reading it (declared sizes, compression ratio,
  encryption, unsafe names, symbolic links);
- :func:`verify_zip` reads every member once (bounded by the declared sizes, which :func:`check_zip`
  bounded) and checks its CRC-32: a truncated download, a corrupted member or a header that lies about
  a member's size is found there, before anything is cached or parsed;
- :func:`extract_safely` extracts the safe members, counting the bytes written against the declared sizes;
- :func:`archive_error` turns what :mod:`zipfile` and :mod:`zlib` raise (``BadZipFile: Bad CRC-32``,
  ``zlib.error``, ``EOFError``...) into a :class:`ArchiveError` naming the file and the member.
"""

import os
import posixpath
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Callable, List, Optional, Tuple

from .errors import Canceled, DataError
from .i18n import translate

MiB = 2**20
CancelCheck = Optional[Callable[[], bool]]

#: what reading a damaged archive may raise (besides DataError)
ARCHIVE_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, struct.error)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


class ArchiveError(DataError):
    """A zip archive (or one of its members) cannot be read: the message names the file and the member."""

    def __init__(self, message: str, file: str = "", member: str = ""):
        super().__init__(message)
        self.file = file
        self.member = member


@dataclass(frozen=True)
class ZipLimits:
    """Limits that protect against zip bombs and absurd files (declared sizes are checked first)."""

    max_member_bytes: int = 2048 * MiB  # uncompressed size of one file
    max_total_bytes: int = 4096 * MiB  # uncompressed size of all the files read
    max_ratio: float = 200.0  # uncompressed / compressed size of one file...
    ratio_min_bytes: int = 32 * MiB  # ...checked only above this uncompressed size
    max_members: int = 10000


def looks_like_zip(path: str) -> bool:
    """True when the file starts like a zip archive (whole or not)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(4) in ZIP_MAGIC
    except OSError:
        return False


def archive_error(path: str, member: str, exc: BaseException, name: str = "") -> ArchiveError:
    """A clear message for an error met while reading ``member`` of the archive ``path`` (``name``: how
    to call the file in the message, e.g. the name of a download)."""
    name = name or os.path.basename(path)
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, zipfile.BadZipFile) and "CRC" in detail:
        problem = translate("Archive", "its content does not match its checksum (CRC-32)")
    elif isinstance(exc, (EOFError, zlib.error)) or "truncated" in detail.lower() or "Truncated" in detail:
        problem = translate("Archive", "it is cut short or its compressed data is damaged ({error})").format(
            error=detail[:120]
        )
    elif isinstance(exc, NotImplementedError):
        problem = translate("Archive", "it uses a compression method this tool cannot read ({error})").format(
            error=detail[:120]
        )
    else:
        problem = translate("Archive", "it cannot be read ({error})").format(error=detail[:120])
    if member:
        message = translate(
            "Archive",
            "The zip archive '{file}' is damaged: its member '{member}' cannot be used, {problem}. Download the "
            "archive again (or ask its producer for a sound copy).",
        ).format(file=name, member=member, problem=problem)
    else:
        message = translate(
            "Archive",
            "'{file}' is not a readable zip archive: {problem}. Give the zip file itself, downloaded completely.",
        ).format(file=name, problem=problem)
    return ArchiveError(message, name, member)


def unsafe_member_name(name: str) -> bool:
    """True for names that would leave the extraction folder (absolute, ``..``, drive letters)."""
    if not name or "\x00" in name:
        return True
    clean = name.replace("\\", "/")
    if clean.startswith("/") or re.match(r"^[A-Za-z]:", clean):
        return True
    return ".." in clean.split("/")


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return info.create_system == 3 and stat.S_ISLNK(mode)


@dataclass
class ZipCheck:
    """What :func:`check_zip` found: usable members (by name), ignored entries and fatal problems."""

    members: List[zipfile.ZipInfo]
    warnings: List[str]
    problems: List[str]


def check_zip(archive: zipfile.ZipFile, limits: ZipLimits, wanted: Optional[Callable[[str], bool]] = None) -> ZipCheck:
    """Check every entry of an open archive without reading it.

    Unsafe entries (path traversal, absolute paths, symbolic links) are ignored and reported.
    Among the entries ``wanted`` accepts (all when None), declared sizes over the limits, a
    suspicious compression ratio or encryption are fatal problems.
    """
    infos = archive.infolist()
    warnings: List[str] = []
    problems: List[str] = []
    members: List[zipfile.ZipInfo] = []
    if len(infos) > limits.max_members:
        problems.append(
            translate("Gtfs", "the archive holds {count} entries, more than the {limit} allowed").format(
                count=len(infos), limit=limits.max_members
            )
        )
        return ZipCheck([], warnings, problems)
    total = 0
    for info in infos:
        name = info.filename
        if unsafe_member_name(name):
            warnings.append(
                translate("Gtfs", "entry '{name}' ignored: its path leaves the archive folder (path traversal)").format(
                    name=name
                )
            )
            continue
        if _is_symlink(info):
            warnings.append(translate("Gtfs", "entry '{name}' ignored: it is a symbolic link").format(name=name))
            continue
        if info.is_dir():
            continue
        if wanted is not None and not wanted(name):
            continue
        if info.flag_bits & 0x1:
            problems.append(
                translate("Gtfs", "'{name}' is encrypted: give an archive without a password").format(name=name)
            )
            continue
        if info.file_size > limits.max_member_bytes:
            problems.append(
                translate("Gtfs", "'{name}' declares {size} MB uncompressed, more than the {limit} MB allowed").format(
                    name=name, size=info.file_size // MiB, limit=limits.max_member_bytes // MiB
                )
            )
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_min_bytes and ratio > limits.max_ratio:
            problems.append(
                translate(
                    "Gtfs", "'{name}' expands {ratio:.0f} times ({size} MB): the archive looks like a zip bomb"
                ).format(name=name, ratio=ratio, size=info.file_size // MiB)
            )
            continue
        total += info.file_size
        members.append(info)
    if total > limits.max_total_bytes:
        problems.append(
            translate(
                "Gtfs", "the files to read declare {size} MB uncompressed, more than the {limit} MB allowed"
            ).format(size=total // MiB, limit=limits.max_total_bytes // MiB)
        )
    return ZipCheck(members, warnings, problems)


def open_zip(path: str) -> zipfile.ZipFile:
    """The archive, or a :class:`DataError` saying it is missing or unreadable (truncated, not a zip)."""
    name = os.path.basename(path)
    if not os.path.isfile(path):
        raise DataError(translate("Gtfs", "The file '{path}' does not exist: check the path.").format(path=path))
    try:
        return zipfile.ZipFile(path)
    except ARCHIVE_ERRORS + (OSError,) as exc:
        raise DataError(
            translate(
                "Gtfs",
                "'{name}' is not a readable zip archive ({error}): give the zip file itself, downloaded completely.",
            ).format(name=name, error=exc)
        )


def verify_zip(
    path: str,
    limits: Optional[ZipLimits] = None,
    cancel: CancelCheck = None,
    chunk_size: int = 1 << 20,
    name: str = "",
) -> int:
    """Open the archive and read every member once, checking its CRC-32; returns the member count.

    Raises :class:`ArchiveError` (a :class:`DataError`) naming the file and the member at the first
    problem: not a zip, truncated, a member whose data or size does not match its header, a declared
    size over the ``limits`` or a zip-bomb ratio (checked before anything is read)."""
    limits = limits or ZipLimits(max_member_bytes=16384 * MiB, max_total_bytes=65536 * MiB)
    name = name or os.path.basename(path)
    try:
        archive = zipfile.ZipFile(path)
    except ARCHIVE_ERRORS + (OSError,) as exc:
        raise archive_error(path, "", exc, name)
    with archive:
        check = check_zip(archive, limits)
        if check.problems:
            raise ArchiveError(
                translate("Gtfs", "The archive '{name}' cannot be used: {problems}.").format(
                    name=name, problems="; ".join(check.problems)
                ),
                name,
            )
        for info in check.members:
            read = 0
            try:
                with archive.open(info) as member:
                    while True:
                        if cancel is not None and cancel():
                            raise Canceled()
                        block = member.read(chunk_size)
                        if not block:
                            break
                        read += len(block)
            except ARCHIVE_ERRORS as exc:
                raise archive_error(path, info.filename, exc, name)
            if read != info.file_size:
                raise archive_error(
                    path,
                    info.filename,
                    zipfile.BadZipFile(f"{read} bytes where the header declares {info.file_size} (truncated)"),
                    name,
                )
        return len(check.members)


def verify_member(path: str, member: str, archive: Optional[zipfile.ZipFile] = None) -> None:
    """Read one member through and check its CRC-32; raise :class:`ArchiveError` naming it when damaged.

    Used when a member's text does not decode: garbage from a damaged member must be called damage,
    not read again in another encoding."""
    own = archive is None
    try:
        archive = archive or zipfile.ZipFile(path)
        info = archive.getinfo(member)
        read = 0
        with archive.open(info) as handle:
            while True:
                block = handle.read(1 << 20)
                if not block:
                    break
                read += len(block)
        if read != info.file_size:
            raise zipfile.BadZipFile(f"{read} bytes where the header declares {info.file_size} (truncated)")
    except ARCHIVE_ERRORS as exc:
        raise archive_error(path, member, exc)
    finally:
        if own and archive is not None:
            archive.close()


def extract_safely(
    path: str,
    dest: str,
    limits: ZipLimits = ZipLimits(),
    wanted: Optional[Callable[[str], bool]] = None,
    cancel: CancelCheck = None,
) -> Tuple[List[str], List[str]]:
    """Extract the safe entries of ``path`` into ``dest``; returns (files written, warnings).

    Names are re-checked against ``dest`` after normalisation, the bytes written are counted
    against the declared size, and a fatal problem raises :class:`DataError` before anything is
    written. A member that turns out damaged (bad CRC, cut short) raises :class:`ArchiveError`.
    """
    with open_zip(path) as archive:
        check = check_zip(archive, limits, wanted)
        if check.problems:
            raise DataError(
                translate("Gtfs", "The archive '{name}' cannot be used: {problems}.").format(
                    name=os.path.basename(path), problems="; ".join(check.problems)
                )
            )
        root = os.path.realpath(dest)
        os.makedirs(root, exist_ok=True)
        written = []
        for info in check.members:
            if cancel is not None and cancel():
                raise Canceled()
            target = os.path.realpath(
                os.path.join(root, *posixpath.normpath(info.filename.replace("\\", "/")).split("/"))
            )
            if not target.startswith(root + os.sep):
                check.warnings.append(
                    translate(
                        "Gtfs", "entry '{name}' ignored: its path leaves the archive folder (path traversal)"
                    ).format(name=info.filename)
                )
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            size = 0
            try:
                with archive.open(info) as source, open(target, "wb") as out:
                    while True:
                        chunk = source.read(1 << 20)
                        if not chunk:
                            break
                        size += len(chunk)
                        if size > info.file_size or size > limits.max_member_bytes:
                            raise DataError(
                                translate(
                                    "Gtfs", "'{name}' is larger than it declares: the archive is corrupt or hostile."
                                ).format(name=info.filename)
                            )
                        out.write(chunk)
            except ARCHIVE_ERRORS as exc:
                try:
                    os.remove(target)
                except OSError:
                    pass
                raise archive_error(path, info.filename, exc)
            written.append(target)
        return written, check.warnings
