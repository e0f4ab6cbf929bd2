"""The TUI's hot paths, each against a floor measured in the same run:

1. first screen ready (mounted, waiting for input, headless) vs a minimal one-widget Textual
   app, from starting each process to its first screen ready (not to the process's end):
   target <= 1.3x. skillgap starts the way the `skillgap` command
   does (`cli.main`: argument parsing, the bank through its cache, warm as after any first run,
   the store) and both count as ready once their first screen has processed its mount and gone
   idle (`pilot.pause()`): Textual calls an auto-pilot as soon as the App is running, before a
   default screen's own `on_mount` has run, so exiting right there would time an unfinished
   screen (and, for skillgap, a traceback printed on the way out);
5. key press to the next question painted, over the bundled bank in Full mode: the app's CPU
   time per key (a key press minus the key nothing is bound to pressed just before it, so drift
   and the press machinery cancel pairwise), median and worst; target: the median under one
   frame (16 ms). The last answer opens the review, another screen, so it is reported apart.
   Ratings are answered 2: a claim of 3 or more opens a knowledge check, not the next question;
6. opening History with 10,000 saved reports vs with 10: first rows shown without loading
   every report;
7. peak memory (VmHWM) of the TUI through a whole Full quiz vs the minimal app's.

    .venv/bin/python benchmarks/bench_tui.py [FIGURE ...]   # e.g. 1 5; default: all
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from common import ROOT, paired_medians, report

#: Defined in every script `_python` runs: the process's own peak resident memory, in KiB.
PEAK_KIB = """
def peak_kib():
    # VmHWM, this process's own peak: ru_maxrss is carried over from the parent through
    # fork and exec, so a child of a big benchmark process reads the parent's peak.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

MINIMAL_APP = """
import sys, time
from textual.app import App
from textual.widgets import Static

class Minimal(App[None]):
    def compose(self):
        yield Static("ready")

async def ready(pilot):
    await pilot.pause()
    print("ready at", time.time(), flush=True)
    pilot.app.exit()

Minimal().run(headless=True, auto_pilot=ready)
if len(sys.argv) > 1:
    print(peak_kib())
"""

SKILLGAP_START = """
import importlib.util, sys, time

async def ready(pilot):
    await pilot.pause()
    print("ready at", time.time(), flush=True)
    pilot.app.exit()

class Headless:
    # When cli.main imports skillgap.tui.app, as the command does, its App is made to run
    # headless with the auto-pilot above; nothing is imported ahead of the command.
    def find_spec(self, name, path=None, target=None):
        if name != "skillgap.tui.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            app_run = module.App.run
            module.SkillgapApp.run = lambda app: app_run(app, headless=True, auto_pilot=ready)

        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, Headless())
from skillgap.cli.main import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""

WHOLE_QUIZ = """
import sys
from pathlib import Path
from skillgap.formats.bank import default_bank_dir, load_bank
from skillgap.store import Store
from skillgap.tui.app import SkillgapApp
from skillgap.tui.screens.quiz import QuizScreen
from skillgap.core.quiz import QuizState

bank = load_bank(default_bank_dir())

async def quiz(pilot):
    state = QuizState(bank, "full")
    await pilot.app.push_screen(QuizScreen(state))
    for _ in range(len(bank.questions) * 3):
        if state.finished:
            break
        question = state.current
        await pilot.press("2" if question.kind == "rating" else "1")
        if question.kind == "multi":
            await pilot.press("enter")
        await pilot.pause()
    pilot.app.exit()

with Store.open(Path(sys.argv[1])) as store:
    SkillgapApp(bank, store).run(headless=True, auto_pilot=quiz)
print(peak_kib())
"""


def _python(
    code: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-c", PEAK_KIB + textwrap.dedent(code), *args],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    if "Traceback" in done.stdout + done.stderr:  # a crash on the way is no start-up
        raise RuntimeError(done.stdout + done.stderr)
    return done


def _until_ready(code: str, *args: str, env: dict[str, str] | None = None) -> float:
    """Seconds from starting a Python process to its first screen being ready. Not to its
    end: tearing down an interpreter that has imported Textual takes 70-150 ms here (its
    collector walks every object), which is no part of start-up."""
    start = time.time()  # the process prints the same clock
    done = _python(code, *args, env=env)
    marks = [line for line in done.stdout.splitlines() if line.startswith("ready at ")]
    return float(marks[-1].split()[-1]) - start


def startup(data_dir: Path) -> bool:
    env = {**os.environ, "SKILLGAP_CACHE_DIR": str(data_dir / "cache")}
    env.pop("SKILLGAP_QUESTIONS", None)
    subject, floor, ratio = paired_medians(  # its first run fills the bank cache
        lambda: _until_ready(SKILLGAP_START, str(data_dir), env=env),
        lambda: _until_ready(MINIMAL_APP),
        runs=15,  # start-up times on this machine vary by up to 2x from one run to the next
    )
    return report("1. first screen ready", subject, floor, ratio, 1.3, "a minimal Textual app")


async def _key_costs() -> tuple[list[float], list[float], float]:
    from skillgap.core.quiz import QuizState
    from skillgap.formats.bank import default_bank_dir, load_bank
    from skillgap.store import Store
    from skillgap.tui.app import SkillgapApp
    from skillgap.tui.screens.quiz import QuizScreen

    bank = load_bank(default_bank_dir())
    answer_cpu: list[float] = []
    idle_cpu: list[float] = []
    review_cpu = 0.0
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp)) as store:
        app = SkillgapApp(bank, store)
        async with app.run_test(size=(100, 30)) as pilot:
            state = QuizState(bank, "full")
            await app.push_screen(QuizScreen(state))
            await pilot.pause()
            while not state.finished:
                question = state.current
                assert question is not None
                start = time.process_time()
                await pilot.press("f12")  # bound to nothing: the floor of a press
                idle_cpu.append(time.process_time() - start)
                start = time.process_time()
                await pilot.press("2" if question.kind == "rating" else "1")
                if question.kind == "multi":
                    await pilot.press("enter")
                spent = time.process_time() - start
                if state.finished:  # the last answer opens the review
                    review_cpu = spent - idle_cpu.pop()
                    break
                answer_cpu.append(spent)
                if state.current is question:  # a knowledge check or a confirm step
                    await pilot.press("1")
    return answer_cpu, idle_cpu, review_cpu


def key_press() -> bool:
    answer_cpu, idle_cpu, review_cpu = asyncio.run(_key_costs())
    costs = sorted(max(0.0, a - i) for a, i in zip(answer_cpu, idle_cpu, strict=True))
    floor = statistics.median(idle_cpu)
    median, worst = statistics.median(costs), costs[-1]
    ok = median < 0.016
    print(
        f"5. key press to next question: median {median * 1000:.1f} ms, worst "
        f"{worst * 1000:.1f} ms of app CPU over {len(costs)} keys (press floor "
        f"{floor * 1000:.1f} ms; target median < 16 ms: {'holds' if ok else 'MISSED'}); "
        f"last answer to the review {review_cpu * 1000:.0f} ms"
    )
    return ok


async def _history_open(data_dir: Path) -> float:
    from skillgap.formats.bank import default_bank_dir, load_bank
    from skillgap.store import Store
    from skillgap.tui.app import SkillgapApp

    bank = load_bank(default_bank_dir())
    with Store.open(data_dir) as store:
        app = SkillgapApp(bank, store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            start = time.perf_counter()
            await app.run_action("history")
            await pilot.pause()
            return time.perf_counter() - start


def history(big: Path, small: Path) -> bool:
    many = statistics.median(asyncio.run(_history_open(big)) for _ in range(3))
    few = statistics.median(asyncio.run(_history_open(small)) for _ in range(3))
    return report("6. History with 10,000 reports", many, few, many / few, 2.0, "with 10 reports")


def memory(data_dir: Path) -> bool:
    quiz_kb = int(_python(WHOLE_QUIZ, str(data_dir)).stdout.split()[-1])
    floor_kb = int(_python(MINIMAL_APP, "rss").stdout.split()[-1])
    ratio = quiz_kb / floor_kb
    print(
        f"7. peak memory through a whole Full quiz: {quiz_kb / 1024:.0f} MiB "
        f"({ratio:.2f}x a minimal Textual app's {floor_kb / 1024:.0f} MiB)"
    )
    return True


def _fill(folder: Path, count: int) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_reports import _bank, _fill, _samples

    bank = _bank()
    _fill(folder, _samples(bank, 50), count)


def main(only: set[str]) -> bool:
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if "1" in only:
            ok &= startup(root / "start")
        if "5" in only:
            ok &= key_press()
        if "6" in only:
            _fill(root / "big", 10_000)
            _fill(root / "small", 10)
            ok &= history(root / "big", root / "small")
        if "7" in only:
            ok &= memory(root / "mem")
        print(json.dumps({"ok": ok}))
        return ok


if __name__ == "__main__":
    # Optional: which figures to run, e.g. `bench_tui.py 1 5` (default: all).
    sys.exit(0 if main(set(sys.argv[1:]) or {"1", "5", "6", "7"}) else 1)
