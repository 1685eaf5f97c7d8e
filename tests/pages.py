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


# One URL of every page type, in both languages, after ``make_page_type_examples()``.
EVERY_PAGE_TYPE = [
    "/studier/",
    "/en/programmes/",
    "/studier/?bachelor=sykepleie",
    "/en/programmes/?bachelor=nope",  # 400 with a message
    "/studier/psykisk-helse-rus-og-avhengighetsarbeid/",
    "/en/programmes/mental-health-and-addiction/",
    "/studier/psykisk-helsearbeid/kull-2023H/",
    "/en/programmes/mental-health-work/cohort-2023H/",
    "/studier/finnes-ikke/",  # 404
    "/en/programmes/no-such/",
    "/studier/nedlagt/",  # 410
    "/en/programmes/gone/",
]
