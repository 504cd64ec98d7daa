"""Bad input gets a clear error: empty, huge, binary or wrongly encoded ads."""

from __future__ import annotations

import pytest

from wayhome.domain.jobads import MAX_BYTES, AdInputError, check, read_text


def test_utf8_text_is_read() -> None:
    assert read_text("งานแอดมิน".encode()) == "งานแอดมิน"


def test_utf8_with_bom_and_utf16_with_bom_are_read() -> None:
    text = "Tuyển gấp nhân viên"
    assert read_text(b"\xef\xbb\xbf" + text.encode()) == text
    assert read_text(text.encode("utf-16")) == text


@pytest.mark.parametrize("raw", [b"", b"   \n\t  "])
def test_an_empty_ad_is_refused(raw: bytes) -> None:
    with pytest.raises(AdInputError, match="empty"):
        read_text(raw)


def test_an_ad_over_100_kb_is_refused() -> None:
    with pytest.raises(AdInputError, match="100 KB"):
        read_text(b"a" * (MAX_BYTES + 1))


def test_an_ad_of_exactly_100_kb_is_accepted() -> None:
    assert len(read_text(b"a" * MAX_BYTES)) == MAX_BYTES


@pytest.mark.parametrize("raw", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    b"%PDF-1.7\n" + bytes(range(0, 32)) * 20,
])
def test_a_binary_file_is_refused(raw: bytes) -> None:
    with pytest.raises(AdInputError, match="binary"):
        read_text(raw)


def test_wrongly_encoded_text_is_refused() -> None:
    with pytest.raises(AdInputError, match="not valid UTF-8"):
        read_text("Prämie für Mitarbeiter in Zürich".encode("latin-1"))
    with pytest.raises(AdInputError, match="not valid UTF-8"):
        read_text("เงินเดือนสูง".encode("tis-620"))


def test_check_refuses_empty_and_huge_strings() -> None:
    with pytest.raises(AdInputError, match="empty"):
        check("  ")
    with pytest.raises(AdInputError, match="100 KB"):
        check("ก" * 40_000)  # 120 KB in UTF-8


def test_error_messages_are_sentences() -> None:
    with pytest.raises(AdInputError) as info:
        read_text(b"")
    message = str(info.value)
    assert message[0].isupper() and message.endswith(".")


@pytest.mark.parametrize(("raw", "code"), [
    (b"  ", "empty"),
    (b"a" * (MAX_BYTES + 1), "too_long"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ("Prämie".encode("latin-1"), "encoding"),
])
def test_each_error_names_its_kind_by_a_stable_code(raw: bytes, code: str) -> None:
    with pytest.raises(AdInputError) as info:
        read_text(raw)
    assert info.value.code == code
    assert str(info.value) == info.value.message


def test_an_error_survives_pickling_with_its_code_and_values() -> None:
    # A worker process (Spark) sends errors back pickled.
    import pickle

    error = pickle.loads(pickle.dumps(AdInputError("too_long", limit_kb=100)))
    assert (error.code, error.params) == ("too_long", {"limit_kb": 100})
    assert str(error) == "The ad is longer than 100 KB: paste one job advertisement at a time."
