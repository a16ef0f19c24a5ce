import pytest

from support.qgis_process import QgisProcess


@pytest.fixture(scope="session")
def qgis_process(tmp_path_factory):
    """qgis_process.bin in an isolated profile with territorial_data linked and enabled."""
    return QgisProcess(tmp_path_factory.mktemp("qgis-process"))
