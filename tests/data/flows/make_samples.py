"""Writes the composed test files of this folder (run: python make_samples.py). Values are invented;
codes are real INSEE codes chosen for what they exercise (see README.md)."""

import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = "COMMUNE;ARM;DCFLT;DCLT;AGEREVQ;CS1;DIPL;EMPL;ILT;INPSM;IPONDI;SEXE;STAT;TP;TRANS;VOIT"
# COMMUNE, ARM, DCFLT, DCLT, IPONDI, TRANS
ROWS = [
    ("75056", "75104", "99999", "75108", "2.987412357809441", "2"),  # Paris 4e -> Paris 8e, walking
    ("75056", "75104", "99999", "75108", "3.104578112233001", "3"),  # same pair by bike
    ("75056", "75115", "99999", "92012", "4.002114785541230", "6"),  # Paris 15e -> Boulogne-Billancourt
    ("69123", "69381", "99999", "69383", "5.512874411235871", "3"),  # Lyon 1er -> Lyon 3e
    ("69123", "69387", "99999", "69123", "1.250000000000000", "5"),  # Lyon 7e -> Lyon (commune code)
    ("13055", "13201", "99999", "13208", "6.250447789652210", "5"),  # Marseille 1er -> 8e
    ("2A004", "ZZZZZ", "99999", "2A004", "4.751234567890123", "1"),  # Ajaccio, works at home
    ("2B033", "ZZZZZ", "99999", "2A004", "1.500781234567890", "5"),  # Bastia -> Ajaccio
    ("93059", "ZZZZZ", "99999", "75118", "5.204785412369870", "6"),  # Pierrefitte (merged into 93066 in 2025)
    ("93066", "ZZZZZ", "99999", "93059", "3.300014785236987", "5"),  # Saint-Denis -> Pierrefitte
    ("95127", "ZZZZZ", "99999", "95127", "7.000000000000000", "2"),  # Cergy, intra-commune
    ("74010", "ZZZZZ", "12345", "99140", "2.875500000000000", "5"),  # Annecy -> Switzerland (cross-border)
    ("85084", "ZZZZZ", "99999", "85191", "9.000000000000000", "5"),  # Essarts-en-Bocage (split in 2024)
    ("01053", "ZZZZZ", "99999", "01053", "3.333333333333333", "5"),  # Bourg-en-Bresse (leading zero)
    ("95127", "ZZZZZ", "99999", "75056", "2.101010101010101", "6"),  # Cergy -> Paris (commune code)
]
OTHER = "040;3;5;16;2;11;2;1;1;1"  # AGEREVQ..TP filler (same for every row)


def line(row):
    commune, arm, dcflt, dclt, ipondi, trans = row
    age, cs1, dipl, empl, ilt, inpsm, sexe, stat, tp, voit = OTHER.split(";")
    return ";".join([commune, arm, dcflt, dclt, age, cs1, dipl, empl, ilt, inpsm, ipondi, sexe, stat, tp, trans, voit])


def detail_text():
    return HEADER + "\n" + "\n".join(line(r) for r in ROWS) + "\n"


VARMOD = (
    "COD_VAR;LIB_VAR;COD_MOD;LIB_MOD;TYPE_VAR;LONG_VAR\n"
    "TRANS;Mode de transport principal le plus souvent utilisé pour aller travailler;1;Pas de transport "
    "(travail au domicile);CHAR;1\n"
    "TRANS;Mode de transport principal le plus souvent utilisé pour aller travailler;3;Vélo (y compris à "
    "assistance électrique);CHAR;1\n"
)

BASE_FLUX = (
    "CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C19_ACTOCC15P\n"
    "35051;Cesson-Sévigné;35238;Rennes;3512.8849\n"
    "35238;Rennes;35051;Cesson-Sévigné;7384.2216\n"
    "2A004;Ajaccio;2B033;Bastia;112.5\n"
    "2B033;Bastia;2A004;Ajaccio;98.25\n"
    "13201;Marseille 1er Arrondissement;13055;Marseille;1450.5\n"
)


def main():
    text = detail_text()
    (HERE / "FD_MOBPRO_2021_sample.csv").write_text(text, encoding="utf-8", newline="\n")
    (HERE / "FD_MOBPRO_2021_bom_crlf.csv").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("ascii"))
    with zipfile.ZipFile(HERE / "RP2021_mobpro_sample.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("varmod_mobpro_2021.csv", VARMOD.encode("utf-8"))
        archive.writestr("FD_MOBPRO_2021.csv", text.encode("utf-8"))
    (HERE / "base_flux_2019_cp1252.csv").write_bytes(BASE_FLUX.replace("\n", "\r\n").encode("cp1252"))
    bad_weight = text.replace("7.000000000000000", "7,0x", 1)
    (HERE / "FD_MOBPRO_2021_bad_weight.csv").write_text(bad_weight, encoding="utf-8")
    bad_code = text.replace("95127;ZZZZZ;99999;95127", "95127;ZZZZZ;99999;CERGY", 1)
    (HERE / "FD_MOBPRO_2021_bad_code.csv").write_text(bad_code, encoding="utf-8")
    # an OD table as a spreadsheet saves it: codes as numbers (leading zero lost), decimal comma, a total row
    (HERE / "od_spreadsheet.csv").write_text(
        "Origine,Destination,Déplacements,Mode\n"
        '1053,1053,"120,5",VP\n'
        "1053,69123,35,TC\n"
        "2A004,2B033,12,VP\n"
        "95259,95127,8.25,VP\n"
        "69381,69383,40,TC\n",
        encoding="utf-8",
    )
    # Flux Vision with confidentiality-suppressed values, Windows-1252, and an unknown layout
    (HERE / "fluxvision_od_secret_cp1252.csv").write_bytes(
        (
            "Periode;ZoneOrigine;ZoneDestination;CategorieVisiteur;Volume\n"
            "2026-07;RENNES METROPOLE;SAINT-MALO AGGLOMERATION;TOURISTE;48200\n"
            "2026-07;RENNES METROPOLE;VITRE COMMUNAUTE;EXCURSIONNISTE;s\n"
            "2026-07;SAINT-MALO AGGLOMERATION;RENNES METROPOLE;TOURISTE;21730\n"
            "2026-07;VITRÉ COMMUNAUTÉ;RENNES METROPOLE;TOURISTE;<10\n"
            "2026-07;FOUGÈRES AGGLOMÉRATION;RENNES METROPOLE;TOURISTE;1520\n"
            "2026-08;RENNES METROPOLE;SAINT-MALO AGGLOMERATION;TOURISTE;\n"
        )
        .replace("\n", "\r\n")
        .encode("cp1252")
    )
    (HERE / "fluxvision_custom_layout.csv").write_text(
        "mois;zone_depart;zone_arrivee;segment;nb_personnes\n"
        "2026-07;35238;35051;RESIDENT;1500\n"
        "2026-07;35051;35238;RESIDENT;secret\n"
        "2026-07;35238;35278;TOURISTE;820\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
