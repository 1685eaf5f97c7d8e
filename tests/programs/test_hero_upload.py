"""Hero images through the admin: only verified images are stored, nothing half-saved."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from programs.models import Programme
from tests.builders import make_programme
from tests.pages import new_programme_form, rendered_form

pytestmark = pytest.mark.django_db
ADD = "/admin/programs/programme/add/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def add_form(admin_client, upload):
    form = admin_client.get(ADD).content.decode()
    return admin_client.post(ADD, new_programme_form(form, hero_image=upload))


def png_with_metadata():
    out = io.BytesIO()
    text = PngInfo()
    text.add_text("Author", "Ola Nordmann, +47 99 99 99 99")
    Image.new("RGB", (80, 40), (1, 2, 3)).save(out, format="PNG", pnginfo=text)
    return out.getvalue()


def test_a_photo_is_stored_re_encoded_under_a_content_name(admin_client, tmp_path):
    response = add_form(admin_client, SimpleUploadedFile("Mitt bilde.png", png_with_metadata()))
    assert response.status_code == 302
    programme = Programme.objects.get()
    assert re.fullmatch(r"programmes/[0-9a-f]{32}\.png", programme.hero_image.name)
    assert (programme.hero_width, programme.hero_height) == (80, 40)
    assert b"Ola Nordmann" not in (tmp_path / programme.hero_image.name).read_bytes()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "Last opp"),
        ("foto.png", b"GIF89a;<script>alert(1)</script>", "Last opp"),
        ("tom.png", b"", "Filen er tom."),
    ],
)
def test_anything_but_an_image_is_refused_with_a_message_and_nothing_saved(
    admin_client, tmp_path, name, data, message
):
    response = add_form(admin_client, SimpleUploadedFile(name, data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Programme.objects.exists()
    assert not list(tmp_path.rglob("*.*"))


def test_an_image_of_too_many_pixels_is_said_to_be_too_large_not_corrupt(admin_client):
    """Django's form field opened it with Pillow first and called it "corrupted"."""
    from tests.programs.test_images import png_bomb

    response = add_form(admin_client, SimpleUploadedFile("stor.png", png_bomb(20_000, 20_000)))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Bildet har mer enn 40 millioner piksler." in text
    assert "ødelagt" not in text
    assert not Programme.objects.exists()


def test_the_file_chooser_offers_the_formats_we_take(admin_client):
    assert 'accept="image/jpeg,image/png,image/webp"' in admin_client.get(ADD).content.decode()


def test_an_image_another_editor_uploaded_meanwhile_is_kept(admin_client):
    """A file field sends no opened value (config.admin_formsets.KeepsOthersChanges): a save
    without a new file keeps the file saved now, not the one the page showed."""
    programme = make_programme()
    url = f"/admin/programs/programme/{programme.pk}/change/"
    opened = rendered_form(admin_client.get(url))
    upload = SimpleUploadedFile("foto.png", png_with_metadata())
    mine = {**opened, "hero_image": upload, "hero_alt_nb": "En flate.", "hero_alt_en": "A plane."}
    assert admin_client.post(url, mine).status_code == 302
    programme.refresh_from_db()
    uploaded = programme.hero_image.name
    assert uploaded
    assert admin_client.post(url, {**opened, "lead_nb": "Ny ingress."}).status_code == 302
    programme.refresh_from_db()
    assert (programme.lead_nb, programme.hero_image.name) == ("Ny ingress.", uploaded)
    assert (programme.hero_width, programme.hero_height) == (80, 40)
