"""The glossary: every term of the course, searchable, each with the lessons that use it."""

from __future__ import annotations

import streamlit as st

from modules.catalog import curriculum
from modules.glossary import Term
from modules.i18n import _
from modules.lessons import for_streamlit, plain

me = st.session_state.get("me")
token = st.session_state.get("token", "")
cur = curriculum()
SEARCH_MAX = 60

if me is None:
    st.warning(_("Please sign in first."))
    st.stop()


def entry(term: Term) -> str:
    """One term as Markdown: name, definition, other names, related terms, lessons, source."""
    parts = [f"#### {plain(term.term)}", for_streamlit(term.definition)]
    if term.aliases:
        parts.append(_("Also written: {names}").format(names=", ".join(plain(a) for a in term.aliases)))
    related = [t for s in term.see_also if (t := cur.glossary.term(s))]
    if related:
        links = ", ".join(f"[{plain(t.term)}](glossary?s={token}&term={t.id})" for t in related)
        parts.append(_("See also: {links}").format(links=links))
    used = [ls for lid in cur.term_lessons.get(term.id, ()) if (ls := cur.lesson(lid))]
    if used:
        links = ", ".join(f"[{plain(ls.title)}](lesson?lesson={ls.id}&s={token})" for ls in used)
        parts.append(_("Used in: {links}").format(links=links))
    parts.append(f":gray[{_('Source: {source}').format(source=plain(term.source))}]")
    return "\n\n".join(parts)


st.title(_("Glossary"))
wanted = cur.glossary.term(st.query_params.get("term", ""))
if wanted and st.session_state.get("glossary:for") != wanted.id:  # arrived from a link in a lesson
    st.session_state["glossary:for"] = wanted.id
    st.session_state["glossary:q"] = wanted.term
query = st.text_input(
    _("Search the glossary"),
    key="glossary:q",
    max_chars=SEARCH_MAX,
    placeholder=_("A term or a word in its definition, for example indicator"),
)
found = cur.glossary.search(query)
if query.strip():
    st.caption(_("{n} of {total} terms match").format(n=len(found), total=len(cur.glossary.terms)))
else:
    st.caption(_("{total} terms, A to Z").format(total=len(cur.glossary.terms)))
if not found:
    st.info(_("No term matches. Try a shorter word, or clear the search to see every term."))
for term in found:
    st.markdown(entry(term))
