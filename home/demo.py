"""Demo organisations and people for `seed_demo`. Never run with production settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from casework.geography import find_district, find_upazila
from casework.models import Organization, StaffProfile
from portal import roles


@dataclass
class DemoOrg:
    name: str
    name_bn: str
    short_name: str
    type: str
    districts: list[str]


@dataclass
class DemoUser:
    username: str
    first_name: str
    last_name: str
    gender: str
    org: str
    role: str
    designation: str
    upazilas: list[tuple[str, str]] = field(default_factory=list)  # (district, upazila)


ORGS = [
    DemoOrg("Helvetas Bangladesh (SIMS)", "হেলভেটাস বাংলাদেশ (সিমস)", "Helvetas", Organization.Type.PROGRAMME_LEAD, []),
    DemoOrg("OKUP", "ওকাপ", "OKUP", Organization.Type.MIGRATION_NGO, ["Cumilla", "Brahmanbaria"]),
    DemoOrg("RMMRU", "রামরু", "RMMRU", Organization.Type.MIGRATION_NGO, ["Tangail", "Manikganj"]),
    DemoOrg("Prottyashi", "প্রত্যাশী", "Prottyashi", Organization.Type.MIGRATION_NGO, ["Chattogram", "Coxsbazar"]),
    DemoOrg("BNWLA", "বাংলাদেশ জাতীয় মহিলা আইনজীবী সমিতি", "BNWLA", Organization.Type.LEGAL_AID_NGO, ["Dhaka"]),
]

USERS = [
    # programme lead organisation
    DemoUser("lead", "Premangshu", "Sarker", "male", "Helvetas", roles.PROGRAMME_LEAD, "Legal Aid & ADR Expert"),
    DemoUser("meal", "Nusrat", "Jahan", "female", "Helvetas", roles.MEAL_ANALYST, "MEAL Expert"),
    DemoUser("editor", "Farhana", "Akter", "female", "Helvetas", roles.CONTENT_EDITOR, "Content editor and translator"),
    DemoUser("sysadmin", "Tanvir", "Hasan", "male", "Helvetas", roles.SYSTEM_ADMIN, "System administrator"),
    # OKUP
    DemoUser("coord.okup1", "Shirin", "Begum", "female", "OKUP", roles.FIELD_COORDINATOR, "Upazila coordinator",
             [("Cumilla", "Debidwar"), ("Cumilla", "Barura")]),
    DemoUser("coord.okup2", "Rafiqul", "Islam", "male", "OKUP", roles.FIELD_COORDINATOR, "Upazila coordinator",
             [("Brahmanbaria", "Nabinagar")]),
    DemoUser("advisor.okup", "Mahmuda", "Khatun", "female", "OKUP", roles.PRIMARY_ADVISOR, "Programme Officer, Access to Justice"),
    DemoUser("admin.okup", "Kamrul", "Hassan", "male", "OKUP", roles.ORG_ADMIN, "Administration officer"),
    # RMMRU
    DemoUser("coord.rmmru1", "Abdul", "Karim", "male", "RMMRU", roles.FIELD_COORDINATOR, "Upazila coordinator",
             [("Tangail", "Kalihati"), ("Tangail", "Ghatail")]),
    DemoUser("coord.rmmru2", "Sabina", "Yasmin", "female", "RMMRU", roles.FIELD_COORDINATOR, "Upazila coordinator",
             [("Manikganj", "Singiar")]),
    DemoUser("advisor.rmmru", "Anisur", "Rahman", "male", "RMMRU", roles.PRIMARY_ADVISOR, "Programme Officer, Access to Justice"),
    DemoUser("admin.rmmru", "Lovely", "Sultana", "female", "RMMRU", roles.ORG_ADMIN, "Administration officer"),
    # Prottyashi
    DemoUser("coord.prottyashi1", "Jahangir", "Alam", "male", "Prottyashi", roles.FIELD_COORDINATOR, "Upazila coordinator",
             [("Chattogram", "Sitakunda"), ("Chattogram", "Mirsharai")]),
    DemoUser("coord.prottyashi2", "Rokeya", "Parvin", "female", "Prottyashi", roles.FIELD_COORDINATOR, "Upazila coordinator",
             [("Coxsbazar", "Chakaria")]),
    DemoUser("advisor.prottyashi", "Selina", "Haque", "female", "Prottyashi", roles.PRIMARY_ADVISOR, "Programme Officer, Access to Justice"),
    DemoUser("admin.prottyashi", "Mizanur", "Rahman", "male", "Prottyashi", roles.ORG_ADMIN, "Administration officer"),
    # legal-aid NGO
    DemoUser("legal1", "Salma", "Ali", "female", "BNWLA", roles.LEGAL_ADVISOR, "Programme Officer, Case Management"),
    DemoUser("legal2", "Ashraful", "Kabir", "male", "BNWLA", roles.LEGAL_ADVISOR, "Panel lawyer"),
]


@transaction.atomic
def seed_people(password: str) -> dict[str, int]:
    """Create or refresh the demo organisations and users; every user gets `password`. Idempotent."""
    orgs: dict[str, Organization] = {}
    for spec in ORGS:
        org, _ = Organization.objects.update_or_create(
            name=spec.name, defaults={"name_bn": spec.name_bn, "short_name": spec.short_name, "type": spec.type}
        )
        org.districts.set([find_district(d) for d in spec.districts])
        orgs[spec.short_name] = org

    User = get_user_model()
    groups = {g.name: g for g in Group.objects.filter(name__in=roles.ALL_ROLES)}
    for spec in USERS:
        user, _ = User.objects.update_or_create(
            username=spec.username,
            defaults={"first_name": spec.first_name, "last_name": spec.last_name, "is_active": True,
                      "email": f"{spec.username}@example.org"},
        )
        user.set_password(password)
        if spec.role == roles.SYSTEM_ADMIN:
            # The system admin manages users and lists in the Wagtail admin; still no case data.
            user.is_staff = True
        user.save()
        user.groups.set([groups[spec.role]])
        profile, _ = StaffProfile.objects.update_or_create(
            user=user,
            defaults={"organization": orgs[spec.org], "designation": spec.designation, "gender": spec.gender},
        )
        upazilas = []
        for district_name, upazila_name in spec.upazilas:
            district = find_district(district_name)
            upazila = find_upazila(upazila_name, district=district)
            if upazila is None:
                raise ValueError(f"demo data names an unknown upazila: {upazila_name}, {district_name}")
            upazilas.append(upazila)
        profile.upazilas.set(upazilas)
    return {"organisations": len(orgs), "users": len(USERS)}
