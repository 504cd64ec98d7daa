"""The Spark job gives exactly the engine's results on the same ads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pyspark = pytest.importorskip("pyspark")

from wayhome.domain.jobads import check  # noqa: E402
from wayhome.spark.jobads import score_ads  # noqa: E402

EVAL = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "jobads_eval"




def _ads() -> list[tuple[str, str]]:
    rows = []
    for name in ("positives.jsonl", "legit_overseas.jsonl"):
        for line in (EVAL / name).read_text("utf-8").splitlines():
            ad = json.loads(line)
            rows.append((ad["id"], ad["text"]))
    return rows


def test_spark_scores_equal_the_engine_on_the_same_ads(spark: Any) -> None:
    ads = _ads()
    df = spark.createDataFrame(ads, "ad_id string, text string").repartition(2)
    got = {r["ad_id"]: r for r in score_ads(df, lang="vi").collect()}
    assert len(got) == len(ads)
    for ad_id, text in ads:
        expected = check(text)
        row = got[ad_id]
        assert row["risk"] == expected.risk, ad_id
        assert row["score"] == pytest.approx(expected.score, abs=1e-12), ad_id
        assert [f["id"] for f in row["flags"]] == [f.id for f in expected.flags], ad_id
        assert [list(f["matched"]) for f in row["flags"]] == [
            list(f.matched) for f in expected.flags
        ], ad_id
        assert [f["reason"] for f in row["flags"]] == [f.reason("vi") for f in expected.flags]
        assert row["model_version"] == expected.model_version
        assert row["error"] is None


def test_a_bad_row_gets_an_error_and_does_not_stop_the_batch(spark: Any) -> None:
    rows = [("ok", "Customer service job in Bangkok, free housing, contact on Telegram"),
            ("empty", "   "), ("missing", None), ("huge", "a" * 100_001)]
    out = {r["ad_id"]: r for r in score_ads(
        spark.createDataFrame(rows, "ad_id string, text string")).collect()}
    assert out["ok"]["risk"] in ("low", "medium", "high") and out["ok"]["error"] is None
    assert out["empty"]["risk"] is None and "empty" in out["empty"]["error"]
    assert out["missing"]["risk"] is None and out["missing"]["error"]
    assert out["huge"]["risk"] is None and "100 KB" in out["huge"]["error"]


def test_a_dataframe_without_the_text_column_is_refused(spark: Any) -> None:
    df = spark.createDataFrame([("x",)], "body string")
    with pytest.raises(ValueError, match="no column 'text'"):
        score_ads(df)


def test_the_job_reads_a_csv_of_ads_and_writes_parquet(spark: Any, tmp_path: Path) -> None:
    import csv

    from wayhome.spark.jobads import main

    src = tmp_path / "ads.csv"
    ads = _ads()[:6]
    with src.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["ad_id", "text"])
        writer.writerows(ads)
    out = tmp_path / "scored.parquet"
    assert main([str(src), str(out), "--master", "local[1]"]) == 0
    rows = {r["ad_id"]: r for r in spark.read.parquet(str(out)).collect()}
    assert {a for a, _ in ads} == set(rows)
    for ad_id, text in ads:
        assert rows[ad_id]["risk"] == check(text).risk
