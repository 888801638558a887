"""The home page in Bangla (the source tree) and English, created once on a fresh install.

Editors own the pages after that: this never overwrites a page that exists.
"""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import HomePage

HOME = {
    "bn": {
        "title": "প্রতিকার: প্রবাসী কর্মীর ন্যায়বিচারের পথ",
        "seo_title": "প্রতিকার",
        "search_description": "প্রতারণা, বেতন না পাওয়া, নির্যাতন বা পাচারের শিকার প্রবাসী কর্মী ও তাঁদের পরিবারের জন্য বিনা খরচে পরামর্শ ও সহায়তা।",
        "intro": (
            "বিদেশে কাজে যেতে গিয়ে বা বিদেশে গিয়ে প্রতারণা, বেতন না পাওয়া, নির্যাতন বা পাচারের শিকার হলে "
            "আপনি প্রতিকার চাইতে পারেন। এখানে সহজ ভাষায় লেখা আছে কোথায় অভিযোগ করবেন, কোন কাগজ রাখবেন, "
            "আর কে আপনাকে বিনা খরচে সাহায্য করবে।"
        ),
        "body": [
            ("heading", "কারা সাহায্য পাবেন"),
            ("paragraph", "<ul><li>যাঁরা বিদেশে যাওয়ার আগে দালাল বা রিক্রুটিং এজেন্সির কাছে টাকা দিয়ে ঠকেছেন।</li>"
             "<li>যাঁরা বিদেশে গিয়ে কথামতো বেতন বা কাজ পাননি, বা নির্যাতনের শিকার হয়েছেন।</li>"
             "<li>যাঁরা দেশে ফিরে এসেছেন এবং পাওনা টাকা বা ক্ষতিপূরণ চান।</li>"
             "<li>বিদেশে মারা যাওয়া বা আহত কর্মীর পরিবার।</li></ul>"),
            ("heading", "কীভাবে সাহায্য পাবেন"),
            ("steps", {"title": "", "steps": [
                "আপনার সব কাগজ যত্ন করে রাখুন: পাসপোর্ট, ভিসা, চুক্তিপত্র, টাকার রসিদ, দালালের নাম ও ফোন নম্বর।",
                "আপনার উপজেলার অংশীদার সংস্থার কর্মীর সঙ্গে কথা বলুন। তাঁরা আপনার ঘটনা লিখে রাখবেন।",
                "আইনি পরামর্শক আপনার ঘটনা দেখে ঠিক করবেন কোন পথে প্রতিকার পাওয়া যাবে: এলাকার অভিযোগ নিষ্পত্তি কমিটি (জিএমসি), বিএমইটি, না আদালত।",
                "আমরা প্রতিটি ধাপে আপনার সঙ্গে থাকব এবং ফলাফল না পাওয়া পর্যন্ত খোঁজ নেব।",
            ]}),
            ("callout", {"title": "আপনার তথ্য গোপন থাকবে", "tone": "info",
                         "text": "<p>আপনার নাম, ঠিকানা ও ফোন নম্বর শুধু সেই কর্মীরা দেখতে পান যাঁরা আপনার ঘটনায় কাজ করেন। "
                                 "আপনার অনুমতি ছাড়া কারও সঙ্গে তথ্য ভাগ করা হয় না।</p>"}),
            ("callout", {"title": "এখনই বিপদে থাকলে", "tone": "warning",
                         "text": "<p>জরুরি সাহায্যের জন্য ৯৯৯ নম্বরে ফোন করুন। প্রবাসী কর্মীদের জন্য সরকারি হেল্পলাইন ১৬১৩৫ "
                                 "(বিদেশ থেকে +৮৮০৯৬৫৪৩৩৩৩৩৩)।</p>"}),
            ("heading", "কোথায় তথ্য পাবেন"),
            ("cards", [
                {"title": "কোথায় সাহায্য পাবেন", "text": "দুটি প্রশ্নের উত্তর দিন। জেনে নিন কোথায় যাবেন আর কোন কাগজ লাগবে।", "url": ""},
                {"title": "কোন পথে প্রতিকার", "text": "এলাকার অভিযোগ নিষ্পত্তি কমিটি (জিএমসি), বিএমইটি, ওয়েজ আর্নার্স কল্যাণ বোর্ড, আদালত: কোনটি আপনার জন্য।", "url": ""},
                {"title": "কোন কাগজ রাখবেন", "text": "বিদেশে যাওয়ার আগে ও পরে কোন কাগজ লাগবে তার তালিকা।", "url": ""},
                {"title": "সাহায্যের ফোন নম্বর", "text": "হেল্পলাইন আর আপনার জেলার নারী ও পুরুষ সহায়তাকারীর নম্বর।", "url": ""},
            ]),
        ],
    },
    "en": {
        "title": "Protikar: a path to justice for migrant workers",
        "seo_title": "Protikar",
        "search_description": "Free advice and support for migrant workers and families who were cheated, unpaid, abused or trafficked.",
        "intro": (
            "If you were cheated on the way to a job abroad, or were not paid, abused or trafficked abroad, "
            "you can seek a remedy. Here you can read, in plain words, where to complain, which papers to keep, "
            "and who will help you for free."
        ),
        "body": [
            ("heading", "Who can get help"),
            ("paragraph", "<ul><li>People who paid a middleman or recruiting agency before going abroad and were cheated.</li>"
             "<li>People who did not get the wage or job they were promised abroad, or were abused.</li>"
             "<li>People who came back home and want the money they are owed or compensation.</li>"
             "<li>Families of workers who died or were injured abroad.</li></ul>"),
            ("heading", "How to get help"),
            ("steps", {"title": "", "steps": [
                "Keep all your papers safe: passport, visa, contract, money receipts, the middleman's name and phone number.",
                "Talk to the partner organisation's worker in your upazila. They will write down what happened.",
                "A legal advisor looks at your case and decides which path can bring a remedy: the local grievance committee (GMC), BMET or court.",
                "We stay with you at every step and follow up until there is a result.",
            ]}),
            ("callout", {"title": "Your information stays private", "tone": "info",
                         "text": "<p>Only the staff who work on your case can see your name, address and phone number. "
                                 "Nothing is shared with anyone without your permission.</p>"}),
            ("callout", {"title": "If you are in danger now", "tone": "warning",
                         "text": "<p>Call 999 for emergency help. The government helpline for migrant workers is 16135 "
                                 "(from abroad +8809654333333).</p>"}),
            ("heading", "Where to find guidance"),
            ("cards", [
                {"title": "Find help", "text": "Answer two questions to learn where to go and which papers you need.", "url": ""},
                {"title": "Which path to a remedy", "text": "The local grievance committee (GMC), BMET, the Wage Earners' Welfare Board, the courts: which one fits you.", "url": ""},
                {"title": "Which papers to keep", "text": "A list of the papers you need before and after going abroad.", "url": ""},
                {"title": "Helpline numbers", "text": "Helplines and the women and men who help in your district.", "url": ""},
            ]),
        ],
    },
}


def _stream(items):
    out = []
    for block_type, value in items:
        if block_type == "cards":
            value = [{"title": c["title"], "text": c["text"], "page": None, "url": c["url"]} for c in value]
        out.append((block_type, value))
    return out


def _fill(page, content):
    page.title = content["title"]
    page.seo_title = content["seo_title"]
    page.search_description = content["search_description"]
    page.intro = content["intro"]
    page.body = _stream(content["body"])


@transaction.atomic
def ensure_home_pages() -> HomePage:
    """Make the Bangla home page the site root and give it an English translation. Idempotent."""
    bn, _ = Locale.objects.get_or_create(language_code="bn")
    en, _ = Locale.objects.get_or_create(language_code="en")
    home = HomePage.objects.filter(locale=bn).first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(slug="home-bn", locale=bn)
        _fill(home, HOME["bn"])
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Protikar")
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Protikar"
        site.save()
        # Wagtail's placeholder "Welcome" page is of no use once the real home exists.
        if type(old_root.specific) is Page and old_root.depth == 2 and not old_root.get_children().exists():
            old_root.delete()
    if home.get_translation_or_none(en) is None:
        translated = home.copy_for_translation(en)
        translated = translated.specific
        _fill(translated, HOME["en"])
        translated.slug = "home-en"
        translated.save_revision().publish()
    return home
