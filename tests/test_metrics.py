"""GET /metrics: Prometheus text with requests by route and status, latency, stage times and errors."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import ROOT


def _samples(client: FlaskClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    out: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def _get(samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_requests_latency_stages_and_errors(client: FlaskClient) -> None:
    before = _samples(client)
    ok = client.post("/v1/extract", json={"text": "WASHINGTON (AP) -- The Senate voted on Monday."})
    assert ok.status_code == 200
    assert client.post("/v1/extract", json={}).status_code == 422
    assert client.get("/no/such/path").status_code == 404
    batch = client.post("/v1/extract/batch", json={"articles": [{"text": "The Senate voted."}, {"text": ""}]})
    assert batch.status_code == 200
    after = _samples(client)

    def delta(name: str, **labels: str) -> float:
        return _get(after, name, **labels) - _get(before, name, **labels)

    route = "/v1/extract"
    assert delta("dateline_http_requests_total", route=route, method="POST", status="200") == 1
    assert delta("dateline_http_requests_total", route=route, method="POST", status="422") == 1
    assert delta("dateline_http_requests_total", route="unmatched", method="GET", status="404") == 1
    assert delta("dateline_http_request_duration_seconds_count", route=route, method="POST") == 2
    urn = "urn:dateline:problem:"
    assert delta("dateline_http_errors_total", route=route, status="422", type=f"{urn}validation-error") == 1
    assert delta("dateline_http_errors_total", route="unmatched", status="404", type=f"{urn}not-found") == 1
    # Two articles analysed (one single, one from the batch), one batch item refused.
    for stage in ("dateline", "analysis", "dates", "participants", "events", "total"):
        assert delta("dateline_stage_duration_seconds_count", stage=stage) == 2, stage
    assert delta("dateline_articles_total", outcome="ok") == 2
    assert delta("dateline_articles_total", outcome="invalid") == 1
    # The unknown path did not become a label of its own.
    assert not any(("route", "/no/such/path") in labels for _, labels in after)


def test_metrics_is_not_cached(client: FlaskClient) -> None:
    assert client.get("/metrics").headers["Cache-Control"] == "no-store"


def test_multiprocess_mode_merges_processes(tmp_path: Path) -> None:
    # The value class is chosen when prometheus_client is imported, so this runs in fresh processes.
    script = textwrap.dedent(
        """
        import sys
        from service import metrics
        metrics.observe_request("/v1/extract", "POST", int(sys.argv[1]), 0.01, None)
        metrics.observe_stages({"total": 0.02})
        if sys.argv[1] == "200":
            metrics.mark_dead(12345)
            sys.stdout.write(metrics.render()[0].decode())
        """
    )
    env = dict(os.environ, PROMETHEUS_MULTIPROC_DIR=str(tmp_path))
    for status in ("500", "200"):
        proc = subprocess.run(
            [sys.executable, "-c", script, status], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
    text = proc.stdout
    assert 'dateline_http_requests_total{method="POST",route="/v1/extract",status="500"} 1.0' in text
    assert 'dateline_http_requests_total{method="POST",route="/v1/extract",status="200"} 1.0' in text
    assert 'dateline_stage_duration_seconds_count{stage="total"} 2.0' in text
    assert list(tmp_path.glob("*.db"))


def test_a_lost_sample_never_fails_the_request(monkeypatch: pytest.MonkeyPatch) -> None:
    from service import metrics

    def gone(*_: object, **__: object) -> None:
        raise FileNotFoundError("histogram_1.db")

    monkeypatch.setattr(metrics.STAGE_SECONDS, "labels", gone)
    metrics.observe_stages({"total": 0.1})  # logged, not raised
