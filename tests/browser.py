"""Headless Chromium from Debian's packages, driven by Selenium, for tests of pages.

The browser and its driver are Debian's `chromium` and `chromium-driver`
(/usr/bin/chromium, /usr/bin/chromedriver); Selenium is given both paths, so its
Selenium Manager never runs and nothing is downloaded. When either is missing the
tests that need them fail (they are not skipped): `.ci/run` installs them.

Fixtures (session-scoped, load with `pytest_plugins = ["tests.browser"]`):
`browser`, a page with script on, and `browser_without_script`, one with script off.
A `Browser` keeps the console of each page it opens and records every dialog a page
tries to open (alert, confirm, prompt, print) instead of showing it.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

#: Flags that work as root in a container, with no traffic of the browser's own.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
)

#: How long a condition may take to come true (a page load, a search).
WAIT_SECONDS = 10

#: Run in every page before its own script: dialogs are counted, never shown.
_RECORD_DIALOGS = """
window.__dialogs = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = function (...args) { window.__dialogs.push([name, String(args[0])]); };
}
"""


def require_browser() -> None:
    """Fail, with what to install, when Debian's Chromium or its driver is missing."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]
    if missing:
        pytest.fail(
            f"the browser tests need {' and '.join(missing)}: install Debian's packages"
            " with `apt-get install chromium chromium-driver` (.ci/run does this)",
            pytrace=False,
        )


def chromium_options(profile: Path, *, script: bool) -> Options:
    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not script:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    return options


class Browser:
    """One headless Chromium: open a file, read its console, its dialogs, its elements."""

    def __init__(self, driver: webdriver.Chrome, *, script: bool) -> None:
        self.driver = driver
        self.script = script
        self.console: list[dict[str, Any]] = []
        if script:
            driver.execute_cdp_cmd(
                "Page.addScriptToEvaluateOnNewDocument", {"source": _RECORD_DIALOGS}
            )

    def open(self, path: Path) -> None:
        """Load a file and wait until it has loaded; its console starts empty."""
        self.driver.get_log("browser")
        self.console = []
        self.driver.get(path.resolve().as_uri())
        self.wait_for(
            lambda: self.driver.execute_script("return document.readyState") == "complete",
            f"{path} to load",
        )

    def log(self) -> list[dict[str, Any]]:
        """Everything the page wrote to its console since it was opened."""
        self.console.extend(self.driver.get_log("browser"))
        return self.console

    def console_errors(self) -> list[str]:
        return [entry["message"] for entry in self.log() if entry["level"] == "SEVERE"]

    def dialogs(self) -> list[list[str]]:
        """The dialogs the page tried to open, as [kind, message]."""
        if not self.script:
            return []
        return list(self.driver.execute_script("return window.__dialogs || []"))

    def run(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def element(self, css: str) -> WebElement:
        return self.driver.find_element("css selector", css)

    def elements(self, css: str) -> list[WebElement]:
        return self.driver.find_elements("css selector", css)

    def wait_for(
        self, condition: Callable[[], Any], what: str, now: Callable[[], str] | None = None
    ) -> None:
        """Wait until `condition()` is true; after WAIT_SECONDS fail, saying `what` and `now()`."""
        try:
            WebDriverWait(self.driver, WAIT_SECONDS).until(lambda _driver: condition())
        except TimeoutException:
            seen = f"; instead {now()}" if now else ""
            raise AssertionError(f"waited {WAIT_SECONDS} s for {what}{seen}") from None

    def screenshot(self, path: Path) -> Path:
        """The whole page (not only the window) as a PNG file."""
        size = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        shot = self.driver.execute_cdp_cmd(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {
                    "x": 0,
                    "y": 0,
                    "width": size["width"],
                    "height": size["height"],
                    "scale": 1,
                },
            },
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
        return path


def start_browser(profile: Path, *, script: bool) -> Browser:
    require_browser()
    profile.mkdir(parents=True, exist_ok=True)
    driver = webdriver.Chrome(
        options=chromium_options(profile, script=script),
        service=Service(executable_path=str(CHROMEDRIVER)),
    )
    return Browser(driver, script=script)


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Headless Chromium with script on, shared by the session's tests."""
    started = start_browser(tmp_path_factory.mktemp("chromium-profile"), script=True)
    yield started
    started.driver.quit()


@pytest.fixture(scope="session")
def browser_without_script(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Headless Chromium with JavaScript turned off for every page."""
    started = start_browser(tmp_path_factory.mktemp("chromium-profile-noscript"), script=False)
    yield started
    started.driver.quit()
