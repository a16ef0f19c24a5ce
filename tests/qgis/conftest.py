"""pytest-qgis fixtures: the provider registered in a real QGIS, and a runner through the registry."""

import pytest
from qgis.core import QgsApplication, QgsProcessingContext, QgsProject

from support.feedback import RecordingFeedback

_PROVIDERS = []


@pytest.fixture(autouse=True, scope="session")
def iface_layer_tree_view(qgis_app):
    """pytest-qgis 2.1's iface has no ``layerTreeView()``, which Processing's result handling uses from
    QGIS 3.40 on: give it a real layer tree view of the project."""
    import qgis.utils

    iface = qgis.utils.iface
    if iface is None or hasattr(iface, "layerTreeView"):
        yield
        return
    from qgis.core import QgsLayerTreeModel
    from qgis.gui import QgsLayerTreeView

    view = QgsLayerTreeView()
    model = QgsLayerTreeModel(QgsProject.instance().layerTreeRoot())
    view.setModel(model)
    iface.layerTreeView = lambda: view
    yield
    del iface.layerTreeView


@pytest.fixture
def territorial_provider(qgis_app, qgis_processing):
    """The provider registered in the Processing registry (registered once, looked up each time)."""
    from territorial_data.processing.provider import TerritorialProvider

    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("territorial")
    if provider is None:
        provider = TerritorialProvider()
        assert registry.addProvider(provider)
        _PROVIDERS.append(provider)  # the registry does not own Python providers: keep them alive
    yield provider


@pytest.fixture
def without_provider(qgis_app, qgis_processing):
    """No `territorial` provider during the test (plugin load tests register their own)."""
    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("territorial")
    if existing is not None:
        registry.removeProvider(existing)
    yield


@pytest.fixture
def run_alg(territorial_provider):
    """run_alg("territorial:x", {...}) -> (results, feedback, context); raises on failure."""

    def _run(alg_id, params, feedback=None, context=None):
        alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
        assert alg is not None, f"{alg_id} is not in the Processing registry"
        context = context or QgsProcessingContext()
        context.setProject(QgsProject.instance())
        feedback = feedback or RecordingFeedback()
        ok, message = alg.checkParameterValues(params, context)
        if not ok:
            from qgis.core import QgsProcessingException

            raise QgsProcessingException(message)
        results, success = alg.run(params, context, feedback, catchExceptions=False)
        assert success
        return results, feedback, context

    return _run
