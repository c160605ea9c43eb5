"""The project's own files agree with each other: dependencies, CI, shipped data, notebooks."""
import json
import re
import tomllib

import yaml

from analysis.paths import DATA_DIR, NOTEBOOKS_DIR, PROJECT_DIR

SHARED_ARTICLE = PROJECT_DIR.parent / "shared" / "articles" / "axis-of-resistance.md"


def requirement_name_and_bound(spec: str) -> tuple[str, str]:
    """Split "pandas>=2.1" into ("pandas", ">=2.1"), with the name normalised as pip does.

    Extras ("dask[distributed]") are dropped: conda packages have none.
    """
    m = re.fullmatch(r"\s*([A-Za-z0-9._-]+)(?:\[[^\]]*\])?\s*(.*?)\s*", spec.split("#")[0])
    return re.sub(r"[-_.]+", "-", m.group(1)).lower(), m.group(2).replace(" ", "")


def test_environment_yml_pins_the_same_dependencies_as_pyproject():
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pip_specs = project["dependencies"] + [spec for extra in project["optional-dependencies"].values() for spec in extra]
    conda = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text(encoding="utf-8"))
    conda_specs = [d for d in conda["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))]
    assert dict(map(requirement_name_and_bound, conda_specs)) == dict(map(requirement_name_and_bound, pip_specs))


def test_every_dependency_has_a_lower_bound():
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for spec in project["dependencies"] + [spec for extra in project["optional-dependencies"].values() for spec in extra]:
        assert ">=" in spec, spec


def test_ci_runs_the_readme_test_command():
    assert "make test" in (PROJECT_DIR / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in (PROJECT_DIR / "README.md").read_text(encoding="utf-8")


def test_shipped_reference_article_is_a_byte_for_byte_copy():
    import hashlib
    import pytest

    shipped = (DATA_DIR / "articles" / "axis-of-resistance.md").read_bytes()
    readme = (DATA_DIR / "articles" / "README.md").read_text(encoding="utf-8")
    assert hashlib.sha256(shipped).hexdigest() in readme  # the provenance note names these bytes
    if not SHARED_ARTICLE.exists():
        pytest.skip(f"{SHARED_ARTICLE} is absent; checked the recorded SHA-256 only")
    assert shipped == SHARED_ARTICLE.read_bytes()


def test_notebooks_are_stored_without_outputs_and_with_a_parameters_cell():
    notebooks = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(not c["outputs"] and c["execution_count"] is None for c in code), path.name
        tagged = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, f"{path.name} needs exactly one cell tagged 'parameters'"
        scope = nb["metadata"].get("analysis", {}).get("scope", "article")
        assert ("corpus_path" if scope == "corpus" else "article_path") in "".join(tagged[0]["source"]), path.name


def test_notebooks_keep_their_logic_in_the_library():
    # a notebook cell is a call and a sentence of prose: no function or class definitions
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert not re.search(r"^\s*(def|class) ", "".join(cell["source"]), re.M), path.name


def test_no_runtime_downloads_in_code():
    # nothing can be downloaded on the machines that run this project
    calls = re.compile(r"nltk\.down" r"load\(|from_pre" r"trained\(|hf_hub_down" r"load\(")
    for path in list((PROJECT_DIR / "analysis").rglob("*.py")) + list(NOTEBOOKS_DIR.glob("*.ipynb")):
        assert not calls.search(path.read_text(encoding="utf-8")), path
