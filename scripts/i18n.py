#!/usr/bin/python3
"""Translation workflow (English source strings, French translation).

    scripts/i18n.py update [PENDING.tsv ...]
                              pylupdate5 over the plugin's sources -> i18n/territorial_data_fr.ts
                              (keeps existing translations), then merges i18n/pending_*.tsv (or
                              only the files given: others may still be in the making)
                              (context <TAB> English <TAB> French) and deletes merged files
    scripts/i18n.py check     exit 1 and list what the .ts lacks: strings in the code with no
                              finished French translation
    scripts/i18n.py release   lrelease -> i18n/territorial_data_fr.qm

Strings are found by pylupdate5: ``self.tr("...")`` (context = class name),
``translate("Context", "...")`` and ``QCoreApplication.translate("Context", "...")``.
"""

import ast
import os
import shutil
import subprocess
import sys
import tempfile
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


def pylupdate(target: Path) -> None:
    exe = shutil.which("pylupdate5")
    if not exe:
        sys.exit("pylupdate5 not found: apt-get install pyqt5-dev-tools")
    subprocess.run([exe, "-noobsolete", *sources(), "-ts", str(target)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


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


def update(only=None) -> None:
    pylupdate(TS)
    pending, files = read_pending(only)
    tree = ET.parse(TS)
    by_source = {}
    for (_context, source), french in pending.items():
        by_source.setdefault(source, french)
    merged = 0
    for context, message in messages(tree):
        translation = message.find("translation")
        source = message.findtext("source")
        french = pending.get((context, source)) or (by_source.get(source) if translation.get("type") == "unfinished" else None)
        if french and (translation.get("type") == "unfinished" or (context, source) in pending):
            translation.text = french
            translation.attrib.pop("type", None)
            merged += 1
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    with open(TS, encoding="utf-8") as handle:
        text = handle.read()
    if "<!DOCTYPE TS>" not in text:
        text = text.replace("?>\n", "?>\n<!DOCTYPE TS>\n", 1)
        with open(TS, "w", encoding="utf-8") as handle:
            handle.write(text)
    for path in files:
        path.unlink()
    missing = check(quiet=True)
    print(f"{TS.relative_to(ROOT)}: {merged} translations merged from {len(files)} pending file(s); {len(missing)} missing")


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
            # a module-level tr() helper: pylupdate5 cannot know its context; use translate("Context", ...)
            found.append(("?" + (name or ""), literal(node.args[0]), f"{rel}:{node.lineno}"))
        elif name == "translate" and len(node.args) >= 2:
            context, text = literal(node.args[0]), literal(node.args[1])
            if text is not None:
                # a context given by a variable: pylupdate5 cannot read it; write the context literally
                found.append((context if context is not None else "?" + ast.unparse(node.args[0]), text,
                              f"{rel}:{node.lineno}"))
    for child in ast.iter_child_nodes(node):
        _calls(child, rel, klass, found)


def code_strings():
    """(context, source, file:line) of every translatable literal, read with Python's own parser."""
    found = []
    for rel in sources():
        _calls(ast.parse((ROOT / rel).read_text(encoding="utf-8")), rel, None, found)
    return found


def extracted(ts_path: Path):
    return {(c, m.findtext("source")) for c, m in messages(ET.parse(ts_path))}


def unextractable():
    """Translatable literals pylupdate5 cannot see (e.g. a trailing comma after the string)."""
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / "fresh.ts"
        pylupdate(fresh)
        seen = extracted(fresh)
    return [item for item in code_strings() if (item[0], item[1]) not in seen]


def check(quiet: bool = False):
    """(context, source) pairs found in the code with no finished translation in the .ts."""
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / "fresh.ts"
        pylupdate(fresh)
        wanted = {(c, m.findtext("source")) for c, m in messages(ET.parse(fresh))}
    done = set()
    if TS.exists():
        for context, message in messages(ET.parse(TS)):
            translation = message.find("translation")
            if translation.get("type") not in ("unfinished", "vanished", "obsolete") and (translation.text or "").strip():
                done.add((context, message.findtext("source")))
    missing = sorted(wanted - done)
    hidden = unextractable()
    if not quiet:
        for context, source in missing:
            print(f"missing: [{context}] {source!r}")
        for context, source, where in hidden:
            if context.startswith("?"):
                print(f"{where}: {context[1:]}() helper hides [{source!r}] from pylupdate5: call translate(\"Context\", ...)")
            else:
                print(f"{where}: pylupdate5 cannot extract [{context}] {source!r} (remove the trailing comma after the string)")
        print(f"{len(wanted)} strings, {len(missing)} without a French translation, {len(hidden)} not extractable")
    return missing + [(c, s) for c, s, _ in hidden]


def release() -> None:
    exe = shutil.which("lrelease")
    if not exe:
        sys.exit("lrelease not found: apt-get install qttools5-dev-tools")
    subprocess.run([exe, "-silent", str(TS), "-qm", str(QM)], check=True)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update(sys.argv[2:])
    elif command == "check":
        sys.exit(1 if check() else 0)
    elif command == "release":
        release()
    else:
        sys.exit(__doc__)
    os._exit(0)
