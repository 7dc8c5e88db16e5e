"""The indicator linter: rules IND-01 to IND-14 of ME-METHODS.md §3.1 over an indicator and its plan."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Literal

from exercises.rules import Finding, find_words, finding, keywords, starts_with
from exercises.text import LONG_MAX, SHORT_MAX, clean

Level = Literal["goal", "impact", "outcome", "output", "activity"]
Style = Literal["neutral", "qqt"]  # neutral (UNDP, EC, TolaData) or quantity-quality-time (ADB DMF)
UNIT_TYPES = ("number", "percentage", "rate", "ratio", "score", "yes/no")
SHARE_TYPES = ("percentage", "rate", "ratio")
MAX_PER_RESULT = 3
MAX_QUALIFIERS = 2  # words before the measure: "The annual average …"; a third is not read as a qualifier

# The plan's fields, in form order, with what a learner sees (used by the pages and the exports).
FIELD_LABELS = {
    "statement": "Indicator",
    "unit_type": "Unit type",
    "unit": "Unit (what is counted)",
    "definition": "Definition",
    "numerator": "Numerator",
    "denominator": "Denominator",
    "disaggregation": "Disaggregation",
    "means_of_verification": "Means of verification",
    "frequency": "Frequency",
    "responsible": "Responsible body",
    "baseline": "Baseline (value, year)",
    "target": "Target (value, date)",
}
LONG_FIELDS = ("definition", "numerator", "denominator", "disaggregation", "means_of_verification")


@dataclass(frozen=True, slots=True)
class Indicator:
    """An indicator statement with its plan (TolaData's indicator-plan fields); "" means not filled in."""

    statement: str = ""
    unit_type: str = ""
    unit: str = ""
    definition: str = ""
    numerator: str = ""
    denominator: str = ""
    disaggregation: str = ""
    means_of_verification: str = ""
    frequency: str = ""
    responsible: str = ""
    baseline: str = ""
    target: str = ""

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Indicator:
        """Cleaned text for every known field; unknown keys are ignored, a bad unit type becomes ""."""
        values = {f.name: clean(data.get(f.name)) for f in fields(cls)}
        unit_type = values["unit_type"].lower()
        values["unit_type"] = unit_type if unit_type in UNIT_TYPES else ""
        return cls(**values)

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    @property
    def is_empty(self) -> bool:
        return not any(self.to_dict().values())


def input_problems(ind: Indicator, *, row: str = "", number: int | None = None) -> list[Finding]:
    """Fields over their length limit: named, with the limit, so nothing is cut off silently."""
    found = []
    for name, value in ind.to_dict().items():
        limit = LONG_MAX if name in LONG_FIELDS else SHORT_MAX
        if len(value) > limit:
            found.append(
                finding(
                    "INPUT",
                    name,
                    row=row,
                    indicator=number,
                    explain_input=f"{FIELD_LABELS[name]} has {len(value)} characters; the limit is {limit}.",
                    suggest_input="Shorten it: say the essential in one or two sentences.",
                )
            )
    return found


def _level_family(level: str) -> str:
    """A goal is judged as an impact; every other level as itself."""
    return "impact" if level == "goal" else level


def _words_outside_exceptions(text: str, listed: str) -> list[str]:
    """Matches of a word list, except inside a standard phrase ("more than 100", "improved sanitation")."""
    kw = keywords()
    exempt = [(p, p + len(w)) for p, w in find_words(text, kw["standard_phrases"])]
    return [w for p, w in find_words(text, kw[listed]) if not any(a <= p < b for a, b in exempt)]


def direction_words(text: str) -> list[str]:
    return _words_outside_exceptions(text, "direction_words")


_YEAR_TARGET = re.compile(
    r"\b(by|before|in|until|end of|end-)\s*(the end of\s+)?(19|20)\d\d\b", re.IGNORECASE
)
_FROM_TO = re.compile(r"\bfrom\s+\d[\d,.]*\s*%?\s*(\w+\s+){0,3}to\s+\d[\d,.]*\s*%?", re.IGNORECASE)
_LEAD_NUMBER = re.compile(
    r"\b(by|to|reach(?:es|ed|ing)?|achieves?|achieved|targets?|at least)\s+"
    r"(\d[\d,.]*\s*(%|percent|per cent)?)",
    re.IGNORECASE,
)
_START_NUMBER = re.compile(r"^\s*(\d[\d,.]*)\s+(?!%)(?!of\b)", re.IGNORECASE)


def _target_in(text: str) -> str | None:
    """The piece of `text` that is a target value or date, if any."""
    for pattern in (_FROM_TO, _YEAR_TARGET):
        if m := pattern.search(text):
            return m.group(0)
    for m in _LEAD_NUMBER.finditer(text):
        if m.group(3) or m.group(1).lower() not in ("to", "by"):  # "to 5 Member States" may be a scope
            return m.group(0)
    if m := _START_NUMBER.match(text):
        return m.group(1)
    first = text.split(" ", 1)[0].lower()
    if (
        first in keywords()["number_words"]
        and first != "all"
        and not starts_with(text, keywords()["measure_starts"])
    ):
        return text.split(" ", 1)[0]
    return None


def _has_measure(text: str) -> bool:
    kw = keywords()
    rest = text.strip()
    if starts_with(rest, kw["direction_words"]):  # "Increased number of …": the measure is not first
        return False
    for _ in range(MAX_QUALIFIERS + 1):  # the measure after 0, 1 or 2 qualifiers: "The annual average …"
        if starts_with(rest, kw["measure_starts"]):
            return True
        qualifier = starts_with(rest, kw["measure_qualifiers"])
        if not qualifier:
            break
        rest = rest.lstrip(" \"'“‘-•*(")[len(qualifier) :].lstrip()
    # "Under-five mortality rate", "Forest area as a proportion of land area", "Gender pay gap (%)"
    head = re.split(
        r"\b(of|among|in|for|per|by|across|within|at|from|who|that|which)\b|[,;:]", text, maxsplit=1
    )[0]
    return bool(find_words(head, kw["measure_heads"])) or bool(find_words(text, ("(%)", "(#)", "(yes/no)")))


def _two_measures(text: str) -> str | None:
    lowered = text.lower()
    for joined in (
        "number and percentage",
        "number and percent",
        "number and proportion",
        "# and %",
        "number and share",
    ):
        if joined in lowered:
            return joined
    kw = keywords()
    for m in re.finditer(r"\s(and|or|and/or)\s", text, re.IGNORECASE):
        if starts_with(text[m.end() :], kw["measure_starts"]) and _has_measure(text[: m.start()]):
            return text[m.start() + 1 : m.end() + 12].strip() + " …"
    return None


def activity_start(text: str) -> str | None:
    """The activity verb a statement starts with ("Conduct …"), if it is one.

    A word that is also a noun ("Draft guideline endorsed", "Review report published") counts as a verb
    only when no past participle follows to name what was delivered.
    """
    kw = keywords()
    verb = starts_with(text, kw["activity_verbs"])
    if not verb or verb.lower() not in kw["noun_verbs"]:
        return verb
    rest = text.lstrip(" \"'“‘-•*(")[len(verb) :]
    if find_words(rest, kw["participles"]) or re.search(r"\b\w{3,}ed\b", rest):
        return None
    return verb


def _disaggregation_gaps(text: str) -> list[str]:
    """Categories named without their values ("Sex" instead of "Sex: female, male")."""
    if not text:
        return []
    parts = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
    if len(parts) == 1 and ":" not in parts[0] and "(" not in parts[0]:
        parts = [p.strip() for p in re.split(r",|\band\b", parts[0]) if p.strip()]
    gaps = []
    for part in parts:
        if m := re.match(r"^(.*?)\s*[:(]\s*(.*?)\)?$", part):
            if re.search(r"\w", m.group(2)):
                continue
            part = m.group(1)
        gaps.append(re.sub(r"^(by|per)\s+", "", part, flags=re.IGNORECASE) or part)
    return gaps


def _vague_mov(text: str) -> bool:
    words = re.findall(r"[\w&]+", text.lower().replace("m & e", "m&e"))
    return bool(words) and all(w in keywords()["generic_mov_words"] for w in words)


def delivery_words(text: str) -> list[tuple[int, str]]:
    """Output words used as verbs: "officials trained", not "a published charter" (an adjective)."""
    exempt = [(p, p + len(w)) for p, w in find_words(text, keywords()["standard_phrases"])]
    return [
        (p, w)
        for p, w in find_words(text, keywords()["output_words"])
        if not re.search(r"\b(a|an|the)\s+$", text[:p], re.IGNORECASE)
        and not any(a <= p < b for a, b in exempt)
    ]


def level_mismatch(statement: str, level: str) -> tuple[str, str] | None:
    """(explanation, suggestion) when an indicator's words belong to another level (IND-09 / LF-14)."""
    kw = keywords()
    delivery = delivery_words(statement)
    uptake = find_words(statement, kw["uptake_words"])
    family = _level_family(level)
    if family in ("outcome", "impact") and delivery and not uptake:
        word = delivery[0][1]
        return (
            f"“{word}” counts what the project delivers, which is an output, but this result is an {family}.",
            "Measure the change the delivery is meant to cause: who applies, uses or adopts what.",
        )
    if family == "output" and uptake and not delivery:
        word = uptake[0][1]
        return (
            f"“{word}” describes uptake or change by others (an outcome), but this result is an output.",
            "Measure what the project delivers (produced, trained, held), or move this to the outcome.",
        )
    return None


def is_output_type(statement: str) -> bool:
    """Whether an indicator counts deliveries rather than change (for LF-15)."""
    return bool(delivery_words(statement)) and not find_words(statement, keywords()["uptake_words"])


def lint_indicator(
    ind: Indicator, level: str, *, style: Style = "neutral", row: str = "", number: int | None = None
) -> list[Finding]:
    """Findings for one indicator at a result level (rules IND-01 to IND-12)."""
    at = {"row": row, "indicator": number}
    found = input_problems(ind, row=row, number=number)
    text = ind.statement
    if not text:
        return [
            *found,
            finding(
                "INPUT",
                "statement",
                **at,
                explain_input="The indicator is empty.",
                suggest_input="Write what you would measure: “Number of …” or “Percentage of …”.",
            ),
        ]
    activity = activity_start(text)
    if activity:
        found.append(finding("IND-08", "statement", **at, word=activity))
    elif not _has_measure(text):
        found.append(finding("IND-01", "statement", **at))
    if style == "neutral":
        if words := direction_words(text):
            found.append(finding("IND-02", "statement", **at, word=words[0]))
        if target := _target_in(text):
            found.append(finding("IND-03", "statement", **at, word=target))
    if joined := _two_measures(text):
        found.append(finding("IND-04", "statement", **at, word=joined))
    # A statement that says "Percentage of …" needs a denominator whatever unit type was picked.
    unit_type = ind.unit_type if ind.unit_type in SHARE_TYPES else _implied_unit_type(text) or ind.unit_type
    if unit_type in SHARE_TYPES and not ind.denominator:
        found.append(finding("IND-05", "denominator", **at, unit=unit_type))
    if not ind.definition and (vague := _words_outside_exceptions(text, "vague_words")):
        found.append(finding("IND-06", "definition", **at, word=vague[0]))
    for gap in _disaggregation_gaps(ind.disaggregation)[:1]:
        found.append(finding("IND-07", "disaggregation", **at, word=gap))
    if level and (mismatch := level_mismatch(text, level)):
        found.append(
            finding("IND-09", "statement", **at, explain_level=mismatch[0], suggest_level=mismatch[1])
        )
    if not ind.means_of_verification:
        found.append(finding("IND-10", "means_of_verification", **at))
    elif _vague_mov(ind.means_of_verification):
        found.append(finding("IND-11", "means_of_verification", **at, word=ind.means_of_verification))
    missing = [name for name in ("frequency", "responsible") if not getattr(ind, name)]
    if missing:
        what = " and ".join(FIELD_LABELS[m].lower() for m in missing)
        hint = " and ".join(
            {
                "frequency": "how often it is collected (e.g. annually)",
                "responsible": "who collects and reports it",
            }[m]
            for m in missing
        )
        found.append(
            finding("IND-12", missing[0], **at, what=what[0].upper() + what[1:], what_lower=what, hint=hint)
        )
    return found


def _implied_unit_type(text: str) -> str:
    lowered = text.lower().lstrip("# ")
    if lowered.startswith(("percent", "per cent", "% ", "proportion", "share of")):  # also "percentage"
        return "percentage"
    if lowered.startswith(("rate ", "ratio ")):
        return "rate"
    return ""


def lint_result(
    indicators: list[Indicator], level: str, *, row: str = "", field: str = "indicators"
) -> list[Finding]:
    """Rules about a result's set of indicators: none at all (IND-14), too many (IND-13)."""
    present = [i for i in indicators if not i.is_empty]
    if _level_family(level) in ("impact", "outcome", "output") and not present:
        return [finding("IND-14", field, row=row)]
    if len(present) > MAX_PER_RESULT:
        return [finding("IND-13", field, row=row, count=str(len(present)))]
    return []
