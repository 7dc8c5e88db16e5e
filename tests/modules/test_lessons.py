"""Splitting lessons into prose and checks, and keeping text from turning into markup."""

from __future__ import annotations

from modules.lessons import Check, Prose, demote_headings, for_streamlit, parse_lesson, plain

LESSON = """# The results chain

Intro with a [link](lesson:logframe).

```question
id = "x-1"
kind = "text"
prompt = "Level?"
answers = ["outcome"]
```

## After

More text.

```python
print("code stays prose")
```
"""


def test_blocks_title_links_and_time():
    parsed = parse_lesson(LESSON)
    assert parsed.title == "The results chain"
    kinds = [type(b) for b in parsed.blocks]
    assert kinds == [Prose, Check, Prose]
    assert parsed.blocks[1].question.id == "x-1"
    assert "print(" in parsed.blocks[2].markdown
    assert parsed.links == ("lesson:logframe",)
    assert parsed.problems == ()
    assert parsed.minutes >= 1


def test_title_is_not_repeated_in_the_body():
    assert "# The results chain" not in parse_lesson(LESSON).blocks[0].markdown


def test_dollar_signs_stay_text():
    assert for_streamlit("from $1.25 to $3.00 a day") == r"from \$1.25 to \$3.00 a day"


def test_plain_escapes_markdown_and_html():
    escaped = plain("<script>alert(1)</script> **bold** [x](y)")
    assert "**" not in escaped.replace(r"\*", "")
    assert escaped.startswith(r"\<script\>")


def test_demote_headings():
    assert demote_headings("# Sources\n\n## Part") == "### Sources\n\n#### Part"
