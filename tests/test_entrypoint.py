"""The installed `tracker` console script, run as a user runs it, from another directory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import WITKOFF_CALL


def tracker_exe() -> str:
    found = shutil.which("tracker") or str(Path(sys.executable).parent / "tracker")
    assert Path(found).exists(), "the tracker console script is not installed"
    return found


def run_tracker(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tracker_exe(), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )


def test_add_due_verify_from_another_directory(tmp_path: Path) -> None:
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    said = ("--speaker", "Steve Witkoff", "--said-on", "2025-03-16")
    added = run_tracker("add", WITKOFF_CALL, "--by", "this week", *said, cwd=workdir)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("#1 Steve Witkoff:")
    run_tracker("add", "a deal", "--by", "in the coming weeks", *said, cwd=workdir)
    due = run_tracker("due", "--as-of", "2025-03-24", "--format", "json", cwd=workdir)
    records = json.loads(due.stdout)
    assert [(r["text"], r["deadline_end"], r["days_overdue"]) for r in records] == [
        (WITKOFF_CALL, "2025-03-23", 1)
    ]
    assert run_tracker("verify", "1", "--outcome", "kept", cwd=workdir).returncode == 0
    due = run_tracker("due", "--as-of", "2025-03-24", "--format", "json", cwd=workdir)
    assert json.loads(due.stdout) == []


def test_bad_input_gives_one_line_and_status_2(tmp_path: Path) -> None:
    result = run_tracker("add", "x", "--speaker", "S", "--by", "qwzzy", cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "command", [("--help",), ("due", "--as-of", "2025-01-01"), ("list",), ("show", "1")]
)
def test_fast_commands_do_not_import_heavy_libraries(tmp_path: Path, command: tuple) -> None:
    assert (
        run_tracker(
            "add", "x", "--speaker", "S", "--by", "today", "--said-on", "2025-01-01", cwd=tmp_path
        ).returncode
        == 0
    )
    probe = (
        "import sys\n"
        "from tracker.cli import cli\n"
        f"code = cli.main({list(command)!r}, standalone_mode=False)\n"
        "heavy = sorted(m for m in ('dateparser', 'alembic', 'trafilatura') if m in sys.modules)\n"
        "print('HEAVY', heavy, code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert "HEAVY [] 0" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("command", [("--help",), ("due", "--as-of", "2025-01-01")])
def test_due_on_an_sqlite_file_starts_without_sqlalchemy(tmp_path: Path, command: tuple) -> None:
    """`tracker due` on a plain SQLite file reads it with the standard library."""
    database = tmp_path / "own.db"
    said = ("--speaker", "S", "--by", "this week", "--said-on", "2024-12-01")
    added = run_tracker("--db", str(database), "add", "x", *said, cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    probe = (
        "import sys\n"
        "from tracker.cli import cli\n"
        f"code = cli.main(['--db', {str(database)!r}, *{list(command)!r}], standalone_mode=False)\n"
        "print('SQLALCHEMY', 'sqlalchemy' in sys.modules, code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert "SQLALCHEMY False 0" in result.stdout, result.stdout + result.stderr
    if command[0] == "due":
        assert '"x"' not in result.stdout  # the table, not JSON
        assert " x " in result.stdout


def test_import_into_an_sqlite_file_starts_without_sqlalchemy(tmp_path: Path) -> None:
    """`tracker import` into a plain SQLite file, new or at the schema head, writes it
    with the standard library; its worker processes too (a file of several blocks)."""
    record = {"speaker": "S", "said_on": "2024-12-01", "deadline_phrase": "this week"}
    lines = [json.dumps(record | {"text": f"claim {n}", "tags": ["t"]}) for n in range(12_000)]
    claims = tmp_path / "claims.jsonl"
    claims.write_text("\n".join(lines) + "\n", encoding="utf-8")
    database = tmp_path / "own.db"
    probe = (
        "import sys\n"
        "from tracker.cli import cli\n"
        f"code = cli.main(['--db', {str(database)!r}, 'import', {str(claims)!r}],"
        " standalone_mode=False)\n"
        "print('SQLALCHEMY', 'sqlalchemy' in sys.modules, code)\n"
    )
    for expected in ("12000 claims (0 skipped", "0 claims (12000 skipped"):
        result = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path,
            timeout=120,
        )  # fmt: skip
        assert "SQLALCHEMY False 0" in result.stdout, result.stdout + result.stderr
        assert f"imported {expected}" in result.stderr
    listed = run_tracker("--db", str(database), "due", "--as-of", "2025-01-01", "--format",
                         "json", cwd=tmp_path)  # fmt: skip
    assert len(json.loads(listed.stdout)) == 12_000


@pytest.mark.parametrize(
    ("shell", "says"),
    [
        ("bash", "complete -o nosort -F _tracker_completion tracker"),
        ("zsh", "#compdef tracker"),
        ("fish", "complete --no-files --command tracker"),
    ],
)
def test_completion_scripts_print_as_docs_completion_says(
    tmp_path: Path, shell: str, says: str
) -> None:
    env = {**os.environ, "_TRACKER_COMPLETE": f"{shell}_source"}
    script = subprocess.run([tracker_exe()], env=env, capture_output=True, text=True, timeout=60)
    assert script.returncode == 0 and script.stderr == ""
    assert says in script.stdout
    docs = (Path(__file__).resolve().parent.parent / "docs" / "completion.md").read_text()
    assert f"_TRACKER_COMPLETE={shell}_source tracker" in docs


def test_completion_offers_commands_and_subcommands(tmp_path: Path) -> None:
    def offered(words: str) -> list[str]:
        env = {
            **os.environ,
            "_TRACKER_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - 1),
        }
        done = subprocess.run([tracker_exe()], env=env, capture_output=True, text=True, timeout=60)
        return done.stdout.splitlines()

    assert offered("tracker d") == ["plain,db", "plain,due"]
    assert "plain,backup" in offered("tracker db b")


def test_a_read_only_command_on_a_missing_database_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "new" / "sub" / "x.db"
    for args in (("list",), ("due",), ("speakers",), ("stats",), ("log",), ("export",),
                 ("event", "list"), ("db", "current"), ("show", "1")):  # fmt: skip
        done = run_tracker("--db", str(missing), *args, cwd=tmp_path)
        if args == ("show", "1"):  # an error stays one line
            assert (done.returncode, done.stderr) == (2, "tracker: error: no claim with id 1\n")
            continue
        assert done.returncode == 0, (args, done.stderr)
        assert done.stderr.endswith(f"no database at {missing}; nothing to show\n"), args
    assert list(tmp_path.iterdir()) == []


def test_declining_a_question_is_cancelled_not_an_error(tmp_path: Path) -> None:
    said = ("--speaker", "S", "--by", "this week", "--said-on", "2025-03-16")
    db = ("--db", str(tmp_path / "t.db"))
    assert run_tracker(*db, "add", "a deal", *said, cwd=tmp_path).returncode == 0
    declined = subprocess.run(
        [tracker_exe(), *db, "rm", "1"], input="n\n", capture_output=True, text=True, timeout=60
    )
    assert declined.returncode == 1
    assert declined.stderr.endswith("cancelled\n") and "error" not in declined.stderr
    assert run_tracker(*db, "show", "1", cwd=tmp_path).returncode == 0


def on_a_terminal(args: list[str], answer: str, cwd: Path) -> tuple[int, str]:
    """Run tracker on a pseudo-terminal, answer its question once it asks, and return
    its exit status and all it wrote there."""
    import pty

    main, child = pty.openpty()
    proc = subprocess.Popen(
        [tracker_exe(), *args], stdin=child, stdout=child, stderr=child, cwd=cwd
    )
    os.close(child)
    output, answered = b"", False
    while True:
        try:
            chunk = os.read(main, 1024)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
        if not answered and b"[y/N]" in output:
            os.write(main, answer.encode() + b"\n")
            answered = True
    proc.wait(timeout=60)
    os.close(main)
    assert answered, output
    return proc.returncode, output.decode()


def test_declining_on_a_terminal_is_cancelled(tmp_path: Path) -> None:
    db = ("--db", str(tmp_path / "t.db"))
    said = ("--speaker", "S", "--by", "this week", "--said-on", "2025-03-16")
    assert run_tracker(*db, "add", "a deal", *said, cwd=tmp_path).returncode == 0
    code, shown = on_a_terminal([*db, "rm", "1"], "n", tmp_path)
    assert code == 1
    assert shown.splitlines()[-1] == "cancelled" and "error" not in shown
    assert run_tracker(*db, "show", "1", cwd=tmp_path).returncode == 0
    code, shown = on_a_terminal([*db, "rm", "1"], "y", tmp_path)
    assert code == 0 and run_tracker(*db, "show", "1", cwd=tmp_path).returncode == 2
