"""Typed plugin settings: defaults, overridden by QgsSettings, overridden by the environment.

Resolution order for each field (first found wins):
1. the environment variable ``TERRITORIAL_DATA_<FIELD>`` (batch runs, tests, CI);
2. the QGIS setting ``territorial_data/<field>`` (the options page), when QGIS is running;
3. the default below.

This module does not need QGIS: outside QGIS only the environment and the defaults apply.
"""

import os
import sys
from dataclasses import dataclass, fields
from typing import Any, Dict, Optional

SETTINGS_GROUP = "territorial_data"
ENV_PREFIX = "TERRITORIAL_DATA_"

TRUE_WORDS = {"1", "true", "yes", "on", "oui", "vrai"}
FALSE_WORDS = {"0", "false", "no", "off", "non", "faux", ""}


@dataclass
class Settings:
    """Every setting of the plugin with its typed default."""

    geocoding_url: str = "https://data.geopf.fr/geocodage"
    geo_api_url: str = "https://geo.api.gouv.fr"
    sirene_url: str = "https://recherche-entreprises.api.gouv.fr"
    insee_sirene_url: str = "https://api.insee.fr/api-sirene/3.11"
    datagouv_url: str = "https://www.data.gouv.fr/api/1"
    transport_url: str = "https://transport.data.gouv.fr/api"
    wfs_url: str = "https://data.geopf.fr/wfs/ows"
    cache_dir: str = ""  # empty: <QGIS profile>/territorial_data/cache
    offline: bool = False
    connect_timeout: float = 10.0  # seconds to connect
    read_timeout: float = 60.0  # seconds without a byte from a connected service
    max_retries: int = 4  # tries after the first one (429, 5xx, dropped or cut answers)
    deadline: float = 120.0  # seconds for one request, retries and waits included (downloads: until they start)
    min_speed: float = 10.0  # kB/s a download must keep on average once past the deadline
    max_wait: float = 120.0  # longest Retry-After honoured; a longer one fails at once, saying when to retry
    language: str = ""  # empty: the QGIS interface language; "fr" or "en" forces outputs and messages
    #: Dask scheduler (``tcp://host:8786``) that routes assignments, skims and cycling potential on a
    #: cluster; empty: route on this computer (``processing/engine/cluster.py``)
    dask_scheduler: str = ""


#: field name -> environment variable (DESIGN.md names the URLs ``..._URL``)
ENV_NAMES: Dict[str, str] = {f.name: ENV_PREFIX + f.name.upper() for f in fields(Settings)}


def _convert(value: Any, kind: type, name: str) -> Any:
    if kind is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        raise ValueError(f"setting {name}: '{value}' is not a yes/no value (use 1 or 0)")
    if kind is int:
        return int(float(value))
    if kind is float:
        return float(value)
    return str(value)


def running_qgis():
    """The ``qgis.core`` module when a QGIS application runs in this process, else None.

    Never imports QGIS itself: plain Python (worker processes, benchmarks) stays light."""
    if "qgis.core" not in sys.modules:
        return None
    try:
        import qgis.core as core
    except ImportError:
        return None
    return core if core.QgsApplication.instance() is not None else None


def _qgis_settings():
    """The QgsSettings object when a QGIS application runs, else None (pure-Python use)."""
    core = running_qgis()
    return core.QgsSettings() if core is not None else None


def get_settings() -> Settings:
    """Read every setting now (cheap: a few QSettings reads)."""
    qsettings = _qgis_settings()
    values = {}
    for f in fields(Settings):
        kind = type(getattr(Settings, f.name))
        raw: Optional[Any] = os.environ.get(ENV_NAMES[f.name])
        if raw in (None, "") and qsettings is not None:
            raw = qsettings.value(f"{SETTINGS_GROUP}/{f.name}", None)
        if raw is None or (isinstance(raw, str) and raw.strip() == ""):
            continue  # unset or blank: the default
        values[f.name] = _convert(raw, kind, ENV_NAMES[f.name])
    settings = Settings(**values)
    for f in fields(Settings):
        if f.name.endswith("_url"):
            setattr(settings, f.name, getattr(settings, f.name).rstrip("/"))
    return settings


def save_setting(name: str, value: Any) -> None:
    """Store one setting in the QGIS profile (the options page uses it)."""
    if name not in ENV_NAMES:
        raise KeyError(name)
    qsettings = _qgis_settings()
    if qsettings is None:
        raise RuntimeError("QGIS settings are only available inside QGIS")
    qsettings.setValue(f"{SETTINGS_GROUP}/{name}", value)


def env_overridden(name: str) -> bool:
    """True when an environment variable fixes this setting (the options page says so)."""
    return ENV_NAMES[name] in os.environ


def default_cache_dir() -> str:
    """<QGIS profile>/territorial_data/cache inside QGIS, else ~/.cache/territorial_data."""
    if "qgis.core" not in sys.modules:
        return os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "territorial_data"
        )
    try:
        from qgis.core import QgsApplication

        if QgsApplication.instance() is not None:
            return os.path.join(QgsApplication.qgisSettingsDirPath(), "territorial_data", "cache")
    except ImportError:
        pass
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "territorial_data")


def cache_dir(settings: Optional[Settings] = None) -> str:
    settings = settings or get_settings()
    return settings.cache_dir or default_cache_dir()
