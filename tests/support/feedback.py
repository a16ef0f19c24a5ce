"""Processing feedback that records what an algorithm said (import only where QGIS is loaded)."""

from qgis.core import QgsProcessingFeedback


class RecordingFeedback(QgsProcessingFeedback):
    """Feedback that keeps what the algorithm said (to assert on messages and progress)."""

    def __init__(self, cancel_after_progress=None):
        super().__init__()
        self.infos, self.warnings, self.errors, self.progress_values = [], [], [], []
        self.cancel_after_progress = cancel_after_progress
        self.progressChanged.connect(self._on_progress)

    def _on_progress(self, value):
        self.progress_values.append(value)
        if self.cancel_after_progress is not None and value >= self.cancel_after_progress:
            self.cancel()

    def pushInfo(self, info):
        self.infos.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning):
        self.warnings.append(warning)
        super().pushWarning(warning)

    def reportError(self, error, fatalError=False):
        self.errors.append(error)
        super().reportError(error, fatalError)

    def text(self):
        return "\n".join(self.infos + self.warnings + self.errors)
