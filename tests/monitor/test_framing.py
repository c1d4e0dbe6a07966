"""MLLP framing: split and merged frames (hypothesis), resync, junk, oversize, bounded memory."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chairlog.monitor.mllp import CR, EB, SB, Frame, FrameDecoder, Oversize, wrap

# message bodies never contain the start or end block bytes
bodies = st.lists(
    st.binary(min_size=0, max_size=300).map(
        lambda b: b.replace(b"\x0b", b"").replace(b"\x1c", b"")),
    min_size=1, max_size=8,
)


def feed_in_chunks(dec: FrameDecoder, data: bytes, cuts: list[int]) -> list[object]:
    out: list[object] = []
    points = sorted({c % (len(data) + 1) for c in cuts})
    start = 0
    for p in [*points, len(data)]:
        out += dec.feed(data[start:p])
        start = p
    return out


@settings(max_examples=300, deadline=None)
@given(bodies, st.lists(st.integers(min_value=0, max_value=10_000), max_size=30),
       st.binary(max_size=50).map(lambda b: b.replace(b"\x0b", b"")))
def test_any_split_or_merge_gives_every_frame_once_in_order(
    msgs: list[bytes], cuts: list[int], junk: bytes
) -> None:
    stream = junk + b"".join(wrap(m) for m in msgs)
    events = feed_in_chunks(FrameDecoder(), stream, cuts)
    assert events == [Frame(m) for m in msgs]


@settings(max_examples=200, deadline=None)
@given(bodies, st.binary(min_size=1, max_size=200).map(
    lambda b: b.replace(b"\x0b", b"").replace(b"\x1c", b"")))
def test_half_frame_dropped_on_new_start_block(msgs: list[bytes], half: bytes) -> None:
    stream = bytes([SB]) + half + b"".join(wrap(m) for m in msgs)
    assert FrameDecoder().feed(stream) == [Frame(m) for m in msgs]


def test_bytes_before_start_block_are_ignored() -> None:
    dec = FrameDecoder()
    assert dec.feed(b"hello\r\n\x1c\r") == []
    assert dec.feed(b"GET / HTTP/1.0\r\n" + wrap(b"MSH|x")) == [Frame(b"MSH|x")]


def test_end_block_without_cr_is_data() -> None:
    dec = FrameDecoder()
    assert dec.feed(bytes([SB]) + b"A" + bytes([EB]) + b"B" + bytes([EB])) == []
    assert dec.feed(bytes([CR])) == [Frame(b"A\x1cB")]


def test_end_block_split_between_reads() -> None:
    dec = FrameDecoder()
    assert dec.feed(bytes([SB]) + b"MSH" + bytes([EB])) == []
    assert dec.feed(bytes([CR]) + wrap(b"two")) == [Frame(b"MSH"), Frame(b"two")]


def test_oversize_frame_reported_once_and_memory_bounded() -> None:
    dec = FrameDecoder(max_frame=1000)
    events = dec.feed(bytes([SB]) + b"MSH|^~\\&|A|" + b"x" * 600)
    assert events == []
    events = dec.feed(b"y" * 5000)
    assert len(events) == 1 and isinstance(events[0], Oversize)
    assert events[0].head.startswith(b"MSH|^~\\&|A|")
    assert dec.buffered == 0
    for _ in range(100):
        assert dec.feed(b"z" * 10_000) == []
        assert dec.buffered == 0
    # the oversize frame ends; the next one is read normally
    assert dec.feed(bytes([EB, CR]) + wrap(b"ok")) == [Frame(b"ok")]


def test_exactly_the_limit_is_accepted() -> None:
    dec = FrameDecoder(max_frame=100)
    assert dec.feed(wrap(b"a" * 100)) == [Frame(b"a" * 100)]
    assert isinstance(FrameDecoder(max_frame=100).feed(wrap(b"a" * 101))[0], Oversize)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_never_raise_and_stay_bounded(data: bytes) -> None:
    dec = FrameDecoder(max_frame=512)
    for i in range(0, len(data), 97):
        for e in dec.feed(data[i:i + 97]):
            assert isinstance(e, Frame | Oversize)
            if isinstance(e, Frame):
                assert len(e.data) <= 512
        assert dec.buffered <= 512
