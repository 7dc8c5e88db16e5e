"""What each statement's object is called, for people (the live room, reports) and for xAPI (its
activity type): lessons, knowledge checks, quizzes, tests and exercise items."""

from __future__ import annotations

from dataclasses import dataclass

from modules.catalog import Curriculum
from progress.practice import EXERCISES

ACTIVITY = "http://adlnet.gov/expapi/activities/"


@dataclass(frozen=True, slots=True)
class Titles:
    """Display names of the activities, from the course and the exercise list."""

    names: dict[str, tuple[str, str]]  # object id → (name, activity type IRI)

    @classmethod
    def of(cls, cur: Curriculum) -> Titles:
        names: dict[str, tuple[str, str]] = {}
        for m in cur.modules:
            for lesson in m.lessons:
                names[lesson.object_id] = (lesson.title, ACTIVITY + "lesson")
                for q in lesson.parsed.questions:
                    names[q.id] = (f"Knowledge check in “{lesson.title}”", ACTIVITY + "question")
            if m.quiz is not None:
                names[m.quiz.object_id] = (f"Module {m.number} quiz: {m.title}", ACTIVITY + "assessment")
                for q in m.quiz.questions:
                    names.setdefault(q.id, (f"Module {m.number} quiz question", ACTIVITY + "question"))
        for kind in ("pre", "post"):
            form = cur.test(kind)
            names[f"test:{kind}"] = (f"{kind.capitalize()}-test", ACTIVITY + "assessment")
            for item in form.items if form else ():
                names.setdefault(
                    item.question.id, (f"{kind.capitalize()}-test question", ACTIVITY + "question")
                )
        return cls(names)

    def of_object(self, object_id: str) -> tuple[str, str]:
        if object_id in self.names:
            return self.names[object_id]
        if object_id.startswith("exercise:"):
            parts = object_id.split(":")
            title = EXERCISES.get(parts[1], "Results chain" if parts[1] == "broken-link" else parts[1])
            item = ": ".join(parts[2:])
            return (f"{title}{' — ' + item if item else ''}", ACTIVITY + "interaction")
        return (object_id, ACTIVITY + "interaction")
