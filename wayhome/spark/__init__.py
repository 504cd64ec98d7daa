"""Batch jobs on Apache Spark (optional extra ``spark``): pure engines run inside the workers."""
