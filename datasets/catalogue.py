"""The indicator catalogue (datasets/catalogue.csv): what each indicator is, where it comes from."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from datasets.reference import sectoral_bodies

DATASETS_DIR = Path(__file__).parent
CATALOGUE_FILE = DATASETS_DIR / "catalogue.csv"
COLUMNS = (
    "indicator",
    "name",
    "unit",
    "definition",
    "source",
    "source_url",
    "licence",
    "file",
    "characteristic",
    "sectoral_body",
    "mapping",
    "direction",
    "percentage",
    "min",
    "max",
    "synthetic",
)
DIRECTIONS = ("increase", "decrease", "none")


class CatalogueError(ValueError):
    """The catalogue itself is broken; the message names the row and the column."""


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: str
    unit: str
    definition: str
    source: str
    source_url: str
    licence: str
    file: str  # relative to datasets/
    characteristic: str  # "A" .. "E"
    sectoral_body: str  # a code of reference/sectoral_bodies.csv
    official_mapping: bool  # False: the characteristic and body are our editorial mapping
    direction: str  # "increase" | "decrease" | "none"
    percentage: bool
    min: float | None
    max: float | None
    synthetic: bool

    @property
    def label(self) -> str:
        return f"{self.name} ({self.unit})"


def _number(raw: str, where: str) -> float | None:
    if not raw.strip():
        return None
    try:
        return float(raw)
    except ValueError:
        raise CatalogueError(f"{where}: '{raw}' is not a number") from None


def _flag(raw: str, where: str) -> bool:
    if raw not in ("true", "false"):
        raise CatalogueError(f"{where}: write true or false, not '{raw}'")
    return raw == "true"


def parse_catalogue(rows: list[dict[str, str]], name: str = "catalogue.csv") -> tuple[Indicator, ...]:
    """Check every row and build the indicators; the first problem raises, naming row and column."""
    bodies = {b.code for b in sectoral_bodies()}
    found: list[Indicator] = []
    seen: set[str] = set()
    for n, row in enumerate(rows, start=2):  # row 1 is the header

        def at(column: str, row_number: int = n) -> str:
            return f"{name} row {row_number}, column '{column}'"

        for column in ("indicator", "name", "unit", "source", "file"):
            if not (row.get(column) or "").strip():
                raise CatalogueError(f"{at(column)}: is empty")
        if row["indicator"] in seen:
            raise CatalogueError(f"{at('indicator')}: '{row['indicator']}' is listed twice")
        seen.add(row["indicator"])
        if row["characteristic"] not in ("A", "B", "C", "D", "E"):
            raise CatalogueError(f"{at('characteristic')}: '{row['characteristic']}' is not one of A to E")
        if row["sectoral_body"] not in bodies:
            raise CatalogueError(f"{at('sectoral_body')}: '{row['sectoral_body']}' is not a known body code")
        if row["direction"] not in DIRECTIONS:
            raise CatalogueError(f"{at('direction')}: write one of {', '.join(DIRECTIONS)}")
        if row["mapping"] not in ("ours", "official"):
            raise CatalogueError(f"{at('mapping')}: write ours or official")
        low, high = _number(row["min"], at("min")), _number(row["max"], at("max"))
        percentage = _flag(row["percentage"], at("percentage"))
        if percentage and (low is None or high is None or low < 0 or high > 100):
            raise CatalogueError(f"{at('min')}: a percentage needs a range inside 0 to 100")
        found.append(
            Indicator(
                id=row["indicator"],
                name=row["name"].strip(),
                unit=row["unit"].strip(),
                definition=row["definition"].strip(),
                source=row["source"].strip(),
                source_url=row["source_url"].strip(),
                licence=row["licence"].strip(),
                file=row["file"].strip(),
                characteristic=row["characteristic"],
                sectoral_body=row["sectoral_body"],
                official_mapping=row["mapping"] == "official",
                direction=row["direction"],
                percentage=percentage,
                min=low,
                max=high,
                synthetic=_flag(row["synthetic"], at("synthetic")),
            )
        )
    return tuple(found)


def load_catalogue(path: Path = CATALOGUE_FILE) -> tuple[Indicator, ...]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CatalogueError(f"{path.name}: missing columns {', '.join(missing)}")
        return parse_catalogue(list(reader), path.name)
