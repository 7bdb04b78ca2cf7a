"""A self-contained HTML page of one report: entities highlighted by label (displaCy), and a quantity table.

Clicking a row of the table highlights its number and its measure in the text. The page has no
external assets (inline CSS and JS only); every piece of report text is HTML-escaped.
"""

from __future__ import annotations

import argparse
import sys
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from spacy import displacy

from lawgov_ie.errors import LawgovError
from lawgov_ie.labels import ENTITY_LABELS

if TYPE_CHECKING:
    from lawgov_ie.data.schema import Entity
    from lawgov_ie.extraction import Extraction, Quantity

LABEL_COLORS: dict[str, str] = {
    "COUNT": "#7aecec",
    "PERCENT": "#bfeeb7",
    "MONEY": "#e4e7d2",
    "METRIC": "#feca74",
    "ORG": "#aa9cfc",
    "LAW": "#ff9561",
    "DATE": "#c887fb",
}
"""One background colour per entity label (displaCy ``colors`` option)."""

HIGHLIGHT_CLASS = "lg-hl"
"""Class added to the marks of the number and measure of the clicked table row."""

# displaCy's entity template with our own attributes; ``{attrs}`` comes from each span's ``params``.
_ENT_TEMPLATE = """<mark class="entity lg-ent" {attrs} style="background: {bg}; padding: 0.3em 0.45em; \
margin: 0 0.15em; line-height: 1; border-radius: 0.35em;">{text}<span class="lg-label" style="font-size: 0.65em; \
font-weight: bold; line-height: 1; border-radius: 0.35em; vertical-align: middle; margin-left: 0.3rem">{label}{kb_link}\
</span></mark>"""

_CSS = """
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif;
  margin: 0; color: #222; }
header { padding: 0.8em 1.2em; background: #2d3e50; color: #fff; }
header h1 { font-size: 1.15em; margin: 0 0 0.3em 0; }
header .legend span { display: inline-block; color: #222; padding: 0.1em 0.5em; margin: 0.15em 0.3em 0 0;
  border-radius: 0.3em; font-size: 0.8em; font-weight: bold; }
main { display: flex; gap: 1em; padding: 1em; align-items: flex-start; }
#lg-text { flex: 3 1 0; min-width: 0; max-height: calc(100vh - 7em); overflow-y: auto; font-size: 0.95em;
  border: 1px solid #ddd; border-radius: 0.4em; padding: 0.2em 1em; }
#lg-side { flex: 2 1 0; min-width: 0; max-height: calc(100vh - 7em); overflow-y: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.85em; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 0.3em 0.45em; text-align: left; vertical-align: top; }
th { position: sticky; top: 0; background: #f3f5f7; }
tbody tr { cursor: pointer; }
tbody tr:hover { background: #eef6ff; }
tbody tr.lg-selected { background: #d7eaff; }
td.num { white-space: nowrap; text-align: right; font-variant-numeric: tabular-nums; }
td.none { color: #999; }
mark.lg-hl { outline: 3px solid #e0245e; outline-offset: 1px; }
mark.lg-hl-measure { outline-color: #1f6feb; }
.lg-empty { color: #777; font-style: italic; }
"""

_JS = """
(function () {
  var HL = "lg-hl";
  function clear() {
    document.querySelectorAll("mark." + HL).forEach(function (m) {
      m.classList.remove(HL, "lg-hl-number", "lg-hl-measure");
    });
    document.querySelectorAll("tr.lg-selected").forEach(function (r) { r.classList.remove("lg-selected"); });
  }
  function mark(id, role) {
    if (!id) { return null; }
    var m = document.getElementById(id);
    if (m) { m.classList.add(HL, "lg-hl-" + role); }
    return m;
  }
  document.querySelectorAll("tr.lg-quantity").forEach(function (row) {
    row.addEventListener("click", function () {
      clear();
      row.classList.add("lg-selected");
      var num = mark(row.getAttribute("data-number"), "number");
      mark(row.getAttribute("data-measure"), "measure");
      if (num && num.scrollIntoView) { num.scrollIntoView({block: "center", behavior: "smooth"}); }
    });
  });
})();
"""


def entity_dom_id(entity: Entity) -> str:
    """The ``id`` of an entity's ``<mark>`` in the page: ``ent-START-END`` (character offsets)."""
    return f"ent-{entity.start_offset}-{entity.end_offset}"


def _ent_params(entity: Entity) -> dict[str, str]:
    attrs = (f'id="{entity_dom_id(entity)}" data-start="{entity.start_offset}" '
             f'data-end="{entity.end_offset}" data-label="{escape(entity.label)}"')
    return {"attrs": attrs}


def render_entities(extraction: Extraction) -> str:
    """The report text with one ``<mark>`` per entity (displaCy manual mode), ids and data attributes added."""
    ents = [{"start": e.start_offset, "end": e.end_offset, "label": escape(e.label), "params": _ent_params(e)}
            for e in extraction.entities]
    options = {"colors": LABEL_COLORS, "template": _ENT_TEMPLATE}
    return displacy.render({"text": extraction.text, "ents": ents, "title": None}, style="ent", manual=True,
                           page=False, jupyter=False, options=options)


def _cell(value: object, css: str = "") -> str:
    if value is None or value == "":
        return '<td class="none">–</td>'
    cls = f' class="{css}"' if css else ""
    return f"<td{cls}>{escape(str(value))}</td>"


def _format_value(q: Quantity) -> str | None:
    if q.value is None:
        if q.lower is not None or q.upper is not None:
            return f"{'' if q.lower is None else f'{q.lower:g}'}–{'' if q.upper is None else f'{q.upper:g}'}"
        return None
    return f"{'≈' if q.approximate else ''}{q.value:g}"


def render_quantity_table(extraction: Extraction) -> str:
    """The number → measure table; each row carries the mark ids of its number and its measure."""
    rows = []
    for i, q in enumerate(extraction.quantities(), 1):
        measure_id = entity_dom_id(q.measure) if q.measure else ""
        rows.append(
            f'<tr class="lg-quantity" data-number="{entity_dom_id(q.entity)}" data-measure="{measure_id}" '
            f'data-label="{escape(q.entity.label)}">'
            f'<td class="num">{i}</td>{_cell(q.text)}{_cell(_format_value(q), "num")}{_cell(q.unit)}'
            f"{_cell(q.measure_text)}{_cell(q.period_text or q.period)}</tr>"
        )
    if not rows:
        return '<p class="lg-empty">No quantities found.</p>'
    head = "".join(f"<th>{h}</th>" for h in ("#", "number", "value", "unit", "measure", "period"))
    return f'<table id="lg-quantities"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _legend(extraction: Extraction) -> str:
    counts = {label: 0 for label in ENTITY_LABELS}
    for entity in extraction.entities:
        counts[entity.label] = counts.get(entity.label, 0) + 1
    return "".join(f'<span style="background: {LABEL_COLORS.get(label, "#ddd")}">{escape(label)} {n}</span>'
                   for label, n in counts.items())


def render_html(extraction: Extraction) -> str:
    """A complete, self-contained HTML page of ``extraction`` (no external assets)."""
    title = escape(extraction.id or "report")
    n_quantities = len(extraction.quantities())
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lawgov_ie: {title}</title>
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>{title} — {len(extraction.entities)} entities, {len(extraction.relations)} number→measure pairs,
 {n_quantities} quantities</h1>
<div class="legend">{_legend(extraction)}</div>
</header>
<main>
<section id="lg-text">{render_entities(extraction)}</section>
<aside id="lg-side">{render_quantity_table(extraction)}</aside>
</main>
<script>{_JS}</script>
</body>
</html>
"""


def render_command(args: argparse.Namespace) -> int:
    """``lawgov-ie render FILE -o OUT.html [--model PATH]``: extract one file and write its HTML page."""
    from lawgov_ie.api import extract, load
    from lawgov_ie.reading import read_text

    decoded = read_text(args.file)  # unreadable input fails fast, before the model loads
    nlp = load(args.model)
    name = "stdin" if str(args.file) == "-" else Path(str(args.file)).stem
    extraction = extract(decoded.text, name, nlp)
    extraction.record.meta.update({"source": str(args.file), "encoding": decoded.encoding})
    output = Path(args.output)
    try:
        output.write_text(render_html(extraction), encoding="utf-8")
    except OSError as exc:
        raise LawgovError(f"{output}: cannot write the HTML page ({exc.strerror or exc})") from None
    print(f"wrote {output} ({len(extraction.entities)} entities, {len(extraction.quantities())} quantities)",
          file=sys.stderr)
    return 0
