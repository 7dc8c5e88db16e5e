"""Split a Markdown lesson into prose blocks and knowledge checks with markdown-it-py."""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass

from markdown_it import MarkdownIt

from modules.charts import ChartSpec, parse_chart
from modules.questions import ContentError, Question, parse_question

QUESTION_FENCE = "question"
CHART_FENCE = "chart"
EMBED_FENCE = "embed"
EMBEDS = ("sectoral-body-cards",)  # interactive parts a lesson may place; the lesson page draws them
WORDS_PER_MINUTE = 180
MAX_PARAGRAPH_WORDS = 150  # a longer paragraph is a wall of text for a second-language reader
MINUTES_PER_CHECK = 1.0

# Parse with HTML recognised only to *detect* it; rendering never passes HTML through.
_detector = MarkdownIt("commonmark", {"html": True})
_parser = MarkdownIt("commonmark", {"html": False}).enable("table")


@dataclass(frozen=True, slots=True)
class Prose:
    """A run of Markdown between knowledge checks."""

    markdown: str


@dataclass(frozen=True, slots=True)
class Check:
    """A knowledge check placed inline in a lesson."""

    question: Question


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart drawn from the figures written in the lesson."""

    spec: ChartSpec


@dataclass(frozen=True, slots=True)
class Embed:
    """An interactive part of the app placed in the lesson, by name (one of EMBEDS)."""

    name: str


Block = Prose | Check | Chart | Embed


@dataclass(frozen=True, slots=True)
class ParsedLesson:
    title: str
    blocks: tuple[Block, ...]
    links: tuple[str, ...]
    words: int
    problems: tuple[str, ...]
    questions: tuple[Question, ...] = ()  # the checks of `blocks`, in order (kept to avoid re-scanning)

    @property
    def minutes(self) -> int:
        """Estimated time: reading at a second-language pace plus a minute per check."""
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE + MINUTES_PER_CHECK * len(self.questions)))


def _links(tokens: list) -> list[str]:  # type: ignore[type-arg]
    found: list[str] = []
    for tok in tokens:
        for child in tok.children or ():
            if child.type == "link_open":
                found.append(str(child.attrGet("href") or ""))
    return found


def _has_html(text: str) -> bool:
    for tok in _detector.parse(text):
        if tok.type == "html_block":
            return True
        if any(c.type == "html_inline" for c in tok.children or ()):
            return True
    return False


def parse_lesson(text: str) -> ParsedLesson:
    """Parse lesson source; problems are collected, not raised, so one bad check spares the rest."""
    lines = text.splitlines()
    tokens = _parser.parse(text)
    problems: list[str] = []
    titles = [
        tokens[i + 1].content.strip()
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h1"
    ]
    if len(titles) != 1:
        problems.append(f"needs exactly one '# Title' heading, found {len(titles)}")
    title = titles[0] if titles else ""
    if _has_html(text):
        problems.append("contains raw HTML, which is never rendered; use Markdown instead")

    blocks: list[Block] = []
    cursor = 0  # next source line not yet assigned to a block
    skip_title = True
    for tok in tokens:
        if skip_title and tok.type == "heading_open" and tok.tag == "h1" and tok.map:
            _flush(blocks, lines[cursor : tok.map[0]])
            cursor = tok.map[1]
            skip_title = False
            continue
        fence = tok.info.strip() if tok.type == "fence" else ""
        if fence not in (QUESTION_FENCE, CHART_FENCE, EMBED_FENCE) or not tok.map:
            continue
        _flush(blocks, lines[cursor : tok.map[0]])
        cursor = tok.map[1]
        try:
            blocks.append(_special_block(fence, tok.content))
        except ContentError as err:
            what = {QUESTION_FENCE: "knowledge check", CHART_FENCE: "chart", EMBED_FENCE: "embed"}[fence]
            problems.append(f"{what} at line {tok.map[0] + 1}: {err}")
    _flush(blocks, lines[cursor:])
    problems += [
        f"a paragraph at line {tok.map[0] + 1} has {words} words; split it (at most {MAX_PARAGRAPH_WORDS})"
        for i, tok in enumerate(tokens)
        if tok.type == "paragraph_open"
        and tok.level == 0
        and tok.map
        and (words := len(tokens[i + 1].content.split())) > MAX_PARAGRAPH_WORDS
    ]
    prose_words = sum(len(b.markdown.split()) for b in blocks if isinstance(b, Prose))
    if prose_words == 0:
        problems.append("is empty: it has no text besides its title")
    questions = tuple(b.question for b in blocks if isinstance(b, Check))
    return ParsedLesson(title, tuple(blocks), tuple(_links(tokens)), prose_words, tuple(problems), questions)


def _special_block(fence: str, content: str) -> Block:
    if fence == EMBED_FENCE:
        name = content.strip()
        if name not in EMBEDS:
            raise ContentError(f"unknown embed {name!r}; use one of {', '.join(EMBEDS)}")
        return Embed(name)
    try:
        table = tomllib.loads(content)
    except tomllib.TOMLDecodeError as err:
        raise ContentError(f"invalid TOML ({err})") from None
    return Check(parse_question(table)) if fence == QUESTION_FENCE else Chart(parse_chart(table))


def _flush(blocks: list[Block], lines: list[str]) -> None:
    chunk = "\n".join(lines).strip()
    if chunk:
        blocks.append(Prose(chunk))


_DOLLAR = re.compile(r"(?<!\\)\$")


def for_streamlit(markdown: str) -> str:
    """Escape what Streamlit's Markdown would treat as LaTeX, so '$1.25 a day' stays text."""
    return _DOLLAR.sub(r"\\$", markdown)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~:$<])")


def plain(text: str) -> str:
    """Escape learner-typed text so Markdown shows it literally, never as formatting or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def demote_headings(markdown: str, by: int = 2) -> str:
    """Make '# Sources' render as a small heading inside a page that has its own title."""
    return re.sub(r"^(#{1,6}) ", lambda m: "#" * min(6, len(m[1]) + by) + " ", markdown, flags=re.M)
