"""The store of finished sections: an entry exists once its commit record is written, and only as recorded."""

import hashlib
import uuid

import pytest

from pipeline.code_version import CodeVersionMismatch, check_code_version, code_version
from pipeline.manifest import SectionEntry
from pipeline.store import COMMIT, SectionStore, StoredSection, StoreError

KEY = hashlib.sha256(b"a section").hexdigest()


def section(video: bytes = b"mp4 bytes") -> StoredSection:
    entry = SectionEntry(number=3, slug="plateaus", stem="03_plateaus", file="03_plateaus.mp4",
                         poster="03_plateaus.png", preview="03_plateaus.webp",
                         captions={"vi": "03_plateaus.vi.vtt"}, explore={}, function="(sigmoid(2x) - 0.9)^2",
                         domain=(-7.0, 4.0), content_key=KEY, rendered_at="2026-12-01T00:00:00Z")
    files = (("03_plateaus.mp4", video), ("03_plateaus.png", b"png"), ("03_plateaus.webp", b"webp"),
             ("03_plateaus.vi.vtt", "WEBVTT\n\nTiếng Việt".encode()))
    return StoredSection(entry, files)


@pytest.fixture(params=["file", "memory"])
def store(request, tmp_path):
    url = f"file://{tmp_path}/store" if request.param == "file" else f"memory://store-{uuid.uuid4().hex}"
    return SectionStore(url).prepare()


def test_a_put_section_comes_back_byte_for_byte_with_its_entry(store):
    assert not store.has(KEY) and store.get(KEY) is None
    store.put(KEY, section())
    got = store.get(KEY)
    assert store.has(KEY)
    assert got.files == section().files
    assert got.entry.to_json() == section().entry.to_json()
    assert list(got.entry.to_json()) == list(section().entry.to_json())  # key order kept: same manifest bytes


def test_an_entry_without_its_commit_record_does_not_exist(store):
    store.put(KEY, section())
    store.fs.rm_file(store._path(KEY, COMMIT))  # the client killed before the record was written
    assert not store.has(KEY) and store.get(KEY) is None
    store.put(KEY, section(b"again"))  # the next put writes it whole
    assert dict(store.get(KEY).files)["03_plateaus.mp4"] == b"again"


def test_a_file_that_does_not_match_its_record_makes_the_entry_missing(store):
    store.put(KEY, section())
    store.fs.pipe_file(store._path(KEY, "files", "03_plateaus.mp4"), b"truncated")
    assert store.get(KEY) is None


def test_a_forced_put_replaces_the_entry(store):
    store.put(KEY, section(b"one"))
    store.put(KEY, section(b"two"))
    assert dict(store.get(KEY).files)["03_plateaus.mp4"] == b"two"


def test_a_store_that_cannot_be_written_is_one_line(tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(StoreError, match="cannot write into it"):
        SectionStore(str(tmp_path / "afile")).prepare()
    with pytest.raises(StoreError, match="--store nosuch://x"):
        SectionStore("nosuch://x")


def test_a_worker_with_another_code_version_refuses_the_job_clearly():
    check_code_version(code_version())  # its own: nothing to say
    with pytest.raises(CodeVersionMismatch, match=r"runs code version [0-9a-f]{12}, the batch was planned with "
                       r"000000000000: install the client's commit"):
        check_code_version("0" * 64)
