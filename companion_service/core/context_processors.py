"""Template context shared by every page."""

from django.urls import reverse

from .navigation import menu_for


def navigation(request):
    """The menu entries the current user may open, with the current one marked.

    Error pages may be rendered before the authentication middleware ran (e.g. a refused host
    name): then there is no user and no menu.
    """
    user = getattr(request, "user", None)
    items = []
    for item in menu_for(user) if user is not None else ():
        url = reverse(item.url_name)
        items.append({"url": url, "label": item.label, "current": request.path == url})
    return {"nav_items": items}
