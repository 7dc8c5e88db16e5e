"""Project rules as tests: Streamlit at the edge, offline code, one translation catalogue, style."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from modules.i18n import LOCALES_DIR, extract

ROOT = Path(__file__).parents[1]
PACKAGES = ("modules", "exercises", "datasets", "progress")


def python_files() -> list[Path]:
    files = [ROOT / "app.py", ROOT / "serve.py"]
    for package in PACKAGES:
        files += sorted((ROOT / package).rglob("*.py"))
    return files


def test_streamlit_is_imported_only_by_the_launcher_router_and_page_scripts():
    offenders = [
        str(p.relative_to(ROOT))
        for p in python_files()
        if p.name not in ("app.py", "serve.py")
        and not p.name.endswith("_page.py")
        and re.search(r"^\s*(import streamlit|from streamlit)", p.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []


def test_no_code_reaches_the_network():
    # Outbound clients only: the server's own accepted sockets are tuned in serve.py.
    pattern = re.compile(r"\b(requests|urllib\.request|http\.client|httpx|aiohttp|create_connection)\b")
    offenders = [
        str(p.relative_to(ROOT)) for p in python_files() if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_every_ui_string_is_in_the_translation_template():
    with (LOCALES_DIR / "messages.pot").open("rb") as f:
        listed = {str(m.id) for m in read_po(f) if m.id}
    assert set(extract(ROOT)) == listed, (
        "run `python -m modules.i18n` to refresh modules/locales/messages.pot"
    )


def test_ruff_lint_and_format_are_clean():
    for args in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_readme_quick_start_has_exactly_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^#+\s*Quick start\s*$(.*?)(?=^#+\s)", text + "\n# end\n", re.M | re.S)
    assert section, "README.md needs a 'Quick start' section"
    block = re.findall(r"```[^\n]*\n(.*?)```", section.group(1), re.S)[0]
    lines = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    assert len(lines) == 2
    assert "serve.py" in lines[0] and "pytest" in lines[1]
