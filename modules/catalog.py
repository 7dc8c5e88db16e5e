"""Discover module folders and load them into a validated, immutable curriculum."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from modules.assessment import (
    ASSESSMENT_FILE,
    ASSESSMENT_KINDS,
    AssessmentForm,
    AssessmentKind,
    Item,
    parse_assessment,
)
from modules.course import COURSE_FILE, Requirement, parse_certificate
from modules.facilitator import AGENDA_FILE, FACILITATOR_FILE, Day, LessonNote, parse_agenda, parse_notes
from modules.glossary import GLOSSARY_FILE, GLOSSARY_SCHEME, Glossary, lessons_using, load_glossary
from modules.lessons import ParsedLesson, Prose, parse_lesson
from modules.questions import ContentError, Question, parse_question

CONTENT_DIR = Path(__file__).parent / "content"
LESSON_FILE = re.compile(r"^(\d{2})-([a-z0-9][a-z0-9-]*)\.md$")
MIN_CHECKS_PER_LESSON = 2
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content: which file, and why."""

    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Lesson:
    id: str  # stable: "<module id>/<slug>", independent of the file's number prefix
    slug: str
    module_id: str
    number: int
    parsed: ParsedLesson

    @property
    def title(self) -> str:
        return self.parsed.title

    @property
    def object_id(self) -> str:
        return f"lesson:{self.id}"


@dataclass(frozen=True, slots=True)
class Quiz:
    module_id: str
    pass_mark: int  # percent
    max_attempts: int  # 0 means unlimited
    questions: tuple[Question, ...]

    @property
    def object_id(self) -> str:
        return f"quiz:{self.module_id}"


@dataclass(frozen=True)
class Module:
    id: str
    number: int
    title: str
    aim: str
    estimated_minutes: int
    objectives: tuple[str, ...]
    lessons: tuple[Lesson, ...]
    quiz: Quiz | None
    sources: str
    notes: dict[str, LessonNote] = field(default_factory=dict)  # facilitator notes by lesson slug
    tests: dict[AssessmentKind, tuple[Item, ...]] = field(default_factory=dict)  # pre/post items

    def lesson(self, slug: str) -> Lesson | None:
        return next((ls for ls in self.lessons if ls.slug == slug), None)

    @functools.cached_property
    def object_ids(self) -> frozenset[str]:
        """Every statement object id that counts towards this module: lessons, checks, quiz."""
        ids = {ls.object_id for ls in self.lessons}
        ids |= {q.id for ls in self.lessons for q in ls.parsed.questions}
        if self.quiz:
            ids |= {self.quiz.object_id, *(q.id for q in self.quiz.questions)}
        return frozenset(ids)

    @functools.cached_property
    def check_lessons(self) -> dict[str, str]:
        """Knowledge-check id → the object id of the lesson it sits in."""
        return {q.id: ls.object_id for ls in self.lessons for q in ls.parsed.questions}


@dataclass(frozen=True)
class Curriculum:
    modules: tuple[Module, ...]
    problems: tuple[Problem, ...]
    glossary: Glossary = field(default_factory=lambda: Glossary(()))
    agenda: tuple[Day, ...] = ()
    certificate: tuple[Requirement, ...] = ()

    @functools.cached_property
    def _tests(self) -> dict[AssessmentKind, AssessmentForm]:
        return {
            kind: AssessmentForm(kind, tuple(i for m in self.modules for i in m.tests.get(kind, ())))
            for kind in ASSESSMENT_KINDS
        }

    def test(self, kind: AssessmentKind) -> AssessmentForm:
        """The course's pre- or post-test: every module's items, in course order (built once)."""
        return self._tests[kind]

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def lesson(self, lesson_id: str) -> Lesson | None:
        module_id, _, slug = lesson_id.partition("/")
        module = self.module(module_id)
        return module.lesson(slug) if module else None

    @functools.cached_property
    def questions(self) -> dict[str, Question]:
        """Every question by id, lessons' checks and quizzes alike."""
        found: dict[str, Question] = {}
        for m in self.modules:
            for ls in m.lessons:
                found.update((q.id, q) for q in ls.parsed.questions)
            if m.quiz:
                found.update((q.id, q) for q in m.quiz.questions)
            found.update((i.question.id, i.question) for items in m.tests.values() for i in items)
        return found

    @functools.cached_property
    def term_lessons(self) -> dict[str, tuple[str, ...]]:
        """Glossary term id → the lessons that use it, in course order."""
        texts = (
            (ls.id, "\n".join(b.markdown for b in ls.parsed.blocks if isinstance(b, Prose)))
            for m in self.modules
            for ls in m.lessons
        )
        return lessons_using(self.glossary, texts)

    def summary(self) -> str:
        lessons = sum(len(m.lessons) for m in self.modules)
        return (
            f"{len(self.modules)} modules, {lessons} lessons, {len(self.questions)} questions, "
            f"{len(self.glossary.terms)} glossary terms, {len(self.problems)} problems"
        )


def _read_toml(path: Path, problems: list[Problem], rel: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(rel, "file is missing"))
    except UnicodeDecodeError:
        problems.append(Problem(rel, "is not UTF-8 text"))
    except tomllib.TOMLDecodeError as err:
        problems.append(Problem(rel, f"invalid TOML ({err})"))
    return None


def _field(meta: dict[str, Any], key: str, kind: type, rel: str, problems: list[Problem]) -> Any:
    value = meta.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) or (kind is str and not value.strip()):
        problems.append(Problem(rel, f"'{key}' is missing or not {kind.__name__}"))
        return kind()
    return value


def _load_quiz(folder: Path, module_id: str, rel: str, problems: list[Problem]) -> Quiz | None:
    path = folder / "quiz.toml"
    if not path.exists():
        return None
    data = _read_toml(path, problems, rel)
    if data is None:
        return None
    pass_mark = data.get("pass_mark")
    if isinstance(pass_mark, bool) or not isinstance(pass_mark, int) or not 1 <= pass_mark <= 100:
        problems.append(Problem(rel, "'pass_mark' must be a whole percent from 1 to 100"))
        pass_mark = 100
    attempts = data.get("max_attempts", 0)
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 0:
        problems.append(Problem(rel, "'max_attempts' must be a whole number, 0 for unlimited"))
        attempts = 0
    questions = []
    for n, table in enumerate(data.get("questions", []), start=1):
        try:
            questions.append(parse_question(table))
        except ContentError as err:
            problems.append(Problem(rel, f"[[questions]] #{n}: {err}"))
    if not questions:
        problems.append(Problem(rel, "has no valid [[questions]]"))
        return None
    return Quiz(module_id, pass_mark, attempts, tuple(questions))


def load_module(folder: Path, root: Path) -> tuple[Module | None, list[Problem]]:
    """Load one module folder; a broken module.toml drops the module, a broken lesson only itself."""
    problems: list[Problem] = []
    rel = folder.relative_to(root).as_posix()
    meta = _read_toml(folder / "module.toml", problems, f"{rel}/module.toml")
    if meta is None:
        return None, problems
    mrel = f"{rel}/module.toml"
    module_id = _field(meta, "id", str, mrel, problems)
    if module_id and not re.fullmatch(r"m[0-9]+", module_id):
        problems.append(Problem(mrel, f"module id {module_id!r} must look like 'm1'"))
    lessons: list[Lesson] = []
    for path in sorted(folder.glob("*.md")):
        if path.name == "sources.md":
            continue
        lrel = f"{rel}/{path.name}"
        match = LESSON_FILE.match(path.name)
        if not match:
            problems.append(Problem(lrel, "lesson file names look like '03-theory-of-change.md'"))
            continue
        try:
            parsed = parse_lesson(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problems.append(Problem(lrel, "is not UTF-8 text"))
            continue
        problems.extend(Problem(lrel, p) for p in parsed.problems)
        if len(parsed.questions) < MIN_CHECKS_PER_LESSON:
            problems.append(
                Problem(
                    lrel,
                    f"has {len(parsed.questions)} knowledge checks; at least "
                    f"{MIN_CHECKS_PER_LESSON} are needed",
                )
            )
        if any(ls.slug == match[2] for ls in lessons):
            problems.append(Problem(lrel, f"duplicate lesson id '{match[2]}'"))
            continue
        slug = match[2]
        lessons.append(Lesson(f"{module_id}/{slug}", slug, module_id, int(match[1]), parsed))
    if not lessons:
        problems.append(Problem(rel, "has no lessons"))
    sources_path = folder / "sources.md"
    sources = sources_path.read_text(encoding="utf-8") if sources_path.exists() else ""
    if not sources.strip():
        problems.append(Problem(f"{rel}/sources.md", "is missing: every module lists its sources"))
    problems += [Problem(f"{rel}/sources.md", p) for p in source_problems(sources)]
    objectives = _field(meta, "objectives", list, mrel, problems)
    slugs = tuple(ls.slug for ls in lessons)
    notes_data = _read_toml(folder / FACILITATOR_FILE, problems, f"{rel}/{FACILITATOR_FILE}")
    notes, found = parse_notes(notes_data, slugs) if notes_data is not None else ({}, [])
    problems.extend(Problem(f"{rel}/{FACILITATOR_FILE}", p) for p in found)
    tests_data = _read_toml(folder / ASSESSMENT_FILE, problems, f"{rel}/{ASSESSMENT_FILE}")
    tests, found = (
        parse_assessment(tests_data, module_id, len(objectives)) if tests_data is not None else ({}, [])
    )
    problems.extend(Problem(f"{rel}/{ASSESSMENT_FILE}", p) for p in found)
    module = Module(
        id=module_id,
        number=_field(meta, "number", int, mrel, problems),
        title=_field(meta, "title", str, mrel, problems),
        aim=_field(meta, "aim", str, mrel, problems),
        estimated_minutes=_field(meta, "estimated_minutes", int, mrel, problems),
        objectives=tuple(str(o) for o in objectives),
        lessons=tuple(lessons),
        quiz=_load_quiz(folder, module_id, f"{rel}/quiz.toml", problems),
        sources=sources,
        notes=notes,
        tests={kind: tuple(items) for kind, items in tests.items()},
    )
    return module, problems


_URL = re.compile(r"https?://[^\s)>\]]+\.[^\s)>\]]+")


def source_problems(sources: str) -> list[str]:
    """Every entry of a sources list (a '- ' line) names where to find it: a full web address."""
    return [
        f"line {n}: a source without a web address ({line[:60].strip()}…)"
        for n, line in enumerate(sources.splitlines(), start=1)
        if line.startswith("- ") and not _URL.search(line)
    ]


def _cross_checks(modules: list[Module], glossary: Glossary) -> list[Problem]:
    """Rules across files: unique ids and links that resolve."""
    problems: list[Problem] = []
    seen_modules: set[str] = set()
    seen_questions: dict[str, str] = {}
    lesson_ids = {ls.id for m in modules for ls in m.lessons}
    for m in modules:
        if m.id in seen_modules:
            problems.append(Problem(m.id, f"duplicate module id '{m.id}'"))
        seen_modules.add(m.id)
        owners: list[tuple[str, tuple[Question, ...]]] = [(ls.id, ls.parsed.questions) for ls in m.lessons]
        if m.quiz:
            owners.append((f"{m.id}/quiz", m.quiz.questions))
        for kind in ASSESSMENT_KINDS:
            owners.append((f"{m.id}/{kind}-test", tuple(i.question for i in m.tests.get(kind, ()))))
        for owner, questions in owners:
            for q in questions:
                if q.id in seen_questions:
                    problems.append(
                        Problem(owner, f"duplicate question id '{q.id}' (also in {seen_questions[q.id]})")
                    )
                seen_questions.setdefault(q.id, owner)
        for ls in m.lessons:
            for href in ls.parsed.links:
                if href.startswith("lesson:"):
                    target = href.removeprefix("lesson:")
                    target = target if "/" in target else f"{m.id}/{target}"
                    if target not in lesson_ids:
                        problems.append(Problem(ls.id, f"broken link to unknown lesson '{href}'"))
                elif href.startswith(GLOSSARY_SCHEME):
                    if glossary.term(href.removeprefix(GLOSSARY_SCHEME)) is None:
                        problems.append(Problem(ls.id, f"broken link to unknown glossary term '{href}'"))
                elif not href.startswith(_SAFE_SCHEMES):
                    problems.append(
                        Problem(
                            ls.id,
                            f"broken link '{href}': use lesson:<id>, glossary:<id> or a full http(s) address",
                        )
                    )
    return problems


def _course_files(
    root: Path, modules: list[Module]
) -> tuple[Glossary, tuple[Day, ...], tuple[Requirement, ...], list[Problem]]:
    """The files beside the module folders: glossary, workshop agenda, completion rule."""
    problems: list[Problem] = []
    glossary, found = load_glossary(root)
    problems += [Problem(GLOSSARY_FILE, p) for p in found]
    agenda: tuple[Day, ...] = ()
    if (root / AGENDA_FILE).exists() and (data := _read_toml(root / AGENDA_FILE, problems, AGENDA_FILE)):
        agenda, found = parse_agenda(data)
        problems += [Problem(AGENDA_FILE, p) for p in found]
    lessons = {ls.id for m in modules for ls in m.lessons}
    scheduled = {lesson for day in agenda for s in day.sessions for lesson in s.lessons}
    problems += [Problem(AGENDA_FILE, f"unknown lesson '{ls}'") for ls in sorted(scheduled - lessons)]
    if agenda:
        problems += [
            Problem(AGENDA_FILE, f"lesson '{ls}' is in no session") for ls in sorted(lessons - scheduled)
        ]
    certificate: tuple[Requirement, ...] = ()
    if (data := _read_toml(root / COURSE_FILE, problems, COURSE_FILE)) is not None:
        certificate, found = parse_certificate(data)
        problems += [Problem(COURSE_FILE, p) for p in found]
    quizzes = {m.id for m in modules if m.quiz}
    problems += [
        Problem(COURSE_FILE, f"requirement names module '{r.module_id}', which has no quiz")
        for r in certificate
        if r.kind == "quiz" and r.module_id not in quizzes
    ]
    return glossary, agenda, certificate, problems


def load_curriculum(root: Path = CONTENT_DIR) -> Curriculum:
    """Load every module folder under `root`, collecting problems instead of stopping at one."""
    modules: list[Module] = []
    problems: list[Problem] = []
    folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    for folder in folders:
        module, found = load_module(folder, root)
        problems.extend(found)
        if module is not None:
            modules.append(module)
    modules.sort(key=lambda m: (m.number, m.id))
    if not modules:
        problems.append(Problem(str(root), "no module folders with a module.toml"))
        return Curriculum((), tuple(problems))
    glossary, agenda, certificate, found = _course_files(root, modules)
    problems += found
    problems.extend(_cross_checks(modules, glossary))
    return Curriculum(tuple(modules), tuple(problems), glossary, agenda, certificate)


@functools.cache
def curriculum() -> Curriculum:
    """The real curriculum, parsed once per process (content never changes while serving)."""
    return load_curriculum(CONTENT_DIR)
