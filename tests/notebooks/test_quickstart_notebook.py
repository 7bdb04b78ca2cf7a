"""notebooks/quickstart.ipynb executes top to bottom (nbclient, kernel python3) and draws its two figures."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "quickstart.ipynb"


def execute_notebook(path: Path = NOTEBOOK, timeout: int = 600):
    """Run every cell of the notebook (cwd: its folder) and return the executed notebook."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


def check_outputs(nb) -> None:
    """No error output; the two matplotlib figures (F1 bars, confusion heatmap) are drawn."""
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 2
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "micro avg" in html and 'class="entities"' in html


def test_quickstart_on_default_model():
    """The notebook as users run it, top to bottom, against the shipped default model (lawgov_ie.load())."""
    check_outputs(execute_notebook())
