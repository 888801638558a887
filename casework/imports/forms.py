from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import Organization

from .headers import FIELDS, FIELDS_BY_NAME, IGNORE, MAX_PERPETRATORS, PERPETRATOR_FIELDS, perpetrator_field

MORE_PERPETRATOR_FIELDS = {perpetrator_field(name, n) for name in PERPETRATOR_FIELDS for n in range(2, MAX_PERPETRATORS + 1)}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Case register"),
        help_text=_("An Excel (.xlsx) or CSV file. The first rows must name the columns; a title row above them is fine."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"}),
    )
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.filter(is_active=True), required=False,
        label=_("Organisation that owns the cases"),
        help_text=_("Leave empty to use the Organisation column, or else the programme lead's organisation."),
    )


def field_choices():
    """The fields a column can hold; the second and further perpetrators' fields in a group of their own."""
    first = [(f.name, f.label) for f in FIELDS if f.name not in MORE_PERPETRATOR_FIELDS]
    more = [(f.name, f.label) for f in FIELDS if f.name in MORE_PERPETRATOR_FIELDS]
    return [("", _("— not imported —")), (IGNORE, _("Ignore this column"))] + first + [
        (_("Second and further perpetrators"), more)
    ]


def field_label(name: str) -> str:
    return str(FIELDS_BY_NAME[name].label) if name in FIELDS_BY_NAME else name


class MappingForm(forms.Form):
    """One choice per column of the register: which field it holds."""

    def __init__(self, *args, headers: list[str], initial_mapping: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        for index, header in enumerate(headers):
            if not header:
                continue
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header, choices=field_choices(), required=False, initial=initial_mapping.get(index, ""),
            )

    def clean(self):
        data = super().clean()
        seen = {}
        for name, value in data.items():
            if value and value != IGNORE:
                if value in seen:
                    self.add_error(name, _("“%(field)s” is already chosen for the column “%(other)s”.")
                                   % {"field": field_label(value), "other": self.fields[seen[value]].label})
                seen[value] = name
        return data

    def mapping(self) -> dict[int, str]:
        return {int(name[4:]): value for name, value in self.cleaned_data.items() if value}

    def columns(self):
        for index, header in enumerate(self.headers):
            if header:
                yield self[f"col_{index}"]
