"""A lesson with its knowledge checks (?lesson=m1/slug), a module quiz (?quiz=m1), or a test (?test=pre)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import streamlit as st
from sqlalchemy.orm import Session

from datasets.reference import body_profiles, characteristics
from modules.answers import describe, parse_number, shuffled
from modules.assessment import ASSESSMENT_KINDS, AssessmentKind
from modules.catalog import Lesson, Module, curriculum
from modules.charts import ChartSpec, altair_chart
from modules.glossary import GLOSSARY_SCHEME
from modules.grading import correct_answer, grade, is_blank
from modules.i18n import _
from modules.lessons import Chart, Check, Embed, demote_headings, for_streamlit, plain
from modules.questions import Question
from progress.db import sessions
from progress.identity import is_trainer
from progress.pacing import schedule
from progress.record import AttemptsUsed, answer_check, show_hint, submit_quiz, submit_test, view_lesson
from progress.statements import ActorRef, Event, events_of
from progress.summary import (
    assessment_taken,
    certificate_checklist,
    lesson_progress,
    module_progress,
    objective_gains,
    question_state,
)

me = st.session_state.get("me")
token = st.session_state.get("token", "")
cur = curriculum()


def learner() -> ActorRef:
    return ActorRef(me["id"], me["cohort_id"])


def link_params(**params: str) -> dict[str, str]:
    return {**params, "s": token}


# ---- answering widgets, shared by knowledge checks and the quiz ----------------------------


def widget_key(q: Question, part: str = "") -> str:
    return f"ans:{q.id}:{part}"


def instructions(q: Question) -> str:
    """How to answer, for the kinds of question that need saying."""
    return {
        "multiple": _("Select all that apply."),
        "ordering": _(
            "Choose the items in order: the first, then the second, and so on. To move one, remove it and "
            "choose it again."
        ),
        "matching": _("Match each item on the left with one on the right."),
    }.get(q.kind, "")


def answer_widgets(q: Question, last: Any = None) -> None:
    """The widgets for one question, showing the learner's last recorded answer as their default.

    Defaults, not session-state writes: in a brand-new session (a refresh, or a reconnect to another
    replica) the values the browser sends for these widgets must win over what the database says.
    """
    label = _("Your answer")
    seed = f"{me['id']}:{q.id}"  # a fixed order per learner, so the first choice is not always right
    if q.kind == "single":
        options = shuffled(tuple(c.text for c in q.choices), seed)
        st.radio(label, options, index=options.index(last) if last in options else None, key=widget_key(q))
    elif q.kind == "multiple":
        index = {c.text: i for i, c in enumerate(q.choices)}
        picked = set(last) if isinstance(last, list) else set()
        for text in shuffled(tuple(index), seed):
            st.checkbox(text, value=text in picked, key=widget_key(q, str(index[text])))
    elif q.kind in ("numeric", "text"):
        shown = "" if last is None else f"{last:g}" if isinstance(last, float) else str(last)
        unit = f" ({q.unit})" if q.unit else ""
        numeric = q.kind == "numeric"
        st.text_input(
            label + unit,
            value=shown,
            max_chars=40 if numeric else 200,
            key=widget_key(q),
            placeholder=_("A number, for example 12.5") if numeric else "",
        )
    elif q.kind == "ordering":
        options = shuffled(q.items, seed)
        given = [item for item in last if item in options] if isinstance(last, list) else []
        st.multiselect(
            _("Your order, first to last"),
            options,
            default=given,
            key=widget_key(q),
            placeholder=_("Choose the first item"),
        )
    elif q.kind == "matching":
        given = last if isinstance(last, dict) else {}
        rights = list(q.rights)
        for i, p in enumerate(q.pairs):
            chosen = given.get(p.left)
            st.selectbox(
                p.left,
                rights,
                index=rights.index(chosen) if chosen in rights else None,
                key=widget_key(q, str(i)),
                placeholder=_("Choose a match"),
            )


def collected(q: Question) -> Any:
    """Read the widgets back into an answer; None when nothing usable was given."""
    get = st.session_state.get
    if q.kind == "single":
        return get(widget_key(q))
    if q.kind == "multiple":
        return [c.text for i, c in enumerate(q.choices) if get(widget_key(q, str(i)))]
    if q.kind == "numeric":
        return parse_number(get(widget_key(q)) or "")
    if q.kind == "text":
        return (get(widget_key(q)) or "").strip()[:200]
    if q.kind == "ordering":
        picked = list(get(widget_key(q)) or [])
        return picked if len(picked) == len(q.items) else None
    return {p.left: get(widget_key(q, str(i))) for i, p in enumerate(q.pairs)}


def blank_message(q: Question) -> str:
    if q.kind == "numeric" and (st.session_state.get(widget_key(q)) or "").strip():
        return _("That is not a number. Type digits, for example 12.5.")
    if q.kind == "ordering" and (picked := st.session_state.get(widget_key(q))):
        return _("Place every item: {n} of {total} chosen so far.").format(n=len(picked), total=len(q.items))
    return _("Give an answer first.")


def show_feedback(q: Question, response: Any, *, reveal: bool) -> None:
    fb = grade(q, response)
    lines = [for_streamlit(m) for m in fb.messages]
    if fb.correct:
        st.success("  \n".join([_("**Correct.**"), *lines]), icon=":material/check_circle:")
    elif fb.score > 0:
        st.warning("  \n".join([_("**Partly right.**"), *lines]), icon=":material/rule:")
    else:
        st.error("  \n".join([_("**Not quite.**"), *lines]), icon=":material/cancel:")
    if reveal and not fb.correct:
        st.info(
            _("The answer: {answer}").format(answer=plain(correct_answer(q))), icon=":material/lightbulb:"
        )
    if reveal and q.explanation:
        st.markdown(for_streamlit(q.explanation))


# ---- knowledge checks in a lesson -----------------------------------------------------------


def submitted_without_callback(pressed: bool, name: str) -> bool:
    """True when a submit arrived but its callback did not run.

    Streamlit runs a widget's callback only in a session that drew the widget before; the first
    click after the browser reconnected to another server (or after a restart) reaches a brand-new
    session. The page then handles that click itself, so no answer is silently dropped.
    """
    handled = st.session_state.pop(f"handled:{name}", False)
    return pressed and not handled


# A knowledge check is a fragment: answering it reruns the check alone, not the whole lesson. The
# learner's statements for the module live in session state between runs: a full run reads them,
# and a callback that writes one reads them again in the same transaction.


def fetch_events(db: Session, module: Module | None) -> None:
    if module is not None:
        st.session_state["events"] = events_of(db, me["id"], module.object_ids)


def lesson_status(lesson: Lesson) -> tuple[bool, int | None]:
    """What the lesson's header and footer show: complete, and then how many checks are right."""
    lp = lesson_progress(lesson, st.session_state["events"])
    return lp.complete, lp.checks_correct if lp.complete else None


def on_check(lesson_id: str, qid: str) -> None:
    st.session_state[f"handled:{qid}"] = True
    lesson = cur.lesson(lesson_id)
    q = cur.questions[qid]
    answer = collected(q)
    if lesson is None or is_blank(q, answer):
        st.session_state[f"flash:{qid}"] = blank_message(q)
        return
    nonce = st.session_state.setdefault(f"nonce:{qid}", uuid.uuid4().hex)
    try:
        with sessions().begin() as db:
            answer_check(db, learner(), lesson, q, answer, nonce)
            fetch_events(db, cur.module(lesson.module_id))
    except AttemptsUsed:  # answered in another tab or window meanwhile: show what was recorded there
        st.session_state[f"flash:{qid}"] = _(
            "You have used all your attempts on this question (perhaps in another tab or window). "
            "Your recorded answers are shown here."
        )
        with sessions().begin() as db:
            fetch_events(db, cur.module(lesson.module_id))
    st.session_state[f"nonce:{qid}"] = uuid.uuid4().hex


def on_hint(lesson_id: str, qid: str, number: int) -> None:
    lesson = cur.lesson(lesson_id)
    if lesson is None:
        return
    with sessions().begin() as db:
        show_hint(db, learner(), cur.questions[qid], number)
        fetch_events(db, cur.module(lesson.module_id))


@st.fragment
def knowledge_check(lesson_id: str, qid: str, number: int) -> None:
    lesson, q = cur.lesson(lesson_id), cur.questions[qid]
    assert lesson is not None
    if lesson_status(lesson) != st.session_state.get("shown_status"):
        st.rerun()  # this answer changed what the lesson's header and footer say: redraw the page
    state = question_state(q, st.session_state["events"])
    with st.container(border=True):
        how = "" if state.finished or not (how_to := instructions(q)) else f"\n\n:gray[{how_to}]"
        st.markdown(_("**Knowledge check {n}**").format(n=number) + "\n\n" + for_streamlit(q.prompt) + how)
        if state.finished:
            st.markdown(_("Your answer: {a}").format(a=plain(describe(q, state.last_response))))
        else:
            with st.form(f"check:{q.id}", border=False):
                answer_widgets(q, state.last_response)
                pressed = st.form_submit_button(
                    _("Check my answer"), type="primary", on_click=on_check, args=(lesson.id, q.id)
                )
            if submitted_without_callback(pressed, q.id):
                on_check(lesson.id, q.id)
                st.session_state.pop(f"handled:{q.id}", None)
                st.rerun()  # the whole page: this run drew it from statements read before the answer
        if flash := st.session_state.pop(f"flash:{q.id}", None):
            st.warning(flash, icon=":material/warning:")
        if state.answered:
            show_feedback(q, state.last_response, reveal=state.finished)
            if q.max_attempts and not state.finished:
                left = q.max_attempts - state.attempts
                st.caption(_("Attempts left: {n} of {total}").format(n=left, total=q.max_attempts))
        for i in range(state.hints_shown):
            st.info(
                _("Hint {n}: {text}").format(n=i + 1, text=for_streamlit(q.hints[i])),
                icon=":material/tips_and_updates:",
            )
        if state.answered and not state.finished and state.hints_shown < len(q.hints):  # try first
            st.button(
                _("Show a hint ({n} of {total})").format(n=state.hints_shown + 1, total=len(q.hints)),
                key=f"hint:{q.id}",
                icon=":material/help:",
                on_click=on_hint,
                args=(lesson.id, q.id, state.hints_shown),
            )


_LESSON_LINK = re.compile(r"\]\(lesson:([a-z0-9-]+(?:/[a-z0-9-]+)?)\)")


def lesson_links(module: Module, markdown: str) -> str:
    """Point lesson: and glossary: links at their pages, keeping the learner signed in.

    `lesson:slug` is in the same module, `lesson:m1/slug` names the module; the checker has made sure
    every target exists."""
    markdown = _LESSON_LINK.sub(
        lambda m: f"](lesson?lesson={m[1] if '/' in m[1] else f'{module.id}/{m[1]}'}&s={token})", markdown
    )
    return markdown.replace(f"]({GLOSSARY_SCHEME}", "](glossary?s=" + token + "&term=")


def draw_chart(spec: ChartSpec) -> None:
    st.altair_chart(altair_chart(spec), width="stretch")
    st.caption(spec.caption)
    with st.expander(_("The figures as a table")):
        rows = "\n".join(f"| {plain(r['series'])} | {r['x']} | {r['y']:g} |" for r in spec.rows())
        header = f"| {_('Series')} | {plain(spec.x_title)} | {plain(spec.y_title)} |\n|---|---|---|\n"
        st.markdown(header + rows)


@st.fragment
def sectoral_body_cards() -> None:
    """The fifteen sectoral bodies as cards, filtered by the Blueprint characteristics they serve."""
    titles = {c.code: c.title for c in characteristics()}
    labels = {f"{code}. {title}": code for code, title in titles.items()}  # labels, not a format
    picked = st.pills(  # function: session state must stay picklable
        _("Show the bodies that mainly serve characteristic"),
        list(labels),
        selection_mode="multi",
        key="cards:filter",
    )
    chosen = {labels[label] for label in picked}
    shown = [p for p in body_profiles() if not chosen or chosen & set(p.characteristics)]
    st.caption(_("{n} of {total} sectoral bodies").format(n=len(shown), total=len(body_profiles())))
    columns = st.columns(2)
    for i, p in enumerate(shown):
        with columns[i % 2].container(border=True):
            served = " ".join(f":blue-badge[{c}. {titles.get(c, c)}]" for c in p.characteristics)
            mapping = _("official link") if p.official_mapping else _("our mapping, not official")
            lines = [
                f"**{p.body.code}** · {plain(p.body.full_name)}",
                _("Reports to: {body}").format(body=plain(p.ministerial_body)) if p.ministerial_body else "",
                _("Work plan: {plan}").format(plan=plain(p.work_plan)) if p.work_plan else "",
                f":gray[{plain(p.work_plan_structure)}]" if p.work_plan_structure else "",
                f"{served} :gray[({mapping})]",
                f":gray[{plain(p.notes)}]" if p.notes else "",
                _(":orange[Partly verified: to be confirmed against the sources.]")
                if p.verified != "yes"
                else "",
            ]
            st.markdown("\n\n".join(line for line in lines if line))


EMBEDS = {"sectoral-body-cards": sectoral_body_cards}


def record_visit(db: Session, object_id: str, lesson: Lesson | None) -> None:
    """One 'viewed' statement per visit to a page, not per rerun."""
    if st.session_state.get("viewing") == object_id:
        return
    st.session_state["viewing"] = object_id
    if lesson is not None:
        view_lesson(db, learner(), lesson, uuid.uuid4().hex)


def key_terms(lesson: Lesson) -> None:
    """The glossary entries this lesson uses, defined in place: no need to leave the lesson."""
    terms = [t for t in cur.glossary.terms if lesson.id in cur.term_lessons.get(t.id, ())]
    if terms:
        with st.expander(
            _("Key terms in this lesson ({n})").format(n=len(terms)), icon=":material/dictionary:"
        ):
            st.markdown(
                "\n\n".join(f"**{plain(t.term)}**: {for_streamlit(t.definition)}" for t in terms)
                + "\n\n"
                + f"[{_('Open the full glossary')}](glossary?s={token})"
            )


def render_lesson(module: Module, lesson: Lesson, events: list[Event]) -> None:
    index = module.lessons.index(lesson)
    progress = module_progress(module, events)
    st.session_state["shown_status"] = lesson_status(lesson)
    st.page_link(
        "modules/module_page.py",
        label=module.title,
        icon=":material/arrow_back:",
        query_params=link_params(module=module.id),
    )
    st.title(lesson.title)
    done = progress.lessons_complete
    st.progress(
        progress.percent / 100,
        text=_("Lesson {n} of {total} · about {minutes} min · module {done}/{total} lessons done").format(
            n=index + 1, total=len(module.lessons), minutes=lesson.parsed.minutes, done=done
        ),
    )
    number = 0
    for block in lesson.parsed.blocks:
        if isinstance(block, Check):
            number += 1
            knowledge_check(lesson.id, block.question.id, number)
        elif isinstance(block, Chart):
            draw_chart(block.spec)
        elif isinstance(block, Embed):
            EMBEDS[block.name]()
        else:
            st.markdown(for_streamlit(demote_headings(lesson_links(module, block.markdown), by=1)))
    key_terms(lesson)
    lp = progress.lessons[lesson.id]
    if lp.complete:
        st.success(
            _("Lesson complete: {c} of {t} knowledge checks correct.").format(
                c=lp.checks_correct, t=lp.checks_total
            ),
            icon=":material/task_alt:",
        )
    else:
        st.caption(_("Answer every knowledge check to complete this lesson."))
    left, right = st.columns(2)
    if index > 0:
        prev = module.lessons[index - 1]
        left.page_link(
            "modules/lesson_page.py",
            label=_("Previous: {t}").format(t=prev.title),
            icon=":material/arrow_back:",
            query_params=link_params(lesson=prev.id),
        )
    if index + 1 < len(module.lessons):
        nxt = module.lessons[index + 1]
        right.page_link(
            "modules/lesson_page.py",
            label=_("Next: {t}").format(t=nxt.title),
            icon=":material/arrow_forward:",
            query_params=link_params(lesson=nxt.id),
        )
    elif module.quiz:
        right.page_link(
            "modules/lesson_page.py",
            label=_("Next: the module quiz"),
            icon=":material/quiz:",
            query_params=link_params(quiz=module.id),
        )


# ---- module quiz ----------------------------------------------------------------------------


def on_quiz(module_id: str) -> None:
    st.session_state[f"handled:quiz:{module_id}"] = True
    module = cur.module(module_id)
    if module is None or module.quiz is None:
        return
    answers = {q.id: collected(q) for q in module.quiz.questions}
    missing = [n for n, q in enumerate(module.quiz.questions, 1) if is_blank(q, answers[q.id])]
    if missing:
        st.session_state["flash:quiz"] = _(
            "Answer every question before you submit. Still open: {list}."
        ).format(list=", ".join(map(str, missing)))
        return
    nonce = st.session_state.setdefault(f"nonce:quiz:{module_id}", uuid.uuid4().hex)
    try:
        with sessions().begin() as db:
            submit_quiz(db, learner(), module, answers, nonce)
    except AttemptsUsed:
        st.session_state["flash:quiz"] = _("You have used all your attempts at this quiz.")
    st.session_state[f"nonce:quiz:{module_id}"] = uuid.uuid4().hex
    st.session_state["retake"] = False
    for q in module.quiz.questions:  # the next attempt starts from clean widgets
        for key in [k for k in st.session_state if str(k).startswith(f"ans:{q.id}:")]:
            del st.session_state[key]


def render_quiz(module: Module, events: list[Event]) -> None:
    quiz = module.quiz
    assert quiz is not None
    progress = module_progress(module, events).quiz
    assert progress is not None
    st.page_link(
        "modules/module_page.py",
        label=module.title,
        icon=":material/arrow_back:",
        query_params=link_params(module=module.id),
    )
    st.title(_("Module {n} quiz").format(n=module.number))
    limit = (
        _("unlimited attempts") if not quiz.max_attempts else _("{n} attempts").format(n=quiz.max_attempts)
    )
    st.write(
        _("{count} questions · pass mark {mark}% · {limit}").format(
            count=len(quiz.questions), mark=quiz.pass_mark, limit=limit
        )
    )
    if flash := st.session_state.pop("flash:quiz", None):
        st.warning(flash, icon=":material/warning:")
    if progress.attempts:
        last = [e for e in events if e.verb == "answered" and e.extra.get("quiz") == module.id]
        latest = max(e.attempt or 0 for e in last) if last else 0
        responses = {e.object_id: e.response for e in last if e.attempt == latest}
        best = progress.best_percent or 0
        if progress.passed:
            st.success(
                _("You passed this quiz. Best score: {best:.0f}%.").format(best=best),
                icon=":material/workspace_premium:",
            )
        else:
            st.error(
                _("Not passed yet. Best score: {best:.0f}% (pass mark {mark}%).").format(
                    best=best, mark=quiz.pass_mark
                ),
                icon=":material/cancel:",
            )
        with st.expander(
            _("Your answers in attempt {n}").format(n=latest), expanded=not st.session_state.get("retake")
        ):
            for n, q in enumerate(quiz.questions, 1):
                st.markdown(f"**{n}.** " + for_streamlit(q.prompt))
                st.caption(_("Your answer: {a}").format(a=plain(describe(q, responses.get(q.id)))))
                show_feedback(q, responses.get(q.id), reveal=True)
        can_retake = progress.attempts_left is None or progress.attempts_left > 0
        if not can_retake:
            st.info(_("You have used all {n} attempts.").format(n=quiz.max_attempts))
            return
        if not st.session_state.get("retake"):
            left = "" if progress.attempts_left is None else _(" ({n} left)").format(n=progress.attempts_left)
            if st.button(_("Take the quiz again") + left, icon=":material/replay:"):
                st.session_state["retake"] = True
                st.rerun()
            return
    with st.form(f"quiz:{module.id}"):
        for n, q in enumerate(quiz.questions, 1):
            how = f"\n\n:gray[{how_to}]" if (how_to := instructions(q)) else ""
            st.markdown(f"**{n}.** " + for_streamlit(q.prompt) + how)
            answer_widgets(q)
            st.divider()
        pressed = st.form_submit_button(
            _("Submit the quiz"), type="primary", on_click=on_quiz, args=(module.id,)
        )
    if submitted_without_callback(pressed, f"quiz:{module.id}"):
        on_quiz(module.id)
        st.session_state.pop(f"handled:quiz:{module.id}", None)
        st.rerun()


# ---- pre-test and post-test -----------------------------------------------------------------


def on_test(kind: AssessmentKind) -> None:
    st.session_state[f"handled:test:{kind}"] = True
    form = cur.test(kind)
    answers = {i.question.id: collected(i.question) for i in form.items}
    missing = [n for n, i in enumerate(form.items, 1) if is_blank(i.question, answers[i.question.id])]
    if missing:
        st.session_state["flash:test"] = _(
            "Answer every question before you submit. Still open: {list}."
        ).format(list=", ".join(map(str, missing)))
        return
    try:
        with sessions().begin() as db:
            submit_test(db, learner(), form, answers)
    except AttemptsUsed:
        st.session_state["flash:test"] = _("You have already taken this test.")


def post_test_locked(events: list[Event]) -> list[str]:
    """What the learner must still do before the post-test opens: every module quiz in the rule."""
    return [
        _("Pass the Module {n} quiz").format(n=m.number)
        for item in certificate_checklist(cur, events)
        if item.requirement.kind == "quiz" and not item.done and (m := cur.module(item.requirement.module_id))
    ]


def render_test(kind: AssessmentKind, events: list[Event]) -> None:
    form = cur.test(kind)
    back, label = (  # a trainer has no My progress page: they preview the test from the module list
        ("modules/modules_page.py", _("Modules"))
        if is_trainer(me)
        else ("progress/my_progress_page.py", _("My progress"))
    )
    st.page_link(back, label=label, icon=":material/arrow_back:", query_params=link_params())
    st.title(_("Pre-test") if kind == "pre" else _("Post-test"))
    if flash := st.session_state.pop("flash:test", None):
        st.warning(flash, icon=":material/warning:")
    if done := assessment_taken(form, events):
        st.success(
            _("You took this test on {date}: {score:.0f}% correct.").format(
                date=done.timestamp.strftime("%d %b %Y"), score=done.score or 0
            ),
            icon=":material/task_alt:",
        )
        gains = [g for g in objective_gains(cur, events) if (g.pre if kind == "pre" else g.post) is not None]
        right = sum(1 for g in gains if (g.pre if kind == "pre" else g.post) == 1)
        st.write(
            _(
                "{right} of {total} learning objectives answered correctly. My progress shows each one."
            ).format(right=right, total=len(gains))
        )
        return
    if kind == "post" and (still := post_test_locked(events)):
        st.info(
            _("The post-test opens when you have finished the modules. Still to do:")
            + "\n\n"
            + "\n".join(f"- {plain(s)}" for s in still),
            icon=":material/lock:",
        )
        return
    st.write(
        _(
            "{n} questions, one for each learning objective of the course. You have one attempt. "
            "It is not graded for completion: it shows what you know {when}."
        ).format(n=len(form.items), when=_("before the course") if kind == "pre" else _("after the course"))
    )
    with st.form(f"test:{kind}"):
        for n, item in enumerate(form.items, 1):
            q = item.question
            how = f"\n\n:gray[{how_to}]" if (how_to := instructions(q)) else ""
            st.markdown(f"**{n}.** " + for_streamlit(q.prompt) + how)
            answer_widgets(q)
            st.divider()
        pressed = st.form_submit_button(_("Submit the test"), type="primary", on_click=on_test, args=(kind,))
    if submitted_without_callback(pressed, f"test:{kind}"):
        on_test(kind)
        st.session_state.pop(f"handled:test:{kind}", None)
        st.rerun()


# ---- page -----------------------------------------------------------------------------------

if me is None:
    st.warning(_("Please sign in first."))
    st.stop()

with sessions().begin() as db:
    pacing = schedule(db, me.get("cohort_id"))


def stop_if_closed(item_id: str, what: str) -> None:
    """A closed item (pacing) says when it opens instead of showing itself."""
    if (gate := pacing.gate(item_id)) is not None:
        st.info(gate.message(what), icon=":material/lock_clock:")
        st.page_link(
            "modules/modules_page.py",
            label=_("Go to the module list"),
            icon=":material/menu_book:",
            query_params=link_params(),
        )
        st.stop()


test_kind = st.query_params.get("test")
if test_kind in ASSESSMENT_KINDS and cur.test(test_kind).items:
    stop_if_closed(f"test:{test_kind}", _("This test"))
    with sessions().begin() as db:
        all_events = events_of(db, me["id"])
    render_test(test_kind, all_events)
    st.stop()

quiz_id = st.query_params.get("quiz")
lesson_id = st.query_params.get("lesson", "")
target_lesson = cur.lesson(lesson_id) if not quiz_id else None
target_module = (
    cur.module(quiz_id) if quiz_id else (cur.module(target_lesson.module_id) if target_lesson else None)
)

if target_module is None or (quiz_id and target_module.quiz is None):
    st.title(_("Lesson not found"))
    st.write(_("This address does not point to a lesson of the course. It may have moved."))
    st.page_link(
        "modules/modules_page.py",
        label=_("Go to the module list"),
        icon=":material/menu_book:",
        query_params=link_params(),
    )
    st.stop()

if target_lesson is not None:
    stop_if_closed(target_lesson.object_id, _("This lesson"))
else:
    stop_if_closed(f"quiz:{target_module.id}", _("This quiz"))
with sessions().begin() as db:  # one short transaction per page run
    record_visit(db, target_lesson.object_id if target_lesson else f"quiz:{target_module.id}", target_lesson)
    fetch_events(db, target_module)
if target_lesson is not None:
    render_lesson(target_module, target_lesson, st.session_state["events"])
else:
    render_quiz(target_module, st.session_state["events"])
