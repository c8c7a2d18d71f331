"""The benchmark's own parts: reading wrk, output lines, the chart, the bench database."""

import http.server
import os
import shutil
import subprocess
import sys
import threading

import pytest
from django.http import HttpResponse
from PIL import Image

from bench import chart, server, wrk
from bench.run import bench_database, figure, goals, parse_figure

WRK_OUTPUT = """\
Running 5s test @ http://127.0.0.1:50265/static/css/site.3f2a.css
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    55.12ms   10.31ms 120.00ms   80.00%
    Req/Sec   140.12     20.50   200.00     70.00%
  Latency Distribution
     50%  812.00us
     75%   60.10ms
     90%    1.20s
     99%    2.50s
  1400 requests in 5.02s, 3.91MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 3
Requests/sec:    278.90
Transfer/sec:    797.45KB
"""


def test_wrk_report_is_read():
    result = wrk.parse_wrk_output(WRK_OUTPUT)
    assert result.requests == 1400
    assert result.duration_s == pytest.approx(5.02)
    assert result.rps == pytest.approx(278.9)
    assert result.latency_ms == {
        50: pytest.approx(0.812),
        75: pytest.approx(60.1),
        90: pytest.approx(1200),
        99: pytest.approx(2500),
    }
    assert result.errors == {"connect": 0, "read": 2, "write": 0, "timeout": 1}
    assert result.non_2xx_3xx == 3
    assert result.error_count == 6
    assert result.bytes_per_request == round(3.91 * 1024 * 1024 / 1400)


def test_a_clean_wrk_report_has_no_errors():
    clean = "\n".join(
        line for line in WRK_OUTPUT.splitlines() if "errors" not in line and "Non-2xx" not in line
    )
    result = wrk.parse_wrk_output(clean)
    assert result.error_count == 0


def test_wrk_output_without_summary_is_an_error():
    with pytest.raises(wrk.WrkError, match="no summary"):
        wrk.parse_wrk_output("unable to connect to 127.0.0.1:1 Connection refused")


def test_wrk_command_sends_the_proxy_headers():
    if shutil.which("wrk") is None:
        pytest.skip("wrk is not installed")
    command = wrk.wrk_command("http://127.0.0.1:1/nl/", duration=2, connections=4)
    assert "X-Forwarded-Proto: https" in command
    assert "--latency" in command
    assert "--duration=2s" in command


class _Recorder(http.server.BaseHTTPRequestHandler):
    paths: list[str] = []

    def do_GET(self):
        self.paths.append(self.path)
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_uncached_runs_never_repeat_a_url():
    """The Lua script gives every request its own query string, keeping the original one."""
    if shutil.which("wrk") is None:
        pytest.skip("wrk is not installed")
    _Recorder.paths = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/nl/zoeken/?q=eenzaam"
        result = wrk.run_wrk(url, duration=1, threads=2, connections=2, unique_query=True)
    finally:
        httpd.shutdown()
        httpd.server_close()
    paths = list(_Recorder.paths)
    assert result.requests > 0
    assert len(paths) > 2
    assert len(set(paths)) == len(paths)
    assert all(path.startswith("/nl/zoeken/?q=eenzaam&_=") for path in paths)


def test_figure_lines_round_trip():
    line = figure("blog_post_cached", rps=1234.567, p50_ms=1.234, queries=0, x_cache=None)
    assert line == "bench=blog_post_cached rps=1234.6 p50_ms=1.23 queries=0"
    assert parse_figure(line) == (
        "blog_post_cached",
        {"rps": "1234.6", "p50_ms": "1.23", "queries": "0"},
    )


def test_the_bench_never_uses_the_dev_database():
    url, label = bench_database(None)
    assert url.endswith("var/bench/bench.sqlite3")
    assert label.startswith("sqlite:")
    url, label = bench_database("postgres://postgres@127.0.0.1:5432/kennisbank")
    assert url == "postgres://postgres@127.0.0.1:5432/kennisbank_bench"
    url, _label = bench_database("postgres://postgres@127.0.0.1:5432/kb_bench")
    assert url.endswith("/kb_bench")
    url, _label = bench_database("postgres://postgres@127.0.0.1:5432/kb_bench", quick=True)
    assert url.endswith("/kb_bench_quick")
    assert bench_database(None, quick=True)[0].endswith("var/bench/bench-quick.sqlite3")
    with pytest.raises(RuntimeError, match="var/bench"):
        bench_database("sqlite:////tmp/some.sqlite3")


def _results():
    pages = [
        {
            "name": name,
            "cached_rps": cached,
            "uncached_rps": uncached,
            "render_ms": render,
            "goal_ms": goal,
        }
        for name, cached, uncached, render, goal in (
            ("home", 1500.0, 80.0, 12.0, 15),
            ("blog_post", 1700.0, 95.0, 8.5, 10),
            ("search_hits", 900.0, 40.0, 22.0, 15),
        )
    ]
    return {
        "pages": pages,
        "static": {"rps": 2700.0},
        "subtitle": "test run",
        "worker_rss": {"peak_mb": 110.0},
    }


def test_goals_are_summarised():
    results = _results()
    summary = goals(results["pages"], results["static"], results["worker_rss"])
    assert summary["cached_min_share_of_static"] == pytest.approx(900 / 2700, abs=0.001)
    assert summary["cached_pages_meeting_goal"] == 2
    assert summary["render_pages_meeting_goal"] == 2
    assert summary["rss_meets_goal"] is True


def test_chart_is_a_png_of_the_right_size(tmp_path):
    path = chart.draw_chart(_results(), tmp_path / "chart.png")
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (chart.WIDTH, chart.HEIGHT)
        colours = {colour for _count, colour in image.convert("RGB").getcolors(1_000_000)}
    # Both bar colours and the render bars are drawn.
    assert {chart.CACHED, chart.UNCACHED, chart.RENDER} <= colours


def test_peak_rss_and_children_of_a_process():
    assert server.peak_rss_kb(os.getpid()) > 0
    assert server.peak_rss_kb(2**22 + 7) is None
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        assert child.pid in server.child_pids(os.getpid())
    finally:
        child.kill()
        child.wait()


def test_renders_go_round_every_page_in_turn(monkeypatch):
    """A slow spell of the machine is shared by all pages: renders are taken in rounds that
    visit every page once, after each page's warm-up and counted request; the profiler runs
    only while the page asked for renders."""
    from django.test import Client

    from bench import render

    visited = []

    def fake_get(self, path, *args, **kwargs):
        visited.append(path)
        return HttpResponse(f"page {path}")

    class FakeProfile:
        def enable(self):
            visited.append("profile on")

        def disable(self):
            visited.append("profile off")

    monkeypatch.setattr(Client, "get", fake_get)
    monkeypatch.setattr(render, "count_queries", lambda client, path: (client.get(path), 2))
    targets = {"home": "/nl/", "post": "/nl/blog/a/", "clip": "/nl/clips/b/"}
    results = render.measure_all(targets, 4, profiled="post", profile=FakeProfile())

    warm_up = ["/nl/"] * 4 + ["/nl/blog/a/"] * 4 + ["/nl/clips/b/"] * 4
    assert visited[: len(warm_up)] == warm_up
    rounds = [visited[len(warm_up) + 5 * n : len(warm_up) + 5 * (n + 1)] for n in range(4)]
    assert len(visited) == len(warm_up) + 5 * 4
    for requests in rounds:
        pages = [step for step in requests if step.startswith("/")]
        assert sorted(pages) == sorted(targets.values())
        at = requests.index("/nl/blog/a/")
        assert requests[at - 1 : at + 2] == ["profile on", "/nl/blog/a/", "profile off"]
    assert len({tuple(requests) for requests in rounds}) > 1, "every round in the same order"
    assert results["home"]["renders"] == 4
    assert results["post"]["queries"] == 2
    assert results["post"]["bytes"] == len(b"page /nl/blog/a/")


def test_profiling_a_page_that_is_not_benchmarked_is_refused(monkeypatch, capsys):
    from bench import render

    monkeypatch.setattr("django.setup", lambda: None)
    monkeypatch.setattr(render, "bench_targets", lambda: {"home": "/nl/", "blog_post": "/x/"})
    with pytest.raises(SystemExit) as exit_info:
        render.main(["--out", "unused.json", "--profile", "blog_index_p500"])
    assert exit_info.value.code == 2
    assert "--profile must name one of the pages: home, blog_post" in capsys.readouterr().err
