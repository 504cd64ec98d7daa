"""Score job ads at scale on Spark with the same engine as ``wayhome ads check``.

    .venv/bin/python -m wayhome.spark.jobads ADS.parquet|ADS.csv|ADS.jsonl OUT.parquet \\
        [--text-col text] [--lang en] [--master local[*]]

``score_ads(df)`` keeps every column of ``df`` and adds ``risk``, ``score``,
``flags`` (array of id, matched words, reason), ``languages``,
``model_version`` and ``error``. A row whose text is missing, empty, over
100 KB or binary is not scored: its ``error`` says why and ``risk`` is null,
so one bad row does not stop a batch of millions.

The work runs in ``mapPartitions``: each Python worker loads the lexicons and
weights once per partition and calls ``wayhome.domain.jobads.check`` for each
row, so results are identical to the command line and the web page. No pandas
or Arrow is needed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

RESULT_FIELDS = ("risk", "score", "flags", "languages", "model_version", "error")


def result_schema(base: StructType) -> StructType:
    """``base`` plus the result columns."""
    from pyspark.sql.types import (
        ArrayType,
        DoubleType,
        StringType,
        StructField,
        StructType,
    )

    flag = StructType([
        StructField("id", StringType(), False),
        StructField("category", StringType(), False),
        StructField("matched", ArrayType(StringType(), False), False),
        StructField("reason", StringType(), False),
    ])
    return StructType(list(base.fields) + [
        StructField("risk", StringType(), True),
        StructField("score", DoubleType(), True),
        StructField("flags", ArrayType(flag, False), True),
        StructField("languages", ArrayType(StringType(), False), True),
        StructField("model_version", StringType(), False),
        StructField("error", StringType(), True),
    ])


def score_rows(rows: Iterable[Any], text_index: int, lang: str) -> Iterator[tuple[Any, ...]]:
    """Score an iterable of rows (tuples); runs inside each Spark worker."""
    from wayhome.domain.jobads import MODEL_VERSION, AdInputError, check

    for row in rows:
        values = tuple(row)
        text = values[text_index]
        if not isinstance(text, str):
            yield values + (None, None, None, None, MODEL_VERSION, "The ad has no text.")
            continue
        try:
            result = check(text)
        except AdInputError as exc:
            yield values + (None, None, None, None, MODEL_VERSION, str(exc))
            continue
        flags = [
            (f.id, f.category, list(f.matched), f.reason(lang)) for f in result.flags
        ]
        yield values + (
            result.risk, float(result.score), flags, list(result.languages),
            result.model_version, None,
        )


def score_ads(df: DataFrame, text_col: str = "text", lang: str = "en") -> DataFrame:
    """``df`` with the result columns added (see module docstring)."""
    if text_col not in df.columns:
        raise ValueError(f"the DataFrame has no column {text_col!r} (columns: {df.columns})")
    clash = [c for c in RESULT_FIELDS if c in df.columns]
    if clash:
        raise ValueError(f"the DataFrame already has result columns: {clash}")
    index = df.columns.index(text_col)
    schema = result_schema(df.schema)
    rdd = df.rdd.mapPartitions(lambda part: score_rows(part, index, lang))
    return df.sparkSession.createDataFrame(rdd, schema)


def read_ads(spark: SparkSession, path: str) -> DataFrame:
    lower = path.lower()
    if lower.endswith(".csv"):
        return spark.read.option("header", True).option("multiLine", True).option(
            "escape", '"').csv(path)
    if lower.endswith((".jsonl", ".json", ".ndjson")):
        return spark.read.json(path)
    return spark.read.parquet(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m wayhome.spark.jobads", description=__doc__)
    ap.add_argument("input")
    ap.add_argument("output", help="Parquet directory to write")
    ap.add_argument("--text-col", default="text")
    ap.add_argument("--lang", default="en")
    ap.add_argument("--master", default="local[*]")
    args = ap.parse_args(argv)
    from pyspark.sql import SparkSession

    existing = SparkSession.getActiveSession()
    spark = SparkSession.builder.master(args.master).appName("wayhome-jobads").getOrCreate()
    try:
        df = read_ads(spark, args.input)
        try:
            out = score_ads(df, args.text_col, args.lang)
        except ValueError as exc:
            print(f"wayhome.spark.jobads: {exc}", file=sys.stderr)
            return 2
        out.write.mode("errorifexists").parquet(args.output)
    finally:
        if existing is None:  # stop only a session this job started
            spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
