"""Reading responses as a visitor would: parsed HTML and its visible text."""

from bs4 import BeautifulSoup


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def visible_text(response):
    """The page's text with whitespace collapsed, as a reader (or screen reader) gets it."""
    return " ".join(parse(response).body.get_text(" ").split())


def switcher_links(response):
    """``{hreflang: href}`` of the language switcher."""
    links = parse(response).select(".language-switcher a[hreflang]")
    return {a["hreflang"]: a["href"] for a in links}
