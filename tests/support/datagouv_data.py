"""Composed data.gouv.fr catalogue answers built from the recorded fixture (paging tests)."""

import copy
import json

from support.replay import fixture_bytes

FIXTURE = json.loads(fixture_bytes("datagouv_datasets_search.json"))
DATASET = FIXTURE["data"][0]


def many_datasets(count):
    """Copies of the fixture dataset with their own ids and titles (composed for paging)."""
    out = []
    for index in range(count):
        item = copy.deepcopy(DATASET)
        item["id"] = f"{index + 1:024x}"
        item["title"] = f"Aménagements cyclables {index + 1}"
        for number, resource in enumerate(item["resources"]):
            resource["id"] = f"00000000-0000-4000-8000-{index * 10 + number:012d}"
        out.append(item)
    return out
