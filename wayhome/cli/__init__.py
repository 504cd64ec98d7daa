"""The ``wayhome`` command line.

    wayhome demo [--port 8000]        set up, load the demo dataset and serve it
    wayhome serve [--host H] [--port P]
    wayhome screen FILE [--text] [--lang th]
    wayhome law check --country THA --measure charge [--offence fraud]
    wayhome law countries [--json]
    wayhome trace link LEFT.csv RIGHT.csv --out MATCHES.csv [--review]
    wayhome cert verify TOKEN_OR_CODE --key ORG.pem [--register REGISTER.txt]
    wayhome audit verify
    wayhome keys rotate
    wayhome demo-code USERNAME        current second-factor code of a demo account
    wayhome manage ARGS...            any Django management command

Each command group is one module in this package with a ``register(subparsers)``
function; adding a group means adding a module and naming it in ``COMMAND_MODULES``.
Commands on the pure engines import no Django.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any

COMMAND_MODULES: tuple[str, ...] = (
    "app",
    "screen",
    "law",
    "trace",
    "cert",
    "admin",
    "comms",
    "stats",
    "ads",
)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wayhome", description="Wayhome command line")
    sub = p.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args: Any = build_parser().parse_args(argv)
    return int(args.func(args))
