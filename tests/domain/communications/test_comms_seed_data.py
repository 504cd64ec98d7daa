"""The starting data: the four 2025 letters with every numbered question, and the OHCHR
2023 recommendations grouped as in the paper, each with its source.

The question counts were counted in the seed letters (seeds/AL-*.txt): Cambodia 15,
China 9, Thailand 10, ASEAN 4. The stored questions and recommendations are summaries in
our own words, each with a ``source_ref`` to the original. Where the seed documents are
at hand (the shared checkout, or WAYHOME_SEEDS), the numbered questions are re-counted in
the letters, and no stored summary may share a run of 12 or more consecutive words with
its seed document (case, whitespace and punctuation ignored), so the summaries never
drift back into copies."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest

from wayhome.domain.communications import (
    SeedDataError,
    load_letters,
    load_recommendations,
    read_letters,
)

EXPECTED = {
    "AL KHM 1/2025": ("AL-KHM-1-2025-Cambodia.txt", 15, 3),
    "AL CHN 4/2025": ("AL-CHN-4-2025-China.txt", 9, 2),
    "AL THA 3/2025": ("AL-THA-3-2025-Thailand.txt", 10, 2),
    "AL OTH 17/2025": ("AL-OTH-17-2025-ASEAN.txt", 4, 3),
}
SEEDS = Path(os.environ.get("WAYHOME_SEEDS", Path(__file__).resolve().parents[3].parent
                            / "shared" / "seeds"))


def test_the_four_letters_of_10_march_2025_are_there() -> None:
    letters = load_letters()
    assert [str(x.reference) for x in letters] == list(EXPECTED)
    assert {x.sent for x in letters} == {date(2025, 3, 10)}


@pytest.mark.parametrize("ref", list(EXPECTED))
def test_each_letter_has_all_its_numbered_questions_and_its_source(ref: str) -> None:
    letter = next(x for x in load_letters() if str(x.reference) == ref)
    source, questions, mandates = EXPECTED[ref]
    assert len(letter.questions) == questions
    assert [q.number for q in letter.questions] == list(range(1, questions + 1))
    assert letter.source == f"seeds/{source}"
    assert len(letter.mandates) == mandates
    assert all(q.text.endswith((".", "?")) for q in letter.questions)
    assert [q.source_ref for q in letter.questions] == [
        f"seeds/{source}, question {n}" for n in range(1, questions + 1)]


def test_the_asean_letter_went_to_a_non_state_addressee_with_copies() -> None:
    letter = next(x for x in load_letters() if str(x.reference) == "AL OTH 17/2025")
    assert not letter.reference.is_state
    assert "ASEAN" in letter.addressee
    assert "ASEAN Intergovernmental Commission on Human Rights" in letter.copies
    assert "Japan" in letter.copies


def test_the_cambodia_letter_cites_the_earlier_letter_of_2022() -> None:
    letter = next(x for x in load_letters() if str(x.reference) == "AL KHM 1/2025")
    assert [str(r) for r in letter.cites] == ["AL KHM 2/2022"]


def _questions_in(text: str) -> list[tuple[int, str]]:
    start = text.index("following matters:") + len("following matters:")
    block = text[start:text.index("This communication and any response", start)]
    out: list[list[object]] = []
    for line in (line.strip() for line in block.splitlines()):
        if not line:
            continue
        m = re.match(r"^(\d+)\.\s+(.*)$", line)
        if m:
            out.append([int(m.group(1)), m.group(2)])
        else:
            out[-1][1] = f"{out[-1][1]} {line}"
    return [(int(n), re.sub(r"\s+", " ", str(t)).strip()) for n, t in out]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not at hand")
@pytest.mark.parametrize("ref", list(EXPECTED))
def test_there_is_one_question_per_numbered_question_of_the_letter(ref: str) -> None:
    letter = next(x for x in load_letters() if str(x.reference) == ref)
    in_letter = _questions_in((SEEDS / EXPECTED[ref][0]).read_text(encoding="utf-8"))
    assert [n for n, _text in in_letter] == list(range(1, len(in_letter) + 1))
    assert [q.number for q in letter.questions] == [n for n, _text in in_letter]


RUN = 12  # consecutive words a summary may never share with its source


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _runs(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def _copied(summary: str, source_runs: set[tuple[str, ...]]) -> list[str]:
    return [" ".join(run) for run in sorted(_runs(summary) & source_runs)]


def test_the_copy_check_sees_a_copied_run_whatever_the_case_spacing_and_punctuation() -> None:
    source = _runs("Please provide information on the measures taken, to ensure that X happens.")
    assert _copied("PLEASE provide  information on the measures taken to ensure\nthat X happens",
                   source)
    assert not _copied("Please provide information on the measures taken to ensure Y happens",
                       source)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not at hand")
@pytest.mark.parametrize("ref", list(EXPECTED))
def test_no_question_summary_copies_the_letter(ref: str) -> None:
    letter = next(x for x in load_letters() if str(x.reference) == ref)
    source = _runs((SEEDS / EXPECTED[ref][0]).read_text(encoding="utf-8"))
    copied = {f"question {q.number}": _copied(q.text, source) for q in letter.questions}
    copied["allegations"] = _copied(letter.allegations, source)
    assert {where: runs for where, runs in copied.items() if runs} == {}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not at hand")
def test_no_recommendation_summary_copies_the_paper() -> None:
    recs = load_recommendations()
    source = _runs((SEEDS / Path(recs.source).name).read_text(encoding="utf-8"))
    copied = {r.id: _copied(r.text, source) for r in recs.recommendations}
    assert {rec_id: runs for rec_id, runs in copied.items() if runs} == {}


def test_the_recommendations_are_grouped_as_in_the_paper() -> None:
    recs = load_recommendations()
    groups = [(slug, len(items)) for slug, _title, items in recs.groups()]
    assert groups == [("human-rights", 7), ("identification", 4), ("non-punishment", 4),
                      ("protection", 5), ("legal-framework", 6), ("migration", 6),
                      ("cooperation", 10)]
    assert recs.source.endswith("OHCHR-2023-online-scam-operations-briefing-paper.txt")
    assert [r.number for r in recs.recommendations] == list(range(1, 43))


def test_the_firewall_recommendation_is_there_with_its_id() -> None:
    recs = {r.id: r for r in load_recommendations().recommendations}
    assert "firewalls" in recs["protection-3"].text
    assert "immigration enforcement" in recs["protection-3"].text
    assert "testimony" in recs["identification-2"].text
    assert recs["cooperation-7"].addressed_to == "The private sector"
    assert recs["protection-3"].source_ref == (
        "section IV.D, Recommendations on protection and effective remedies, bullet 3")


def test_each_recommendation_locates_its_original_by_section_box_and_bullet() -> None:
    sections = dict(zip(["human-rights", "identification", "non-punishment", "protection",
                         "legal-framework", "migration", "cooperation"], "ABCDEFG"))
    for slug, title, items in load_recommendations().groups():
        assert [r.source_ref for r in items] == [
            f"section IV.{sections[slug]}, {title}, bullet {i}" for i in range(1, len(items) + 1)]


def _letter_file(tmp_path: Path, sent: str = "2025-03-10",
                 questions: tuple[tuple[int, str | None], ...] = ((1, "s, question 1"),)
                 ) -> Path:
    """A one-letter seed file, valid unless the arguments say otherwise: each question is
    (number, source_ref or None to leave the source_ref out)."""
    lines = ["[[letter]]", 'reference = "AL KHM 1/2025"', f"sent = {sent}",
             'addressee = "Government of Cambodia"', 'mandates = ["x"]',
             'hrc_resolutions = "51/15"', 'allegations = "summary"', 'source = "s"']
    for number, ref in questions:
        lines += ["[[letter.question]]", f"number = {number}", 'text = "A question?"']
        if ref is not None:
            lines.append(f'source_ref = "{ref}"')
    path = tmp_path / "letters.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_minimal_letter_file_is_valid(tmp_path: Path) -> None:
    """The base of the refusal tests below: only the changed part makes them fail."""
    assert [str(x.reference) for x in read_letters(_letter_file(tmp_path))] == ["AL KHM 1/2025"]


def test_a_letter_whose_questions_skip_a_number_is_refused(tmp_path: Path) -> None:
    bad = _letter_file(tmp_path, questions=((1, "s, question 1"), (3, "s, question 3")))
    with pytest.raises(SeedDataError, match="numbered 1..2"):
        read_letters(bad)


def test_a_letter_sent_in_another_year_than_its_reference_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SeedDataError, match="sent in 2024"):
        read_letters(_letter_file(tmp_path, sent="2024-03-10"))


def test_a_question_that_does_not_say_where_it_comes_from_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SeedDataError, match=r"question\[0\]\.source_ref"):
        read_letters(_letter_file(tmp_path, questions=((1, None),)))
