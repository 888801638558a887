"""The starting rows of the reference lists (Bangla and English). A data migration loads them;
after that, system admins edit the rows. Codes are stable keys for imports and reports."""

SOURCES = [
    ("community", "From the community", "কমিউনিটি থেকে", False),
    ("legal_aid_ngo", "Legal-aid NGO", "আইনি সহায়তা এনজিও", False),
    ("programme_lead", "Programme lead", "প্রোগ্রাম লিড", False),
    ("referred", "Referred by others (specify)", "অন্য কেউ পাঠিয়েছে (লিখুন)", True),
]
RECRUITMENT_PROCESSES = [
    ("recruiting_agency", "Through a licensed recruiting agency", "লাইসেন্সধারী রিক্রুটিং এজেন্সির মাধ্যমে", False),
    ("sub_agent", "Through a sub-agent (dalal) and an agency", "দালাল ও এজেন্সির মাধ্যমে", False),
    ("individual_visa", "Individual visa arranged by relatives or friends", "আত্মীয় বা বন্ধুর জোগাড় করা ভিসায়", False),
    ("g2g", "Government to government (BOESL)", "সরকারি ব্যবস্থায় (বোয়েসেল)", False),
    ("irregular", "Without BMET clearance", "বিএমইটি ছাড়পত্র ছাড়া", False),
    ("other", "Other (specify)", "অন্যান্য (লিখুন)", True),
]
DEPARTURE_ROUTES = [
    ("air_direct", "By air, direct from Bangladesh", "আকাশপথে, সরাসরি বাংলাদেশ থেকে", False),
    ("air_transit", "By air through another country", "আকাশপথে, অন্য দেশ হয়ে", False),
    ("land_india", "By land through India", "স্থলপথে, ভারত হয়ে", False),
    ("sea", "By sea (boat)", "সমুদ্রপথে (নৌকায়)", False),
    ("other", "Other (specify)", "অন্যান্য (লিখুন)", True),
]
EDUCATION_LEVELS = [
    ("none", "No schooling", "পড়াশোনা নেই", False),
    ("class5", "Primary (class 5)", "প্রাথমিক (৫ম শ্রেণি)", False),
    ("class8", "Up to class 8", "৮ম শ্রেণি পর্যন্ত", False),
    ("ssc", "SSC", "এসএসসি", False),
    ("hsc", "HSC", "এইচএসসি", False),
    ("honours", "Honours or higher", "স্নাতক বা তার বেশি", False),
]
RELIGIONS = [
    ("islam", "Islam", "ইসলাম", False),
    ("hinduism", "Hinduism", "হিন্দু", False),
    ("buddhism", "Buddhism", "বৌদ্ধ", False),
    ("christianity", "Christianity", "খ্রিস্টান", False),
    ("other", "Other", "অন্যান্য", False),
    ("not_said", "Prefers not to say", "বলতে চান না", False),
]
MARITAL_STATUSES = [
    ("married", "Married", "বিবাহিত", False),
    ("single", "Single / unmarried", "অবিবাহিত", False),
    ("widow", "Widow", "বিধবা", False),
    ("widower", "Widower", "বিপত্নীক", False),
    ("divorced", "Divorced or separated", "তালাকপ্রাপ্ত বা আলাদা থাকেন", False),
]
INTERVENTIONS = [
    ("info_shared", "Information on rights and redress channels shared", "অধিকার ও প্রতিকারের পথ নিয়ে তথ্য দেওয়া হয়েছে", False),
    ("evidence_collected", "Information and evidence collected", "তথ্য ও প্রমাণ সংগ্রহ করা হয়েছে", False),
    ("family_contacted", "Family members contacted", "পরিবারের সঙ্গে যোগাযোগ করা হয়েছে", False),
    ("info_verified", "Information verified and updated", "তথ্য যাচাই ও হালনাগাদ করা হয়েছে", False),
    ("update_shared", "Update shared with the justice seeker or family", "ন্যায়প্রার্থী বা পরিবারকে হালনাগাদ জানানো হয়েছে", False),
    ("referred_gmc", "Referred to GMC for mediation", "সালিশের জন্য জিএমসিতে পাঠানো হয়েছে", False),
    ("complaint_bmet", "Complaint made to BMET", "বিএমইটিতে অভিযোগ করা হয়েছে", False),
    ("case_filed_court", "Case filed in court", "আদালতে মামলা করা হয়েছে", False),
    ("lawyer_appointed", "Lawyer appointed", "আইনজীবী নিয়োগ করা হয়েছে", False),
    ("next_steps_advised", "Justice seeker advised on next steps and dates", "পরের ধাপ ও তারিখ জানানো হয়েছে", False),
    ("other", "Other (specify)", "অন্যান্য (লিখুন)", True),
]
RESULTS = [
    ("settlement_sub_agent", "Amicable settlement with the sub-agent", "দালালের সঙ্গে আপসে মীমাংসা", False),
    ("no_settlement_escalated", "No settlement; case went to BMET or court", "মীমাংসা হয়নি; বিএমইটি বা আদালতে গেছে", False),
    ("salary_paid", "Salary paid to the worker", "কর্মী বেতন পেয়েছেন", False),
    ("brought_home_compensated", "Worker brought home; costs and compensation paid by the agency", "কর্মীকে দেশে আনা হয়েছে; এজেন্সি খরচ ও ক্ষতিপূরণ দিয়েছে", False),
    ("bmet_no_arbitration", "BMET investigated and did not call arbitration", "তদন্তের পর বিএমইটি সালিশ ডাকেনি", False),
    ("court_for", "Court verdict for the worker", "আদালতের রায় কর্মীর পক্ষে", False),
    ("court_against", "Court verdict against the worker", "আদালতের রায় কর্মীর বিপক্ষে", False),
    ("wewb_compensation", "Compensation from the Wage Earners' Welfare Board", "ওয়েজ আর্নার্স কল্যাণ বোর্ড থেকে ক্ষতিপূরণ", False),
    ("withdrawn", "Complaint withdrawn", "অভিযোগ তুলে নেওয়া হয়েছে", False),
    ("other", "Other (specify)", "অন্যান্য (লিখুন)", True),
]
GAP_TAGS = [
    ("no_written_contract", "No written contract or receipt", "লিখিত চুক্তি বা রসিদ নেই", "procedure"),
    ("sub_agent_not_liable", "Agency denies responsibility for its sub-agent", "এজেন্সি দালালের দায় নেয় না", "policy"),
    ("bmet_delay", "BMET hearing delayed", "বিএমইটির শুনানিতে দেরি", "procedure"),
    ("court_cost_time", "Court too slow or costly", "আদালতে অনেক সময় ও খরচ", "procedure"),
    ("no_victim_protection", "No protection for the complainant", "অভিযোগকারীর সুরক্ষা নেই", "policy"),
    ("mission_unresponsive", "Labour wing abroad did not respond", "বিদেশে শ্রম উইং সাড়া দেয়নি", "procedure"),
    ("award_not_enforced", "Settlement or award not carried out", "মীমাংসা বা রায় মানা হয়নি", "procedure"),
    ("law_gap", "The law does not cover the problem", "আইনে সমস্যাটির সমাধান নেই", "policy"),
]
# Expected days in each state before a case counts as overdue (system admins change them).
STATE_DURATIONS = {
    "draft": 7, "primary_review": 7, "returned": 14, "final_review": 10,
    "in_redress": 90, "result_recorded": 14, "reopened": 30,
}
# Demo only (seed_demo): made-up agencies in the BMET "RL" licence format. A real install imports
# BMET's list of licensed agencies; these are never loaded by a migration.
DEMO_RECRUITING_AGENCIES = [
    ("Al-Amin Overseas", "RL-1021", "Naya Paltan, Dhaka"),
    ("Bangla Gulf Recruiting Agency", "RL-0873", "Kakrail, Dhaka"),
    ("Sonar Desh Manpower", "RL-1457", "Banani, Dhaka"),
    ("Chattala Overseas Services", "RL-0612", "Agrabad, Chattogram"),
    ("Meghna Human Resources", "RL-1689", "Mohakhali, Dhaka"),
    ("Padma International", "RL-0954", "Motijheel, Dhaka"),
]


def load_reference_data(apps=None) -> None:
    """Create the rows that are missing; never overwrite an admin's edits. Idempotent."""
    from django.apps import apps as global_apps

    get = (apps or global_apps).get_model
    lists = {
        "CaseSource": SOURCES, "RecruitmentProcess": RECRUITMENT_PROCESSES, "DepartureRoute": DEPARTURE_ROUTES,
        "EducationLevel": EDUCATION_LEVELS, "Religion": RELIGIONS, "MaritalStatus": MARITAL_STATUSES,
        "InterventionType": INTERVENTIONS, "ResultType": RESULTS,
    }
    for model_name, rows in lists.items():
        model = get("casework", model_name)
        for order, (code, en, bn, needs_detail) in enumerate(rows, start=1):
            model.objects.get_or_create(
                code=code, defaults={"name_en": en, "name_bn": bn, "sort_order": order * 10, "needs_detail": needs_detail}
            )
    GapTag = get("casework", "GapTag")
    for order, (code, en, bn, kind) in enumerate(GAP_TAGS, start=1):
        GapTag.objects.get_or_create(code=code, defaults={"name_en": en, "name_bn": bn, "sort_order": order * 10, "kind": kind})
    StateDuration = get("casework", "StateDuration")
    for status, days in STATE_DURATIONS.items():
        StateDuration.objects.get_or_create(status=status, defaults={"expected_days": days})
