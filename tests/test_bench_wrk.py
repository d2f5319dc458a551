"""bench/web_latency.py reads wrk's report: the figures `make bench` prints come from it.

wrk's output is quoted as wrk 4.1.0 prints it (not run here: the benchmark itself runs wrk).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
import web_latency  # noqa: E402

# The thread stats' "+/- Stdev" column ends in 68.50% and 72.99%: a search for "50%" or
# "99%" anywhere found those first and read the next word, "Req/Sec" (make bench stopped).
REPORT = """Running 10s test @ http://127.0.0.1:40000/today
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    61.02ms   40.12ms 292.30ms   68.50%
    Req/Sec    30.11      8.02    50.00     72.99%
  Latency Distribution
     50%  {p50}
     75%   80.00ms
     90%  110.00ms
     99%  {p99}
  300 requests in 10.01s, 1.00MB read
Requests/sec:     29.97
Transfer/sec:    102.00KB
"""


@pytest.mark.parametrize("p50, p99, expected", [
    ("59.00ms", "292.30ms", (59.0, 292.3)),
    ("850.00us", "1.20s", (0.85, 1200.0)),
    ("2.00m", "1.00h", (120_000.0, 3_600_000.0)),
])
def test_the_latencies_are_read_from_the_distribution_whatever_their_unit(p50, p99, expected):
    out = REPORT.format(p50=p50, p99=p99)
    read = web_latency._ms(web_latency._after("50%", out)), \
        web_latency._ms(web_latency._after("99%", out))
    assert read == pytest.approx(expected)
    assert float(web_latency._after("Requests/sec:", out)) == 29.97


def test_a_report_without_the_figure_stops_with_the_whole_report():
    with pytest.raises(SystemExit, match="wrk printed no '99%'"):
        web_latency._after("99%", "Running 10s test\n  0 requests in 10.00s\n")
