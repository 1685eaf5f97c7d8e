"""Rich text links: only safe schemes and site paths, no empty links, rel set by us."""

import pytest

from programs.models import Section
from programs.richtext import sanitize
from tests.builders import make_programme, make_section


@pytest.mark.parametrize(
    ("html", "clean"),
    [
        ('<p><a href="https://uio.no/">UiO</a></p>',
         '<p><a href="https://uio.no/" rel="noopener noreferrer">UiO</a></p>'),
        ('<p><a href="http://uio.no/">UiO</a></p>',
         '<p><a href="http://uio.no/" rel="noopener noreferrer">UiO</a></p>'),
        ('<p><a href="//evil.example/x">x</a></p>',
         '<p><a href="https://evil.example/x" rel="noopener noreferrer">x</a></p>'),
        ('<p><a href="/studier/">Studier</a></p>', '<p><a href="/studier/">Studier</a></p>'),
        ('<p><a href="mailto:opptak@oslomet.no">E-post</a></p>',
         '<p><a href="mailto:opptak@oslomet.no">E-post</a></p>'),
        ('<p><a href="tel:+4767235000">Ring</a></p>', '<p><a href="tel:+4767235000">Ring</a></p>'),
        ('<p><a href="javascript:alert(1)">Klikk</a></p>', "<p>Klikk</p>"),
        ('<p><a href="data:text/html,x">Klikk</a></p>', "<p>Klikk</p>"),
        ('<p><a href="">Tom</a></p>', "<p>Tom</p>"),
        ('<p><a href="relativ/sti">Sti</a></p>', "<p>Sti</p>"),
        ('<p><a href="/\\\\evil.example">x</a></p>', "<p>x</p>"),
        ('<p><a href="https://uio.no/" rel="opener" target="_blank">UiO</a></p>',
         '<p><a href="https://uio.no/" rel="noopener noreferrer">UiO</a></p>'),
        ('<p><img src="x" onerror="alert(1)">Tekst<script>alert(1)</script></p>', "<p>Tekst</p>"),
        ("<p></p>", ""),
    ],
)  # fmt: skip
def test_links_are_cleaned(html, clean):
    assert sanitize(html) == clean


@pytest.mark.django_db
def test_an_editor_saving_a_javascript_link_keeps_the_text_without_a_link():
    section = make_section(
        make_programme(), body_nb='<p>Se <a href="javascript:alert(1)">her</a>.</p>'
    )
    section.refresh_from_db()
    assert section.body_nb == "<p>Se her.</p>"


@pytest.mark.django_db
def test_html_stored_without_the_sanitizer_is_cleaned_on_output():
    section = make_section(make_programme())
    Section.objects.filter(pk=section.pk).update(
        body_nb='<p><a href="//evil.example" rel="opener">x</a><script>alert(1)</script></p>'
    )
    section.refresh_from_db()
    assert section.body_html == (
        '<p><a href="https://evil.example" rel="noopener noreferrer">x</a></p>'
    )
