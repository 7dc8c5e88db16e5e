"""A process killed with SIGKILL between two answers loses nothing it had recorded."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from modules.catalog import curriculum
from progress.statements import events_of
from progress.summary import module_progress, question_state, resume_point

CHILD = textwrap.dedent("""
    import os, signal, sys
    from modules.catalog import curriculum
    from progress.accounts import register_self_paced
    from progress.db import sessions
    from progress.record import answer_check, view_lesson

    m1 = curriculum().module("m1")
    lesson = m1.lessons[0]
    with sessions().begin() as db:
        person, _ = register_self_paced(db, "Lan", "VNM", "ACDM")
        view_lesson(db, person, lesson, "v1")
    for n, q in enumerate(lesson.parsed.questions):
        answer = next(c.text for c in q.choices if c.correct) if q.kind == "single" else None
        with sessions().begin() as db:
            answer_check(db, person, lesson, q, answer, f"n{n}")
    print(person.id, flush=True)
    view_lesson_session = sessions()()
    view_lesson(view_lesson_session, person, m1.lessons[1], "v2")
    view_lesson_session.flush()  # written but never committed: the kill comes first
    os.kill(os.getpid(), signal.SIGKILL)
""")


def test_sigkill_between_answers_keeps_every_recorded_answer(database_url, sessions):
    env = {**os.environ, "DATABASE_URL": database_url}
    proc = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=env,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    person_id = int(proc.stdout.split()[0])
    m1 = curriculum().module("m1")
    lesson = m1.lessons[0]
    with sessions.begin() as db:
        events = events_of(db, person_id)
    assert all(question_state(q, events).answered for q in lesson.parsed.questions)
    assert module_progress(m1, events).lessons[lesson.id].complete
    assert resume_point(curriculum().modules, events) == lesson.id  # the uncommitted view is gone
