"""The one way algorithms and their glue check for cancellation and report progress.

- :func:`check_canceled` between steps and every few thousand rows: raises
  :class:`~providers.errors.Canceled`, which the algorithm base class turns into « Cancelled:
  nothing was written ».
- :func:`cancel_check` hands providers and the engine a ``cancel()`` callable (they raise
  ``Canceled`` themselves).
- :func:`steps`: an algorithm that chains steps gives each one a ``QgsProcessingMultiStepFeedback``
  child; a reader or writer reports 0-100 % of its own work on the feedback it is given, so the bar
  only moves forward.
"""

from qgis.core import QgsProcessingMultiStepFeedback

from ..providers.errors import Canceled

#: rows between two cancel checks (and progress updates) in a read or write loop
CHECK_EVERY = 2000


def check_canceled(feedback) -> None:
    """Raise :class:`Canceled` when the user asked to stop."""
    if feedback is not None and feedback.isCanceled():
        raise Canceled()


def cancel_check(feedback):
    """A ``cancel()`` callable for providers and the engine, driven by Processing feedback."""
    if feedback is None:
        return None
    return feedback.isCanceled


def progress_callback(feedback, start: float = 0.0, end: float = 100.0):
    """A ``progress(percent)`` callable mapping 0-100 to ``start``-``end`` on ``feedback``."""

    def report(value):
        feedback.setProgress(start + (end - start) * max(0.0, min(100.0, float(value))) / 100.0)

    return report


def fraction_callback(feedback):
    """A ``progress(fraction)`` callable (0-1, as the routing engine reports) on ``feedback``."""
    return lambda value: feedback.setProgress(100.0 * max(0.0, min(1.0, float(value))))


class Steps:
    """Numbered steps of an algorithm over one ``QgsProcessingMultiStepFeedback``::

    steps = Steps(feedback, 4)
    model = read_network(alg, parameters, context, steps.next())
    ...
    """

    def __init__(self, feedback, count: int):
        self.feedback = QgsProcessingMultiStepFeedback(count, feedback)
        if feedback is not None and feedback.isCanceled():
            self.feedback.cancel()  # a child only hears of a cancel that comes after it was made
        self.parent = feedback
        self.count = count
        self.current = -1

    def next(self):
        """The feedback of the next step (progress 0-100 within it)."""
        check_canceled(self.parent)
        check_canceled(self.feedback)
        self.current = min(self.current + 1, self.count - 1)
        self.feedback.setCurrentStep(self.current)
        # the child keeps the last value of the previous step: a step reporting that value again
        # (100 % after 100 %) would move nothing
        self.feedback.setProgress(0.0)
        return self.feedback

    def done(self):
        self.feedback.setCurrentStep(self.count)
