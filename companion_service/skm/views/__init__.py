"""Views of the SKM app, thin: they check who asks, read forms, and call services and selectors.

- ``public``: the survey page citizens open from the QR code (no login) and its thank-you page;
- ``reports``: IKM per unit and period, breakdowns, comments, numbers of service users;
- ``imports``: upload, map columns, check, import, undo;
- ``setup``: a unit's survey (open or closed, kinds of service, wording);
- ``followups``: the RTL register;
- ``documents``: the PDF report, the publication poster and the QR poster.
"""
