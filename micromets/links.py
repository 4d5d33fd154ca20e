"""Launch links for a copy of the workbook: Binder (JupyterLab and the Voila explorer) and nbgitpuller.

A fork lives under another GitHub account, so links cannot be written once for everybody.
``python -m micromets links`` reads the clone's ``origin`` remote (or ``--repo OWNER/NAME``)
and prints the links that open *that* copy. A clone without a GitHub remote still gets what
can be made (the local commands) and one line saying what to pass.

Each kind of link is one ``LinkKind`` in ``LINK_KINDS``: a key, a label and a function of the
``Copy`` that returns the address or None when this copy cannot have one. A new kind of link
(a GitHub Pages address, say) is one more entry there.

Remotes are parsed by splitting, never by a backtracking pattern, so the work grows with the
length of the remote (a 40,000-character remote is refused at once). Only ``github.com`` itself
counts as GitHub: a remote on another host whose path happens to contain ``github.com/OWNER/REPO``
is not a GitHub remote.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from .ground.errors import InputError

# GitHub's rules: an owner is 1-39 letters, digits or hyphens, not starting with a hyphen; a
# repository name is 1-100 letters, digits, '.', '_' or '-', and never '.' or '..'.
_OWNER = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}")
_NAME = re.compile(r"[A-Za-z0-9._-]{1,100}")
MAX_REMOTE = 500  # longer than any GitHub remote (scheme + user + host + 39 + 1 + 100 + ".git")
START = "notebooks/00_start_here.ipynb"
EXPLORER = "notebooks/explorer.ipynb"
SLUG_HELP = "a GitHub OWNER/REPO such as ana/micromets"


def is_slug(slug: object) -> bool:
    """Whether ``slug`` is exactly a GitHub ``OWNER/REPO`` (no path, query, space or new line).

    >>> is_slug("ana/micromets"), is_slug("ana/.."), is_slug("ana/micromets\\n"), is_slug("-ana/x")
    (True, False, False, False)
    """
    if not isinstance(slug, str) or slug.count("/") != 1:
        return False
    owner, name = slug.split("/")
    return bool(_OWNER.fullmatch(owner) and _NAME.fullmatch(name)) and name not in (".", "..")


def check_slug(slug: str) -> str:
    """Return ``slug`` if it is a GitHub ``OWNER/REPO``; otherwise raise InputError naming repo.

    >>> check_slug("ana/micromets")
    'ana/micromets'
    >>> check_slug("ana/micromets?x=1")
    Traceback (most recent call last):
    micromets.ground.errors.InputError: repo: got 'ana/micromets?x=1'; allowed: a GitHub OWNER/REPO such as ana/micromets
    """
    if not is_slug(slug):
        shown = slug if not isinstance(slug, str) or len(slug) <= 80 else slug[:80] + "…"
        raise InputError("repo", f"got {shown!r}; allowed: {SLUG_HELP}")
    return slug


def _github_path(url: str) -> str | None:
    """The path part of a remote whose host is github.com itself, or None.

    Forms git accepts for GitHub: ``https://[user@]github.com/PATH``, ``ssh://git@github.com[:22]/PATH``,
    ``git://github.com/PATH`` and the scp-like ``git@github.com:PATH``.
    """
    if "://" in url:
        try:
            parts = urlsplit(url)
            host, _ = parts.hostname, parts.port  # .port raises on a malformed port
        except ValueError:
            return None
        if parts.scheme not in ("https", "http", "ssh", "git") or host != "github.com":
            return None
        if parts.query or parts.fragment:
            return None
        return parts.path.removeprefix("/")
    user_host, colon, path = url.partition(":")
    if not colon or "/" in user_host:
        return None  # a local path such as /srv/git/micromets or ./x:y
    host = user_host.rpartition("@")[2]
    return path if host.lower() == "github.com" else None


def slug_from_remote(url: str) -> str | None:
    """The ``OWNER/REPO`` of a GitHub remote URL (https or ssh), or None for any other remote.

    >>> slug_from_remote("git@github.com:ana/micromets.git"), slug_from_remote("https://github.com/ana/micromets")
    ('ana/micromets', 'ana/micromets')
    >>> slug_from_remote("/srv/git/micromets") is None
    True
    >>> slug_from_remote("https://evil.example/github.com/ana/micromets") is None
    True
    """
    if not isinstance(url, str) or len(url) > MAX_REMOTE or any(c.isspace() for c in url):
        return None
    path = _github_path(url)
    if path is None:
        return None
    path = path.removesuffix("/").removesuffix(".git")
    return path if is_slug(path) else None


def _git(folder: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=10, errors="replace"
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.removesuffix("\n") if result.returncode == 0 else None


def origin_remote(folder: str | Path) -> str | None:
    """The clone's ``origin`` remote URL as git prints it, or None (no clone, or no origin)."""
    return _git(Path(folder), "remote", "get-url", "origin")


def origin_slug(folder: str | Path) -> str | None:
    """The GitHub ``OWNER/REPO`` of the clone's ``origin`` remote, if it has one on GitHub."""
    remote = origin_remote(folder)
    return slug_from_remote(remote) if remote else None


def check_branch(branch: str) -> str:
    """Return ``branch`` if it can name a git branch in a link; otherwise raise InputError.

    >>> check_branch("main")
    'main'
    """
    if not isinstance(branch, str) or not re.fullmatch(r"[A-Za-z0-9._/-]{1,100}", branch) or ".." in branch:
        raise InputError("branch", f"got {branch!r:.80}; allowed: a git branch name such as main")
    return branch


def check_hub(hub: str) -> str:
    """Return ``hub`` without a trailing slash if it is a JupyterHub address; otherwise raise InputError.

    >>> check_hub("https://hub.example.org/")
    'https://hub.example.org'
    """
    if not isinstance(hub, str) or not re.fullmatch(
        r"https?://[A-Za-z0-9.-]{1,253}(?::\d{1,5})?(?:/[A-Za-z0-9._~/-]{0,200})?", hub
    ):
        raise InputError("hub", f"got {hub!r:.80}; allowed: the hub's address such as https://hub.example.org")
    return hub.rstrip("/")


@dataclass(frozen=True)
class Copy:
    """One copy of the workbook that links open: its GitHub ``slug`` (None when it has none),
    the branch, and the instructor's JupyterHub (None when not given)."""

    slug: str | None
    branch: str = "main"
    hub: str | None = None


def _binder(copy: Copy, urlpath: str) -> str | None:
    if copy.slug is None:
        return None
    return f"https://mybinder.org/v2/gh/{copy.slug}/{copy.branch}?urlpath={urlpath}"


def _nbgitpuller(copy: Copy) -> str | None:
    if copy.slug is None or copy.hub is None:
        return None
    folder = copy.slug.split("/")[1]
    query = (
        f"repo={quote(f'https://github.com/{copy.slug}', safe='')}&branch={quote(copy.branch, safe='')}"
        f"&urlpath={quote(f'lab/tree/{folder}/{START}', safe='')}"
    )
    return f"{copy.hub}/hub/user-redirect/git-pull?{query}"


def pages_address(copy: Copy) -> str | None:
    """Where GitHub Pages serves this copy's static explorer (``python -m micromets site``, built and
    published by the repository's Pages workflow): ``https://OWNER.github.io/REPO/``, or the owner's
    own site for a repository named ``OWNER.github.io``.

    >>> pages_address(Copy("Ana/micromets")), pages_address(Copy("ana/ana.github.io"))
    ('https://ana.github.io/micromets/', 'https://ana.github.io/')
    """
    if copy.slug is None:
        return None
    owner, name = copy.slug.split("/")
    host = f"{owner.lower()}.github.io"  # GitHub serves Pages under the owner's name in lower case
    return f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/"


@dataclass(frozen=True)
class LinkKind:
    """One kind of launch link: ``make(copy)`` returns its address, or None when ``copy`` cannot have one."""

    key: str
    label: str
    make: Callable[[Copy], str | None]


LINK_KINDS: tuple[LinkKind, ...] = (
    LinkKind("binder_lab", "Binder, JupyterLab at the start notebook", lambda c: _binder(c, f"lab/tree/{START}")),
    LinkKind(
        "binder_explorer", "Binder, the explorer as a page (Voila)", lambda c: _binder(c, f"voila/render/{EXPLORER}")
    ),
    LinkKind("nbgitpuller", "Your JupyterHub (nbgitpuller)", _nbgitpuller),
    LinkKind(
        "pages",
        "The explorer with no server, on GitHub Pages (once the Pages workflow has run; see the README)",
        pages_address,
    ),
)
LABELS = {kind.key: kind.label for kind in LINK_KINDS}
# What works on this computer whatever the remote (run in the clone's folder, after the quick start).
LOCAL_COMMANDS = {
    "JupyterLab at the start notebook": f".venv/bin/jupyter lab {START}",
    "The explorer as a page (Voila)": f".venv/bin/voila {EXPLORER}",
}


def links_for(copy: Copy) -> dict[str, str]:
    """Every link ``copy`` can have, by key, in the order of ``LINK_KINDS``.

    >>> list(links_for(Copy("ana/micromets")))
    ['binder_lab', 'binder_explorer', 'pages']
    >>> links_for(Copy(None, hub="https://hub.example.org"))
    {}
    """
    made = {kind.key: kind.make(copy) for kind in LINK_KINDS}
    return {key: url for key, url in made.items() if url is not None}


def launch_links(slug: str, branch: str = "main", hub: str | None = None) -> dict[str, str]:
    """The launch links for one GitHub copy of the workbook, by purpose.

    >>> links = launch_links("ana/micromets", hub="https://hub.example.org")
    >>> links["binder_lab"]
    'https://mybinder.org/v2/gh/ana/micromets/main?urlpath=lab/tree/notebooks/00_start_here.ipynb'
    >>> "repo=https%3A%2F%2Fgithub.com%2Fana%2Fmicromets" in links["nbgitpuller"]
    True
    """
    copy = Copy(check_slug(slug), check_branch(branch), None if hub is None else check_hub(hub))
    return links_for(copy)


def add_links_command(commands) -> None:
    """Register ``links`` on the CLI's sub-command parser."""
    parser = commands.add_parser(
        "links",
        help="print the Binder, JupyterHub and GitHub Pages links for this copy of the workbook",
        description="Print launch links for this clone's GitHub repository (its origin remote), or for --repo.",
    )
    parser.add_argument("--repo", help="GitHub OWNER/REPO (default: this clone's origin remote)")
    parser.add_argument("--branch", default="main", help="the branch to open (default main)")
    parser.add_argument("--hub", help="your JupyterHub's address, for an nbgitpuller link")
    parser.set_defaults(run=_run)


def _clone_folder() -> Path:
    """The clone to read: the working folder if it is inside one, else the one holding the package."""
    here = Path(os.getcwd())
    return here if _git(here, "rev-parse", "--git-dir") is not None else Path(__file__).resolve().parents[1]


def _run(args) -> int:
    branch = check_branch(args.branch)
    hub = None if args.hub is None else check_hub(args.hub)
    if args.repo is not None:
        slug, remote = check_slug(args.repo), None
    else:
        remote = origin_remote(_clone_folder())
        slug = slug_from_remote(remote) if remote else None
    for key, url in links_for(Copy(slug, branch, hub)).items():
        print(f"{LABELS[key]}:\n  {url}")
    if slug is None:
        seen = "no origin remote" if not remote else "an origin remote that is not on github.com"
        print(f"This clone has {seen}: Binder and JupyterHub links need one. Pass --repo you/your-fork.")
        print("On this computer (in the clone's folder):")
        for label, command in LOCAL_COMMANDS.items():
            print(f"{label}:\n  {command}")
    elif hub is None:
        print("For an nbgitpuller link to your JupyterHub, add --hub https://your-hub.")
    return 0
