#!/usr/bin/python3
"""Translation workflow (English source strings, French translation), in plain Python.

    scripts/i18n.py update [PENDING.tsv ...]
                              extract the strings of the plugin's sources -> i18n/territorial_data_fr.ts
                              (keeps existing translations, drops strings no longer in the code), then
                              merges i18n/pending_*.tsv (or only the files given: others may still be
                              in the making) (context <TAB> English <TAB> French) and deletes them
    scripts/i18n.py check     exit 1 and list what the .ts lacks: strings in the code with no
                              finished French translation, contexts that are not literal
    scripts/i18n.py release   i18n/territorial_data_fr.ts -> i18n/territorial_data_fr.qm

Strings are found with Python's own parser: ``self.tr("...")`` (context = the enclosing class),
``translate("Context", "...")`` and ``QCoreApplication.translate("Context", "...")``. Neither
pylupdate5 nor lrelease is needed: pylupdate5 silently skipped a string followed by a trailing
comma (which ``ruff format`` adds when it splits a call), and neither tool exists for every Qt the
plugin runs on. The ``.qm`` file is written here in Qt's binary format (the sections lrelease
writes: hashes and messages); ``tests/unit/test_i18n.py`` loads it with ``QTranslator``.
"""

import ast
import os
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "i18n" / "territorial_data_fr.ts"
QM = ROOT / "i18n" / "territorial_data_fr.qm"
SKIP = {"tests", "benchmarks", "scripts", ".venv", "demo-output", "dist", "build", "sample", ".git"}


def sources():
    files = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in SKIP or any(part.startswith(".") for part in rel.parts):
            continue
        files.append(str(rel))
    return files


def unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


def read_pending(only=None):
    pending = {}
    files = sorted(Path(f).resolve() for f in only) if only else sorted((ROOT / "i18n").glob("pending_*.tsv"))
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                sys.exit(f"{path.name}:{number}: expected context<TAB>English<TAB>French")
            context, source, french = (unescape(p) for p in parts)
            pending[(context, source)] = french
    return pending, files


def messages(tree):
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message


# -- extraction ---------------------------------------------------------------------------------------


def literal(node):
    """The string of a literal (adjacent literals are one Constant in the AST)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = literal(node.left), literal(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def _calls(node, rel, klass, found):
    if isinstance(node, ast.ClassDef):
        klass = node.name
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name == "tr" and node.args and literal(node.args[0]) is not None and klass:
            found.append((klass, literal(node.args[0]), f"{rel}:{node.lineno}"))
        elif name in ("tr", "_tr", "_") and node.args and literal(node.args[0]) is not None:
            # a module-level tr() helper: its context is unknowable; use translate("Context", ...)
            found.append(("?" + (name or ""), literal(node.args[0]), f"{rel}:{node.lineno}"))
        elif name == "translate" and len(node.args) >= 2:
            context, text = literal(node.args[0]), literal(node.args[1])
            if text is not None:
                # a context given by a variable cannot be extracted: write the context literally
                found.append(
                    (context if context is not None else "?" + ast.unparse(node.args[0]), text, f"{rel}:{node.lineno}")
                )
    for child in ast.iter_child_nodes(node):
        _calls(child, rel, klass, found)


def code_strings():
    """(context, source, file:line) of every translatable literal, read with Python's own parser."""
    found = []
    for rel in sources():
        _calls(ast.parse((ROOT / rel).read_text(encoding="utf-8")), rel, None, found)
    return found


def extracted():
    """{(context, source): [file:line, ...]} of the strings with a literal context, in code order."""
    out = {}
    for context, source, where in code_strings():
        if not context.startswith("?"):
            out.setdefault((context, source), []).append(where)
    return out


# -- the .ts file ---------------------------------------------------------------------------------------


def read_ts(path: Path = TS):
    """{(context, source): (translation text, type attribute or None)}."""
    if not path.exists():
        return {}
    found = {}
    for context, message in messages(ET.parse(path)):
        translation = message.find("translation")
        found[(context, message.findtext("source"))] = (translation.text or "", translation.get("type"))
    return found


def write_ts(strings, translations, path: Path = TS) -> None:
    root = ET.Element("TS", version="2.1", language="fr_FR", sourcelanguage="en")
    by_context = {}
    for (context, source), where in strings.items():
        by_context.setdefault(context, []).append((source, where))
    for context in sorted(by_context):
        node = ET.SubElement(root, "context")
        ET.SubElement(node, "name").text = context
        for source, where in sorted(by_context[context]):
            message = ET.SubElement(node, "message")
            # file names without line numbers, messages sorted: the file changes only when strings do
            for filename in dict.fromkeys(location.rsplit(":", 1)[0] for location in where):
                ET.SubElement(message, "location", filename=f"../{filename}")
            ET.SubElement(message, "source").text = source
            text, kind = translations.get((context, source), ("", "unfinished"))
            translation = ET.SubElement(message, "translation")
            translation.text = text
            if kind or not text:
                translation.set("type", kind or "unfinished")
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path.write_text("<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE TS>\n" + body + "\n", encoding="utf-8")


def update(only=None) -> None:
    strings = extracted()
    known = read_ts()
    pending, files = read_pending(only)
    by_source = {}
    for (_context, source), (text, kind) in known.items():
        if text and kind is None:
            by_source.setdefault(source, text)
    for (_context, source), french in pending.items():
        by_source[source] = french
    translations, merged = {}, 0
    for key in strings:
        text, kind = known.get(key, ("", "unfinished"))
        if key in pending:
            text, kind = pending[key], None
            merged += 1
        elif (kind is not None or not text) and key[1] in by_source:
            text, kind = by_source[key[1]], None
            merged += 1
        translations[key] = (text, kind)
    write_ts(strings, translations)
    for path in files:
        path.unlink()
    missing = check(quiet=True)
    print(
        f"{TS.relative_to(ROOT)}: {len(strings)} strings, {merged} translations merged from {len(files)} "
        f"pending file(s); {len(missing)} missing"
    )


def check(quiet: bool = False):
    """(context, source) pairs found in the code with no finished translation in the .ts, and the
    translatable strings whose context is not a literal."""
    wanted = extracted()
    done = {key for key, (text, kind) in read_ts().items() if kind is None and text.strip()}
    missing = sorted(set(wanted) - done)
    hidden = [item for item in code_strings() if item[0].startswith("?")]
    if not quiet:
        for context, source in missing:
            print(f"missing: [{context}] {source!r}")
        for context, source, where in hidden:
            print(
                f'{where}: the context of [{source!r}] is not a literal ({context[1:]}): call translate("Context", ...)'
            )
        print(f"{len(wanted)} strings, {len(missing)} without a French translation, {len(hidden)} not extractable")
    return missing + [(c, s) for c, s, _ in hidden]


# -- the .qm file (Qt's compiled translations) --------------------------------------------------------------

QM_MAGIC = bytes.fromhex("3cb864 18caef9c95cd211cbf60a1bddd".replace(" ", ""))
TAG_END, TAG_TRANSLATION, TAG_SOURCE, TAG_CONTEXT, TAG_COMMENT = 1, 3, 6, 7, 8
SECTION_HASHES, SECTION_MESSAGES = 0x42, 0x69


def elf_hash(data: bytes) -> int:
    """Qt's ``elfHash`` of the source text (and comment) in UTF-8, as QTranslator looks messages up."""
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def qm_bytes(translations) -> bytes:
    """The ``.qm`` file of ``{(context, source): French}``."""
    entries = []
    for (context, source), french in translations.items():
        text = french.encode("utf-16-be")
        message = struct.pack(">BI", TAG_TRANSLATION, len(text)) + text
        comment = b""
        message += struct.pack(">BI", TAG_COMMENT, len(comment)) + comment
        raw = source.encode("utf-8")
        message += struct.pack(">BI", TAG_SOURCE, len(raw)) + raw
        ctx = context.encode("utf-8")
        message += struct.pack(">BI", TAG_CONTEXT, len(ctx)) + ctx
        message += struct.pack(">B", TAG_END)
        entries.append((elf_hash(raw + comment), message))
    entries.sort(key=lambda item: item[0])
    hashes, body = b"", b""
    for value, message in entries:
        hashes += struct.pack(">II", value, len(body))
        body += message
    return (
        QM_MAGIC
        + struct.pack(">BI", SECTION_HASHES, len(hashes))
        + hashes
        + struct.pack(">BI", SECTION_MESSAGES, len(body))
        + body
    )


def release(target: Path = QM) -> Path:
    finished = {key: text for key, (text, kind) in read_ts().items() if kind is None and text}
    tmp = target.with_name(target.name + ".part")
    tmp.write_bytes(qm_bytes(finished))
    os.replace(tmp, target)
    return target


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update(sys.argv[2:])
    elif command == "check":
        sys.exit(1 if check() else 0)
    elif command == "release":
        print(release())
    else:
        sys.exit(__doc__)
