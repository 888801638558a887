"""Django's own form messages that the case forms can show, named here so that `make messages` keeps
their Bangla in locale/bn (our catalogue is asked before Django's, whose Bangla lacks several of them
or is hard to read). Nothing imports this module: it is read by xgettext only. The texts must stay
exactly Django's (django/forms/*.py, django/core/validators.py)."""

from django.utils.translation import gettext_noop, ngettext_lazy

SINGULAR = (
    gettext_noop("This field is required."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid value."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is a multiple of step size %(limit_value)s."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop("Enter a list of values."),
    gettext_noop("Null characters are not allowed."),
    gettext_noop(
        "ManagementForm data is missing or has been tampered with. Missing fields: "
        "%(field_names)s. You may need to file a bug report if the issue persists."
    ),
    gettext_noop("No file was submitted. Check the encoding type on the form."),
    gettext_noop("No file was submitted."),
    gettext_noop("The submitted file is empty."),
    gettext_noop("This field cannot be blank."),
    gettext_noop("This field cannot be null."),
)

PLURAL = (
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
    ),
    ngettext_lazy("Ensure that there are no more than %(max)s digit in total.",
                  "Ensure that there are no more than %(max)s digits in total."),
    ngettext_lazy("Ensure that there are no more than %(max)s decimal place.",
                  "Ensure that there are no more than %(max)s decimal places."),
    ngettext_lazy("Ensure that there are no more than %(max)s digit before the decimal point.",
                  "Ensure that there are no more than %(max)s digits before the decimal point."),
    ngettext_lazy("Ensure this filename has at most %(max)d character (it has %(length)d).",
                  "Ensure this filename has at most %(max)d characters (it has %(length)d)."),
    ngettext_lazy("Please submit at most %(num)d form.", "Please submit at most %(num)d forms."),
    ngettext_lazy("Please submit at least %(num)d form.", "Please submit at least %(num)d forms."),
)
