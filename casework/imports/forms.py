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
    """One choice per column of the register: which field it holds.

    A column in `unclear` (index → the fields it could be: headers.analyse_headers) must be
    answered: a field, or "Ignore this column". Leaving it "not imported" by default would be a
    choice nobody made.
    """

    def __init__(self, *args, headers: list[str], initial_mapping: dict[int, str],
                 unclear: dict[int, tuple[str, ...]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        self.unclear = unclear or {}
        choices = field_choices()
        for index, header in enumerate(headers):
            if not header:
                continue
            field = self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=initial_mapping.get(index, ""),
            )
            if index in self.unclear:
                field.required = True
                field.error_messages["required"] = _("Choose what this column holds, or “Ignore this column”.")
                candidates = ", ".join(f"“{field_label(name)}”" for name in self.unclear[index])
                field.help_text = (
                    _("This column name can mean different things here. Choose what it holds: perhaps %(fields)s.")
                    % {"fields": candidates} if candidates else
                    _("Another column already holds what this column name says. Choose what this one holds.")
                )
            elif initial_mapping.get(index) == "permanent_address":
                field.help_text = _("We read the district, upazila, union, police station, ward and village from this "
                                    "column; a column of their own for any of them comes first.")

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

    def is_unclear(self, bound_field) -> bool:
        return int(bound_field.name[4:]) in self.unclear
