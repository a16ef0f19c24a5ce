"""Options page « Territorial data » in QGIS Settings > Options.

Service base URLs, the cache folder (with its size and a "clear" button), offline mode and the
language of the plugin's outputs and messages (automatic: the QGIS language). A
setting fixed by a ``TERRITORIAL_DATA_*`` environment variable is shown read-only, with the
variable's name, because the environment wins.
"""

import os

from qgis.gui import QgsFileWidget, QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..providers import i18n
from ..providers.cache import Cache
from ..providers.i18n import format_number, format_size, translate
from ..providers.settings import ENV_NAMES, Settings, default_cache_dir, env_overridden, get_settings, save_setting

ICON = os.path.join(os.path.dirname(__file__), "icons", "territorial.svg")


def url_labels():
    return {
        "geocoding_url": translate("TerritorialOptions", "Address geocoding (BAN, Géoplateforme)"),
        "geo_api_url": translate("TerritorialOptions", "Administrative boundaries (geo.api.gouv.fr)"),
        "sirene_url": translate("TerritorialOptions", "Company search (SIRENE)"),
        "insee_sirene_url": translate("TerritorialOptions", "INSEE Sirene API"),
        "datagouv_url": translate("TerritorialOptions", "data.gouv.fr API"),
        "transport_url": translate("TerritorialOptions", "transport.data.gouv.fr API"),
        "wfs_url": translate("TerritorialOptions", "IGN Géoplateforme WFS"),
    }


def number_settings():
    """(setting, label, maximum, unit) of the numbers of the « Requests and computing » group."""
    seconds = " " + translate("TerritorialOptions", "s")
    return [
        ("connect_timeout", translate("TerritorialOptions", "Time to connect to a service"), 600, seconds),
        ("read_timeout", translate("TerritorialOptions", "Longest silence of a connected service"), 3600, seconds),
        ("deadline", translate("TerritorialOptions", "Longest time for one request, retries included"), 7200, seconds),
        ("max_retries", translate("TerritorialOptions", "Retries of a failed request"), 20, ""),
        ("max_wait", translate("TerritorialOptions", "Longest wait a busy service may ask for"), 7200, seconds),
    ]


def language_choices():
    """(setting value, label) of the language choices; '' follows QGIS."""
    return [
        ("", translate("TerritorialOptions", "Automatic: the language of QGIS ({language})")),
        ("fr", "Français"),
        ("en", "English"),
    ]


def human_size(size: int) -> str:
    """« 169,8 Mo » in French, « 169.8 MB » in English."""
    return format_size(size)


class TerritorialOptionsPage(QgsOptionsPageWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("territorial_data")
        settings = get_settings()
        layout = QVBoxLayout(self)

        services = QGroupBox(translate("TerritorialOptions", "Service addresses"), self)
        form = QFormLayout(services)
        self.url_edits = {}
        for name, label in url_labels().items():
            edit = QLineEdit(getattr(settings, name), services)
            edit.setPlaceholderText(getattr(Settings, name))
            self._lock_if_env(edit, name)
            form.addRow(label, edit)
            self.url_edits[name] = edit
        layout.addWidget(services)

        cache = QGroupBox(translate("TerritorialOptions", "Cache"), self)
        cache_form = QFormLayout(cache)
        self.cache_widget = QgsFileWidget(cache)
        self.cache_widget.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.cache_widget.setFilePath(settings.cache_dir)
        self.cache_widget.lineEdit().setPlaceholderText(default_cache_dir())
        self._lock_if_env(self.cache_widget, "cache_dir")
        cache_form.addRow(translate("TerritorialOptions", "Cache folder"), self.cache_widget)
        size_row = QWidget(cache)
        size_layout = QHBoxLayout(size_row)
        size_layout.setContentsMargins(0, 0, 0, 0)
        self.size_label = QLabel(size_row)
        self.clear_button = QPushButton(translate("TerritorialOptions", "Clear the cache"), size_row)
        self.clear_button.clicked.connect(self.clear_cache)
        size_layout.addWidget(self.size_label, 1)
        size_layout.addWidget(self.clear_button)
        cache_form.addRow(translate("TerritorialOptions", "Size"), size_row)
        self.offline_box = QCheckBox(
            translate("TerritorialOptions", "Offline mode: use only the cache, never the network"), cache
        )
        self.offline_box.setChecked(settings.offline)
        self._lock_if_env(self.offline_box, "offline")
        cache_form.addRow(self.offline_box)
        layout.addWidget(cache)

        network = QGroupBox(translate("TerritorialOptions", "Requests and computing"), self)
        network_form = QFormLayout(network)
        self.number_boxes = {}
        for name, label, maximum, suffix in number_settings():
            box = QDoubleSpinBox(network) if isinstance(getattr(Settings, name), float) else QSpinBox(network)
            box.setRange(0, maximum)
            if isinstance(box, QDoubleSpinBox):
                box.setDecimals(0)
            box.setSuffix(suffix)
            box.setValue(getattr(settings, name))
            self._lock_if_env(box, name)
            network_form.addRow(label, box)
            self.number_boxes[name] = box
        self.dask_edit = QLineEdit(settings.dask_scheduler, network)
        self.dask_edit.setPlaceholderText(
            translate("TerritorialOptions", "empty: this computer (e.g. tcp://server:8786)")
        )
        self._lock_if_env(self.dask_edit, "dask_scheduler")
        network_form.addRow(translate("TerritorialOptions", "Dask scheduler for large routings"), self.dask_edit)
        layout.addWidget(network)

        language = QGroupBox(translate("TerritorialOptions", "Language"), self)
        language_form = QFormLayout(language)
        self.language_box = QComboBox(language)
        names = {"fr": "français", "en": "English"}
        for value, label in language_choices():
            qgis = i18n.qgis_language()
            self.language_box.addItem(label.format(language=names.get(qgis, qgis)), value)
        index = self.language_box.findData(i18n.forced_language())
        self.language_box.setCurrentIndex(max(0, index))
        self._lock_if_env(self.language_box, "language")
        language_form.addRow(translate("TerritorialOptions", "Outputs and messages"), self.language_box)
        hint = QLabel(
            translate(
                "TerritorialOptions",
                "Layer names, legends, printed maps, metadata and messages of the plugin. For batch runs, "
                "the environment variable TERRITORIAL_DATA_LANGUAGE (fr or en) does the same.",
            ),
            language,
        )
        hint.setWordWrap(True)
        language_form.addRow(hint)
        layout.addWidget(language)
        layout.addStretch(1)
        self.refresh_size()

    def _lock_if_env(self, widget, name):
        if env_overridden(name):
            widget.setEnabled(False)
            widget.setToolTip(
                translate("TerritorialOptions", "Set by the environment variable {name}.").format(name=ENV_NAMES[name])
            )

    def cache(self) -> Cache:
        return Cache(root=self.cache_widget.filePath() or default_cache_dir(), seeds=[])

    def refresh_size(self):
        cache = self.cache()
        count = len(cache.entries())
        text = (
            translate("TerritorialOptions", "{size} in 1 entry")
            if count == 1
            else translate("TerritorialOptions", "{size} in {count} entries")
        )
        self.size_label.setText(text.format(size=human_size(cache.size()), count=format_number(count)))

    def clear_cache(self, confirm=True):
        cache = self.cache()
        if confirm:
            answer = QMessageBox.question(
                self,
                translate("TerritorialOptions", "Clear the cache"),
                translate("TerritorialOptions", "Delete every cached answer and file in {folder}?").format(
                    folder=cache.root
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        cache.clear()
        self.refresh_size()

    def apply(self):
        for name, edit in self.url_edits.items():
            if not env_overridden(name):
                save_setting(name, edit.text().strip())
        if not env_overridden("cache_dir"):
            save_setting("cache_dir", self.cache_widget.filePath().strip())
        if not env_overridden("offline"):
            save_setting("offline", self.offline_box.isChecked())
        for name, box in self.number_boxes.items():
            if not env_overridden(name):
                save_setting(name, box.value())
        if not env_overridden("dask_scheduler"):
            save_setting("dask_scheduler", self.dask_edit.text().strip())
        if not env_overridden("language"):
            save_setting("language", self.language_box.currentData() or "")
            i18n.install_translator()  # the new language applies to the next runs, without a restart


class TerritorialOptionsFactory(QgsOptionsWidgetFactory):
    def __init__(self):
        super().__init__()
        self.setTitle(translate("TerritorialOptions", "Territorial data"))

    def icon(self):
        return QIcon(ICON)

    def createWidget(self, parent):
        return TerritorialOptionsPage(parent)
