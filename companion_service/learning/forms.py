"""Forms of the learning app: they read and convert what was typed; the rules live in ``rules``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from companion_service.openedx_sync.channels import KLASIKAL, LearningChannel

from . import certificates
from .data import TrainingInput


def channel_choices():
    klasikal = [(v, label) for v, label in LearningChannel.choices if v in KLASIKAL]
    other = [(v, label) for v, label in LearningChannel.choices if v not in KLASIKAL]
    return [
        ("", "---------"),
        (_("Classical (klasikal)"), klasikal),
        (_("Non-classical (non-klasikal)"), other),
    ]


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("Name of the training"), max_length=255)
    provider = forms.CharField(
        label=_("Organiser"), max_length=255, help_text=_("E.g. LAN, ASN Corpu, Digitalent, a university.")
    )
    channel = forms.ChoiceField(label=_("Learning channel (Peraturan LAN 10/2018)"), choices=channel_choices)
    started_on = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    finished_on = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    jp = forms.IntegerField(
        label=_("JP on the certificate"),
        required=False,
        help_text=_("Leave empty if the certificate gives hours."),
    )
    hours = forms.DecimalField(
        label=_("Hours of learning"),
        required=False,
        max_digits=6,
        decimal_places=2,
        help_text=_("Used when there is no JP: 1 JP = 45 minutes."),
    )
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=100, required=False)
    certificate = forms.FileField(
        label=_("Certificate (PDF, PNG or JPEG, at most 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:  # the template shows it under the field with this id
                field.widget.attrs["aria-describedby"] = f"id_{name}_help"

    def clean_certificate(self):
        upload = self.cleaned_data.get("certificate")
        if upload:
            certificates.check(upload)
        return upload

    def to_input(self) -> TrainingInput:
        data = self.cleaned_data
        return TrainingInput(
            title=data["title"],
            provider=data["provider"],
            channel=data["channel"],
            started_on=data["started_on"],
            finished_on=data["finished_on"],
            hours=data.get("hours"),
            jp=data.get("jp"),
            certificate_number=data.get("certificate_number") or "",
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (needed to reject; the ASN reads it)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
