"""The cross-script benchmark generator is deterministic and covers every script."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks" / "datasets"))

import crossscript as gen  # noqa: E402

from wayhome.domain.names import is_zawgyi, zawgyi_to_unicode  # noqa: E402


def test_same_seed_gives_the_same_lists() -> None:
    a, b = gen.generate(40, seed=3), gen.generate(40, seed=3)
    for script in gen.SCRIPTS:
        assert a[script].left == b[script].left
        assert a[script].right == b[script].right
        assert a[script].truth == b[script].truth


def test_another_seed_gives_other_lists() -> None:
    assert gen.generate_script("thai", 40, 3).right != gen.generate_script("thai", 40, 4).right


def test_true_pairs_point_at_existing_rows_and_overlap_is_seventy_percent() -> None:
    data = gen.generate_script("khmer", 100, 1)
    left_ids = {r["id"] for r in data.left}
    right_ids = {r["id"] for r in data.right}
    assert all(lt in left_ids and rt in right_ids for lt, rt in data.truth)
    assert len(data.truth) == 70


def test_burmese_lists_mix_unicode_and_hand_typed_zawgyi() -> None:
    data = gen.generate_script("burmese", 200, 1)
    names = [r["name"] for r in data.left + data.right]
    assert any(is_zawgyi(n) for n in names)
    assert any("\u1000" <= n[0] <= "\u109f" and not is_zawgyi(n) for n in names)
    for unicode, zawgyi, _ in gen.BURMESE_SYLLABLES:
        assert zawgyi_to_unicode(zawgyi) == unicode


def test_birth_noise_includes_partial_and_missing_dates() -> None:
    data = gen.generate_script("lao", 300, 2)
    births = [r["birth"] for r in data.right]
    assert any(len(b) == 4 for b in births)
    assert any(b == "" for b in births)
    assert any(len(b) == 10 for b in births)
