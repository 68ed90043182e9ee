"""Time and peak memory of `dangbo import --dry-run` on each hostile file
(dangbo/interchange/tests/hostile.py), each in a process of its own.

    .venv/bin/python bench/bench_hostile.py [CASE ...] [--checkout DIR] [--memory-cap GB]

`--checkout` runs another checkout's `dangbo` (its .venv) on the same files, to compare
with the code before the reader boundary. Every run is under `prlimit --as` (a cap on
the address space, 4 GB by default) so that a file that would take the machine down
fails alone. Needs /usr/bin/time (Debian package `time`) and prlimit (util-linux).
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from dangbo.interchange.tests import hostile

    parser = argparse.ArgumentParser()
    parser.add_argument("cases", nargs="*", default=list(hostile.CASES))
    parser.add_argument("--checkout", type=Path, default=ROOT)
    parser.add_argument("--memory-cap", type=float, default=4.0, help="GB of address space")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dangbo-hostile-"))
    env = dict(os.environ, DEBUG="1", DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3", PYTHONWARNINGS="ignore")
    dangbo = args.checkout / ".venv" / "bin" / "dangbo"
    subprocess.run([str(dangbo), "migrate", "-v0"], env=env, check=True, cwd=args.checkout)
    cap = int(args.memory_cap * 2**30)
    print("| file | size | wall time | peak memory | exit | first error |")
    print("|---|---:|---:|---:|---:|---|")
    for case in args.cases:
        name, data = hostile.CASES[case]()
        path = tmp / name
        path.write_bytes(data)
        command = ["prlimit", f"--as={cap}", "/usr/bin/time", "-f", "%e %M", str(dangbo), "import", str(path),
                   "--dry-run"]
        done = subprocess.run(command, env=env, cwd=args.checkout, capture_output=True, text=True)
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        wall, peak = lines[-1].split()[-2:] if lines and len(lines[-1].split()) >= 2 else ("?", "0")
        answer = next((line for line in done.stdout.splitlines() if line.startswith(("Lỗi:", "Error:"))), "")
        if not answer:
            crashes = (line for line in lines[:-1] if "rror" in line or "memory" in line)
            answer = next(crashes, lines[0] if lines else "")
        print(f"| {case} | {len(data):,} B | {wall} s | {int(peak) // 1024:,} MB | {done.returncode} | "
              f"{answer.strip()[:110]} |")
        path.unlink()


if __name__ == "__main__":
    main()
