"""Everyone's first five minutes: the README's commands run as written, JupyterLab starts (also as
root), `python -m micromets` works from any folder, and a non-editable install carries everything."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from ..conftest import REPO

VENV_PYTHON = Path(sys.executable)


def readme_cli_commands() -> list[str]:
    """Every command in a ```bash block of the README after the quick start, continuations joined."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    after_quick_start = readme.split("## For trainees", 1)[1]
    commands = []
    for block in re.findall(r"```bash\n(.+?)\n\s*```", after_quick_start, flags=re.S):
        if block.startswith("export PATH="):
            continue  # one shell session (nbgrader's), run whole by tests/workbook/test_readme_nbgrader.py
        text = re.sub(r"\\\n\s*", " ", block)
        for line in text.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line:
                commands.append(line)
    return commands


def test_readme_cli_examples_use_the_quick_start_venv():
    commands = readme_cli_commands()
    assert len(commands) >= 8
    for command in commands:
        assert command.startswith(".venv/bin/"), f"runs only after the quick start as written: {command}"


@pytest.mark.slow
def test_every_readme_cli_example_runs_as_written(tmp_path):
    # A folder like the clone after the quick start, where the README says to run its commands:
    # `.venv` is this test run's environment, and the package, its project file and README are the
    # checkout's (the site build packs the checkout it runs from into the wheel its page installs).
    (tmp_path / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    for name in ("pyproject.toml", "README.md", "micromets"):
        (tmp_path / name).symlink_to(REPO / name)
    for command in readme_cli_commands():
        if " -m http.server " in command:
            _serves_the_site(command, tmp_path)
            continue
        if " exercise grade " in command:
            # Learners' saved answers, as the quiz's Save button writes them.
            from micromets.exercises.cases import load_cases
            from micromets.exercises.quiz import Quiz

            Quiz(load_cases(tmp_path / "week3.yaml"), learner="ana").export(tmp_path / "answers-ana.json")
        result = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{command}\n{result.stderr[-1500:]}"
        assert "Traceback" not in result.stderr, command
    assert (tmp_path / "path.svg").stat().st_size > 1000
    assert {p.name for p in (tmp_path / "week3").iterdir()} >= {"student.ipynb", "solution.ipynb"}


def _serves_the_site(command: str, folder: Path) -> None:
    """Start the README's static server as written, fetch the page it serves, stop it."""
    port = int(re.search(r"http\.server (\d+)", command).group(1))
    server = subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=folder, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert time.monotonic() < deadline, f"{command}: nothing listening on {port}"
                assert server.poll() is None, f"{command}: {server.stderr.read().decode()[-800:]}"
                time.sleep(0.2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            page = response.read().decode("utf-8")
        assert "mm-explorer" in page, "the served folder is not the explorer page"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_python_m_micromets_works_from_the_folder_that_holds_the_clone(tmp_path):
    # A clone folder named micromets (no __init__.py at its top) sits in the working directory:
    # it must not shadow the installed package as an empty namespace.
    (tmp_path / "micromets" / "notebooks").mkdir(parents=True)
    result = subprocess.run(
        [str(VENV_PYTHON), "-m", "micromets", "rulesets"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-1500:]
    assert "trials-2024" in result.stdout


def _editable_install() -> bool:
    """Whether the environment links this checkout (a developer's `pip install -e .`) rather than
    holding a regular install: setuptools' editable wheels carry no data files, so the Jupyter
    settings exist only after the README's regular install."""
    where = subprocess.run(
        [str(VENV_PYTHON), "-c", "import micromets; print(micromets.__file__)"],
        cwd=Path(sys.prefix),  # away from the checkout, so the import finds what is installed
        capture_output=True,
        text=True,
        timeout=60,
    )
    return not Path(where.stdout.strip()).resolve().is_relative_to(Path(sys.prefix).resolve())


@pytest.mark.install
@pytest.mark.slow
def test_installing_micromets_installs_its_jupyter_settings():
    if _editable_install():
        pytest.skip("editable developer install: Jupyter settings come with the README's `pip install`")
    server = json.loads((Path(sys.prefix) / "etc/jupyter/jupyter_server_config.json").read_text())
    assert server["ServerApp"]["allow_root"] is True
    page = json.loads((Path(sys.prefix) / "etc/jupyter/labconfig/page_config.json").read_text())
    assert page["disabledExtensions"]["@jupyterlab/apputils-extension:announcements"] is True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.install
@pytest.mark.slow
def test_jupyter_lab_starts_without_extra_flags_for_this_user(tmp_path):
    # The README's first command, minus the browser: no --allow-root, even when the tests run as root.
    if os.geteuid() == 0 and _editable_install():
        pytest.skip("editable developer install as root: allow_root comes with the README's `pip install`")
    jupyter = VENV_PYTHON.with_name("jupyter")
    log = tmp_path / "lab.log"
    port = _free_port()
    command = [str(jupyter), "lab", "notebooks/00_start_here.ipynb", "--no-browser", f"--port={port}"]
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    with open(log, "w") as out:
        lab = subprocess.Popen(command, cwd=REPO, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.time() + 90
        while time.time() < deadline and lab.poll() is None:
            if "is running at" in log.read_text() or "running at:" in log.read_text():
                break
            time.sleep(0.5)
        text = log.read_text()
        assert lab.poll() is None, f"JupyterLab stopped ({'root' if os.geteuid() == 0 else 'user'}):\n{text[-1500:]}"
        assert "running at" in text, text[-1500:]
    finally:
        lab.terminate()
        lab.wait(timeout=30)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [str(VENV_PYTHON), "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return next(out.glob("micromets-*.whl"))


@pytest.mark.install
@pytest.mark.slow
def test_a_non_editable_install_carries_rulesets_data_and_settings(wheel, tmp_path):
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "micromets/rulesets/trials-2024.yaml",
        "micromets/rulesets/seed-2025.yaml",
        "micromets/data/evidence.yaml",
        "micromets/exercises/case-bank.yaml",
    ):
        assert needed in names, needed
    assert any(n.endswith("etc/jupyter/jupyter_server_config.json") for n in names)
    assert not any(n.startswith(("tests/", "notebooks/", "benchmarks/")) for n in names)
    # Run the CLI from the unpacked wheel alone (what a hub image would hold), from another folder.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run(
        [str(VENV_PYTHON), "-c", "import micromets; print(micromets.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert where.stdout.startswith(str(site)), where.stdout + where.stderr
    flags = "--deposit-mm 1.2 --er pos --pr pos --her2 neg --menopause post --surgery bcs --json"
    result = subprocess.run(
        [str(VENV_PYTHON), "-m", "micromets", "recommend", *flags.split()],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-1500:]
    assert json.loads(result.stdout)["axilla"] == "no_alnd"
