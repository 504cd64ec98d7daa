"""Run the web app: ``demo``, ``serve``, ``demo-code`` and ``manage``."""

from __future__ import annotations

import argparse
import sys
import os
from typing import Any

from ._common import _django, _migrate


def cmd_serve(args: argparse.Namespace) -> int:
    _django()
    _migrate()
    return _serve(args.host, args.port)


def _serve(host: str, port: int) -> int:
    from waitress import serve

    from wayhome.web.wsgi import application

    print(f"Wayhome is serving at http://{host}:{port}/  (Ctrl+C stops it)", flush=True)
    serve(application, host=host, port=port, threads=8, ident="wayhome")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    _django()
    _migrate()
    from wayhome import demo

    created = demo.load()
    print(demo.describe(created, host=args.host, port=args.port), flush=True)
    if args.no_serve:
        return 0
    return _serve(args.host, args.port)


def cmd_demo_code(args: argparse.Namespace) -> int:
    _django()
    from wayhome import demo

    try:
        print(demo.current_code(args.username))
    except LookupError as exc:
        print(f"wayhome demo-code: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wayhome.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["wayhome manage", *args.rest])
    return 0


def register(sub: Any) -> None:
    s = sub.add_parser("demo", help="set up, load the demo dataset and serve the web app")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--no-serve", action="store_true", help="load the demo data and exit")
    s.set_defaults(func=cmd_demo)

    s = sub.add_parser("serve", help="serve the web app")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("demo-code", help="print the current second-factor code of a demo account")
    s.add_argument("username")
    s.set_defaults(func=cmd_demo_code)

    s = sub.add_parser("manage", help="run a Django management command")
    s.add_argument("rest", nargs=argparse.REMAINDER)
    s.set_defaults(func=cmd_manage)
