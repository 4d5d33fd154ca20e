"""`python -m micromets links`: only github.com remotes and exact OWNER/REPO names make links; a clone
without a GitHub remote is told what to pass; a hostile remote is parsed in time proportional to it."""

from __future__ import annotations

import subprocess
import time

import pytest

from micromets.links import Copy, launch_links, links_for, slug_from_remote

from ..conftest import run_cli

GITHUB_REMOTES = {
    "https://github.com/ana/micromets": "ana/micromets",
    "https://github.com/ana/micromets.git": "ana/micromets",
    "https://github.com/ana/micromets/": "ana/micromets",
    "https://ana@github.com/ana/micro-mets_2.0.git": "ana/micro-mets_2.0",
    "git@github.com:ana/micromets.git": "ana/micromets",
    "ssh://git@github.com/ana/micromets.git": "ana/micromets",
    "ssh://git@github.com:22/ana/micromets": "ana/micromets",
    "git://github.com/ana/micromets.git": "ana/micromets",
}

NOT_GITHUB = [
    "/srv/git/micromets",
    "../micromets",
    "file:///srv/git/micromets",
    "https://gitlab.com/ana/micromets.git",
    # the path names github.com, the host does not
    "https://evil.example/github.com/ana/micromets",
    "https://evil.example/x?u=github.com/ana/micromets",
    "git@evil.example:github.com/ana/micromets.git",
    "https://github.com.evil.example/ana/micromets",
    "https://github.com@evil.example/ana/micromets",
    # not exactly OWNER/REPO
    "https://github.com/ana/micromets/tree/main",
    "https://github.com/ana/..",
    "https://github.com/ana/.",
    "https://github.com//micromets",
    "https://github.com/-ana/micromets",
    "https://github.com/ana/micromets\n",
    "https://github.com/ana/micro mets",
    "https://github.com/ana/micromets#main",
    "https://github.com/änä/micromets",
]


@pytest.mark.parametrize("remote", GITHUB_REMOTES)
def test_github_remotes_give_their_owner_and_repo(remote):
    assert slug_from_remote(remote) == GITHUB_REMOTES[remote]


@pytest.mark.parametrize("remote", NOT_GITHUB)
def test_other_hosts_and_malformed_paths_are_not_github(remote):
    assert slug_from_remote(remote) is None


@pytest.mark.parametrize("slug", ["ana/..", "ana/.", "ana/micromets\n", "ana/x/y", "ana", "ana/", "a" * 40 + "/x"])
def test_repo_flag_refuses_anything_but_owner_slash_repo(slug):
    result = run_cli("links", "--repo", slug)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--repo:" in lines[0] and "OWNER/REPO" in lines[0], result.stderr
    assert result.stdout == ""


def clone_with_origin(folder, remote: str | None):
    subprocess.run(["git", "init", "-q", str(folder)], check=True, timeout=30)
    if remote is not None:
        subprocess.run(["git", "-C", str(folder), "remote", "add", "origin", remote], check=True, timeout=30)
    return folder


def test_a_clone_of_a_local_path_is_told_what_to_pass_and_gets_what_can_be_made(tmp_path):
    clone = clone_with_origin(tmp_path / "clone", "/srv/git/micromets")
    result = run_cli("links", "--hub", "https://hub.example.org", cwd=clone)
    assert result.returncode == 0, result.stderr
    assert "--repo you/your-fork" in result.stdout
    assert ".venv/bin/voila notebooks/explorer.ipynb" in result.stdout  # what works without a remote
    assert "mybinder.org" not in result.stdout and "git-pull" not in result.stdout
    assert "Traceback" not in result.stderr


def test_a_clone_with_no_remote_at_all_is_told_what_to_pass(tmp_path):
    clone = clone_with_origin(tmp_path / "clone", None)
    result = run_cli("links", cwd=clone)
    assert result.returncode == 0 and "no origin remote" in result.stdout and "--repo" in result.stdout


def test_a_github_clone_gets_its_own_links(tmp_path):
    clone = clone_with_origin(tmp_path / "clone", "git@github.com:ana/micromets.git")
    result = run_cli("links", "--hub", "https://hub.example.org/", cwd=clone)
    assert result.returncode == 0, result.stderr
    assert (
        "https://mybinder.org/v2/gh/ana/micromets/main?urlpath=voila/render/notebooks/explorer.ipynb" in result.stdout
    )
    assert "https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fana%2Fmicromets" in (
        result.stdout
    )
    assert "--repo" not in result.stdout


def test_a_fork_gets_the_pages_address_of_its_static_explorer(tmp_path):
    clone = clone_with_origin(tmp_path / "clone", "https://github.com/Ana-K/micromets-2026.git")
    result = run_cli("links", cwd=clone)
    assert result.returncode == 0, result.stderr
    assert "GitHub Pages" in result.stdout and "  https://ana-k.github.io/micromets-2026/\n" in result.stdout
    user_site = run_cli("links", "--repo", "ana/ana.github.io")
    assert "  https://ana.github.io/\n" in user_site.stdout


def test_a_lookalike_remote_makes_no_github_link(tmp_path):
    clone = clone_with_origin(tmp_path / "clone", "https://evil.example/github.com/ana/micromets")
    result = run_cli("links", cwd=clone)
    assert result.returncode == 0 and "mybinder.org" not in result.stdout
    assert "not on github.com" in result.stdout


@pytest.mark.parametrize(
    "remote",
    [
        "https://github.com" + ":" * 40_000,  # quadratic for the old pattern: about 10 s
        "github.com:" + "/" * 40_000,
        "https://github.com/" + "a/" * 20_000,
        "git@github.com:" + "a" * 40_000 + "/x.git",
        "x" + "github.com/" * 3_700,
    ],
    ids=["colons", "slashes", "deep-path", "long-owner", "repeated-host"],
)
def test_a_40000_character_remote_is_answered_at_once(tmp_path, remote):
    # The old pattern backtracked for about a minute on such a remote; parsing is now linear.
    started = time.monotonic()
    assert slug_from_remote(remote) is None
    assert time.monotonic() - started < 1.0
    clone = clone_with_origin(tmp_path / "clone", remote)
    result = run_cli("links", cwd=clone)
    assert result.returncode == 0 and "--repo you/your-fork" in result.stdout, result.stderr[-500:]


def test_links_are_made_only_for_what_the_copy_has():
    assert set(links_for(Copy("ana/micromets"))) == {"binder_lab", "binder_explorer", "pages"}
    assert set(launch_links("ana/micromets", hub="https://h.example")) == {
        "binder_lab",
        "binder_explorer",
        "nbgitpuller",
        "pages",
    }
    assert links_for(Copy(None, hub="https://h.example")) == {}
