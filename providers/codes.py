"""Codes of French territories (INSEE COG, SIREN): one definition for every provider.

- commune: 5 characters, the first two the département (``01``-``95``, ``2A``/``2B`` for Corsica
  since 1976, ``97x`` overseas), arrondissements of Paris, Lyon and Marseille included;
- département: as geo.api.gouv.fr serves them (``01``-``95``, ``2A``, ``2B``, ``971``-``976``);
  COG files also use ``977`` (Saint-Barthélemy) and ``978`` (Saint-Martin);
- EPCI: its SIREN number (9 digits); région: 2 digits.
"""

import re

COMMUNE_RE = re.compile(r"^(?:[013-9]\d|2[1-9AB])\d{3}$")
DEPARTEMENT_RE = re.compile(r"^(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])$")
COG_DEPARTEMENT_RE = re.compile(r"^(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-8])$")
EPCI_RE = re.compile(r"^\d{9}$")
REGION_RE = re.compile(r"^\d{2}$")
