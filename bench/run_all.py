"""Run every benchmark in turn, then list every target ratio they printed.

    .venv/bin/python bench/run_all.py [--quick] [--only tui_startup,cli_startup]

Each benchmark runs in its own process with this Python and prints its figures as it goes;
the summary at the end repeats each `RATIO ...` line (met or MISSED) in one place. The
exit status is 0 even when a target is missed: these are measurements, not tests.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

import benchutil as bu

BENCHMARKS = {
    "tui_startup": [],
    "tui_keypress": [],
    "cli_startup": [],
    "export_scaling": [],
    "serve_startup": [],
    "group_scale": [],
}
QUICK = {
    "tui_startup": ["--runs", "4"],
    "tui_keypress": ["--runs", "2", "--presses", "3"],
    "cli_startup": ["--runs", "5"],
    "export_scaling": ["--runs", "3"],
    "serve_startup": ["--runs", "3"],
    "group_scale": ["--runs", "2", "--sizes", "31,50"],
}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="fewer runs: a smoke test, noisy figures")
    p.add_argument("--only", help="comma-separated subset of: " + ", ".join(BENCHMARKS))
    o = p.parse_args(argv)
    names = o.only.split(",") if o.only else list(BENCHMARKS)
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        p.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")

    ratios: list[tuple[str, str]] = []
    failed = []
    for name in names:
        args = QUICK[name] if o.quick else BENCHMARKS[name]
        print(f"\n##### {name} {' '.join(args)}", flush=True)
        start = time.monotonic()
        proc = subprocess.Popen(
            [bu.PY, str(bu.BENCH / f"{name}.py"), *args],
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            if line.startswith("RATIO "):
                ratios.append((name, line.rstrip()))
        if proc.wait() != 0:
            failed.append(name)
        print(f"##### {name}: {time.monotonic() - start:.0f} s", flush=True)

    print("\n===== summary =====")
    for name, line in ratios:
        print(f"{name:>15s}  {line}")
    missed = sum(1 for _, line in ratios if line.endswith("MISSED"))
    print(
        f"{len(ratios) - missed} met, {missed} missed"
        + (f"; FAILED: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
