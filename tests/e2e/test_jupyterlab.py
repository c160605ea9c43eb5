"""End-to-end: run notebooks/02_actor_mentions.ipynb through the JupyterLab UI in Chromium.

A headless ``jupyter lab`` is started on a free localhost port with a random token, serving a
temporary copy of the notebook (so nothing is ever saved into the repository: the notebooks in
git stay without outputs). Chromium, driven by Playwright, opens the notebook, runs every cell
with the menu *Run → Run All Cells*, and the test checks that the chart and the counts table
appear and that no cell printed an error. The server is shut down in every case.

Needs /usr/bin/chromium and the ``playwright`` package; skipped otherwise.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
NOTEBOOK = "02_actor_mentions.ipynb"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = PROJECT_DIR / "reports" / "e2e" / "jupyterlab.png"

SERVER_START_TIMEOUT = 60  # s, until /api/status answers
PAGE_TIMEOUT_MS = 60_000  # until the notebook panel and the kernel are ready
RUN_TIMEOUT_MS = 90_000  # until every code cell has an execution count

# JupyterLab user settings for the test server: no news or update checks (no network, no
# notification toasts), and every cell attached to the DOM, so that cells scrolled out of view
# can be found and checked.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none",
    },
}

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _jupyter_executable() -> Path:
    """The ``jupyter`` next to the running Python (the project's venv)."""
    return Path(sys.executable).with_name("jupyter")


def _log_tail(log_path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log_path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log)"


def _shutdown_kernels(url: str, token: str) -> None:
    """Best effort: ask the server to shut down its kernels (so none outlives a hung server)."""
    headers = {"Authorization": f"token {token}"}
    try:
        with urllib.request.urlopen(urllib.request.Request(f"{url}/api/kernels", headers=headers),
                                    timeout=5) as resp:
            kernels = json.load(resp)
        for kernel in kernels:
            request = urllib.request.Request(f"{url}/api/kernels/{kernel['id']}",
                                             headers=headers, method="DELETE")
            urllib.request.urlopen(request, timeout=10).close()
    except (urllib.error.URLError, OSError, ValueError, KeyError):
        pass


def _stop_server(proc: subprocess.Popen, url: str, token: str) -> None:
    """Shut the kernels down, terminate the server (SIGTERM); kill it if it hangs."""
    if proc.poll() is not None:
        return
    _shutdown_kernels(url, token)
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
        return
    except subprocess.TimeoutExpired:
        pass
    # The server was started in its own process group: kill that group (the server and
    # anything it left in it), and nothing else.
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=10)


@pytest.fixture
def chromium_playwright():
    """Playwright's sync API, or skip when Playwright or Chromium is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.skip(f"playwright cannot be imported: {exc}")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture
def jupyterlab_server(tmp_path):
    """A headless JupyterLab on a free port serving a copy of the notebook; yields (url, token).

    Layout of the served root: ``notebooks/<the notebook>`` and ``data -> <repo>/data``, so the
    notebook's relative ``../data/articles/...`` path works as in the repository.
    """
    jupyter = _jupyter_executable()
    if not jupyter.exists():
        pytest.skip(f"{jupyter} not found (run the tests with the project's venv)")

    root = tmp_path / "root"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy2(PROJECT_DIR / "notebooks" / NOTEBOOK, root / "notebooks" / NOTEBOOK)
    (root / "data").symlink_to(PROJECT_DIR / "data", target_is_directory=True)

    # Keep every piece of Jupyter state in tmp: no user config, settings or workspaces leak in.
    jupyter_home = tmp_path / "jupyter"
    settings_dir = jupyter_home / "lab-settings"
    for name, settings in LAB_SETTINGS.items():
        path = settings_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings))
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(jupyter_home / "config"),
        JUPYTER_DATA_DIR=str(jupyter_home / "data"),
        JUPYTER_RUNTIME_DIR=str(jupyter_home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
        JUPYTERLAB_WORKSPACES_DIR=str(jupyter_home / "workspaces"),
        IPYTHONDIR=str(jupyter_home / "ipython"),
        JUPYTER_PLATFORM_DIRS="0",
        # The venv first on PATH: the "python3" kernel runs the venv's Python.
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
    )
    env.pop("JUPYTER_PATH", None)
    env.pop("JUPYTER_TOKEN", None)

    port = _free_port()
    token = secrets.token_hex(24)
    log_path = tmp_path / "jupyterlab.log"
    command = [
        str(jupyter), "lab",
        "--no-browser",
        "--ServerApp.open_browser=False",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.allow_remote_access=False",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--KernelSpecManager.ensure_native_kernel=True",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI often run as root
        command.append("--allow-root")
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            command, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited with {proc.returncode}:\n{_log_tail(log_path)}")
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"jupyter lab did not answer within {SERVER_START_TIMEOUT} s:\n"
                            f"{_log_tail(log_path)}")
            time.sleep(0.3)
        yield url, token, log_path
    finally:
        _stop_server(proc, url, token)


def test_run_all_cells_in_jupyterlab(chromium_playwright, jupyterlab_server):
    url, token, log_path = jupyterlab_server
    browser = chromium_playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
    )
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        try:
            _run_and_check(page, url, token, log_path)
        finally:
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            try:
                page.screenshot(path=str(SCREENSHOT))
            except Exception:  # noqa: BLE001 - the screenshot is a diagnostic only
                pass
    finally:
        browser.close()


def _dismiss_dialogs(page) -> None:
    """Accept any modal dialog (kernel selection and the like) that JupyterLab shows."""
    for _ in range(3):
        dialog = page.locator(".jp-Dialog")
        if dialog.count() == 0:
            return
        accept = dialog.locator(".jp-Dialog-button.jp-mod-accept")
        if accept.count():
            accept.first.click()
        else:
            page.keyboard.press("Escape")
        page.wait_for_timeout(300)


def _run_and_check(page, url: str, token: str, log_path: Path) -> None:
    from playwright.sync_api import expect

    page.goto(f"{url}/lab/tree/notebooks/{NOTEBOOK}?token={token}")
    notebook = page.locator(".jp-NotebookPanel .jp-Notebook")
    notebook.wait_for(state="visible")
    code_cells = notebook.locator(".jp-Cell.jp-CodeCell")
    code_cells.first.wait_for(state="visible")
    n_code = len([c for c in json.loads((PROJECT_DIR / "notebooks" / NOTEBOOK).read_text())["cells"]
                  if c["cell_type"] == "code"])
    # Cells are attached one after another while the notebook loads: wait for all of them.
    expect(code_cells).to_have_count(n_code, timeout=PAGE_TIMEOUT_MS)

    _dismiss_dialogs(page)
    # The kernel is up when the notebook's execution indicator says idle.
    page.locator('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status="idle"]') \
        .wait_for(state="attached")

    # Run → Run All Cells, from the main menu bar.
    notebook.locator(".jp-Cell").first.click()
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^\s*Run\s*$")).click()
    page.locator(".lm-Menu .lm-Menu-item").filter(
        has=page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^\s*Run All Cells\s*$"))
    ).click()

    # Done when every code cell shows an execution count ("[12]:"; "[*]:" while running).
    prompts = notebook.locator(".jp-CodeCell .jp-InputArea-prompt")
    deadline = time.monotonic() + RUN_TIMEOUT_MS / 1000
    while True:
        texts = [t.strip() for t in prompts.all_inner_texts()]
        if len(texts) == n_code and all(re.fullmatch(r"\[\d+\]:", t) for t in texts):
            break
        if time.monotonic() > deadline:
            pytest.fail(f"cells did not all run within {RUN_TIMEOUT_MS // 1000} s; prompts: "
                        f"{texts}\n{_log_tail(log_path)}")
        _dismiss_dialogs(page)
        page.wait_for_timeout(250)
    page.locator('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status="idle"]') \
        .wait_for(state="attached")
    counts = sorted(int(t.strip("[]:")) for t in prompts.all_inner_texts())
    assert counts == list(range(1, n_code + 1)), f"unexpected execution counts {counts}"

    # No error output anywhere (exceptions are rendered as stderr output too).
    stderr = notebook.locator(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    errors = [t for t in stderr.all_inner_texts() if "Error" in t or "Traceback" in t]
    assert not errors, "error output in the notebook:\n" + "\n---\n".join(errors)

    # The chart: at least one rendered image with real pixels.
    images = notebook.locator(".jp-OutputArea-output img")
    images.first.wait_for(state="attached")
    widths = [img.evaluate("el => el.complete ? el.naturalWidth : 0")
              for img in images.all()]
    assert any(w > 0 for w in widths), f"no chart was rendered (image widths {widths})"
    images.first.scroll_into_view_if_needed()  # the screenshot then shows the first chart

    # The counts table.
    tables = notebook.locator(".jp-OutputArea-output.jp-RenderedHTMLCommon table")
    assert tables.count() > 0, "no table was rendered"
    table_texts = tables.all_inner_texts()
    assert any("mentions_strict" in t or "Hezbollah" in t for t in table_texts), \
        "no counts table (with mentions_strict / Hezbollah) was rendered"
