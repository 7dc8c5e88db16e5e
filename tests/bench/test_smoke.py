"""The load benchmark: a real quick run against real servers, and its hard bounds."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bench.client import (
    MAX_DEADLINE,
    MAX_RERUNS,
    MAX_SESSIONS,
    BoundsError,
    Session,
    check_bounds,
    require_loopback,
)
from bench.load import Scenario, run_scenario
from bench.run import build_parser, main, parse_scenario, select_scenarios

ROOT = Path(__file__).parents[2]


def answered(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM statement WHERE verb = 'answered'").fetchone()[0])


def test_quick_run_answers_into_the_database_and_measures_the_floor(tmp_path):
    report_path, workdir = tmp_path / "bench.json", tmp_path / "work"
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick", "--json", str(report_path), "--workdir", str(workdir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads(report_path.read_text())
    rows = report["scenarios"]
    assert rows and all(r["runs"] > 0 and r["errors"] == 0 for r in rows), [
        (r["name"], r["runs"], r["errors_by_type"], r["error_samples"]) for r in rows
    ]
    assert all(r["errors"] == 0 for r in report["warmup"])
    assert all(r["rerun_ms"]["n"] > 0 and r["cpu_ms_per_run"] for r in rows)
    # Every answer run wrote exactly one 'answered' statement: count them in the database itself.
    answers = report["answers"]
    lesson_runs = [r for r in rows if r["action"] == "answer"]
    assert answers["answer_runs_ok"] >= sum(2 * r["sessions"] for r in lesson_runs) > 0
    assert answered(workdir / "bench.sqlite3") - answers["answered_after_seed"] == answers["answer_runs_ok"]
    # As in the browser, an answer reruns only its check's fragment, not the whole lesson page.
    assert answers["fragment_runs_ok"] == answers["answer_runs_ok"]
    floor = [r for r in rows if r["server"] == "floor"]
    assert floor and floor[0]["runs"] > 0 and floor[0]["cpu_ms_per_run"] > 0
    assert all(r["x_floor_cpu"] is not None for r in rows if r["server"] == "app")
    assert "scenario" in done.stdout and "floor (st.write)" in done.stdout


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.53", "::1", "[::1]", "localhost"])
def test_loopback_hosts_are_accepted(host):
    assert require_loopback(host)


@pytest.mark.parametrize("host", ["10.0.0.1", "192.168.1.20", "8.8.8.8", "::ffff:8.8.8.8", "2001:db8::1"])
def test_non_loopback_addresses_are_refused(host):
    with pytest.raises(BoundsError, match="loopback"):
        require_loopback(host)


def test_host_names_other_than_localhost_are_refused_without_a_lookup(monkeypatch):
    def no_dns(*_args, **_kwargs):
        raise AssertionError("a DNS lookup was attempted")

    monkeypatch.setattr("socket.getaddrinfo", no_dns)
    with pytest.raises(BoundsError, match="only a literal loopback address"):
        require_loopback("example.org")


def test_a_session_or_a_scenario_never_targets_another_host():
    with pytest.raises(BoundsError, match="loopback"):
        Session("192.0.2.7", 8501)
    scenario = Scenario("x", "closed", "", "floor", 1, 0)
    with pytest.raises(BoundsError, match="loopback"):
        asyncio.run(run_scenario(scenario, "192.0.2.7", 8501, [""]))


def test_sessions_reruns_and_deadline_are_capped():
    check_bounds(MAX_SESSIONS, MAX_RERUNS, 30, MAX_DEADLINE)
    with pytest.raises(BoundsError, match=f"sessions must be between 1 and {MAX_SESSIONS}"):
        check_bounds(MAX_SESSIONS + 1, 1)
    with pytest.raises(BoundsError, match="reruns per session"):
        check_bounds(1, MAX_RERUNS + 1)
    with pytest.raises(BoundsError, match="deadline"):
        check_bounds(1, 1, deadline=MAX_DEADLINE + 1)
    with pytest.raises(BoundsError, match="timeout"):
        check_bounds(1, 1, run_timeout=0)
    with pytest.raises(BoundsError, match="sessions"):
        Scenario("x", "paced", "", "floor", MAX_SESSIONS + 1, 1).validate()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--sessions", str(MAX_SESSIONS + 1)], "sessions must be between"),
        (["--host", "10.1.2.3"], "loopback"),
        (["--deadline", str(MAX_DEADLINE + 1)], "deadline"),
        (["--scenario", "lesson-sprint-5"], "unknown scenario"),
        (["--server-option", "server.address=0.0.0.0"], "server.address"),
        (["--database-url", "postgresql://u:p@db.example.org/academy"], "--database-url"),
        (["--database-url", "postgresql://u:p@10.0.0.5:5432/academy"], "loopback"),
        (["--repeat", "0"], "--repeat must be"),
    ],
)
def test_the_command_refuses_out_of_bounds_settings_before_starting_anything(argv, message, capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--workdir", str(tmp_path / "never")])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "never").exists()


def test_scenario_names_set_page_mode_and_sessions():
    sc = parse_scenario("lesson-burst-70")
    assert (sc.page, sc.mode, sc.sessions, sc.action) == ("lesson", "burst", 70, "answer")
    assert parse_scenario("roster-paced-5").page == ""
    assert parse_scenario("floor-closed-30").server == "floor"


def test_repeat_runs_the_selection_over_in_order():
    args = build_parser().parse_args(
        ["--scenario", "lesson-closed-30", "--scenario", "floor-paced-3", "--repeat", "2"]
    )
    names = [sc.name for sc in select_scenarios(args)]
    assert names == ["lesson-closed-30#1", "floor-paced-3#1", "lesson-closed-30#2", "floor-paced-3#2"]


def test_apptest_cross_check_prints_every_page(capsys, monkeypatch, tmp_path):
    from bench import apptest
    from progress import db as store

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'unused.sqlite3'}")  # restored afterwards
    try:
        assert apptest.main(["--runs", "2"]) == 0
    finally:
        store.sessions.cache_clear()
    out = capsys.readouterr().out
    rows = {line[:30].strip(): line[30:].split() for line in out.splitlines()[1:5]}
    assert list(rows) == [
        "floor (st.write)",
        "lesson (m1/results-chain)",
        "my progress",
        "trainer roster (70 learners)",
    ]
    assert all(int(r[0]) == 2 and float(r[1]) > 0 for r in rows.values())
    assert float(rows["lesson (m1/results-chain)"][1]) > float(rows["floor (st.write)"][1])


def test_apptest_cross_check_refuses_out_of_bounds_runs(capsys):
    from bench import apptest

    with pytest.raises(SystemExit) as exit_info:
        apptest.main(["--runs", "0"])
    assert exit_info.value.code == 2
    assert "--runs must be in 1..500" in capsys.readouterr().err
