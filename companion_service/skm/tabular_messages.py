"""The messages of ``core.tabular`` (the shared spreadsheet reader), listed here so this app's
catalog carries their Indonesian translation: evaluators importing SKM files see them. Django merges
every app's catalog, so the shared catalog may take them over later without any change here."""

from django.utils.translation import gettext_noop

MESSAGES = (
    gettext_noop("The file is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8 and try again."),
    gettext_noop("The file has no header row."),
    gettext_noop("The XLSX file cannot be opened: it may be damaged or not an Excel file."),
    gettext_noop("The file is larger than 50 MB; split it into smaller files."),
    gettext_noop("The file is empty."),
)
