"""Forms of the SKM pages. They check input and hand clean values to services; no logic here."""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from companion_service.organization.models import ServiceUnit

from .ikm import UNSUR_CODES
from .importer import FIELDS
from .models import FollowUp, FollowUpStatus, UnitSurvey
from .periods import Period
from .profile import AgeGroup, Education, Occupation, Sex
from .questionnaire import unsur

FIELD_LABELS = {
    "tanggal": _("Survey date"),
    "unit": _("Service unit"),
    "layanan": _("Kind of service"),
    "jenis_kelamin": _("Sex"),
    "usia": _("Age"),
    "pendidikan": _("Education"),
    "pekerjaan": _("Occupation"),
    "petugas": _("Officer who served"),
    "kritik_saran": _("Criticism and suggestions"),
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        help_text=_("CSV separated by ; or , (UTF-8 or Windows-1252), or an Excel XLSX file; at most 50 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


def period_field(required=False, **kwargs):
    return forms.CharField(
        required=required,
        max_length=7,
        help_text=_("For example 2025-Q1 (quarter), 2025-S1 (semester) or 2025 (year)."),
        **kwargs,
    )


def clean_period(value: str) -> str:
    value = (value or "").strip().upper()
    if not value:
        return ""
    try:
        return Period.parse(value).key
    except ValueError as exc:
        raise ValidationError(_("Write a period like 2025-Q1, 2025-S1 or 2025.")) from exc


class MappingForm(forms.Form):
    """One select per field listing the file's columns; plus the import's options."""

    unit_code = forms.ModelChoiceField(
        queryset=ServiceUnit.objects.select_related("opd").order_by("code"),
        required=False,
        to_field_name="code",
        label=_("Every row belongs to this unit"),
        help_text=_("Only for a file without a unit column (e.g. one unit's own Google Form)."),
        empty_label=_("(the file has a unit column)"),
    )
    period = period_field(label=_("Reject rows dated outside the period"))
    create_kinds = forms.BooleanField(
        required=False, label=_("Add kinds of service the unit does not have yet")
    )
    month_first = forms.BooleanField(
        required=False, label=_("Dates are written month/day/year (an export in US format)")
    )

    def __init__(self, *args, columns: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(not in the file)"))] + [(column, column) for column in columns if column]
        for name in FIELDS:
            label = FIELD_LABELS.get(name, name)
            self.fields[f"map_{name}"] = forms.ChoiceField(
                choices=choices,
                required=False,
                label=f"{name} · {label}" if name not in UNSUR_CODES else f"{name} · {unsur(name).name}",
            )

    def clean_period(self):
        return clean_period(self.cleaned_data.get("period"))

    def mapping(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[f"map_{name}"] for name in FIELDS if self.cleaned_data.get(f"map_{name}")
        }

    def options(self) -> dict:
        unit = self.cleaned_data.get("unit_code")
        return {
            "unit_code": unit.code if unit else "",
            "period": self.cleaned_data.get("period", ""),
            "create_kinds": self.cleaned_data.get("create_kinds", False),
            "month_first": self.cleaned_data.get("month_first", False),
        }

    def mapping_fields(self):
        return [self[f"map_{name}"] for name in FIELDS]


class PopulationForm(forms.Form):
    users = forms.IntegerField(
        min_value=1, max_value=100_000_000, label=_("Service users in the period"), required=False
    )
    note = forms.CharField(max_length=255, required=False, label=_("Source of the number"))


class SurveySettingsForm(forms.ModelForm):
    class Meta:
        model = UnitSurvey
        fields = ["is_open", "ask_officer", "intro"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}


class ServiceKindForm(forms.Form):
    name = forms.CharField(max_length=200, label=_("New kind of service"))


class WordingForm(forms.Form):
    """A unit's own question and labels for one unsur; empty fields keep the model text."""

    question = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Question"))
    label_1 = forms.CharField(required=False, max_length=120, label=_("Answer 1"))
    label_2 = forms.CharField(required=False, max_length=120, label=_("Answer 2"))
    label_3 = forms.CharField(required=False, max_length=120, label=_("Answer 3"))
    label_4 = forms.CharField(required=False, max_length=120, label=_("Answer 4"))

    def clean(self):
        data = super().clean()
        labels = [data.get(f"label_{n}", "").strip() for n in range(1, 5)]
        if any(labels) and not all(labels):
            raise ValidationError(_("Give all four answers, or none to keep the model questionnaire's."))
        if len({label.casefold() for label in labels if label}) < len([label for label in labels if label]):
            raise ValidationError(_("The four answers must differ."))
        return data

    def labels(self) -> list[str]:
        return [self.cleaned_data.get(f"label_{n}", "") for n in range(1, 5)]


class FollowUpForm(forms.ModelForm):
    period = period_field(required=True, label=_("Survey period"))

    class Meta:
        model = FollowUp
        fields = [
            "unit",
            "period",
            "unsur",
            "problem",
            "action",
            "owner",
            "due_on",
            "status",
            "done_on",
            "notes",
        ]
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}),
            "done_on": forms.DateInput(attrs={"type": "date"}),
            "problem": forms.Textarea(attrs={"rows": 2}),
            "action": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = ServiceUnit.objects.select_related("opd").order_by("code")
        self.fields["status"].choices = FollowUpStatus.choices
        if self.instance.pk:
            self.initial.setdefault("period", self.instance.period.key)

    def clean_period(self):
        return clean_period(self.cleaned_data.get("period"))

    def clean(self):
        data = super().clean()
        if data.get("done_on") and data.get("status") != FollowUpStatus.DONE:
            self.add_error("done_on", _("A completion date goes with the status done."))
        return data

    def service_fields(self) -> dict:
        """The fields the services take (the period is passed separately)."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name not in ("unit", "period")}


class SurveyForm(forms.Form):
    """The public survey of one unit: the nine unsur in the unit's wording, the respondent profile,
    optionally the officer, and criticism and suggestions. ``website`` is a honeypot.

    Use ``survey_form_class``: the fields of a unit's survey are built once and reused (building
    sixteen choice fields on every request costs more than the rest of a submission)."""

    REQUIRED = _("Please choose one answer.")
    wording: dict = {}
    kinds: tuple = ()
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def current(self, name: str) -> str:
        """What the citizen chose or typed for ``name`` (shown again after an error)."""
        if self.is_bound:
            return str(self.data.get(name, "") or "")
        return str(self.initial.get(name, "") or "")

    def _error(self, name: str) -> str:
        return self.errors[name][0] if self.is_bound and name in self.errors else ""

    def _options(self, name: str, choices) -> list[dict]:
        chosen = self.current(name)
        return [
            {"value": str(value), "label": label, "id": f"id_{name}_{index}", "checked": str(value) == chosen}
            for index, (value, label) in enumerate(choices)
        ]

    def questions(self) -> list[dict]:
        """The nine unsur as plain data for the template (no widget machinery on a slow server)."""
        return [
            {
                "code": code,
                "name": item["name"],
                "question": item["question"],
                "number": number,
                "options": self._options(code, self.fields[code].choices),
                "error": self._error(code),
            }
            for number, (code, item) in enumerate(self.wording.items(), start=1)
        ]

    def field_view(self, name: str) -> dict | None:
        """A profile or text field as plain data: label, value, options, error."""
        if name not in self.fields:
            return None
        field = self.fields[name]
        choices = getattr(field, "choices", None)
        return {
            "name": name,
            "id": f"id_{name}",
            "label": field.label,
            "value": self.current(name),
            "options": self._options(name, choices) if choices is not None else [],
            "error": self._error(name),
        }

    def profile(self) -> dict:
        names = ("layanan", "jenis_kelamin", "usia", "pendidikan", "pekerjaan", "petugas", "kritik_saran")
        return {name: self.field_view(name) for name in names}

    def kind_id(self) -> int | None:
        code = self.cleaned_data.get("layanan")
        return next((kind.id for kind in self.kinds if kind.code == code), None)

    def payload(self) -> dict:
        """What the citizen answered, for duplicate detection."""
        data = {code: self.cleaned_data[code] for code in self.wording}
        for name in (
            "layanan",
            "jenis_kelamin",
            "usia",
            "pendidikan",
            "pekerjaan",
            "petugas",
            "kritik_saran",
        ):
            data[name] = self.cleaned_data.get(name, "")
        return data

    def error_list(self):
        """(field id, label, message) of each error, in page order, for the summary at the top."""
        items = []
        for name, field in self.fields.items():
            if name in self.errors:
                label = f"{name}. {field.label}" if name in self.wording else str(field.label)
                items.append((f"q-{name}", label, self.errors[name][0]))
        return items


def _survey_fields(wording: dict, kinds, ask_officer: bool) -> dict:
    required = SurveyForm.REQUIRED
    fields = {}
    for code, item in wording.items():
        fields[code] = forms.TypedChoiceField(
            label=item["question"],
            choices=[(str(value), label) for value, label in enumerate(item["labels"], start=1)],
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={"required": required, "invalid_choice": required},
        )
    if kinds:
        fields["layanan"] = forms.ChoiceField(
            label=_("Which service did you use?"),
            choices=[("", _("Choose a service"))] + [(kind.code, kind.name) for kind in kinds],
            error_messages={"required": _("Please choose the service you used.")},
        )
    fields["jenis_kelamin"] = forms.ChoiceField(
        label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect, error_messages={"required": required}
    )
    fields["usia"] = forms.ChoiceField(
        label=_("Age"),
        choices=[("", _("Choose your age group"))] + list(AgeGroup.choices),
        error_messages={"required": _("Please choose your age group.")},
    )
    fields["pendidikan"] = forms.ChoiceField(
        label=_("Highest education"),
        choices=[("", _("Choose your education"))] + list(Education.choices),
        error_messages={"required": _("Please choose your education.")},
    )
    fields["pekerjaan"] = forms.ChoiceField(
        label=_("Main occupation"),
        choices=[("", _("Choose your occupation"))] + list(Occupation.choices),
        error_messages={"required": _("Please choose your occupation.")},
    )
    if ask_officer:
        fields["petugas"] = forms.CharField(
            label=_("Name of the officer who served you (optional)"), required=False, max_length=120
        )
    fields["kritik_saran"] = forms.CharField(
        label=_("Criticism and suggestions (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
    )
    return fields


class SharedFields(dict):
    """A unit survey's fields, shared by every form instance instead of deep-copied for each request.

    Safe because nothing changes a field after it is built: the page renders from plain data
    (``questions``/``field_view``), never through the fields' widgets.
    """

    def __deepcopy__(self, memo):
        return dict(self)


_FORM_CLASSES: dict[str, type[SurveyForm]] = {}


def survey_form_class(wording: dict, kinds, ask_officer: bool) -> type[SurveyForm]:
    """The form class of one survey definition, built the first time and then reused."""
    kinds = tuple(kinds)
    key = json.dumps(
        [wording, [(kind.id, kind.code, kind.name) for kind in kinds], ask_officer], sort_keys=True
    )
    form_class = _FORM_CLASSES.get(key)
    if form_class is None:
        if len(_FORM_CLASSES) > 500:  # a survey's wording changed many times: start afresh
            _FORM_CLASSES.clear()
        attributes = {**_survey_fields(wording, kinds, ask_officer), "wording": wording, "kinds": kinds}
        form_class = type("UnitSurveyForm", (SurveyForm,), attributes)
        form_class.base_fields = SharedFields(form_class.base_fields)
        _FORM_CLASSES[key] = form_class
    return form_class
