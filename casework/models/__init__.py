from .bilingual import BilingualName
from .geography import District, Division, PlaceAlias, Union, Upazila
from .countries import Country
from .organisations import Organization, StaffProfile

__all__ = [
    "BilingualName",
    "Country",
    "District",
    "Division",
    "Organization",
    "PlaceAlias",
    "StaffProfile",
    "Union",
    "Upazila",
]
