"""The « data.gouv.fr search » Browser item, headless: query, children from loopback, loading a resource."""

import copy
import json

from qgis.core import QgsErrorItem, QgsProject, QgsVectorLayer

from support.replay import fixture_bytes, point_service

FIXTURE = json.loads(fixture_bytes("datagouv_datasets_search.json"))


def test_search_lists_datasets_and_resources_then_loads_one(territorial_provider, httpserver, monkeypatch):
    from territorial_data.ui.browser import RootItem
    from territorial_data.ui.browser_datagouv import DatagouvSearchItem, ResourceItem

    api = point_service(monkeypatch, "datagouv", httpserver)
    answer = copy.deepcopy(dict(FIXTURE, next_page=None, total=1))
    dataset = answer["data"][0]
    resource = dataset["resources"][1]
    resource["url"] = httpserver.url_for("/static/bnac.geojson")
    httpserver.expect_request(
        f"{api}/datasets/", query_string={"q": "amenagements cyclables", "page_size": "20", "page": "1"}
    ).respond_with_json(answer)
    httpserver.expect_request(f"{api}/datasets/{dataset['id']}/").respond_with_json(dataset)
    httpserver.expect_request("/static/bnac.geojson").respond_with_data(
        fixture_bytes("bnac_sample.geojson"), content_type="application/geo+json"
    )

    root_children = RootItem().createChildren()
    item = next(child for child in root_children if isinstance(child, DatagouvSearchItem))
    assert item.createChildren() == []  # no query yet
    assert [a.text() for a in item.actions(None)] == ["Search…"]
    item.set_query("amenagements cyclables")
    assert item.name() == "data.gouv.fr search: amenagements cyclables"
    datasets = item.createChildren()
    assert [d.name() for d in datasets] == ["Aménagements cyclables France Métropolitaine"]
    assert "Geovelo" in datasets[0].toolTip() and "ODbL" in datasets[0].toolTip()
    resources = datasets[0].createChildren()
    assert [r.name() for r in resources] == [
        "france-20260807.geojson (geojson, 173.6\u00a0MB)",  # « 173,6 Mo » in French (tests/desktop)
        "france-20260302.geojson (geojson, 169.8\u00a0MB)",
    ]
    assert all(isinstance(r, ResourceItem) for r in resources)
    assert resources[1].parameters() == {"RESOURCE": "142fecf6-4873-4dac-9876-2019d925eaf8", "DATASET": dataset["id"]}
    assert [a.text() for a in resources[1].actions(None)] == [
        "Load as a layer",
        "Open the loading dialog…",
        "Copy the file address",
    ]

    before = set(QgsProject.instance().mapLayers())
    resources[1].load(background=False)
    added = [QgsProject.instance().mapLayer(i) for i in set(QgsProject.instance().mapLayers()) - before]
    try:
        assert len(added) == 1 and isinstance(added[0], QgsVectorLayer)
        layer = added[0]
        assert layer.name() == "france-20260302.geojson" and layer.featureCount() == 3
        assert (
            "Geovelo" in layer.metadata().abstract()
            and "Open Data Commons Open Database License (ODbL)" in layer.metadata().licenses()
        )
        assert layer.renderer().symbol().color().name() == "#0063cb"  # the datagouv_lines.qml style
    finally:
        QgsProject.instance().removeMapLayers([layer.id() for layer in added])


def test_search_error_becomes_an_error_child(territorial_provider, httpserver, monkeypatch):
    from territorial_data.ui.browser_datagouv import DatagouvSearchItem

    api = point_service(monkeypatch, "datagouv", httpserver)
    httpserver.expect_request(f"{api}/datasets/").respond_with_json(
        {"data": [], "page": 1, "page_size": 50, "total": 0, "next_page": None}
    )
    item = DatagouvSearchItem(None, "zzzz")
    children = item.createChildren()
    assert len(children) == 1 and isinstance(children[0], QgsErrorItem)
    assert "No dataset on data.gouv.fr matches 'zzzz'" in children[0].name()


def test_a_failed_background_load_says_what_failed_and_what_to_do(territorial_provider, httpserver, monkeypatch):
    """The message bar said only « see the log » when a background load failed (issue 13)."""
    import time

    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QCoreApplication

    from territorial_data.ui.browser_datagouv import DatagouvSearchItem

    api = point_service(monkeypatch, "datagouv", httpserver)
    answer = copy.deepcopy(dict(FIXTURE, next_page=None, total=1))
    dataset = answer["data"][0]
    dataset["resources"][1]["url"] = httpserver.url_for("/static/gone.geojson")
    httpserver.expect_request(f"{api}/datasets/").respond_with_json(answer)
    httpserver.expect_request(f"{api}/datasets/{dataset['id']}/").respond_with_json(dataset)
    httpserver.expect_request("/static/gone.geojson").respond_with_data("gone", status=404)

    messages = []

    def record(message, tag, level):
        messages.append((tag, message))

    QgsApplication.messageLog().messageReceived.connect(record)
    try:
        resource = DatagouvSearchItem(None, "amenagements").createChildren()[0].createChildren()[1]
        task = resource.load(background=True)
        assert task is not None
        deadline = time.monotonic() + 30
        while not [m for t, m in messages if m.startswith("Could not load")] and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.02)
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(record)
    failures = [(t, m) for t, m in messages if m.startswith("Could not load")]
    assert len(failures) == 1, messages
    tag, message = failures[0]
    assert tag == "Territorial data"
    assert "« france-20260302.geojson »" in message
    assert "404" in message  # what failed
    assert "Open the loading dialog" in message  # what to do
    assert "see the log" not in message


def test_datasets_repeated_across_pages_are_listed_once(territorial_provider, httpserver, monkeypatch):
    from territorial_data.ui.browser_datagouv import DatagouvSearchItem

    api = point_service(monkeypatch, "datagouv", httpserver)
    dataset = copy.deepcopy(FIXTURE["data"][0])
    pages = [
        dict(FIXTURE, data=[dataset], page=1, page_size=1, total=2, next_page=f"{api}/datasets/?page=2"),
        dict(FIXTURE, data=[dataset], page=2, page_size=1, total=2, next_page=None),
    ]
    for number, page in enumerate(pages, 1):
        query = {"q": "velo", "page_size": "20", "page": str(number)}
        httpserver.expect_request(f"{api}/datasets/", query_string=query).respond_with_json(page)
    children = DatagouvSearchItem(None, "velo").createChildren()
    assert [c.name() for c in children] == ["Aménagements cyclables France Métropolitaine"]
