"""Small vectorised helpers shared by the routing engine (numpy only)."""

from typing import Dict, Optional, Tuple

import numpy as np


def ranges(starts, counts):
    """Concatenation of ``arange(s, s + c)`` for every (s, c), vectorised."""
    counts = np.asarray(counts, dtype=np.int64)
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(np.asarray(starts, dtype=np.int64), counts) + (np.arange(total) - offsets)


def unique_ints(keys, return_inverse=False):
    """``np.unique`` of a 1-D integer array by sort + diff (np.unique is far slower on numpy >= 2.3).

    Same results as ``np.unique(keys)`` (and ``return_inverse``)."""
    keys = np.asarray(keys).reshape(-1)
    if return_inverse:
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
    else:
        ordered = np.sort(keys)
    first = np.empty(ordered.shape[0], dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    unique = ordered[first]
    if not return_inverse:
        return unique
    inverse = np.empty(keys.shape[0], dtype=np.intp)
    inverse[order] = np.cumsum(first) - 1
    return unique, inverse


def save_npz(path: str, arrays: Dict[str, np.ndarray], meta: Dict) -> None:
    """Arrays and a JSON-able ``meta`` dict in one ``.npz`` file, written atomically."""
    import json
    import os
    import tempfile

    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=".graph-", suffix=".npz", dir=folder)
    os.close(handle)
    try:
        np.savez(tmp, __meta__=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8), **arrays)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def load_npz(path: str) -> Optional[Tuple[Dict[str, np.ndarray], Dict]]:
    """``(arrays, meta)`` of a file written by :func:`save_npz`, None when it is missing or cannot be
    read. A file read is touched: cache pruning keeps the most recently used files."""
    import json
    import os

    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files if k != "__meta__"}
            meta = json.loads(bytes(data["__meta__"]).decode("utf-8"))
    except (OSError, ValueError, KeyError):
        return None
    try:
        os.utime(path)
    except OSError:
        pass
    return arrays, meta
