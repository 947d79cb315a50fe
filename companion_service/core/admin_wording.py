"""Django admin messages the companion words differently in Indonesian (issue 17).

Django's own Indonesian catalog writes "rubah"/"merubah", which is not standard Indonesian (KBBI:
"ubah", "mengubah"); the index shows the first in capitals ("RUBAH ATAU TAMPILKAN ..."). Listing the
message ids here puts them in the companion's catalog (``make messages``), which Django consults
before any app's (``LOCALE_PATHS``), so the reworded Indonesian wins. Nothing imports this module.
"""

from django.utils.translation import gettext_noop

MESSAGES = (
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
)
