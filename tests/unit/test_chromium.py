"""gaptracker.chromium without a browser: which one it finds, the flags of every launch,
and a print run's isolation, with a stand-in program in place of Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gaptracker import chromium
from gaptracker.chromium import (
    CHROMIUM_VARIABLE,
    browser_flags,
    find_chromium,
    headless_flags,
    print_pdf,
    print_to_pdf_argv,
    require_chromium,
)
from gaptracker.domain.errors import UserInputError
from tests.pdf_files import fake_chromium, page_count, recorded_run

PAGE = "<!DOCTYPE html><title>t</title><p>report</p>"


@pytest.fixture
def no_debian_chromium(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(chromium, "DEBIAN_CHROMIUM", tmp_path / "no-such-chromium")


def executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return path


@pytest.mark.usefixtures("no_debian_chromium")
def test_the_names_on_path_are_tried_in_order(tmp_path: Path) -> None:
    folder = tmp_path / "bin"
    assert find_chromium({"PATH": str(folder)}) is None
    chrome = executable(folder / "google-chrome")
    assert find_chromium({"PATH": str(folder)}) == chrome
    browser = executable(folder / "chromium-browser")
    assert find_chromium({"PATH": str(folder)}) == browser


def test_debian_s_chromium_comes_before_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    debian = executable(tmp_path / "usr-bin" / "chromium")
    monkeypatch.setattr(chromium, "DEBIAN_CHROMIUM", debian)
    executable(tmp_path / "bin" / "chromium")
    assert find_chromium({"PATH": str(tmp_path / "bin")}) == debian


def test_the_variable_names_one_by_path_or_name(tmp_path: Path) -> None:
    mine = executable(tmp_path / "my-browser")
    assert find_chromium({CHROMIUM_VARIABLE: str(mine), "PATH": ""}) == mine
    assert find_chromium({CHROMIUM_VARIABLE: "my-browser", "PATH": str(tmp_path)}) == mine


def test_a_variable_that_names_nothing_is_an_error_not_a_fallback(tmp_path: Path) -> None:
    not_runnable = tmp_path / "plain-file"
    not_runnable.write_text("")
    for named in ("no-such-browser", str(not_runnable)):
        with pytest.raises(UserInputError, match=f"^{CHROMIUM_VARIABLE}=") as caught:
            find_chromium({CHROMIUM_VARIABLE: named, "PATH": str(tmp_path)})
        assert "\n" not in str(caught.value)


@pytest.mark.usefixtures("no_debian_chromium")
def test_none_found_says_how_to_install_one_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(UserInputError) as caught:
        require_chromium({"PATH": str(tmp_path)})
    message = str(caught.value)
    assert "apt install chromium" in message and "\n" not in message


def test_every_launch_is_isolated_and_a_print_has_its_own_profile(tmp_path: Path) -> None:
    flags = browser_flags()
    for flag in ("--disable-background-networking", "--disable-component-update", "--no-first-run"):
        assert flag in flags
    assert ("--no-sandbox" in flags) == (os.geteuid() == 0)  # root needs it; nobody else
    argv = print_to_pdf_argv(Path("/x/chromium"), tmp_path / "r.html", tmp_path / "o.pdf", tmp_path)
    assert argv[0] == "/x/chromium" and argv[-1] == (tmp_path / "r.html").as_uri()
    assert argv[1:-2] == headless_flags(tmp_path)
    for flag in ("--headless", "--no-pdf-header-footer", f"--user-data-dir={tmp_path}"):
        assert flag in argv
    assert f"--print-to-pdf={tmp_path / 'o.pdf'}" in argv
    assert any(a.startswith("--host-resolver-rules=MAP * ~NOTFOUND") for a in argv)


def test_a_print_gets_a_minimal_environment_and_a_fresh_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program, log = fake_chromium(tmp_path / "fake")
    monkeypatch.setenv("GAPTRACKER_SECRET_TEST_VALUE", "must not leak")
    data = print_pdf(PAGE, program)
    assert data.startswith(b"%PDF-") and page_count(data) == 1
    run = recorded_run(log)
    env = run["env"]
    assert isinstance(env, dict) and isinstance(run["argv"], list)
    assert "GAPTRACKER_SECRET_TEST_VALUE" not in env
    assert env["HOME"] != os.environ.get("HOME")
    profile = next(a.split("=", 1)[1] for a in run["argv"] if a.startswith("--user-data-dir="))
    page = run["argv"][-1]
    assert page.startswith("file://") and page.endswith("/report.html")
    assert Path(profile).parent == Path(env["HOME"])  # all inside one temporary folder
    assert not Path(env["HOME"]).exists()  # removed afterwards, profile and page alike


def test_a_failing_chromium_is_one_line_with_its_last_message(tmp_path: Path) -> None:
    program, _ = fake_chromium(tmp_path / "fake", fail=True)
    with pytest.raises(UserInputError) as caught:
        print_pdf(PAGE, program)
    message = str(caught.value)
    assert "\n" not in message
    assert "exit status 3" in message and "the GPU process crashed" in message


def test_a_program_that_cannot_start_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match=r"^cannot run "):
        print_pdf(PAGE, tmp_path / "missing-browser")
