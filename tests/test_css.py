"""Our own CSS (STYLE.md §6): one file per component, named like its template, and every value
from static/css/tokens.css, so a dark theme or a rebrand is one file. Reads the files only."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CSS = ROOT / "static" / "css"
TOKENS = CSS / "tokens.css"
TEMPLATES = ROOT / "templates"

STYLESHEETS = sorted(CSS.rglob("*.css"))
NOT_TOKENS = [path for path in STYLESHEETS if path != TOKENS]


def source(path):
    """The CSS without comments, so prose may mention "#fff" or "12px"."""
    return re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)


def name(path):
    return path.relative_to(CSS).as_posix()


def test_the_stylesheets_are_found():
    assert TOKENS in STYLESHEETS
    assert len(NOT_TOKENS) > 1


def test_every_component_stylesheet_is_named_after_a_template():
    stems = {path.stem for path in TEMPLATES.rglob("*.html")}
    orphans = [name(p) for p in (CSS / "components").glob("*.css") if p.stem not in stems]
    assert not orphans, f"no template of the same name for {orphans}"


@pytest.mark.parametrize("path", NOT_TOKENS, ids=name)
def test_no_colour_literal_outside_tokens(path):
    literals = re.findall(
        r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(", source(path)
    )
    assert not literals, f"{name(path)}: use a --color-* token instead of {literals}"


@pytest.mark.parametrize("path", NOT_TOKENS, ids=name)
def test_no_length_literal_outside_tokens(path):
    # Media queries cannot read custom properties: their breakpoints are checked below.
    css = re.sub(r"@media[^{]*", "", source(path))
    lengths = re.findall(r"(?<![\w.])\d*\.?\d+(?:px|r?em|ch|ex|vw|vh|vmin|vmax|pt|cm|mm|in)\b", css)
    lengths = [length for length in lengths if length != "100vh"]
    assert not lengths, f"{name(path)}: use a token from tokens.css instead of {lengths}"


@pytest.mark.parametrize("path", NOT_TOKENS, ids=name)
def test_no_custom_property_is_defined_outside_tokens(path):
    defined = re.findall(r"(--[\w-]+)\s*:", source(path))
    assert not defined, f"{name(path)} defines {defined}: tokens belong in tokens.css"


def test_every_custom_property_used_is_defined_in_tokens():
    defined = set(re.findall(r"(--[\w-]+)\s*:", source(TOKENS)))
    undefined = {
        f"{name(path)}: {prop}"
        for path in STYLESHEETS
        for prop in re.findall(r"var\(\s*(--[\w-]+)", source(path))
        if prop not in defined
    }
    assert not undefined, sorted(undefined)


def test_breakpoints_are_the_ones_documented_in_tokens():
    # tokens.css lists them in its opening comment, one a line: "  30rem (480px)  small: …".
    documented = set(re.findall(r"^\s+(\d*\.?\d+rem) \(\d+px\)", TOKENS.read_text(), flags=re.M))
    assert documented, "tokens.css documents no breakpoint"
    used = {
        f"{name(path)}: {value}"
        for path in STYLESHEETS
        for query in re.findall(r"@media([^{]*)", source(path))
        for value in re.findall(r"(?:min|max)-width:\s*([^)\s]+)", query)
        if value not in documented
    }
    assert not used, f"undocumented breakpoints {sorted(used)}; use one of {sorted(documented)}"


LINK = re.compile(r"""<link rel="stylesheet" href="\{% static '(css/[^']+)' %\}">""")


def linked_by(template):
    return LINK.findall(template.read_text())


def test_every_stylesheet_is_linked_by_base_html_or_a_page():
    base = linked_by(TEMPLATES / "base.html")
    assert base[:2] == ["css/tokens.css", "css/base.css"], "tokens, then element defaults first"
    linked = set(base)
    for template in TEMPLATES.rglob("*.html"):
        if template.name != "base.html":
            own = linked_by(template)
            # A page that extends base.html has its sheets already; one standing alone does not.
            again = set(own) & set(base) if "{% extends" in template.read_text() else set()
            assert len(own) == len(set(own)) and not again, template
            linked |= set(own)
    files = {f"css/{name(path)}" for path in STYLESHEETS}
    assert not files - linked, f"no template links {sorted(files - linked)}"
    assert not linked - files, f"templates link missing {sorted(linked - files)}"


def styled_classes():
    """{class name: the component stylesheet that styles it}."""
    return {
        cls: f"css/{name(path)}"
        for path in (CSS / "components").glob("*.css")
        for cls in re.findall(r"\.([a-zA-Z][\w-]*)", source(path))
    }
