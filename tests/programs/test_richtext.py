"""Rich text links: only safe schemes and site paths, no empty links, rel set by us."""

import pytest

from programs.models import Section
from programs.richtext import sanitize
from tests.builders import make_programme, make_section
from tests.pages import rendered_form


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
        ('<p><a href="plan.pdf">Plan</a></p>', "<p>Plan</p>"),
        ('<p><a href="index.html">Indeks</a></p>', "<p>Indeks</p>"),
        # A place on the same page (a section's anchor) is kept; a bare "#" or more is not.
        ('<p><a href="#opptak">Opptak</a></p>', '<p><a href="#opptak">Opptak</a></p>'),
        ('<p><a href="#">Topp</a></p>', "<p>Topp</p>"),
        ('<p><a href="#a b">x</a></p>', "<p>x</p>"),
        ('<p><a href="#x&quot;onclick=alert(1)">x</a></p>', "<p>x</p>"),
        # An address typed without its scheme is the web address it plainly is.
        ('<p><a href="www.oslomet.no/opptak">Opptak</a></p>',
         '<p><a href="https://www.oslomet.no/opptak" rel="noopener noreferrer">Opptak</a></p>'),
        ('<p><a href="lovdata.no">Lovdata</a></p>',
         '<p><a href="https://lovdata.no" rel="noopener noreferrer">Lovdata</a></p>'),
        ('<p><a href="student.oslomet.no/?q=1">Student</a></p>',
         '<p><a href="https://student.oslomet.no/?q=1" rel="noopener noreferrer">Student</a></p>'),
        ('<p><a href="opptak@oslomet.no">E-post</a></p>',
         '<p><a href="mailto:opptak@oslomet.no">E-post</a></p>'),
        ('<p><a href="/\\\\evil.example">x</a></p>', "<p>x</p>"),
        ('<p><a href="https://uio.no/" rel="opener" target="_blank">UiO</a></p>',
         '<p><a href="https://uio.no/" rel="noopener noreferrer">UiO</a></p>'),
        ('<p><img src="x" onerror="alert(1)">Tekst<script>alert(1)</script></p>', "<p>Tekst</p>"),
        ("<p></p>", ""),
        # Nothing a reader sees: empty, so the English page falls back and health reports it.
        ("<p> </p>", ""),
        ("<p><br></p><p>&nbsp;</p>", ""),
        ("<ul><li><p></p></li></ul>", ""),
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


# Issue 15: a link the editor refuses (javascript:) reaches the server as an empty href, as
# Tiptap renders a link whose address it does not allow. Neither language publishes it.

REFUSED_LINKS = [
    '<p>Se <a target="_blank" rel="noopener noreferrer nofollow" href="">her</a>.</p>',
    '<p>Se <a href="javascript:alert(1)">her</a>.</p>',
    '<p>Se <a href=" JavaScript:alert(1)">her</a>.</p>',
    '<p>Se <a href="#">her</a>.</p>',
    "<p>Se <a href>her</a>.</p>",
]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("body", REFUSED_LINKS)
def test_a_refused_link_saved_in_the_admin_keeps_its_text_and_loses_the_link(
    admin_client, language, body
):
    programme = make_programme(sections=1)
    url = f"/admin/programs/programme/{programme.pk}/change/"
    data = {**rendered_form(admin_client.get(url)), f"sections-0-body_{language}": body}
    response = admin_client.post(url, data)
    assert response.status_code == 302
    section = programme.sections.get()
    assert getattr(section, f"body_{language}") == "<p>Se her.</p>"
    page = admin_client.get(programme.get_absolute_url(language)).content.decode()
    assert "Se her." in page
    assert 'href=""' not in page
    assert "javascript:" not in page.lower()
