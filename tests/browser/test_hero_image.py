"""An uploaded hero image loads on the public page, at its size, with its description."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.browser.conftest import PHONE
from tests.builders import make_programme


def test_an_uploaded_hero_image_loads_on_the_public_page(open_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = io.BytesIO()
    Image.new("RGB", (1200, 600), (20, 90, 160)).save(photo, format="JPEG")
    programme = make_programme(
        slug_nb="med-bilde",
        hero_image=SimpleUploadedFile("foto.jpg", photo.getvalue()),
        hero_alt_nb="En blå flate.",
    )
    page = open_page(programme.get_absolute_url(), viewport=PHONE)
    image = page.locator("img.programme__hero-image")
    image.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('img.programme__hero-image').complete")
    # A 390 px phone at 1x gets the 480 px copy from srcset, not the 1200 px original
    assert image.evaluate("img => img.currentSrc").endswith("-480.jpg")
    assert image.evaluate("img => img.naturalWidth") > 0  # loaded (density-corrected: ~390)
    assert image.get_attribute("alt") == "En blå flate."
    assert (image.get_attribute("width"), image.get_attribute("height")) == ("1200", "600")
    assert image.evaluate("img => img.getBoundingClientRect().width") <= PHONE["width"]
