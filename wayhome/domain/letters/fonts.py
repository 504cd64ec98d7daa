"""The fonts a letter is printed in: Noto Sans families shipped as PyPI packages.

- ``latin``: Noto Sans (package ``fontpkg-noto-sans``), for English, Vietnamese, Malay
  and Indonesian, and for Latin text inside the other letters;
- ``thai``, ``lao``, ``khmer``, ``myanmar``: Noto Sans Thai, Lao, Khmer and Myanmar
  (package ``justmytype-intl-sea``).

Nothing is downloaded at run time: the font files are located inside the installed
packages with :mod:`importlib.resources`.

The packages ship *variable* fonts (axes ``wght`` and ``wdth``). fpdf2 can take a
variable font as it is (it embeds the default outlines, with the variation tables) or
instantiate one in memory with ``add_font(variations=...)``, but the latter costs about
5 s for Noto Sans on every document, and HarfBuzz then still shapes from the variable
file at its default location. So each font is turned once into a static instance per
weight (``wght`` 400 and 700, ``wdth`` 100) with :mod:`fontTools.varLib.instancer` and
cached on disk; HarfBuzz and the PDF then use the same static file. Before instancing,
each font is cut down and its hinting dropped (PDF viewers do not use TrueType hinting):
Noto Sans to the Latin, Vietnamese and punctuation ranges, which halves the first-use
cost (about 3 s for both weights; the script fonts take 0.2 to 0.8 s each); the script
fonts lose their Latin letters (see LATIN_LETTERS). Later uses read the cached file.

The cache lives in ``$WAYHOME_FONT_CACHE`` if set, else ``$XDG_CACHE_HOME/wayhome/fonts``
(``~/.cache/wayhome/fonts``), else a private directory in the system temp directory.
File names carry a digest of the source font, the weight and the instancing recipe, so
a new font package or a new recipe makes new files.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import stat
import tempfile
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .model import LetterRenderError

#: The font families, in the order they are tried as fallbacks.
FONT_NAMES: tuple[str, ...] = ("latin", "thai", "lao", "khmer", "myanmar")

#: fpdf2 style -> wght value of the static instance.
WEIGHTS: Mapping[str, int] = MappingProxyType({"": 400, "B": 700})

CACHE_ENV = "WAYHOME_FONT_CACHE"

#: Bump to invalidate every cached instance (a change of the recipe below).
_RECIPE = "3"

#: What Noto Sans keeps: Latin (with Vietnamese), combining marks, punctuation, currency,
#: letterlike symbols, arrows, mathematical operators, geometric shapes (bullets).
LATIN_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),
    (0x00A0, 0x024F),
    (0x02B0, 0x036F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x20CF),
    (0x2100, 0x22FF),
    (0x25A0, 0x25FF),
    (0xFFFD, 0xFFFD),
)


#: Latin letters. The Thai, Lao, Khmer and Myanmar fonts also draw them, but a letter's
#: Latin words (names, citations) are set in Noto Sans instead: fpdf2 shapes each run of
#: one font as a whole, and HarfBuzz guesses the run's script from its first letter, so a
#: line starting "NGO Mae Sot" followed by Khmer would be shaped as Latin and the Khmer
#: vowels left unordered. With the Latin letters gone from the script fonts, every run
#: holds one script (digits, spaces and punctuation, which have none, stay in both).
LATIN_LETTERS: tuple[tuple[int, int], ...] = (
    (0x0041, 0x005A),
    (0x0061, 0x007A),
    (0x00AA, 0x00AA),
    (0x00BA, 0x00BA),
    (0x00C0, 0x00D6),
    (0x00D8, 0x00F6),
    (0x00F8, 0x024F),
    (0x1E00, 0x1EFF),
)


def _within(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= code <= hi for lo, hi in ranges)


@dataclass(frozen=True, slots=True)
class FontSource:
    """Where a packaged font file lives, and which of its code points to keep.

    `keep`: only these ranges (None: all); `drop`: never these ranges.
    """

    package: str
    path: str
    keep: tuple[tuple[int, int], ...] | None = None
    drop: tuple[tuple[int, int], ...] = ()

    @property
    def cut(self) -> bool:
        return self.keep is not None or bool(self.drop)

    def wanted(self, cmap: Iterable[int]) -> frozenset[int]:
        """The code points of `cmap` this font is used for."""
        return frozenset(
            c for c in cmap
            if (self.keep is None or _within(c, self.keep)) and not _within(c, self.drop)
        )


_SEA = "fonts/ofl"
_SEA_FONTS = {
    "thai": "notosansthai/NotoSansThai[wdth,wght].ttf",
    "lao": "notosanslao/NotoSansLao[wdth,wght].ttf",
    "khmer": "notosanskhmer/NotoSansKhmer[wdth,wght].ttf",
    "myanmar": "notosansmyanmar/NotoSansMyanmar[wdth,wght].ttf",
}
FONTS: Mapping[str, FontSource] = MappingProxyType(
    {
        "latin": FontSource("fontpkg_noto_sans", "files/NotoSans[wdth,wght].ttf", LATIN_RANGES),
        **{
            name: FontSource("justmytype_intl_sea", f"{_SEA}/{path}", drop=LATIN_LETTERS)
            for name, path in _SEA_FONTS.items()
        },
    }
)
assert tuple(FONTS) == FONT_NAMES

_lock = threading.Lock()


def _source(name: str) -> FontSource:
    try:
        return FONTS[name]
    except KeyError:
        raise LetterRenderError(
            f"font: unknown font {name!r}; expected one of " + ", ".join(FONT_NAMES)
        ) from None


def _read_source(name: str) -> bytes:
    src = _source(name)
    try:
        return resources.files(src.package).joinpath(src.path).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise LetterRenderError(
            f"font: {name}: the font file {src.path} of the package {src.package} is not "
            f"installed ({exc}); install the project's dependencies"
        ) from None


def _private_dir(path: Path) -> bool:
    """Create `path` (mode 0700) and check it is ours and writable only by us."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.stat()
    except OSError:
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return os.access(path, os.W_OK)


def cache_dir() -> Path:
    """The directory for static font instances (see the module doc)."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        path = Path(configured)
        if not _private_dir(path):
            raise LetterRenderError(
                f"font cache: {CACHE_ENV}={configured} is not a writable directory owned by "
                "this user (and not writable by others)"
            )
        return path
    xdg = os.environ.get("XDG_CACHE_HOME")
    home = Path(xdg) if xdg else Path.home() / ".cache"
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    for path in (home / "wayhome" / "fonts", Path(tempfile.gettempdir()) / f"wayhome-fonts-{uid}"):
        if _private_dir(path):
            return path
    raise LetterRenderError(
        f"font cache: no writable directory for font instances; set {CACHE_ENV}"
    )


def _fonttools_version() -> str:
    import fontTools  # type: ignore[import-untyped]

    return str(fontTools.version)


def _cache_name(name: str, weight: int, data: bytes) -> str:
    src = _source(name)
    digest = hashlib.sha256()
    recipe = (weight, src.keep, src.drop, _RECIPE, _fonttools_version())
    for part in (data, repr(recipe).encode()):
        digest.update(part)
    return f"{name}-{weight}-{digest.hexdigest()[:16]}.ttf"


def instantiate(data: bytes, weight: int, source: FontSource) -> bytes:
    """A static TrueType font at `weight` (wdth 100) from variable font `data`.

    The font is first cut down to the code points `source` wants (layout features and
    names kept, hinting dropped), which also makes instancing faster.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
    from fontTools.varLib import instancer  # type: ignore[import-untyped]

    font = TTFont(io.BytesIO(data))
    if source.cut:
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.hinting = False
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(source.wanted(font.getBestCmap())))
        subsetter.subset(font)
    if "fvar" in font:
        axes = {a.axisTag for a in font["fvar"].axes}
        location = {tag: value for tag, value in (("wght", weight), ("wdth", 100)) if tag in axes}
        instancer.instantiateVariableFont(
            font, location, inplace=True, static=True, updateFontNames="STAT" in font
        )
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@functools.cache
def static_font(name: str, style: str = "") -> Path:
    """The path of the cached static instance of font `name` in `style` ("" or "B").

    Made on first use (see the module doc); safe against concurrent writers (each
    writes a temporary file and renames it into place).
    """
    src = _source(name)
    if style not in WEIGHTS:
        raise LetterRenderError(f"font: unknown style {style!r}; expected '' or 'B'")
    weight = WEIGHTS[style]
    data = _read_source(name)
    target = cache_dir() / _cache_name(name, weight, data)
    with _lock:
        if target.is_file():
            return target
        try:
            static = instantiate(data, weight, src)
        except Exception as exc:  # fontTools raises many kinds
            raise LetterRenderError(f"font: {name}: cannot make a static instance: {exc}") from exc
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(static)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return target


@functools.cache
def coverage(name: str) -> frozenset[int]:
    """The code points font `name` prints (see FONTS: some ranges are cut out)."""
    from fontTools.ttLib import TTFont

    font: Any = TTFont(io.BytesIO(_read_source(name)), lazy=True)
    cmap: dict[int, str] = font.getBestCmap() or {}
    return _source(name).wanted(cmap)
