from django.conf import settings


def site(request):
    """Names shown in the header and footer of every page."""
    return {"site_name": settings.SITE_NAME, "institution_name": settings.INSTITUTION_NAME}
