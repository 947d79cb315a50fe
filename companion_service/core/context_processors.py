"""Template context shared by every page."""

from django.urls import reverse

from .navigation import menu_for


def navigation(request):
    """The menu entries the current user may open, with the current one marked."""
    items = []
    for item in menu_for(request.user):
        url = reverse(item.url_name)
        items.append({"url": url, "label": item.label, "current": request.path == url})
    return {"nav_items": items}
