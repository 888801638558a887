"""Version 1 of the confidentiality code, written from the case-management SOP's data-protection and
information-sharing rules (need to know, consent, own login, strong passwords changed every 90 days, locked
screens, no personal devices or memory sticks, copies not originals, password-protected sharing with no one
in copy, anonymous reporting, hand-over on leaving), adapted to migrant workers' cases. A system admin
publishes later versions from the portal; the text is frozen here so the migration never changes."""

from django.db import migrations

TITLE_EN = "Confidentiality code for Protikar users"
TITLE_BN = "প্রতিকার ব্যবহারকারীদের গোপনীয়তা নীতিমালা"

TEXT_EN = """Protikar holds information about people who can be in danger if it leaks, for example from the recruiting agent they complained about. Read this code carefully. You must accept it before you use the system.

1. Need to know. I open a case only when my work on that case needs it. I share information about a justice seeker only with people directly involved in helping them, and only what they need. When I refer a case to another organisation or office, I send only what that service needs, nothing else about the person's history.

2. Consent. I explain to the justice seeker what we record, why, and who will see it. I record only what they agree to share.

3. No names outside the system. I do not write names, phone numbers, passport numbers or addresses in e-mail subjects, chat groups, social media or file names. I refer to a case by its case number.

4. Talking about cases. I do not discuss cases with colleagues who do not work on them, with family or friends, or in public places. I never tell anyone, and above all a recruiting agent, dalal or employer, whether a person has come to us.

5. My own login. I use only my own account. I never share my password or my two-factor codes, and I never let another person work under my name. My password has at least 8 characters with a capital letter, a number and a symbol. I change it when the system asks (every 90 days), and at once if I think someone knows it.

6. Devices. I use Protikar only on a work computer or phone with its own screen lock and password. I lock the screen whenever I step away and sign out when I finish. I do not keep case information or downloaded files on personal devices, memory sticks or external drives.

7. Documents. I photograph or scan original documents (passport, contract, medical report) and give the originals back to the person. I upload copies only into Protikar, never into chat apps. Paper files carry the case number, not the name, and stay locked.

8. Exports and printing. I export or print personal data only when the work needs it. I keep it locked, send it only password-protected to the one person who needs it (with the password sent separately and no one in copy), and destroy it when it is no longer needed.

9. Reports and advocacy. Figures, case studies and stories used in reports, the media or advocacy are anonymous: no name, photograph, village or other detail by which someone could recognise the person.

10. Leaving or changing roles. When I leave my post or my role changes, I hand over my cases to the colleague who takes over and delete any personal data from my devices. My administrator closes my account.

11. Reporting problems. If I lose a phone or laptop, think someone knows my password, or see information shared wrongly, I tell my organisation's administrator the same day and use "Sign out everywhere".

12. Consequences. I know that every view, change and export of personal data is recorded, and that breaking this code can end my access and lead to action by my organisation."""

TEXT_BN = """প্রতিকারে এমন মানুষদের তথ্য আছে, যাঁদের তথ্য ফাঁস হলে তাঁরা বিপদে পড়তে পারেন, যেমন যে রিক্রুটিং এজেন্টের বিরুদ্ধে তাঁরা অভিযোগ করেছেন তার কাছ থেকে। নীতিমালাটি মন দিয়ে পড়ুন। সিস্টেম ব্যবহারের আগে আপনাকে এটি মেনে নিতে হবে।

১. যতটুকু দরকার, ততটুকুই। কোনো মামলা আমি তখনই খুলি, যখন সেই মামলায় আমার কাজ আছে। ভুক্তভোগীর তথ্য শুধু তাঁদেরই জানাই, যাঁরা সরাসরি তাঁকে সাহায্য করছেন, আর যতটুকু দরকার ততটুকুই। অন্য সংস্থা বা অফিসে মামলা পাঠালে সেই সেবার জন্য যা লাগে শুধু সেটুকুই পাঠাই, মানুষটির অন্য কোনো কথা নয়।

২. সম্মতি। আমরা কী লিখে রাখি, কেন রাখি আর কে দেখবে, তা আমি ভুক্তভোগীকে বুঝিয়ে বলি। তিনি যা জানাতে রাজি, শুধু সেটুকুই লিখি।

৩. সিস্টেমের বাইরে নাম নয়। ই-মেইলের বিষয়ে, চ্যাট গ্রুপে, সামাজিক মাধ্যমে বা ফাইলের নামে আমি কারও নাম, ফোন নম্বর, পাসপোর্ট নম্বর বা ঠিকানা লিখি না। মামলার কথা বলতে মামলা নম্বর ব্যবহার করি।

৪. মামলা নিয়ে কথা। যে সহকর্মী মামলাটিতে কাজ করেন না, তাঁর সঙ্গে, পরিবার বা বন্ধুর সঙ্গে, বা লোকজনের সামনে আমি মামলা নিয়ে কথা বলি না। কেউ আমাদের কাছে এসেছেন কি না, তা আমি কাউকে জানাই না, বিশেষ করে রিক্রুটিং এজেন্ট, দালাল বা মালিককে কখনোই না।

৫. নিজের লগইন। আমি শুধু নিজের অ্যাকাউন্ট ব্যবহার করি। পাসওয়ার্ড বা দুই-ধাপ যাচাইয়ের কোড কাউকে দিই না, আর আমার নামে অন্য কাউকে কাজ করতে দিই না। আমার পাসওয়ার্ডে কমপক্ষে ৮টি অক্ষর থাকে, তার মধ্যে একটি বড় হাতের অক্ষর, একটি সংখ্যা আর একটি চিহ্ন। সিস্টেম বললে (প্রতি ৯০ দিনে) পাসওয়ার্ড বদলাই, আর কেউ জেনে গেছে মনে হলে সঙ্গে সঙ্গে বদলাই।

৬. যন্ত্র। প্রতিকার শুধু অফিসের কম্পিউটার বা ফোনে ব্যবহার করি, যাতে স্ক্রিন লক আর পাসওয়ার্ড আছে। উঠে গেলে স্ক্রিন লক করি, কাজ শেষে সাইন আউট করি। মামলার তথ্য বা ডাউনলোড করা ফাইল ব্যক্তিগত ফোন বা কম্পিউটার, পেনড্রাইভ বা বাইরের হার্ড ড্রাইভে রাখি না।

৭. কাগজপত্র। আসল কাগজ (পাসপোর্ট, চুক্তিপত্র, চিকিৎসার কাগজ) আমি ছবি তুলে বা স্ক্যান করে আসলটি মানুষটিকে ফেরত দিই। কপি শুধু প্রতিকারে আপলোড করি, কখনো চ্যাট অ্যাপে নয়। কাগজের ফাইলে নাম নয়, মামলা নম্বর লেখা থাকে, আর ফাইল তালা দিয়ে রাখি।

৮. এক্সপোর্ট আর প্রিন্ট। কাজের দরকারেই শুধু ব্যক্তিগত তথ্য এক্সপোর্ট বা প্রিন্ট করি। সেগুলো তালা দিয়ে রাখি, পাঠাতে হলে পাসওয়ার্ড দিয়ে সুরক্ষিত করে শুধু যাঁর দরকার তাঁকেই পাঠাই (পাসওয়ার্ড আলাদা করে পাঠাই, কাউকে কপি করি না), আর দরকার ফুরালে নষ্ট করে ফেলি।

৯. রিপোর্ট আর অ্যাডভোকেসি। রিপোর্ট, গণমাধ্যম বা অ্যাডভোকেসিতে যে সংখ্যা, কেস স্টাডি বা গল্প ব্যবহার হয়, তাতে পরিচয় থাকে না: নাম, ছবি, গ্রাম বা এমন কোনো তথ্য নয়, যা দিয়ে মানুষটিকে চেনা যায়।

১০. চাকরি বা দায়িত্ব বদল। পদ ছাড়লে বা দায়িত্ব বদলালে আমার মামলাগুলো নতুন দায়িত্ব পাওয়া সহকর্মীকে বুঝিয়ে দিই, আর আমার যন্ত্র থেকে সব ব্যক্তিগত তথ্য মুছে ফেলি। আমার অ্যাডমিন আমার অ্যাকাউন্ট বন্ধ করেন।

১১. সমস্যা জানানো। ফোন বা ল্যাপটপ হারালে, পাসওয়ার্ড কেউ জেনে গেছে মনে হলে, বা তথ্য ভুলভাবে ছড়িয়েছে দেখলে সেদিনই আমার সংস্থার অ্যাডমিনকে জানাই, আর "সব জায়গা থেকে সাইন আউট" ব্যবহার করি।

১২. পরিণতি। আমি জানি, ব্যক্তিগত তথ্য দেখা, বদলানো আর এক্সপোর্ট করা সবই রেকর্ড হয়, আর এই নীতিমালা ভাঙলে আমার প্রবেশাধিকার বন্ধ হতে পারে এবং আমার সংস্থা ব্যবস্থা নিতে পারে।"""


def create_first_version(apps, schema_editor):
    CodeOfConduct = apps.get_model("accounts", "CodeOfConduct")
    if not CodeOfConduct.objects.exists():
        CodeOfConduct.objects.create(version=1, title_en=TITLE_EN, title_bn=TITLE_BN, text_en=TEXT_EN, text_bn=TEXT_BN)


def remove_first_version(apps, schema_editor):
    apps.get_model("accounts", "CodeOfConduct").objects.filter(version=1, acceptances__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(create_first_version, remove_first_version)]
