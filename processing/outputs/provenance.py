"""Provenance of outputs: the records (producer, licence, vintage, retrieval date...) of every
dataset a layer is made from, the ``source``/``licence``/``retrieved_at`` fields carried by features,
and the layer metadata built from the records.

A record is a dict: ``dataset`` (a catalog id or ''), ``title``, ``producer``, ``licence``,
``licence_url``, ``attribution``, ``vintage``, ``url``, ``retrieved_at``, ``sha256``. Records come
from the cache (``providers.cache.Provenance.record()``), from the provenance fields of an input layer
made by the plugin, or from the input layer's file (:func:`layer_records`), where the catalog dataset
is recognised from the layer's fields when it can be (BNAC, OpenStreetMap, BD TOPO, MOBPRO), so that
a map of loads on OpenStreetMap roads credits OpenStreetMap.
"""

import datetime as dt
import os
from typing import Any, Dict, Iterable, List, Optional

from qgis.core import QgsFields, QgsLayerMetadata

from ...compat import FieldType, make_field
from ...providers.catalog import DATASETS
from ...providers.i18n import translate, ui_language
from ..inputs.values import text_value

PROVENANCE_FIELDS = ("source", "licence", "retrieved_at")


def provenance_fields() -> QgsFields:
    fields = QgsFields()
    for name in PROVENANCE_FIELDS:
        fields.append(make_field(name, FieldType.String))
    return fields


def provenance_values(record: Dict[str, Any]) -> List[str]:
    return [
        record.get("attribution") or record.get("title", ""),
        record.get("licence", ""),
        record.get("retrieved_at", ""),
    ]


def provenance_for(records) -> List[str]:
    """The provenance field values for features made from ``records`` (joined when several)."""
    if not records:
        return ["", "", ""]
    values = [provenance_values(r) for r in records]
    return ["; ".join(dict.fromkeys(v[i] for v in values if v[i])) for i in range(3)]


def provenance_indexes(fields) -> Dict[str, int]:
    """Index of each provenance field a layer has (any letter case)."""
    lower = {f.name().lower(): i for i, f in enumerate(fields)}
    return {key: lower[key] for key in PROVENANCE_FIELDS if key in lower}


def provenance_triple(indexes: Dict[str, int], attributes) -> Optional[tuple]:
    """(source, licence, retrieved_at) of a feature whose layer has provenance fields, or None."""
    if not indexes:
        return None
    triple = tuple(text_value(attributes[indexes[key]]) if key in indexes else "" for key in PROVENANCE_FIELDS)
    return triple if triple[0] else None


def licence_not_stated() -> str:
    return translate("Provenance", "licence not stated")


#: a layer's fields (lower case) that tell which catalog dataset it comes from
SCHEMAS = (
    ("bnac", {"ame_d", "ame_g"}),
    ("bdtopo", {"nature", "sens_de_circulation"}),
    ("osm", {"highway", "osm_id"}),
    ("osm", {"highway", "oneway"}),
    ("osm", {"highway", "maxspeed"}),
    ("mobpro", {"commune", "dclt", "ipondi"}),
    ("mobpro", {"codgeo", "dclt"}),
)


def dataset_from_fields(names: Iterable[str]) -> Optional[str]:
    """The catalog dataset a layer's schema shows (BNAC, BD TOPO, OpenStreetMap, MOBPRO), else None."""
    lower = {name.lower() for name in names}
    for dataset, needed in SCHEMAS:
        if needed <= lower:
            return dataset
    return None


def file_record(
    source: str, layer_name: str, field_names: Iterable[str] = (), producer: str = "", licence: str = ""
) -> Dict[str, Any]:
    """The record of an input layer without provenance fields: its file's date, and the producer and
    licence of the dataset its schema shows (or those given, else « licence not stated »)."""
    path = source.split("|")[0] if source else ""
    retrieved = ""
    if path and os.path.exists(path):
        stamp = dt.datetime.fromtimestamp(os.path.getmtime(path), dt.timezone.utc).replace(microsecond=0)
        retrieved = stamp.isoformat().replace("+00:00", "Z")
    record = {
        "dataset": "",
        "title": layer_name,
        "producer": producer,
        "licence": licence or licence_not_stated(),
        "licence_url": "",
        "attribution": producer or layer_name,
        "vintage": "",
        "url": "",  # a local path means nothing on another machine
        "retrieved_at": retrieved,
        "sha256": "",
    }
    dataset = None if (producer or licence) else dataset_from_fields(field_names)
    if dataset is not None:
        info = DATASETS[dataset]
        record.update(
            dataset=dataset,
            title=f"{layer_name} ({info.title})",
            producer=info.producer,
            licence=info.licence,
            licence_url=info.licence_url,
            attribution=info.attribution,
        )
    return record


def layer_records(triples, layer, layer_name: str, most: Optional[int] = None, producer: str = "", licence: str = ""):
    """Provenance records of an input layer: one per (source, licence, retrieved_at) triple its
    features carry (outputs of the plugin do), else a record of the layer's file."""
    if not triples:
        names = layer.fields().names() if layer is not None else []
        source = layer.source() if layer is not None else ""
        stated = None if (producer or licence) else metadata_record(layer, layer_name)
        return [stated or file_record(source, layer_name, names, producer, licence)]
    # a licence the features leave empty is the one of the dataset their schema shows (BNAC: ODbL)
    dataset = dataset_from_fields(layer.fields().names()) if layer is not None else None
    schema_licence = DATASETS[dataset].licence if dataset else ""
    return [
        {
            "dataset": "",
            "title": src,
            "producer": src,
            "licence": lic or schema_licence or licence_not_stated(),
            "licence_url": "",
            "attribution": src,
            "vintage": "",
            "url": "",
            "retrieved_at": retrieved,
            "sha256": "",
        }
        for src, lic, retrieved in sorted(triples)[:most]
    ]


def metadata_record(layer, layer_name: str) -> Optional[Dict[str, Any]]:
    """The record a layer's own metadata gives, when it states rights or a licence: metadata set in
    the project (Layer Properties › Metadata), or a ``.qmd`` file saved beside the layer's file
    (read from a copy: the layer itself is left as it is). None when it states neither."""
    if layer is None:
        return None
    metadata = layer.metadata()
    if not (metadata.rights() or metadata.licenses()) and hasattr(layer, "providerType"):
        from qgis.core import QgsVectorLayer

        options = QgsVectorLayer.LayerOptions()
        options.loadDefaultStyle = False
        copy = QgsVectorLayer(layer.source(), layer_name, layer.providerType(), options)
        if copy.isValid():
            copy.loadDefaultMetadata()
            metadata = copy.metadata()
    rights = [r for r in metadata.rights() if r]
    licences = [lic for lic in metadata.licenses() if lic]
    if not rights and not licences:
        return None
    record = file_record(layer.source(), metadata.title() or layer_name)
    attribution = "; ".join(rights)
    record.update(
        producer=attribution,
        attribution=attribution or record["title"],
        licence="; ".join(licences) or licence_not_stated(),
    )
    return record


def merge_records(*groups) -> List[Dict[str, Any]]:
    """Records of several inputs, each once."""
    out, seen = [], set()
    for group in groups:
        for record in group or ():
            key = (record.get("title"), record.get("url"), record.get("licence"), record.get("retrieved_at"))
            if key not in seen:
                seen.add(key)
                out.append(record)
    return out


def metadata_language() -> str:
    language = ui_language()
    return language if language and language[0].isalpha() and language != "C" else "en"


def layer_metadata(title: str, records: Iterable[Dict[str, Any]], abstract: str = "") -> QgsLayerMetadata:
    """Layer metadata carrying the provenance of every record (one per dataset used): a source line
    per record (what is known of producer, vintage and retrieval date), rights, licences, links to the
    services (never to a local path), keywords and history."""
    metadata = QgsLayerMetadata()
    metadata.setTitle(title)
    metadata.setIdentifier(title)
    metadata.setLanguage(metadata_language())
    records = list(records)
    lines = [abstract] if abstract else []
    rights, licences, history, keywords = [], [], [], []
    for record in records:
        parts = [record.get("title", "")]
        if record.get("producer") and record.get("producer") != record.get("title"):
            parts.append(record["producer"])
        line = translate("Provenance", "Source: {source}.").format(source=" — ".join(p for p in parts if p))
        if record.get("vintage"):
            line += " " + translate("Provenance", "Vintage: {vintage}.").format(vintage=record["vintage"])
        if record.get("retrieved_at"):
            line += " " + translate("Provenance", "Retrieved: {date}.").format(date=record["retrieved_at"])
        line += " " + translate("Provenance", "Licence: {licence}.").format(
            licence=record.get("licence") or licence_not_stated()
        )
        lines.append(line)
        if record.get("attribution") and record["attribution"] not in rights:
            rights.append(record["attribution"])
        licence = record.get("licence") or licence_not_stated()
        if licence not in licences:
            licences.append(licence)
        event = " ".join(
            part
            for part in (
                record.get("retrieved_at", ""),
                record.get("title", ""),
                record.get("url", ""),
                f"sha256={record['sha256']}" if record.get("sha256") else "",
            )
            if part
        )
        if event:
            history.append(event)
        url = record.get("url") or ""
        if url.startswith(("http://", "https://")):
            metadata.addLink(QgsLayerMetadata.Link(record.get("title", "source"), "WWW:LINK", url))
        for word in (record.get("dataset"), record.get("producer")):
            if word and word not in keywords:
                keywords.append(word)
    metadata.setAbstract("\n".join(lines))
    metadata.setRights(rights)
    metadata.setLicenses(licences)
    metadata.setHistory(history)
    if keywords:
        metadata.setKeywords({"territorial_data": keywords})
    return metadata
