"""Launch links for a copy of the workbook: Binder (JupyterLab and the Voila explorer) and nbgitpuller.

A fork lives under another GitHub account, so links cannot be written once for everybody.
``python -m micromets links`` reads the clone's ``origin`` remote (or ``--repo OWNER/NAME``)
and prints the links that open *that* copy.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import quote

from .ground.errors import InputError

_SLUG = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
_REMOTE = re.compile(r"github\.com[:/]+([^/\s]+/[^/\s]+?)(?:\.git)?/?$")
START = "notebooks/00_start_here.ipynb"
EXPLORER = "notebooks/explorer.ipynb"


def check_slug(slug: str) -> str:
    """Return ``slug`` if it is a GitHub ``owner/name``; otherwise raise InputError naming --repo.

    >>> check_slug("ana/micromets")
    'ana/micromets'
    >>> check_slug("ana/micromets?x=1")
    Traceback (most recent call last):
    micromets.ground.errors.InputError: repo: got 'ana/micromets?x=1'; allowed: a GitHub OWNER/NAME such as ana/micromets
    """
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise InputError("repo", f"got {slug!r}; allowed: a GitHub OWNER/NAME such as ana/micromets")
    return slug


def slug_from_remote(url: str) -> str | None:
    """The ``owner/name`` of a GitHub remote URL (https or ssh), or None for another host.

    >>> slug_from_remote("git@github.com:ana/micromets.git"), slug_from_remote("https://github.com/ana/micromets")
    ('ana/micromets', 'ana/micromets')
    >>> slug_from_remote("/srv/git/micromets") is None
    True
    """
    found = _REMOTE.search(url.strip())
    return found.group(1) if found and _SLUG.match(found.group(1)) else None


def origin_slug(folder: str | Path) -> str | None:
    """The GitHub ``owner/name`` of the clone's ``origin`` remote, if it has one on GitHub."""
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "remote", "get-url", "origin"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return slug_from_remote(result.stdout) if result.returncode == 0 else None


def launch_links(slug: str, branch: str = "main", hub: str | None = None) -> dict[str, str]:
    """The launch links for one GitHub copy of the workbook, by purpose.

    >>> links = launch_links("ana/micromets", hub="https://hub.example.org")
    >>> links["binder_lab"]
    'https://mybinder.org/v2/gh/ana/micromets/main?urlpath=lab/tree/notebooks/00_start_here.ipynb'
    >>> "repo=https%3A%2F%2Fgithub.com%2Fana%2Fmicromets" in links["nbgitpuller"]
    True
    """
    slug = check_slug(slug)
    if not re.fullmatch(r"[A-Za-z0-9._/-]{1,100}", branch):
        raise InputError("branch", f"got {branch!r}; allowed: a git branch name such as main")
    base = f"https://mybinder.org/v2/gh/{slug}/{branch}"
    links = {
        "binder_lab": f"{base}?urlpath=lab/tree/{START}",
        "binder_explorer": f"{base}?urlpath=voila/render/{EXPLORER}",
    }
    if hub is not None:
        if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~/-]*)?", hub):
            raise InputError("hub", f"got {hub!r}; allowed: the hub's address such as https://hub.example.org")
        folder = slug.split("/")[1]
        query = (
            f"repo={quote(f'https://github.com/{slug}', safe='')}&branch={quote(branch, safe='')}"
            f"&urlpath={quote(f'lab/tree/{folder}/{START}', safe='')}"
        )
        links["nbgitpuller"] = f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"
    return links


LABELS = {
    "binder_lab": "Binder, JupyterLab at the start notebook",
    "binder_explorer": "Binder, the explorer as a page (Voila)",
    "nbgitpuller": "Your JupyterHub (nbgitpuller)",
}


def add_links_command(commands) -> None:
    """Register ``links`` on the CLI's sub-command parser."""
    parser = commands.add_parser(
        "links",
        help="print the Binder and JupyterHub links for this copy of the workbook",
        description="Print launch links for this clone's GitHub repository (its origin remote), or for --repo.",
    )
    parser.add_argument("--repo", help="GitHub OWNER/NAME (default: this clone's origin remote)")
    parser.add_argument("--branch", default="main", help="the branch to open (default main)")
    parser.add_argument("--hub", help="your JupyterHub's address, for an nbgitpuller link")
    parser.set_defaults(run=_run)


def _run(args) -> int:
    slug = args.repo or origin_slug(Path(__file__).resolve().parents[1])
    if slug is None:
        raise InputError("repo", "this clone has no GitHub origin remote; allowed: --repo OWNER/NAME")
    for key, url in launch_links(slug, args.branch, args.hub).items():
        print(f"{LABELS[key]}:\n  {url}")
    return 0
