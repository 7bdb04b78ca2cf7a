"""The HTML report page: self-contained, escaped, and its row → highlight behaviour checked in headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import lawgov_ie
from lawgov_ie.cli import main as cli_main
from lawgov_ie.export.html import HIGHLIGHT_CLASS, entity_dom_id, render_command, render_html
from lawgov_ie.extraction import Extraction

TEXT = ("2023年，区司法局办结行政复议案件120件，办结率达98.5%。\n"
        "依据《行政复议法》，共审查规范性文件15件。<script>alert('x')</script>&amp;")
GOLD = [("2023年", "DATE"), ("区司法局", "ORG"), ("办结行政复议案件", "METRIC"), ("120件", "COUNT"),
        ("办结率", "METRIC"), ("98.5%", "PERCENT"), ("《行政复议法》", "LAW"),
        ("审查规范性文件", "METRIC"), ("15件", "COUNT")]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1400,900")


@pytest.fixture(scope="module")
def tiny_nlp(tiny_pipeline_dir):
    return lawgov_ie.load(tiny_pipeline_dir)


@pytest.fixture(scope="module")
def extraction(tiny_nlp) -> Extraction:
    """The tiny pipeline run on TEXT, its random entities replaced by known ones, relations re-linked."""
    doc = tiny_nlp(TEXT)
    spans = []
    for surface, label in GOLD:
        start = TEXT.index(surface)
        spans.append(doc.char_span(start, start + len(surface), label=label))
    assert all(spans), "the tiny pipeline segments characters: every span must align"
    doc.ents = spans
    for name in ("lawgov_relations", "lawgov_quantities"):
        doc = tiny_nlp.get_pipe(name)(doc)
    return Extraction(doc, "demo<&>")


@pytest.fixture(scope="module")
def page(extraction, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(extraction), encoding="utf-8")
    return path


def test_page_is_self_contained_and_escaped(extraction):
    html = render_html(extraction)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html and "@import" not in html
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "&amp;amp;" in html  # the literal "&amp;" of the text is escaped, not interpreted
    assert "demo&lt;&amp;&gt;" in html and "demo<&>" not in html
    assert html.count('class="entity lg-ent"') == len(extraction.entities)
    for entity in extraction.entities:
        assert f'id="{entity_dom_id(entity)}"' in html
    assert html.count('class="lg-quantity"') == len(extraction.quantities()) == 3


def test_page_of_random_tiny_pipeline_renders(tiny_nlp):
    extraction = lawgov_ie.extract(TEXT, "random", nlp=tiny_nlp)
    html = render_html(extraction)
    assert html.count('class="entity lg-ent"') == len(extraction.entities)
    assert "<script>alert" not in html


def test_render_command_writes_page(tiny_pipeline_dir, tmp_path):
    source = tmp_path / "report.txt"
    source.write_text(TEXT, encoding="gb18030")
    out = tmp_path / "report.html"
    args = type("Args", (), {"file": str(source), "output": str(out), "model": str(tiny_pipeline_dir)})()
    assert render_command(args) == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<title>lawgov_ie: report</title>" in html
    assert all(char in html for char in "区司法局办结行政复议案件")  # decoded from GB18030


def test_render_cli_unreadable_file_is_one_line(tiny_pipeline_dir, tmp_path, capsys):
    code = cli_main(["render", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "x.html"),
                     "--model", str(tiny_pipeline_dir)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code != 0
    assert [line for line in err if line.startswith("lawgov-ie: error:")] and "Traceback" not in "\n".join(err)
    assert not (tmp_path / "x.html").exists()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A headless Chromium driven by the system chromedriver (never a downloaded one)."""
    if not CHROMIUM or not os.access(CHROMEDRIVER, os.X_OK):
        pytest.skip("chromium / chromium-driver not installed (apt-get install -y chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed (pip install selenium)")
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def test_page_in_chromium(browser, page, extraction):
    from selenium.webdriver.common.by import By

    browser.get(page.as_uri())
    marks = browser.find_elements(By.CSS_SELECTOR, "mark.lg-ent")
    found = {(m.get_attribute("id"), m.get_attribute("data-label")) for m in marks}
    assert found == {(entity_dom_id(e), e.label) for e in extraction.entities}
    assert len(found) == len(GOLD)
    label_text = {m.get_attribute("id"): m.find_element(By.CSS_SELECTOR, "span.lg-label").text for m in marks}
    assert all(label_text[entity_dom_id(e)] == e.label for e in extraction.entities)
    # untrusted text shows as text, never as markup
    assert "<script>alert('x')</script>&amp;" in browser.find_element(By.ID, "lg-text").text
    assert not browser.find_elements(By.CSS_SELECTOR, "#lg-text script")

    rows = browser.find_elements(By.CSS_SELECTOR, "#lg-quantities tbody tr.lg-quantity")
    assert len(rows) == 3
    by_number = {q.text: q for q in extraction.quantities()}
    for number, measure in (("120件", "办结行政复议案件"), ("98.5%", "办结率"), ("15件", "审查规范性文件")):
        q = by_number[number]
        assert q.measure_text == measure
        row = next(r for r in rows if r.get_attribute("data-number") == entity_dom_id(q.entity))
        row.click()
        marked = browser.find_elements(By.CSS_SELECTOR, f"mark.{HIGHLIGHT_CLASS}")
        highlighted = {m.get_attribute("id") for m in marked}
        assert highlighted == {entity_dom_id(q.entity), entity_dom_id(q.measure)}
        number_mark = browser.find_element(By.ID, entity_dom_id(q.entity))
        assert number_mark.text.startswith(number)
        assert "lg-hl-number" in number_mark.get_attribute("class").split()
        measure_mark = browser.find_element(By.ID, entity_dom_id(q.measure))
        assert measure_mark.text.startswith(measure)
        assert "lg-hl-measure" in measure_mark.get_attribute("class").split()
        assert "lg-selected" in row.get_attribute("class").split()
