"""Initial pages: (Bangla, English) pairs. Slugs are the same in both languages (short, ASCII)."""

FIND_HELP = {
    "slug": "find-help",
    "title": ("কোথায় সাহায্য পাবেন", "Find help"),
    "intro": ("দুটি প্রশ্নের উত্তর দিন। আমরা বলে দেব কোথায় যাবেন আর কোন কাগজ লাগবে।",
              "Answer two questions. We will tell you where to go and which papers you need."),
    "search_description": ("আপনার সমস্যা বেছে নিন: কোথায় অভিযোগ করবেন, কোন কাগজ লাগবে।",
                           "Choose your problem: where to complain and which papers you need."),
}

CHANNEL_INDEX = {
    "slug": "redress-channels",
    "title": ("প্রতিকারের পথ", "Ways to a remedy"),
    "intro": ("প্রতিকার পাওয়ার কয়েকটি পথ আছে। সাধারণত আগে এলাকায় আপস, তারপর বিএমইটি, শেষে আদালত।",
              "There are several ways to a remedy. Usually local mediation comes first, then BMET, and court last."),
    "search_description": ("জিএমসি, বিএমইটি, ওয়েজ আর্নার্স কল্যাণ বোর্ড, দূতাবাস, লিগ্যাল এইড, আদালত ও হেল্পলাইন।",
                           "The GMC, BMET, the Wage Earners' Welfare Board, embassies, legal aid, courts and helplines."),
}

_CHANNEL_PAGE = [
    ("gmc", "local-mediation", ("এলাকার অভিযোগ নিষ্পত্তি কমিটি (জিএমসি)", "Local grievance committee (GMC)"),
     ("এলাকার দালাল ঠকালে সবচেয়ে দ্রুত ও সহজ পথ।", "The quickest and easiest path when a local middleman cheated you.")),
    ("bmet", "bmet", ("বিএমইটিতে অভিযোগ", "Complaint to BMET"),
     ("রিক্রুটিং এজেন্সির বিরুদ্ধে সরকারের কাছে অভিযোগ।", "A complaint to the government against a recruiting agency.")),
    ("wewb", "wage-earners-welfare-board", ("ওয়েজ আর্নার্স কল্যাণ বোর্ড", "Wage Earners' Welfare Board"),
     ("বিদেশে মৃত্যু বা আহত হলে পরিবারের জন্য সরকারি সহায়তা।", "Government support for families after a death or injury abroad.")),
    ("court", "court", ("আদালতে মামলা", "Going to court"),
     ("শাস্তি চাইলে বা অন্য পথে আপস না হলে।", "To seek punishment, or when other paths gave no settlement.")),
    ("legal_aid_office", "legal-aid", ("জেলা লিগ্যাল এইড অফিস", "District legal aid office"),
     ("বিনা খরচে আইনজীবী ও আপস।", "A free lawyer, and mediation.")),
    ("mission_labour_wing", "embassy-labour-wing", ("দূতাবাসের শ্রম উইং", "Embassy labour wing"),
     ("বিদেশে থাকা অবস্থায় সরকারি সাহায্য।", "Government help while you are abroad.")),
    ("police_helpline", "police-and-helplines", ("পুলিশ ও জরুরি হেল্পলাইন", "Police and emergency helplines"),
     ("বিপদে থাকলে এখনই ফোন করুন ৯৯৯।", "In danger? Call 999 now.")),
]

CHANNEL_PAGES = [
    {"channel": code, "slug": slug, "title": title, "intro": intro,
     "body": [("callout", {"title": ("সাহায্য লাগলে", "If you need help"), "tone": "help",
                           "text": ("<p>আপনার উপজেলার অংশীদার সংস্থার মাঠকর্মী বিনা খরচে আবেদন লিখে দেবেন এবং সঙ্গে যাবেন।</p>",
                                    "<p>The field worker of the partner organisation in your upazila will write the application for free and go with you.</p>")})]}
    for code, slug, title, intro in _CHANNEL_PAGE
]

GUIDE_INDEX = {
    "slug": "guides",
    "title": ("জেনে রাখুন: সহজ নির্দেশিকা", "Know your rights: simple guides"),
    "intro": ("বিদেশে যাওয়ার আগে, বিদেশে থাকতে আর দেশে ফিরে কী করবেন, সহজ কথায়।",
              "What to do before going, while abroad and after coming home, in plain words."),
    "search_description": ("প্রবাসী কর্মীর অধিকার ও করণীয় নিয়ে সহজ নির্দেশিকা।", "Simple guides on migrant workers' rights and what to do."),
}

GUIDES = [
    {
        "slug": "keep-your-documents",
        "title": ("বিদেশে যাওয়ার আগে কাগজ গুছিয়ে রাখুন", "Keep your papers before you go abroad"),
        "intro": ("কাগজ থাকলে প্রতারণার বিচার পাওয়া সহজ হয়। কোন কাগজ রাখবেন আর কীভাবে, জেনে নিন।",
                  "With papers it is much easier to get justice if you are cheated. Here is what to keep and how."),
        "search_description": ("পাসপোর্ট, ভিসা, চুক্তিপত্র, রসিদ ও দালালের তথ্য কীভাবে রাখবেন।",
                               "How to keep your passport, visa, contract, receipts and the middleman's details."),
        "body": [
            ("heading", ("কেন কাগজ দরকার", "Why papers matter")),
            ("text", ("অভিযোগ করতে গেলে প্রমাণ লাগে। কাকে কত টাকা দিয়েছেন, কী কথা হয়েছিল, তার প্রমাণ না থাকলে টাকা ফেরত পাওয়া কঠিন।\n"
                      "তাই বিদেশে যাওয়ার আগেই সব কাগজ গুছিয়ে রাখুন।",
                      "To complain you need proof. Without proof of who you paid, how much, and what was promised, it is hard to get money back.\n"
                      "So put all your papers together before you go.")),
            ("checklist", {"title": ("এই কাগজগুলো রাখুন", "Keep these papers"), "items": [
                (("পাসপোর্টের কপি", "Copy of the passport"), True),
                (("ভিসার কপি", "Copy of the visa"), True),
                (("কাজের চুক্তিপত্র (বেতন ও কাজ লেখা)", "Employment contract (with wage and job)"), True),
                (("বিএমইটির স্মার্ট কার্ড", "BMET smart card"), True),
                (("টাকা দেওয়ার প্রতিটি রসিদ", "Every receipt for money paid"), True),
                (("দালাল ও এজেন্সির নাম, ঠিকানা, ফোন নম্বর", "Name, address and phone of the middleman and the agency"), True),
                (("সাক্ষীর নাম ও ফোন নম্বর", "Names and phone numbers of witnesses"), False),
                (("জাতীয় পরিচয়পত্রের কপি", "Copy of the national ID card"), False),
            ]}),
            ("steps", {"title": ("কীভাবে রাখবেন", "How to keep them"), "steps": [
                ("প্রতিটি কাগজের দুটি ফটোকপি করুন।", "Make two photocopies of every paper."),
                ("একটি কপি বাড়িতে পরিবারের কাছে রাখুন।", "Leave one copy at home with your family."),
                ("ফোনে ছবি তুলুন। পরিবারের কারও ফোনেও ছবি পাঠান।", "Take photos on your phone. Send them to a family member's phone too."),
                ("দালালকে টাকা দিলে রসিদ চান। রসিদ না দিলে সাক্ষীর সামনে দিন, বা ব্যাংক বা বিকাশে পাঠান।",
                 "When you pay a middleman, ask for a receipt. If none is given, pay in front of a witness, or send it by bank or bKash."),
                ("বিদেশে গিয়ে পাসপোর্ট কাউকে দিতে হলে তার কপি নিজের কাছে রাখুন।", "If you must hand over your passport abroad, keep a copy yourself."),
            ]}),
            ("callout", {"title": ("মনে রাখুন", "Remember"), "tone": "warning",
                         "text": ("<p>চুক্তিপত্র না পড়ে সই করবেন না। পড়তে না পারলে কাউকে পড়ে শোনাতে বলুন।</p>",
                                  "<p>Do not sign a contract you have not read. If you cannot read, ask someone to read it to you.</p>")}),
            ("faq", {"title": ("প্রশ্ন ও উত্তর", "Questions and answers"), "questions": [
                (("রসিদ হারিয়ে গেলে কী করব?", "What if I lost the receipt?"),
                 ("তবুও অভিযোগ করা যায়। সাক্ষী, মেসেজ বা ব্যাংকের কাগজ দিয়ে প্রমাণ করা যায়।",
                  "You can still complain. Witnesses, messages or bank papers can prove the payment.")),
                (("দালাল লিখিত কিছু দিতে চায় না। কী করব?", "The middleman will not give anything in writing. What do I do?"),
                 ("তার নাম, ঠিকানা ও ফোন নম্বর লিখে রাখুন। টাকা দেওয়ার সময় একজন সাক্ষী রাখুন।",
                  "Write down his name, address and phone number. Have a witness present when you pay.")),
            ]}),
        ],
    },
    {
        "slug": "cheated-by-a-middleman",
        "title": ("দালাল ঠকালে কী করবেন", "What to do if a middleman cheated you"),
        "intro": ("দালাল টাকা নিয়ে বিদেশে পাঠায়নি? ভয় পাবেন না। টাকা ফেরত পাওয়ার পথ আছে।",
                  "Did a middleman take your money and not send you abroad? Do not be afraid. There are ways to get it back."),
        "search_description": ("দালাল বা সাব-এজেন্ট টাকা নিয়ে প্রতারণা করলে জিএমসি, বিএমইটি বা আদালত।",
                               "When a middleman or sub-agent cheats you: the GMC, BMET or court."),
        "body": [
            ("text", ("অনেক দালাল রিক্রুটিং এজেন্সির হয়ে কাজ করে। আইনে এজেন্সি দায়ী। তাই দালালের সঙ্গে এজেন্সির নামও জানার চেষ্টা করুন।",
                      "Many middlemen work for a recruiting agency. By law the agency is responsible. So try to learn the agency's name as well as the middleman's.")),
            ("steps", {"title": ("এই ধাপগুলো মেনে চলুন", "Follow these steps"), "steps": [
                ("সব কাগজ ও প্রমাণ এক জায়গায় রাখুন: রসিদ, মেসেজ, সাক্ষীর নাম।", "Put all papers and proof together: receipts, messages, witness names."),
                ("উপজেলার অংশীদার সংস্থার মাঠকর্মীকে জানান। তিনি ঘটনা লিখে নেবেন।", "Tell the partner organisation's field worker in your upazila. They will write down what happened."),
                ("দালাল এলাকার মানুষ হলে প্রথমে এলাকার অভিযোগ নিষ্পত্তি কমিটিতে (জিএমসি) আপসের চেষ্টা হবে।", "If the middleman is local, mediation by the local grievance committee (GMC) comes first."),
                ("আপস না হলে বা এজেন্সি জড়িত থাকলে বিএমইটিতে অভিযোগ করা হবে।", "If there is no settlement, or an agency is involved, a complaint goes to BMET."),
                ("শাস্তি চাইলে বা কিছুতেই টাকা না পেলে আদালতে মামলা। বিনা খরচে আইনজীবী পাওয়া যায়।", "To seek punishment, or if nothing works, a court case. A free lawyer is possible."),
            ]}),
            ("callout", {"title": ("দেরি করবেন না", "Do not wait too long"), "tone": "warning",
                         "text": ("<p>যত তাড়াতাড়ি অভিযোগ করবেন, টাকা ফেরত পাওয়ার সম্ভাবনা তত বেশি।</p>",
                                  "<p>The sooner you complain, the better the chance of getting your money back.</p>")}),
            ("checklist", {"title": ("যে কাগজ লাগবে", "Papers you will need"), "items": [
                (("টাকা দেওয়ার রসিদ বা প্রমাণ", "Receipts or proof of payment"), True),
                (("দালালের নাম, ঠিকানা ও ফোন নম্বর", "The middleman's name, address and phone number"), True),
                (("জাতীয় পরিচয়পত্রের কপি", "Copy of the national ID card"), True),
                (("পাসপোর্টের কপি", "Copy of the passport"), False),
                (("দালালের সঙ্গে সই করা কাগজ বা স্ট্যাম্প", "Any paper or stamp signed with the middleman"), False),
                (("সাক্ষীর নাম ও ফোন নম্বর", "Names and phone numbers of witnesses"), False),
            ]}),
            ("faq", {"title": ("প্রশ্ন ও উত্তর", "Questions and answers"), "questions": [
                (("দালাল আমার আত্মীয়। তবুও কি অভিযোগ করা যায়?", "The middleman is my relative. Can I still complain?"),
                 ("হ্যাঁ। জিএমসিতে পরিবারের সম্পর্ক রেখেই আপস করা যায়।", "Yes. The GMC can settle it while keeping family ties.")),
                (("টাকা কিস্তিতে দিতে চাইলে কী করব?", "What if he wants to pay in instalments?"),
                 ("রাজি হতে পারেন। তবে কত টাকা, কবে, তা লিখিত চুক্তিতে সই করিয়ে নিন।",
                  "You may agree. But have the amounts and dates written in a signed agreement.")),
                (("অভিযোগ করতে কি টাকা লাগে?", "Does complaining cost money?"),
                 ("জিএমসি, বিএমইটি ও লিগ্যাল এইডে কোনো টাকা লাগে না।", "The GMC, BMET and legal aid cost nothing.")),
            ]}),
        ],
    },
    {
        "slug": "wage-theft-abroad",
        "title": ("বিদেশে বেতন না পেলে", "If you are not paid abroad"),
        "intro": ("মালিক বেতন না দিলে বা কম দিলে চুপ করে থাকবেন না। দূতাবাস ও বিএমইটি সাহায্য করতে পারে।",
                  "If the employer does not pay or pays less, do not stay silent. The embassy and BMET can help."),
        "search_description": ("বিদেশে বেতন বকেয়া, কম বেতন, ওভারটাইম না দেওয়া হলে করণীয়।",
                               "What to do about unpaid wages, low pay or unpaid overtime abroad."),
        "body": [
            ("steps", {"title": ("বিদেশে থাকতেই যা করবেন", "What to do while still abroad"), "steps": [
                ("প্রতি মাসে কত বেতন পেলেন তা লিখে রাখুন। বেতনের স্লিপ রাখুন।", "Write down what you were paid each month. Keep pay slips."),
                ("বেতনের কথা বলা মেসেজ বা রেকর্ড মুছবেন না।", "Do not delete messages or recordings about your wages."),
                ("দূতাবাসের শ্রম উইংয়ে ফোন করুন বা যান।", "Call or visit the embassy's labour wing."),
                ("শ্রম উইং মালিকের সঙ্গে কথা বলবে বা সেই দেশের শ্রম অফিসে অভিযোগে সাহায্য করবে।", "The labour wing talks to the employer or helps you complain to the local labour office."),
                ("দেশে পরিবারকে জানান। তাঁরা বিএমইটিতে এজেন্সির বিরুদ্ধে অভিযোগ করতে পারেন।", "Tell your family at home. They can complain to BMET against the agency."),
            ]}),
            ("callout", {"title": ("পাসপোর্ট নিজের কাছে রাখার অধিকার", "Your right to keep your passport"), "tone": "info",
                         "text": ("<p>মালিক আপনার পাসপোর্ট রেখে দিলে তা দূতাবাসকে জানান।</p>",
                                  "<p>If the employer keeps your passport, tell the embassy.</p>")}),
            ("checklist", {"title": ("যে কাগজ লাগবে", "Papers you will need"), "items": [
                (("কাজের চুক্তিপত্র", "Employment contract"), True),
                (("বেতনের স্লিপ বা হিসাব", "Pay slips or wage records"), True),
                (("পাসপোর্টের কপি", "Copy of the passport"), True),
                (("আকামা বা কাজের অনুমতিপত্রের কপি", "Copy of the iqama or work permit"), False),
                (("বিএমইটির স্মার্ট কার্ড", "BMET smart card"), False),
            ]}),
            ("faq", {"title": ("প্রশ্ন ও উত্তর", "Questions and answers"), "questions": [
                (("দেশে ফিরে এলে কি আর বেতন পাওয়া যায় না?", "Can I still get my wages after coming home?"),
                 ("পাওয়া যায়। বিএমইটিতে অভিযোগ করুন। দূতাবাসের মাধ্যমে মালিকের কাছে টাকা চাওয়া যায়, তবে সময় লাগে।",
                  "Yes. Complain to BMET. The money can be claimed from the employer through the embassy, but it takes time.")),
                (("অভিযোগ করলে কি মালিক আমাকে বের করে দেবে?", "Will the employer throw me out if I complain?"),
                 ("ঝুঁকি থাকতে পারে। আগে দূতাবাসের সঙ্গে কথা বলে পরামর্শ নিন।",
                  "There can be a risk. Talk to the embassy first and take advice.")),
            ]}),
        ],
    },
    {
        "slug": "death-or-injury-abroad",
        "title": ("বিদেশে মৃত্যু বা আহত হলে: পরিবার কী করবে", "Death or injury abroad: what the family can do"),
        "intro": ("প্রিয়জন বিদেশে মারা গেলে বা আহত হলে সরকার সাহায্য করে। ওয়েজ আর্নার্স কল্যাণ বোর্ড কীভাবে সাহায্য করে, জেনে নিন।",
                  "When a loved one dies or is injured abroad, the government helps. Here is how the Wage Earners' Welfare Board helps."),
        "search_description": ("মরদেহ দেশে আনা, দাফনের খরচ, ৩ লাখ টাকা সহায়তা, বকেয়া ও ক্ষতিপূরণ।",
                               "Bringing the body home, burial cost, the Tk 3 lakh grant, dues and compensation."),
        "body": [
            ("steps", {"title": ("মৃত্যুর খবর পেলে", "When you hear of a death"), "steps": [
                ("প্রবাসী হেল্পলাইন ১৬১৩৫ নম্বরে বা দূতাবাসে জানান।", "Tell the Probashi helpline 16135 or the embassy."),
                ("মরদেহ দেশে আনতে দূতাবাস ব্যবস্থা করে। খরচ সাধারণত মালিক বা সরকার দেয়।", "The embassy arranges to bring the body home. The employer or the government usually pays."),
                ("বিমানবন্দরে কল্যাণ ডেস্ক থেকে মরদেহ নিন। সেখানেই দাফনের খরচের টাকা দেওয়া হয়।", "Receive the body at the airport welfare desk. Burial money is paid there."),
                ("ইউনিয়ন পরিষদ থেকে ওয়ারিশ সনদ নিন।", "Get the heirs' certificate from the union parishad."),
                ("জেলা কর্মসংস্থান ও জনশক্তি অফিসে আর্থিক সহায়তার আবেদন করুন।", "Apply for the grant at the District Employment and Manpower Office."),
                ("বকেয়া বেতন ও ক্ষতিপূরণ আদায়ের জন্যও আবেদন করুন। এটি দূতাবাসের মাধ্যমে আসে।", "Also apply to collect unpaid wages and compensation. This comes through the embassy."),
            ]}),
            ("callout", {"title": ("কত টাকা পাওয়া যায়", "How much you can get"), "tone": "info",
                         "text": ("<p>সরকারি নিয়মে যাওয়া কর্মীর পরিবার সাধারণত দাফনের জন্য ৩৫,০০০ টাকা ও আর্থিক সহায়তা হিসেবে ৩ লাখ টাকা পায়। সরকার পরিমাণ বদলাতে পারে, অফিসে জেনে নিন।</p>",
                                  "<p>The family of a worker who went through the government process usually gets Tk 35,000 for the burial and a grant of Tk 3 lakh. The government can change the amounts: ask the office.</p>")}),
            ("checklist", {"title": ("যে কাগজ লাগবে", "Papers you will need"), "items": [
                (("মৃত্যু সনদ", "Death certificate"), True),
                (("কর্মীর পাসপোর্টের কপি", "Copy of the worker's passport"), True),
                (("বিএমইটির স্মার্ট কার্ড বা ছাড়পত্র", "BMET smart card or clearance"), True),
                (("ওয়ারিশ সনদ", "Certificate of heirs"), True),
                (("ওয়ারিশদের জাতীয় পরিচয়পত্র ও ছবি", "Heirs' national ID cards and photos"), True),
                (("কাজের চুক্তিপত্র", "Employment contract"), False),
            ]}),
            ("heading", ("আহত বা অসুস্থ হয়ে ফিরলে", "If the worker came home injured or ill")),
            ("text", ("চিকিৎসার সব কাগজ রাখুন। দূতাবাসের মাধ্যমে মালিকের কাছে ক্ষতিপূরণ চাওয়া যায়।\n"
                      "দেশে ফেরার পর ওয়েজ আর্নার্স কল্যাণ বোর্ডে চিকিৎসা সহায়তার আবেদন করা যায়।",
                      "Keep all medical papers. Compensation can be claimed from the employer through the embassy.\n"
                      "After coming home, you can apply to the Wage Earners' Welfare Board for help with treatment.")),
            ("faq", {"title": ("প্রশ্ন ও উত্তর", "Questions and answers"), "questions": [
                (("কর্মী বিএমইটির ছাড়পত্র ছাড়া গিয়েছিলেন। তবুও কি সাহায্য পাব?", "The worker went without clearance. Can we still get help?"),
                 ("মরদেহ আনার জন্য দূতাবাসের সাহায্য চাওয়া যায়। আর্থিক সহায়তার নিয়ম অফিসে জেনে নিন।",
                  "You can ask the embassy for help to bring the body home. Ask the office about the rules for the grant.")),
                (("কেউ টাকা চাইছে কাজ করে দেওয়ার জন্য। দেব?", "Someone asks for money to get it done. Should I pay?"),
                 ("না। এই সেবা বিনা খরচে। এমন হলে হেল্পলাইনে জানান।", "No. These services are free. If this happens, tell the helpline.")),
            ]}),
        ],
    },
    {
        "slug": "returning-home",
        "title": ("দেশে ফেরার পর", "After you come home"),
        "intro": ("দেশে ফিরেও পাওনা টাকা ও খরচের টাকা ফেরত চাওয়া যায়। নতুন করে শুরু করতেও সাহায্য আছে।",
                  "After coming home you can still claim money owed and the cost you paid. There is help to start again too."),
        "search_description": ("দেশে ফিরে বকেয়া বেতন, খরচের টাকা ফেরত, হুমকি ও নতুন করে শুরু।",
                               "After return: unpaid wages, getting the cost back, threats, and a new start."),
        "body": [
            ("steps", {"title": ("ফেরার পর যা করবেন", "What to do after you return"), "steps": [
                ("বিদেশের সব কাগজ, টিকিট ও বেতনের হিসাব এক জায়গায় রাখুন।", "Keep all papers from abroad, the ticket and wage records in one place."),
                ("পাওনা বেতন বাকি থাকলে বিএমইটিতে অভিযোগ করুন।", "If wages are still owed, complain to BMET."),
                ("কাজ না পেয়ে ফিরলে দালাল বা এজেন্সির কাছে খরচের টাকা ফেরত চান। প্রথমে জিএমসি, পরে বিএমইটি।", "If you came back without work, claim the cost from the middleman or agency: the GMC first, then BMET."),
                ("কেউ হুমকি দিলে থানায় জিডি করুন।", "If anyone threatens you, make a GD at the police station."),
                ("উপজেলার অংশীদার সংস্থার কাছে প্রশিক্ষণ, ঋণ ও মানসিক সহায়তার খোঁজ নিন।", "Ask the partner organisation in your upazila about training, loans and counselling."),
            ]}),
            ("callout", {"title": ("আপনি একা নন", "You are not alone"), "tone": "help",
                         "text": ("<p>অনেক কর্মী ঠকে ফিরে আসেন। এতে লজ্জার কিছু নেই। সাহায্য চাইলে মাঠকর্মী আপনার পাশে থাকবেন।</p>",
                                  "<p>Many workers come home cheated. There is no shame in it. If you ask for help, a field worker will stand by you.</p>")}),
            ("checklist", {"title": ("যে কাগজ লাগবে", "Papers you will need"), "items": [
                (("পাসপোর্টের কপি", "Copy of the passport"), True),
                (("কাজের চুক্তিপত্র", "Employment contract"), True),
                (("বেতনের হিসাব", "Wage records"), True),
                (("বিএমইটির স্মার্ট কার্ড", "BMET smart card"), True),
                (("দেশে ফেরার টিকিট বা আউটপাস", "Return ticket or travel pass"), False),
                (("টাকা দেওয়ার রসিদ", "Receipts for money paid"), False),
            ]}),
            ("faq", {"title": ("প্রশ্ন ও উত্তর", "Questions and answers"), "questions": [
                (("ফেরার অনেক দিন পর কি অভিযোগ করা যায়?", "Can I complain long after coming back?"),
                 ("যায়, তবে যত আগে করবেন তত ভালো। প্রমাণ হারিয়ে যাওয়ার আগে করুন।",
                  "Yes, but the sooner the better. Do it before proof gets lost.")),
                (("দালাল মিথ্যা মামলা দিয়েছে। কী করব?", "The middleman filed a false case against me. What do I do?"),
                 ("জেলা লিগ্যাল এইড অফিসে বা ১৬৪৩০ নম্বরে ফোন করে বিনা খরচে আইনজীবী চান।",
                  "Go to the district legal aid office or call 16430 and ask for a free lawyer.")),
            ]}),
        ],
    },
]

MATRIX = {
    "slug": "problems-and-papers",
    "title": ("সমস্যা, পথ ও কাগজের তালিকা", "Problems, paths and papers"),
    "intro": ("কোন সমস্যায় কোথায় যাবেন, কী চাইতে পারবেন, আর কোন কাগজ লাগবে: এক নজরে।",
              "For each problem: where to go, what you can ask for and which papers you need, at a glance."),
    "search_description": ("কোন সমস্যায় কোথায় যাবেন আর কোন কাগজ লাগবে, তার তালিকা।", "Which problem goes where, and which papers it needs."),
}

HELPLINES = {
    "slug": "helplines",
    "title": ("হেল্পলাইন ও সাহায্যকারী", "Helplines and helpers"),
    "intro": ("বিপদে পড়লে বা প্রশ্ন থাকলে এই নম্বরগুলোতে ফোন করুন। ৯৯৯, ১০৯ ও ১৬৪৩০ নম্বরে ফোন করা বিনা খরচে।",
              "Call these numbers if you are in danger or have a question. Calls to 999, 109 and 16430 are free."),
    "search_description": ("৯৯৯, ১৬১৩৫ প্রবাসী হেল্পলাইন, ১০৯, ১৬৪৩০ এবং জেলার নারী ও পুরুষ সাহায্যকারী।",
                           "999, 16135 Probashi helpline, 109, 16430 and women and men helpers in each district."),
    "body": [
        ("heading", ("জাতীয় হেল্পলাইন", "National helplines")),
        # Each number is a tel: link; "free" only where the call is known to cost nothing.
        ("phones", {"title": ("এই নম্বরগুলো ফোনে সেভ করে রাখুন", "Save these numbers in your phone"), "numbers": [
            ("999", ("জাতীয় জরুরি সেবা (পুলিশ, অ্যাম্বুলেন্স, ফায়ার সার্ভিস)", "National emergency service (police, ambulance, fire)"), True),
            ("16135", ("প্রবাসী হেল্পলাইন", "Probashi helpline"), False),
            ("+8809654333333", ("প্রবাসী হেল্পলাইন, বিদেশ থেকে", "Probashi helpline, from abroad"), False),
            ("109", ("নারী ও শিশু নির্যাতন প্রতিরোধ হেল্পলাইন", "Helpline against violence on women and children"), True),
            ("16430", ("সরকারি আইনগত সহায়তা", "Government legal aid"), True),
        ]}),
        ("callout", {"title": ("বিদেশে বিপদে পড়লে", "In danger abroad"), "tone": "warning",
                     "text": ("<p>কাজের দেশের বাংলাদেশ দূতাবাসে ফোন করুন, বা দেশে পরিবারকে ১৬১৩৫ নম্বরে জানাতে বলুন।</p>",
                              "<p>Call the Bangladesh embassy in your country of work, or ask your family at home to call 16135.</p>")}),
    ],
}
