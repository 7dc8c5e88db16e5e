"""Charts written in lessons as ```chart TOML blocks: checked here and drawn with Altair."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import altair as alt

from modules.questions import ContentError

ChartKind = Literal["line", "bar"]
CHART_KINDS: tuple[ChartKind, ...] = ("line", "bar")
DATA_LABELS = {"illustrative": "Illustrative figures, not real data."}
MAX_POINTS = 200


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    x: tuple[float | str, ...]
    y: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class ChartSpec:
    title: str
    kind: ChartKind
    x_title: str
    y_title: str
    data: str  # "illustrative": lesson charts never show real-looking figures without saying so
    series: tuple[Series, ...]

    @property
    def caption(self) -> str:
        return DATA_LABELS[self.data]

    def rows(self) -> list[dict[str, Any]]:
        """One row per point, in the order written: the chart's data and its table."""
        return [
            {"series": s.name, "x": x, "y": y} for s in self.series for x, y in zip(s.x, s.y, strict=True)
        ]


def _text(table: dict[str, Any], key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"'{key}' is missing or not text")
    return value.strip()


def _series(n: int, raw: Any) -> Series:
    if not isinstance(raw, dict):
        raise ContentError(f"series {n} must be a [[series]] table")
    name = _text(raw, "name")
    xs, ys = raw.get("x"), raw.get("y")
    if not isinstance(xs, list) or not isinstance(ys, list) or not xs:
        raise ContentError(f"series '{name}' needs lists 'x' and 'y'")
    if len(xs) != len(ys):
        raise ContentError(f"series '{name}' has {len(xs)} x values but {len(ys)} y values")
    if not all(isinstance(v, int | float | str) and not isinstance(v, bool) for v in xs):
        raise ContentError(f"series '{name}': every x must be a number or a short text")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in ys):
        raise ContentError(f"series '{name}': every y must be a number")
    return Series(name, tuple(xs), tuple(float(v) for v in ys))


def parse_chart(table: dict[str, Any]) -> ChartSpec:
    """Build a chart from a ```chart block's TOML, or raise ContentError naming what is wrong."""
    kind = table.get("kind")
    if kind not in CHART_KINDS:
        raise ContentError(f"chart kind {kind!r} is not one of {', '.join(CHART_KINDS)}")
    data = table.get("data")
    if data not in DATA_LABELS:
        raise ContentError(f"chart 'data' must be one of {', '.join(DATA_LABELS)} (got {data!r})")
    raw = table.get("series")
    if not isinstance(raw, list) or not raw:
        raise ContentError("chart needs at least one [[series]]")
    series = tuple(_series(n, s) for n, s in enumerate(raw, start=1))
    if len({s.name for s in series}) != len(series):
        raise ContentError("chart has two series with the same name")
    if sum(len(s.x) for s in series) > MAX_POINTS:
        raise ContentError(f"chart has more than {MAX_POINTS} points")
    kinds = {type(x) is str for s in series for x in s.x}
    if len(kinds) > 1:
        raise ContentError("chart mixes numbers and texts on the x axis")
    return ChartSpec(_text(table, "title"), kind, _text(table, "x"), _text(table, "y"), data, series)


def altair_chart(spec: ChartSpec) -> alt.Chart:
    """The chart as Altair draws it: one colour per series, points labelled on hover."""
    numeric_x = not any(isinstance(x, str) for s in spec.series for x in s.x)
    order = [s.name for s in spec.series]
    x_kind = "quantitative" if numeric_x else "ordinal"
    x_sort = None if numeric_x else list(dict.fromkeys(x for s in spec.series for x in s.x))
    years = numeric_x and all(float(x).is_integer() for s in spec.series for x in s.x)
    x_axis = alt.Axis(format="d") if years else alt.Axis()  # 2020, not 2,020
    base = alt.Chart(alt.Data(values=spec.rows()), title=spec.title)
    colour = alt.Color("series:N", title=None, sort=order, legend=alt.Legend(orient="bottom"))
    tooltip = [
        alt.Tooltip("series:N", title="Series"),
        alt.Tooltip("x", type=x_kind, title=spec.x_title),
        alt.Tooltip("y:Q", title=spec.y_title),
    ]
    x = alt.X("x", type=x_kind, title=spec.x_title, sort=x_sort, axis=x_axis)
    y = alt.Y("y:Q", title=spec.y_title)
    if spec.kind == "bar":
        x = alt.X("x", type="ordinal", title=spec.x_title, sort=x_sort, axis=alt.Axis(labelAngle=0))
        side_by_side = {"xOffset": alt.XOffset("series:N", sort=order)} if len(spec.series) > 1 else {}
        return base.mark_bar().encode(x=x, y=y, color=colour, tooltip=tooltip, **side_by_side)
    return base.mark_line(point=True).encode(x=x, y=y, color=colour, tooltip=tooltip)
