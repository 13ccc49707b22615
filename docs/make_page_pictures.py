"""Make the pictures of the progress page: docs/page-360.png and docs/page-1280.png, the page that
`pathcli export --format html` writes, as headless Chromium shows it 360 and 1280 pixels wide.

    pip install -e '.[test]' && python docs/make_page_pictures.py [--dark]

The history is make_pictures.py's (docs/rl.yaml, five months of evenings, the clock pinned); the browser is
the system's Chromium and chromedriver (.ci/install-chromium), as in tests/test_page_browser.py. --dark
writes page-360-dark.png and page-1280-dark.png beside them, to look at, not to commit.
"""

import base64
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import make_pictures
import time_machine
from typer.testing import CliRunner

DOCS = Path(__file__).resolve().parent
SHOTS = {360: 1500, 1280: 1400}  # width: height of the picture, the top of the page
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def main() -> None:
    dark = "--dark" in sys.argv[1:]
    os.environ["TZ"] = make_pictures.ZONE
    time.tzset()
    with tempfile.TemporaryDirectory() as folder:
        os.environ.update(PATHCLI_DATA_DIR=f"{folder}/data", HOME=folder, BROWSER="true")
        from pathcli.cli import app

        runner = CliRunner()

        def pathcli(*args: str, at=make_pictures.TODAY) -> None:
            with time_machine.travel(at, tick=False):
                result = runner.invoke(app, list(args))
            if result.exit_code != 0:
                sys.exit(f"pathcli {' '.join(args)} failed: {result.stderr}")

        pathcli("path", "add", str(DOCS / "rl.yaml"))
        pathcli("use", "rl")
        make_pictures.learn(pathcli)
        page = Path(folder) / "page.html"
        pathcli("export", "--format", "html", "-o", str(page))
        shoot(page, Path(folder) / "chromium", dark)


def shoot(page: Path, profile: Path, dark: bool) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path="/usr/bin/chromedriver"))
    try:
        for width, height in SHOTS.items():
            metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            scheme = {"name": "prefers-color-scheme", "value": "dark" if dark else "light"}
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [scheme]})
            driver.get(page.as_uri())
            clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
            shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "clip": clip})
            name = f"page-{width}{'-dark' if dark else ''}.png"
            (DOCS / name).write_bytes(base64.b64decode(shot["data"]))
            print(f"wrote docs/{name}")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
