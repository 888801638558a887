"""Initial reference content: (Bangla, English) pairs. Bangla is the source; English its translation.

Written for readers with little schooling: short sentences, everyday words. Facts are those publicly
known about Bangladesh's migration redress system (BMET, WEWB, the labour wings of the missions,
the courts, the legal aid offices) and the case dealing matrix of the SIMS concept note. Amounts of
money that the government changes from time to time are given with "ask for the current amount".
"""

DOCUMENT_TYPES = [
    {"code": "passport", "text": {"name": ("পাসপোর্ট", "Passport"),
     "description": ("পাসপোর্টের প্রথম পাতার কয়েকটি ফটোকপি রাখুন।", "Keep a few photocopies of the first page.")}},
    {"code": "nid", "text": {"name": ("জাতীয় পরিচয়পত্র", "National ID card"),
     "description": ("কর্মীর বা অভিযোগকারীর জাতীয় পরিচয়পত্রের কপি।", "A copy of the worker's or the complainant's national ID card.")}},
    {"code": "visa", "text": {"name": ("ভিসার কপি", "Copy of the visa"),
     "description": ("ভিসার কাগজ বা পাসপোর্টে লাগানো ভিসার পাতার কপি।", "The visa paper or a copy of the visa page in the passport.")}},
    {"code": "contract", "text": {"name": ("কাজের চুক্তিপত্র", "Employment contract"),
     "description": ("এখানে বেতন, কাজ আর কত দিনের কাজ তা লেখা থাকে।", "It says the wage, the job and for how long.")}},
    {"code": "bmet_card", "text": {"name": ("বিএমইটির স্মার্ট কার্ড (বহির্গমন ছাড়পত্র)", "BMET smart card (emigration clearance)"),
     "description": ("এটি প্রমাণ করে আপনি সরকারি নিয়মে বিদেশে গেছেন।", "It proves you went abroad through the government process.")}},
    {"code": "money_receipt", "text": {"name": ("টাকা দেওয়ার রসিদ", "Receipts for money paid"),
     "description": ("কাকে, কবে, কত টাকা দিয়েছেন। রসিদে সই থাকলে ভালো।", "Who you paid, when and how much. Better if the receipt is signed.")}},
    {"code": "transfer_records", "text": {"name": ("ব্যাংক, বিকাশ বা নগদে টাকা পাঠানোর প্রমাণ", "Proof of bank or mobile-money payments"),
     "description": ("টাকা পাঠানোর মেসেজ বা ব্যাংকের কাগজ।", "The payment message or the bank slip.")}},
    {"code": "written_agreement", "text": {"name": ("দালালের সঙ্গে লিখিত চুক্তি বা স্ট্যাম্প", "Written agreement or stamp paper with the middleman"),
     "description": ("দালাল বা এজেন্সির সঙ্গে সই করা যেকোনো কাগজ।", "Any paper signed with the middleman or the agency.")}},
    {"code": "agent_details", "text": {"name": ("দালাল বা এজেন্সির নাম, ঠিকানা ও ফোন নম্বর", "Name, address and phone of the middleman or agency"),
     "description": ("কাগজে লিখে রাখুন। এজেন্সির লাইসেন্স নম্বর জানলে সেটাও।", "Write it on paper. The agency's licence number too, if you know it.")}},
    {"code": "witnesses", "text": {"name": ("সাক্ষীর নাম ও ফোন নম্বর", "Names and phone numbers of witnesses"),
     "description": ("যাঁরা টাকা দেওয়ার সময় বা কথা বলার সময় ছিলেন।", "People who were there when money was paid or promises were made.")}},
    {"code": "messages", "text": {"name": ("ফোনের মেসেজ, ছবি ও ভয়েস রেকর্ড", "Phone messages, photos and voice recordings"),
     "description": ("মুছে ফেলবেন না। অন্য ফোনে বা পরিবারের কাছে কপি পাঠিয়ে রাখুন।", "Do not delete them. Send a copy to another phone or to your family.")}},
    {"code": "work_permit", "text": {"name": ("বিদেশের কাজের অনুমতিপত্র বা আকামা", "Work permit or residence card abroad (iqama)"),
     "description": ("কাজের দেশে দেওয়া পরিচয়পত্র বা কাজের অনুমতির কপি।", "A copy of the ID card or work permit given in the country of work.")}},
    {"code": "pay_records", "text": {"name": ("বেতনের স্লিপ বা বেতনের হিসাব", "Pay slips or wage records"),
     "description": ("কোন মাসে কত টাকা পেয়েছেন, কত পাননি।", "How much you got each month, and what was not paid.")}},
    {"code": "medical_report", "text": {"name": ("ডাক্তারের কাগজ ও চিকিৎসার রিপোর্ট", "Medical papers and reports"),
     "description": ("হাসপাতালের কাগজ, ব্যবস্থাপত্র ও আঘাতের ছবি।", "Hospital papers, prescriptions and photos of injuries.")}},
    {"code": "death_certificate", "text": {"name": ("মৃত্যু সনদ", "Death certificate"),
     "description": ("বিদেশের হাসপাতাল বা দূতাবাস থেকে পাওয়া কাগজ।", "The paper from the hospital abroad or from the embassy.")}},
    {"code": "heir_certificate", "text": {"name": ("ওয়ারিশ সনদ", "Certificate of heirs (warish certificate)"),
     "description": ("ইউনিয়ন পরিষদ বা পৌরসভা থেকে নিতে হয়।", "You get it from the union parishad or the municipality.")}},
    {"code": "police_report", "text": {"name": ("থানার জিডি বা মামলার কপি", "Copy of the police GD or case"),
     "description": ("থানায় জিডি বা মামলা করে থাকলে তার কপি।", "A copy if you made a general diary entry or a case at the police station.")}},
    {"code": "travel_document", "text": {"name": ("দেশে ফেরার টিকিট বা আউটপাস", "Return ticket or travel pass (outpass)"),
     "description": ("কবে দেশে ফিরেছেন তার প্রমাণ।", "Proof of the date you came home.")}},
]

REMEDIES = [
    {"code": "money_back", "text": {"name": ("দেওয়া টাকা ফেরত", "Return of the money paid")}},
    {"code": "unpaid_wages", "text": {"name": ("পাওনা বেতন আদায়", "Payment of unpaid wages")}},
    {"code": "compensation", "text": {"name": ("ক্ষতিপূরণ", "Compensation")}},
    {"code": "job_as_promised", "text": {"name": ("কথামতো কাজ বা বিদেশে যাওয়ার ব্যবস্থা", "The job or the journey as promised")}},
    {"code": "safe_return", "text": {"name": ("নিরাপদে দেশে ফেরা", "Safe return home")}},
    {"code": "documents_back", "text": {"name": ("পাসপোর্ট ও কাগজ ফেরত", "Return of passport and papers")}},
    {"code": "punishment", "text": {"name": ("দোষী ব্যক্তির শাস্তি", "Punishment of the person responsible")}},
    {"code": "protection", "text": {"name": ("হুমকি থেকে নিরাপত্তা", "Protection from threats")}},
    {"code": "death_benefits", "text": {"name": ("মৃত্যুর পর পরিবারের আর্থিক সহায়তা ও পাওনা", "Death grant and dues for the family")}},
    {"code": "body_repatriation", "text": {"name": ("মরদেহ দেশে আনা", "Bringing the body home")}},
    {"code": "medical_care", "text": {"name": ("চিকিৎসার সহায়তা", "Help with medical treatment")}},
]

CHANNELS = [
    {
        "code": "gmc",
        "plain": {"phone": "", "website": ""},
        "text": {
            "name": ("এলাকার অভিযোগ নিষ্পত্তি কমিটি (জিএমসি)", "Local mediation: the Grievance Management Committee (GMC)"),
            "summary": ("এলাকার দালাল ঠকালে প্রথমে এখানে যান। বিনা খরচে, অল্প সময়ে আপস হয়।",
                        "Go here first when a local middleman cheated you. Free, and usually quick."),
            "handles": (
                "বিদেশে পাঠানোর কথা বলে এলাকার দালাল টাকা নিয়েছে, কিন্তু পাঠায়নি বা টাকা ফেরত দিচ্ছে না।\n"
                "বিদেশ থেকে কাজ না পেয়ে ফিরে আসার পর খরচের টাকা ফেরত চাওয়া।\n"
                "দালাল যখন আপনার এলাকার মানুষ, তখন এই পথ সবচেয়ে ভালো কাজ করে।",
                "A local middleman took money to send you abroad but did not, or will not return it.\n"
                "Getting the cost back after coming home without work.\n"
                "This path works best when the middleman lives in your area."),
            "who_can_use": (
                "কর্মী নিজে বা তাঁর পরিবারের যেকোনো সদস্য। নারী ও পুরুষ সবাই।",
                "The worker or any member of the family. Women and men alike."),
            "where_to_file": (
                "আপনার উপজেলার অংশীদার সংস্থার অফিসে যান, অথবা মাঠকর্মীকে জানান।\n"
                "কমিটির সভা সাধারণত ইউনিয়ন পরিষদে বা উপজেলায় হয়।\n"
                "ছোট টাকার বিরোধে ইউনিয়ন পরিষদের গ্রাম আদালতেও যাওয়া যায়।",
                "Go to the partner organisation's office in your upazila, or tell its field worker.\n"
                "The committee usually meets at the union parishad or the upazila.\n"
                "For smaller money disputes you can also go to the union parishad's village court."),
            "how_to_file": (
                "মাঠকর্মীকে পুরো ঘটনা বলুন। তিনি লিখে নেবেন।\n"
                "আপনার কাছে যা কাগজ আছে তার কপি দিন।\n"
                "কমিটি দালালকে চিঠি দিয়ে সভায় ডাকবে।\n"
                "সভায় দুই পক্ষ কথা বলবে। আপনি সঙ্গে একজন আত্মীয় আনতে পারেন।\n"
                "আপস হলে দুই পক্ষ ও সাক্ষীরা লিখিত চুক্তিতে সই করবেন।\n"
                "মাঠকর্মী খোঁজ রাখবেন টাকা কথামতো ফেরত আসছে কি না।",
                "Tell the field worker the whole story. They will write it down.\n"
                "Give copies of the papers you have.\n"
                "The committee sends the middleman a letter inviting them to a meeting.\n"
                "Both sides speak at the meeting. You may bring a relative.\n"
                "If you agree, both sides and the witnesses sign a written settlement.\n"
                "The field worker checks that the money comes back as agreed."),
            "documents_needed": (
                "টাকা দেওয়ার রসিদ বা টাকা পাঠানোর প্রমাণ\n"
                "দালালের নাম, ঠিকানা ও ফোন নম্বর\n"
                "জাতীয় পরিচয়পত্রের কপি\n"
                "সাক্ষীর নাম ও ফোন নম্বর",
                "Receipts or proof of payment\n"
                "The middleman's name, address and phone number\n"
                "Copy of the national ID card\n"
                "Names and phone numbers of witnesses"),
            "cost": ("কোনো খরচ নেই।", "It costs nothing."),
            "usual_time": ("সাধারণত ১ থেকে ৩ মাস।", "Usually 1 to 3 months."),
            "what_to_expect": (
                "এখানে শাস্তি হয় না, আপস হয়। অনেক সময় টাকা কয়েক কিস্তিতে ফেরত আসে।\n"
                "দালাল না এলে বা কথা না রাখলে আপনার ঘটনা বিএমইটি বা আদালতে পাঠানো হবে।\n"
                "সই করা আপসের কাগজ পরে প্রমাণ হিসেবে কাজে লাগে।",
                "This path brings a settlement, not punishment. Money often comes back in instalments.\n"
                "If the middleman does not come or breaks the promise, your case goes to BMET or to court.\n"
                "The signed settlement is useful as evidence later."),
            "contacts": (
                "আপনার উপজেলার অংশীদার সংস্থা। নম্বর পাবেন হেল্পলাইন পাতায়।",
                "The partner organisation in your upazila. Numbers are on the helplines page."),
        },
    },
    {
        "code": "bmet",
        "plain": {"phone": "16135", "website": "http://www.bmet.gov.bd"},
        "text": {
            "name": ("বিএমইটিতে অভিযোগ (জনশক্তি, কর্মসংস্থান ও প্রশিক্ষণ ব্যুরো)", "Complaint to BMET (Bureau of Manpower, Employment and Training)"),
            "summary": ("রিক্রুটিং এজেন্সির বিরুদ্ধে সরকারের কাছে অভিযোগ। অভিযোগ করতে কোনো টাকা লাগে না।",
                        "A complaint to the government against a recruiting agency. Complaining is free."),
            "handles": (
                "রিক্রুটিং এজেন্সি টাকা নিয়ে বিদেশে পাঠায়নি।\n"
                "চুক্তির চেয়ে বেশি টাকা নিয়েছে।\n"
                "বিদেশে কথামতো কাজ বা বেতন দেয়নি।\n"
                "বিদেশে নির্যাতন হয়েছে, আর এজেন্সি দায় নিচ্ছে না।",
                "A recruiting agency took money and did not send you abroad.\n"
                "It took more money than agreed.\n"
                "Abroad, you did not get the job or the wage promised.\n"
                "You were abused abroad and the agency will not take responsibility."),
            "who_can_use": (
                "কর্মী নিজে, বা কর্মী বিদেশে থাকলে তাঁর পরিবার। এজেন্সির নাম জানা থাকলে অভিযোগ সবচেয়ে ভালো চলে।",
                "The worker, or the family while the worker is abroad. It works best when you know the agency's name."),
            "where_to_file": (
                "ঢাকায় বিএমইটির প্রধান অফিস: ৮৯/২ কাকরাইল, ঢাকা ১০০০।\n"
                "অথবা কাছের জেলা কর্মসংস্থান ও জনশক্তি অফিসে (ডেমো)।\n"
                "বিএমইটির ওয়েবসাইটেও অভিযোগ জমা দেওয়ার ব্যবস্থা আছে।",
                "BMET head office: 89/2 Kakrail, Dhaka 1000.\n"
                "Or the nearest District Employment and Manpower Office (DEMO).\n"
                "BMET's website also has a way to submit a complaint."),
            "how_to_file": (
                "বিএমইটির মহাপরিচালক বরাবর একটি লিখিত আবেদন লিখুন। কী হয়েছে, কবে, কে দায়ী, কত টাকা।\n"
                "আবেদনের সঙ্গে সব কাগজের কপি দিন। আসল কাগজ নিজের কাছে রাখুন।\n"
                "জমা দেওয়ার সময় রিসিভ কপি বা অভিযোগ নম্বর নিন।\n"
                "বিএমইটি একটি কমিটি করে অভিযোগের তদন্ত করে।\n"
                "তদন্তের রিপোর্ট দেখে বিএমইটি ঠিক করে শুনানি হবে কি না।\n"
                "শুনানি হলে আপনাকে ও এজেন্সিকে চিঠি দিয়ে ডাকা হয়। দুই পক্ষের কথা শুনে আপসের চেষ্টা হয়।\n"
                "আপস না হলে বিএমইটি মামলার পরামর্শ দিতে পারে।",
                "Write an application to the Director General of BMET: what happened, when, who is responsible, how much money.\n"
                "Attach copies of all papers. Keep the originals yourself.\n"
                "When you submit, take a received copy or the complaint number.\n"
                "BMET sets up a committee that investigates the complaint.\n"
                "From the investigation report BMET decides whether to hold a hearing.\n"
                "If there is a hearing, you and the agency are called by letter. Both sides are heard and a settlement is tried.\n"
                "If there is no settlement, BMET may advise going to court."),
            "documents_needed": (
                "পাসপোর্টের কপি\n"
                "ভিসা ও চুক্তিপত্রের কপি (থাকলে)\n"
                "টাকা দেওয়ার রসিদ\n"
                "এজেন্সি বা দালালের নাম, ঠিকানা ও ফোন নম্বর\n"
                "জাতীয় পরিচয়পত্রের কপি",
                "Copy of the passport\n"
                "Copies of the visa and the contract (if you have them)\n"
                "Receipts for money paid\n"
                "Name, address and phone of the agency or middleman\n"
                "Copy of the national ID card"),
            "cost": ("অভিযোগ করতে কোনো টাকা লাগে না। শুধু যাতায়াতের খরচ।", "Complaining costs nothing. Only your travel."),
            "usual_time": ("কয়েক মাস। অনেক ঘটনায় ৩ থেকে ৬ মাস বা তার বেশি।", "Several months. Often 3 to 6 months or more."),
            "what_to_expect": (
                "তদন্তের পর বিএমইটি শুনানিতে ডাকতে পারে; আপস হলে নেওয়া টাকা ফেরতের আদেশ হয়। সব অভিযোগে শুনানি হয় না।\n"
                "এজেন্সি দোষী হলে সরকার তার লাইসেন্সের বিরুদ্ধে ব্যবস্থা নিতে পারে।\n"
                "বিএমইটি জেল দিতে পারে না। শাস্তির জন্য আদালতে যেতে হয়।",
                "After the investigation BMET may call both sides to a hearing; if they settle, BMET orders the money taken to be paid back. Not every complaint gets a hearing.\n"
                "If the agency is at fault, the government can act against its licence.\n"
                "BMET cannot send anyone to jail. For punishment you go to court."),
            "contacts": (
                "বিএমইটি, ৮৯/২ কাকরাইল, ঢাকা ১০০০। অফিস রবি থেকে বৃহস্পতিবার।\n"
                "প্রবাসী হেল্পলাইন: ১৬১৩৫ (বিদেশ থেকে +৮৮০৯৬৫৪৩৩৩৩৩৩)।",
                "BMET, 89/2 Kakrail, Dhaka 1000. Open Sunday to Thursday.\n"
                "Probashi helpline: 16135 (from abroad +8809654333333)."),
        },
    },
    {
        "code": "wewb",
        "plain": {"phone": "16135", "website": "https://www.wewb.gov.bd"},
        "text": {
            "name": ("ওয়েজ আর্নার্স কল্যাণ বোর্ড", "Wage Earners' Welfare Board (WEWB)"),
            "summary": ("বিদেশে মারা যাওয়া বা আহত কর্মীর পরিবারকে সরকারি সহায়তা ও পাওনা আদায়।",
                        "Government support and collection of dues for families of workers who died or were injured abroad."),
            "handles": (
                "বিদেশে কর্মী মারা গেলে মরদেহ দেশে আনা ও দাফনের খরচ।\n"
                "মারা যাওয়া কর্মীর পরিবারকে সরকারি আর্থিক সহায়তা।\n"
                "মৃত কর্মীর বকেয়া বেতন, ক্ষতিপূরণ ও বিমার টাকা বিদেশ থেকে আদায়।\n"
                "বিদেশে আহত বা অসুস্থ হয়ে ফেরা কর্মীর চিকিৎসা সহায়তা।",
                "Bringing a worker's body home and the cost of the burial.\n"
                "A government grant to the family of a worker who died abroad.\n"
                "Collecting the dead worker's unpaid wages, compensation and insurance from abroad.\n"
                "Help with treatment for workers who came home injured or ill."),
            "who_can_use": (
                "যে কর্মী সরকারি নিয়মে (বিএমইটির ছাড়পত্র নিয়ে) বিদেশে গেছেন, তাঁর পরিবার বা ওয়ারিশ।\n"
                "ছাড়পত্র না থাকলেও দূতাবাসের মাধ্যমে মরদেহ আনার সাহায্য চাওয়া যায়।",
                "The family or heirs of a worker who went abroad through the government process (with BMET clearance).\n"
                "Even without clearance you can ask for help, through the embassy, to bring the body home."),
            "where_to_file": (
                "ওয়েজ আর্নার্স কল্যাণ বোর্ড, প্রবাসী কল্যাণ ভবন, ৭১-৭২ পুরাতন এলিফ্যান্ট রোড, ইস্কাটন গার্ডেন, ঢাকা।\n"
                "জেলা কর্মসংস্থান ও জনশক্তি অফিস (ডেমো) আবেদন নিয়ে বোর্ডে পাঠায়।\n"
                "বিমানবন্দরের প্রবাসী কল্যাণ ডেস্ক মরদেহ গ্রহণে সাহায্য করে।",
                "Wage Earners' Welfare Board, Probashi Kallyan Bhaban, 71-72 Old Elephant Road, Eskaton Garden, Dhaka.\n"
                "The District Employment and Manpower Office (DEMO) takes applications and sends them to the Board.\n"
                "The Probashi welfare desk at the airport helps to receive the body."),
            "how_to_file": (
                "মৃত্যুর খবর পেলে দূতাবাস বা প্রবাসী হেল্পলাইনে জানান।\n"
                "মরদেহ বিমানবন্দরে এলে কল্যাণ ডেস্ক থেকে দাফনের খরচের টাকা নিন।\n"
                "জেলা অফিসে আর্থিক সহায়তার জন্য নির্দিষ্ট ফরমে আবেদন করুন।\n"
                "ওয়ারিশ সনদ ও মৃত্যু সনদসহ সব কাগজ জমা দিন।\n"
                "বকেয়া বেতন বা ক্ষতিপূরণের জন্য ওয়ারিশদের পক্ষে ক্ষমতাপত্র দিতে হতে পারে।\n"
                "টাকা সাধারণত ওয়ারিশদের ব্যাংক হিসাবে আসে।",
                "When you hear of the death, tell the embassy or the Probashi helpline.\n"
                "When the body arrives at the airport, take the burial money from the welfare desk.\n"
                "Apply for the grant on the set form at the district office.\n"
                "Hand in all papers, including the heirs' certificate and the death certificate.\n"
                "For unpaid wages or compensation the heirs may need to sign a power of attorney.\n"
                "The money usually comes to the heirs' bank account."),
            "documents_needed": (
                "মৃত্যু সনদ\n"
                "কর্মীর পাসপোর্টের কপি\n"
                "বিএমইটির স্মার্ট কার্ড বা ছাড়পত্রের কপি\n"
                "ওয়ারিশ সনদ\n"
                "ওয়ারিশদের জাতীয় পরিচয়পত্রের কপি ও ছবি",
                "Death certificate\n"
                "Copy of the worker's passport\n"
                "Copy of the BMET smart card or clearance\n"
                "Certificate of heirs\n"
                "Copies of the heirs' national ID cards, and photos"),
            "cost": ("কোনো খরচ নেই। কেউ টাকা চাইলে হেল্পলাইনে জানান।", "It costs nothing. If anyone asks for money, tell the helpline."),
            "usual_time": (
                "দাফনের টাকা বিমানবন্দরেই দেওয়া হয়। আর্থিক সহায়তা কয়েক মাস লাগে। বিদেশের পাওনা আদায়ে এক বছর বা বেশি লাগতে পারে।",
                "Burial money is paid at the airport. The grant takes a few months. Dues from abroad can take a year or more."),
            "what_to_expect": (
                "সরকারি নিয়মে যাওয়া কর্মীর পরিবার সাধারণত দাফনের খরচ (৩৫,০০০ টাকা) ও আর্থিক সহায়তা (৩ লাখ টাকা) পায়। টাকার পরিমাণ সরকার বদলাতে পারে, অফিসে বর্তমান পরিমাণ জেনে নিন।\n"
                "বিদেশের পাওনা আদায় হবে কি না, তা মালিক ও সেই দেশের আদালতের ওপর নির্ভর করে।",
                "The family of a worker who went through the government process usually gets burial money (Tk 35,000) and a grant (Tk 3 lakh). The government can change the amounts: ask the office for the current amount.\n"
                "Whether dues are recovered from abroad depends on the employer and the courts of that country."),
            "contacts": (
                "প্রবাসী হেল্পলাইন: ১৬১৩৫ (বিদেশ থেকে +৮৮০৯৬৫৪৩৩৩৩৩৩)।\n"
                "ওয়েজ আর্নার্স কল্যাণ বোর্ড, ইস্কাটন গার্ডেন, ঢাকা।",
                "Probashi helpline: 16135 (from abroad +8809654333333).\n"
                "Wage Earners' Welfare Board, Eskaton Garden, Dhaka."),
        },
    },
    {
        "code": "court",
        "plain": {"phone": "", "website": ""},
        "text": {
            "name": ("আদালতে মামলা", "A case in court"),
            "summary": ("প্রতারক বা পাচারকারীর শাস্তি চাইলে, বা আপস না হলে। আইনজীবী লাগে; বিনা খরচে পাওয়া যায়।",
                        "To punish a cheat or a trafficker, or when there is no settlement. You need a lawyer; a free one is possible."),
            "handles": (
                "প্রতারণা ও টাকা আত্মসাৎ (দালাল বা এজেন্সি টাকা নিয়ে পাঠায়নি)।\n"
                "লাইসেন্স ছাড়া বিদেশে লোক পাঠানো বা বেশি টাকা নেওয়া।\n"
                "মানব পাচার।\n"
                "জিএমসি বা বিএমইটিতে আপস না হলে টাকা আদায়।",
                "Cheating and taking money dishonestly (a middleman or agency took money and did not send you).\n"
                "Sending people abroad without a licence, or charging too much.\n"
                "Human trafficking.\n"
                "Recovering money when the GMC or BMET gave no settlement."),
            "who_can_use": (
                "যে কেউ যিনি ক্ষতির শিকার, বা তাঁর পরিবার। পাচারের মামলা যে কেউ করতে পারেন।",
                "Anyone who was harmed, or their family. Anyone can report trafficking."),
            "where_to_file": (
                "থানায় মামলা (এজাহার) করা যায়।\n"
                "অথবা জেলার চিফ জুডিশিয়াল ম্যাজিস্ট্রেট আদালতে নালিশি মামলা।\n"
                "পাচারের মামলা মানব পাচার অপরাধ দমন ট্রাইব্যুনালে চলে।",
                "You can file a case (FIR) at the police station.\n"
                "Or a complaint case at the Chief Judicial Magistrate's court of the district.\n"
                "Trafficking cases are heard by the anti-human trafficking tribunals."),
            "how_to_file": (
                "আগে একজন আইনজীবীর সঙ্গে কথা বলুন। টাকা না থাকলে জেলা লিগ্যাল এইড অফিস বা আইনি সহায়তা সংস্থা বিনা খরচে আইনজীবী দেয়।\n"
                "আইনজীবী আপনার কথা ও কাগজ দেখে অভিযোগ লিখবেন।\n"
                "থানায় বা আদালতে অভিযোগ জমা হবে। মামলার নম্বর লিখে রাখুন।\n"
                "পুলিশ তদন্ত করে রিপোর্ট দেবে।\n"
                "শুনানির দিনে আদালতে হাজির থাকুন। সাক্ষীদেরও আসতে হবে।",
                "First talk to a lawyer. If you have no money, the district legal aid office or a legal aid organisation gives a free lawyer.\n"
                "The lawyer looks at your story and papers and writes the complaint.\n"
                "It is filed at the police station or the court. Write down the case number.\n"
                "The police investigate and send a report.\n"
                "Be in court on hearing days. Witnesses must come too."),
            "documents_needed": (
                "টাকা দেওয়ার রসিদ ও টাকা পাঠানোর প্রমাণ\n"
                "দালাল বা এজেন্সির নাম ও ঠিকানা\n"
                "পাসপোর্ট, ভিসা ও চুক্তিপত্রের কপি\n"
                "মেসেজ, ছবি ও ভয়েস রেকর্ড\n"
                "সাক্ষীর নাম ও ঠিকানা\n"
                "জিএমসি বা বিএমইটির কাগজ (থাকলে)",
                "Receipts and proof of payment\n"
                "Name and address of the middleman or agency\n"
                "Copies of the passport, visa and contract\n"
                "Messages, photos and voice recordings\n"
                "Names and addresses of witnesses\n"
                "Papers from the GMC or BMET (if any)"),
            "cost": ("আদালতের ফি ও আইনজীবীর খরচ লাগে। লিগ্যাল এইড পেলে খরচ লাগে না।",
                     "There are court fees and the lawyer's fee. With legal aid it costs nothing."),
            "usual_time": ("অনেক সময় লাগে: এক বছর থেকে কয়েক বছর।", "It takes long: from a year to several years."),
            "what_to_expect": (
                "দোষ প্রমাণ হলে জেল ও জরিমানা হতে পারে। জরিমানার টাকা থেকে ক্ষতিপূরণের আদেশ হতে পারে।\n"
                "মামলা চলার সময় আপস হলে আদালতকে জানাতে হয়।\n"
                "হুমকি পেলে সঙ্গে সঙ্গে আইনজীবী ও পুলিশকে জানান।",
                "If guilt is proved there can be prison and a fine. The court can order compensation from the fine.\n"
                "If you settle while the case goes on, the court must be told.\n"
                "If you are threatened, tell your lawyer and the police at once."),
            "contacts": (
                "জেলা জজ আদালত ভবনের লিগ্যাল এইড অফিস।\n"
                "সরকারি আইনগত সহায়তা হেল্পলাইন: ১৬৪৩০ (টোল-ফ্রি)।",
                "The legal aid office in the district judge court building.\n"
                "Government legal aid helpline: 16430 (free call)."),
        },
    },
    {
        "code": "legal_aid_office",
        "plain": {"phone": "16430", "website": "https://nlaso.gov.bd"},
        "text": {
            "name": ("জেলা লিগ্যাল এইড অফিস", "District legal aid office"),
            "summary": ("টাকা না থাকলেও সরকারি খরচে আইনজীবী ও আপসের সুযোগ।", "A lawyer at government cost, and mediation, if you cannot pay."),
            "handles": (
                "মামলা করার জন্য বিনা খরচে আইনজীবী।\n"
                "মামলার আগে দুই পক্ষকে ডেকে আপস (মধ্যস্থতা)।\n"
                "কোথায় যাবেন তা নিয়ে আইনি পরামর্শ।",
                "A free lawyer to go to court.\n"
                "Mediation: calling both sides to settle before a case.\n"
                "Legal advice on where to go."),
            "who_can_use": (
                "যাঁরা মামলার খরচ চালাতে পারেন না। নারী, শিশু, পাচারের শিকার ও দরিদ্র মানুষ বিশেষভাবে।",
                "People who cannot pay for a case. Especially women, children, trafficking survivors and poor people."),
            "where_to_file": (
                "প্রতিটি জেলায় জেলা জজ আদালত ভবনে লিগ্যাল এইড অফিস আছে।\n"
                "ঢাকার শ্রম আদালত ও সুপ্রিম কোর্টেও লিগ্যাল এইড অফিস আছে।",
                "Every district has a legal aid office in the district judge court building.\n"
                "There are also legal aid offices at the labour court in Dhaka and at the Supreme Court."),
            "how_to_file": (
                "অফিসে গিয়ে বা ১৬৪৩০ নম্বরে ফোন করে সাহায্য চান।\n"
                "নির্দিষ্ট ফরমে আবেদন করুন। অফিসের লোক ফরম পূরণে সাহায্য করবেন।\n"
                "লিগ্যাল এইড অফিসার দেখবেন আপস সম্ভব কি না।\n"
                "আপস না হলে আপনার জন্য প্যানেলের একজন আইনজীবী ঠিক করা হবে।",
                "Go to the office or call 16430 and ask for help.\n"
                "Apply on the set form. Office staff will help you fill it in.\n"
                "The legal aid officer sees whether a settlement is possible.\n"
                "If not, a lawyer from the panel is appointed for you."),
            "documents_needed": (
                "জাতীয় পরিচয়পত্রের কপি\n"
                "ঘটনার সব কাগজের কপি\n"
                "আয় কম হলে ইউনিয়ন পরিষদ বা পৌরসভার সনদ (চাইলে)",
                "Copy of the national ID card\n"
                "Copies of all papers about what happened\n"
                "A certificate of low income from the union parishad or municipality (if asked)"),
            "cost": ("কোনো খরচ নেই।", "It costs nothing."),
            "usual_time": ("আপসে কয়েক সপ্তাহ থেকে কয়েক মাস। মামলায় বেশি সময় লাগে।",
                           "Mediation takes a few weeks to a few months. A court case takes longer."),
            "what_to_expect": (
                "আপস হলে লিখিত চুক্তি হয়, যা আদালতের আদেশের মতো মানতে হয়।\n"
                "মামলা হলে আইনজীবী আদালতে আপনার পক্ষে লড়বেন।",
                "A settlement is written down and must be kept like a court order.\n"
                "In a court case, the lawyer speaks for you in court."),
            "contacts": (
                "জাতীয় আইনগত সহায়তা সংস্থা। হেল্পলাইন: ১৬৪৩০ (টোল-ফ্রি)।",
                "National Legal Aid Services Organisation. Helpline: 16430 (free call)."),
        },
    },
    {
        "code": "mission_labour_wing",
        # No phone here: +8809654333333 is the Probashi helpline, not the labour wing (see contacts).
        "plain": {"phone": "", "website": ""},
        "text": {
            "name": ("বিদেশে বাংলাদেশ দূতাবাসের শ্রম উইং", "Labour wing of the Bangladesh embassy abroad"),
            "summary": ("বিদেশে থাকা অবস্থায় বেতন, নির্যাতন বা বিপদে প্রথম সরকারি সাহায্য।",
                        "The first government help while you are abroad: wages, abuse or danger."),
            "handles": (
                "বেতন না দেওয়া বা কম দেওয়া।\n"
                "চুক্তির চেয়ে ভিন্ন কাজ।\n"
                "মালিক পাসপোর্ট রেখে দিয়েছে।\n"
                "নির্যাতন বা আটকে রাখা। কিছু দেশে নারী কর্মীদের জন্য আশ্রয়কেন্দ্র আছে।\n"
                "পাসপোর্ট না থাকলে দেশে ফেরার ট্রাভেল পাস (আউটপাস)।\n"
                "কর্মী মারা গেলে মরদেহ পাঠানো ও পাওনা আদায়।",
                "Wages not paid or cut.\n"
                "A job different from the contract.\n"
                "The employer keeps your passport.\n"
                "Abuse or confinement. Some countries have shelters for women workers.\n"
                "A travel pass (outpass) to come home without a passport.\n"
                "Sending a worker's body home and collecting the dues."),
            "who_can_use": (
                "বিদেশে থাকা যেকোনো বাংলাদেশি কর্মী। দেশে থাকা পরিবারও প্রবাসী হেল্পলাইনের মাধ্যমে জানাতে পারেন।",
                "Any Bangladeshi worker abroad. The family at home can also report through the Probashi helpline."),
            "where_to_file": (
                "কাজের দেশে বাংলাদেশ দূতাবাস বা কনস্যুলেটের শ্রম উইং।\n"
                "অনেক দূতাবাসের হটলাইন ও হোয়াটসঅ্যাপ নম্বর আছে।",
                "The labour wing of the Bangladesh embassy or consulate in the country of work.\n"
                "Many embassies have a hotline and a WhatsApp number."),
            "how_to_file": (
                "দূতাবাসে ফোন করুন বা সরাসরি যান। না পারলে দেশে পরিবারকে জানাতে বলুন।\n"
                "আপনার নাম, পাসপোর্ট নম্বর, মালিকের নাম, ঠিকানা ও ফোন নম্বর বলুন।\n"
                "শ্রম উইং মালিকের সঙ্গে কথা বলবে বা সেই দেশের শ্রম অফিসে অভিযোগে সাহায্য করবে।\n"
                "বিপদে থাকলে আশ্রয় বা দেশে ফেরার ব্যবস্থা চান।",
                "Call the embassy or go there. If you cannot, ask your family at home to report.\n"
                "Give your name, passport number, and the employer's name, address and phone number.\n"
                "The labour wing talks to the employer or helps you complain to that country's labour office.\n"
                "If you are in danger, ask for shelter or to be sent home."),
            "documents_needed": (
                "পাসপোর্ট বা তার কপি (মালিক রেখে দিলে সেটা বলুন)\n"
                "কাজের অনুমতিপত্র বা আকামার কপি\n"
                "চুক্তিপত্র\n"
                "বেতনের হিসাব",
                "The passport or a copy (if the employer kept it, say so)\n"
                "Copy of the work permit or iqama\n"
                "The contract\n"
                "Wage records"),
            "cost": ("কোনো খরচ নেই।", "It costs nothing."),
            "usual_time": ("জরুরি সাহায্য কয়েক দিনে। বেতনের বিরোধে কয়েক সপ্তাহ থেকে কয়েক মাস।",
                           "Emergency help within days. Wage disputes take weeks to months."),
            "what_to_expect": (
                "শ্রম উইং মালিককে বেতন দিতে রাজি করানোর চেষ্টা করে, বা সেই দেশের শ্রম আদালতে যেতে সাহায্য করে।\n"
                "সব দেশে আশ্রয়কেন্দ্র নেই। দেশে ফেরার খরচ অনেক সময় মালিক বা এজেন্সিকে দিতে বলা হয়।",
                "The labour wing tries to get the employer to pay, or helps you go to that country's labour court.\n"
                "Not every country has a shelter. The employer or the agency is often asked to pay for the trip home."),
            "contacts": (
                "প্রবাসী হেল্পলাইন (বিদেশ থেকে): +৮৮০৯৬৫৪৩৩৩৩৩৩। দেশ থেকে: ১৬১৩৫।\n"
                "আপনার কাজের দেশের দূতাবাসের নম্বর প্রবাসী কল্যাণ মন্ত্রণালয়ের ওয়েবসাইটে পাবেন।",
                "Probashi helpline (from abroad): +8809654333333. From Bangladesh: 16135.\n"
                "The number of the embassy in your country of work is on the website of the Ministry of Expatriates' Welfare."),
        },
    },
    {
        "code": "police_helpline",
        "plain": {"phone": "999", "website": ""},
        "text": {
            "name": ("পুলিশ ও জরুরি হেল্পলাইন", "Police and emergency helplines"),
            "summary": ("এখনই বিপদে থাকলে, হুমকি পেলে বা পাচারের খবর জানলে।", "If you are in danger now, are threatened, or know of trafficking."),
            "handles": (
                "জীবনের ঝুঁকি, মারধর বা আটকে রাখা।\n"
                "মানব পাচার বা পাচারের চেষ্টা।\n"
                "অভিযোগ করার পর দালালের হুমকি।\n"
                "নারী ও শিশুর প্রতি সহিংসতা।",
                "Danger to life, beating or being held.\n"
                "Human trafficking, or an attempt at it.\n"
                "Threats from a middleman after you complained.\n"
                "Violence against women and children."),
            "who_can_use": ("যে কেউ। নিজের জন্য বা অন্যের জন্য।", "Anyone. For yourself or for someone else."),
            "where_to_file": (
                "জাতীয় জরুরি সেবা: ৯৯৯ (বিনা খরচে, ২৪ ঘণ্টা)।\n"
                "নারী ও শিশু নির্যাতন প্রতিরোধ হেল্পলাইন: ১০৯।\n"
                "প্রবাসী হেল্পলাইন: ১৬১৩৫।\n"
                "কাছের থানা।",
                "National emergency service: 999 (free, 24 hours).\n"
                "Helpline against violence on women and children: 109.\n"
                "Probashi helpline: 16135.\n"
                "The nearest police station."),
            "how_to_file": (
                "বিপদে থাকলে এখনই ৯৯৯ নম্বরে ফোন করুন। কোথায় আছেন বলুন।\n"
                "হুমকি পেলে থানায় সাধারণ ডায়েরি (জিডি) করুন। জিডির নম্বর ও কপি রাখুন।\n"
                "পাচারের ঘটনায় থানায় মামলা করা যায়। আইনজীবী বা সংস্থার কর্মী সঙ্গে নিন।",
                "If you are in danger, call 999 now. Say where you are.\n"
                "If you are threatened, make a general diary (GD) at the police station. Keep its number and a copy.\n"
                "A trafficking case can be filed at the police station. Take a lawyer or an organisation's worker with you."),
            "documents_needed": (
                "জরুরি অবস্থায় কোনো কাগজ লাগে না।\n"
                "জিডি বা মামলার জন্য: জাতীয় পরিচয়পত্র, হুমকির মেসেজ বা রেকর্ড।",
                "No papers are needed in an emergency.\n"
                "For a GD or a case: national ID card, threatening messages or recordings."),
            "cost": ("ফোন ও জিডি বিনা খরচে।", "Calls and a GD are free."),
            "usual_time": ("জরুরি সাড়া সঙ্গে সঙ্গে।", "Emergency response is immediate."),
            "what_to_expect": (
                "৯৯৯ কাছের পুলিশ, অ্যাম্বুলেন্স বা ফায়ার সার্ভিস পাঠায়।\n"
                "জিডি হলো পুলিশের কাছে লিখিত খবর। পরে মামলায় এটি প্রমাণ হিসেবে কাজে লাগে।",
                "999 sends the nearest police, ambulance or fire service.\n"
                "A GD is a written report to the police. It helps as evidence in a later case."),
            "contacts": (
                "৯৯৯ জরুরি সেবা\n১০৯ নারী ও শিশু হেল্পলাইন\n১৬১৩৫ প্রবাসী হেল্পলাইন\n১৬৪৩০ সরকারি আইনি সহায়তা",
                "999 emergency service\n109 women and children helpline\n16135 Probashi helpline\n16430 government legal aid"),
        },
    },
]

# Legal references used by several categories.
_ACT_2013 = ("বৈদেশিক কর্মসংস্থান ও অভিবাসী আইন, ২০১৩", "Overseas Employment and Migrants Act 2013")
_PENAL = ("দণ্ডবিধি ৪০৬ ও ৪২০ ধারা (বিশ্বাসভঙ্গ ও প্রতারণা)", "Penal Code sections 406 and 420 (breach of trust, cheating)")
_TRAFFICKING = ("মানব পাচার প্রতিরোধ ও দমন আইন, ২০১২", "Prevention and Suppression of Human Trafficking Act 2012")
_WEWB_ACT = ("ওয়েজ আর্নার্স কল্যাণ বোর্ড আইন, ২০১৮", "Wage Earners' Welfare Board Act 2018")
_LEGAL_AID = ("আইনগত সহায়তা প্রদান আইন, ২০০০", "Legal Aid Services Act 2000")
# Threats and false cases: criminal intimidation (506) and a false charge to injure (211).
_THREATS = ("দণ্ডবিধি ৫০৬ ধারা (অপরাধমূলক ভয়ভীতি প্রদর্শন)\nমিথ্যা মামলার জন্য দণ্ডবিধি ২১১ ধারা",
            "Penal Code section 506 (criminal intimidation)\nPenal Code section 211, for a false case")
_WOMEN = ("নারী ও শিশু নির্যাতন দমন আইন, ২০০০", "Women and Children Repression Prevention Act 2000")
_HOST = ("কাজের দেশের শ্রম আইন", "Labour law of the country of work")


def _laws(*refs):
    return ("\n".join(r[0] for r in refs), "\n".join(r[1] for r in refs))


R, O = True, False  # required, recommended (optional)

CATEGORIES = [
    {
        "code": "predeparture_fraud", "stage": "before_departure", "bmet": True,
        "text": {
            "name": ("বিদেশে পাঠানোর কথা বলে টাকা নিয়ে প্রতারণা", "Money taken for a job abroad, then cheated"),
            "description": ("দালাল বা এজেন্সি টাকা নিয়েছে, কিন্তু বিদেশে পাঠায়নি বা টাকা ফেরত দিচ্ছে না।",
                            "A middleman or agency took money but did not send you abroad, or will not give it back."),
            "legal_references": _laws(_ACT_2013, _PENAL),
        },
        "subs": [("no_visa", ("টাকা নিয়েছে, ভিসা দেয়নি", "Took money, gave no visa")),
                 ("fake_visa", ("ভুয়া ভিসা বা টিকিট দিয়েছে", "Gave a fake visa or ticket")),
                 ("delayed", ("বারবার যাওয়ার তারিখ পিছিয়েছে", "Kept putting off the departure date")),
                 ("refund_refused", ("টাকা ফেরত দিচ্ছে না", "Refuses to give the money back"))],
        "channels": [("gmc", ("এলাকার দালাল হলে প্রথমে এখানে", "First step when the middleman is local")),
                     ("bmet", ("এজেন্সির নাম জানা থাকলে", "When you know the agency")),
                     ("legal_aid_office", None), ("court", None)],
        "documents": [("money_receipt", R), ("agent_details", R), ("nid", R), ("passport", O), ("written_agreement", O),
                      ("transfer_records", O), ("witnesses", O), ("messages", O)],
        "remedies": ["money_back", "job_as_promised", "punishment"],
    },
    {
        "code": "overcharging", "stage": "before_departure", "bmet": True,
        "text": {
            "name": ("সরকারি খরচের চেয়ে বেশি টাকা নেওয়া", "Charged more than the government rate"),
            "description": ("বিদেশে যাওয়ার খরচ সরকার ঠিক করে দেয়। তার চেয়ে বেশি নেওয়া অন্যায়।",
                            "The government sets the cost of going abroad. Taking more is wrong."),
            "legal_references": _laws(_ACT_2013),
        },
        "subs": [("above_rate", ("সরকার ঠিক করা খরচের বেশি নিয়েছে", "Took more than the cost set by the government")),
                 ("no_receipt", ("টাকার রসিদ দেয়নি", "Gave no receipt")),
                 ("extra_demand", ("যাওয়ার আগে হঠাৎ আরও টাকা চেয়েছে", "Asked for more money just before leaving"))],
        "channels": [("gmc", None), ("bmet", None), ("court", None)],
        "documents": [("money_receipt", R), ("agent_details", R), ("passport", R), ("transfer_records", O), ("visa", O),
                      ("witnesses", O)],
        "remedies": ["money_back", "punishment"],
    },
    {
        "code": "passport_papers", "stage": "before_departure", "bmet": True,
        "text": {
            "name": ("পাসপোর্ট আটকে রাখা বা ভুল তথ্যে কাগজ করা", "Passport held back or papers made with false details"),
            "description": ("দালাল পাসপোর্ট ফেরত দিচ্ছে না, বা কাগজে ভুল তথ্য দিয়েছে।",
                            "The middleman will not give back your passport, or put false details in your papers."),
            "legal_references": _laws(_ACT_2013, _PENAL),
        },
        "subs": [("passport_held", ("দালাল পাসপোর্ট আটকে রেখেছে", "The middleman keeps the passport")),
                 ("false_details", ("পাসপোর্ট বা ভিসায় ভুল তথ্য", "False details on the passport or visa")),
                 ("no_contract", ("চুক্তিপত্র দেখায়নি বা দেয়নি", "Contract not shown or not given"))],
        "channels": [("gmc", None), ("bmet", None), ("police_helpline", ("পাসপোর্ট না দিলে থানায় জিডি করুন", "Make a GD at the police station if the passport is not returned")),
                     ("court", None)],
        "documents": [("nid", R), ("agent_details", R), ("passport", O), ("witnesses", O), ("messages", O)],
        "remedies": ["documents_back", "punishment"],
    },
    {
        "code": "job_mismatch", "stage": "abroad", "bmet": True,
        "text": {
            "name": ("কথামতো কাজ বা বেতন দেয়নি", "Not the job or the wage promised"),
            "description": ("বিদেশে গিয়ে কাজ পাননি, বা অন্য কাজ, বা কম বেতন।",
                            "Abroad, there was no job, a different job, or a lower wage."),
            "legal_references": _laws(_ACT_2013, _HOST),
        },
        "subs": [("no_job", ("গিয়ে কোনো কাজ পাননি", "No job on arrival")),
                 ("different_job", ("অন্য কাজ করতে দিয়েছে", "Made to do a different job")),
                 ("lower_wage", ("চুক্তির চেয়ে কম বেতন", "Lower wage than in the contract")),
                 ("no_permit", ("কাজের অনুমতিপত্র বা আকামা করে দেয়নি", "No work permit or iqama made"))],
        "channels": [("mission_labour_wing", ("বিদেশে থাকতেই", "While still abroad")), ("bmet", ("এজেন্সির বিরুদ্ধে", "Against the agency")),
                     ("court", None)],
        "documents": [("contract", R), ("passport", R), ("visa", R), ("bmet_card", R), ("work_permit", O), ("pay_records", O),
                      ("money_receipt", O), ("messages", O)],
        "remedies": ["job_as_promised", "unpaid_wages", "compensation", "safe_return"],
    },
    {
        "code": "wage_theft", "stage": "abroad", "bmet": True,
        "text": {
            "name": ("বিদেশে বেতন না দেওয়া বা কম দেওয়া", "Wages not paid or cut abroad"),
            "description": ("মালিক কয়েক মাসের বেতন দেয়নি, বা অন্যায়ভাবে কেটে রেখেছে।",
                            "The employer did not pay for months, or cut the wage unfairly."),
            "legal_references": _laws(_ACT_2013, _HOST),
        },
        "subs": [("months_unpaid", ("কয়েক মাসের বেতন বাকি", "Several months' wages unpaid")),
                 ("overtime", ("ওভারটাইমের টাকা দেয়নি", "Overtime not paid")),
                 ("deductions", ("বেতন থেকে অন্যায়ভাবে টাকা কেটেছে", "Unfair deductions from wages")),
                 ("end_of_service", ("চাকরি শেষের পাওনা দেয়নি", "End-of-service dues not paid"))],
        "channels": [("mission_labour_wing", ("বিদেশে থাকতেই", "While still abroad")), ("bmet", None),
                     ("wewb", ("কর্মী মারা গেলে পাওনা আদায়ে", "To collect dues if the worker has died")), ("court", None)],
        "documents": [("contract", R), ("pay_records", R), ("passport", R), ("work_permit", O), ("bmet_card", O),
                      ("messages", O), ("witnesses", O)],
        "remedies": ["unpaid_wages", "compensation"],
    },
    {
        "code": "abuse_confinement", "stage": "abroad", "bmet": True,
        "text": {
            "name": ("বিদেশে নির্যাতন বা আটকে রাখা", "Abuse or confinement abroad"),
            "description": ("মারধর, যৌন নির্যাতন, ঘরে আটকে রাখা বা খাবার না দেওয়া।",
                            "Beating, sexual abuse, being locked in, or denied food."),
            "legal_references": _laws(_ACT_2013, _WOMEN, _HOST),
        },
        "subs": [("physical", ("মারধর", "Beating")),
                 ("sexual", ("যৌন নির্যাতন", "Sexual abuse")),
                 ("confined", ("ঘরে আটকে রাখা", "Locked in")),
                 ("passport_taken", ("মালিক পাসপোর্ট কেড়ে নিয়েছে", "The employer took the passport")),
                 ("no_food_rest", ("খাবার বা বিশ্রাম দেয় না", "No food or rest"))],
        "channels": [("police_helpline", ("এখনই বিপদে থাকলে", "If in danger now")),
                     ("mission_labour_wing", ("আশ্রয় ও দেশে ফেরা", "Shelter and return home")),
                     ("bmet", ("এজেন্সির বিরুদ্ধে", "Against the agency")), ("court", None)],
        "documents": [("messages", R), ("passport", O), ("contract", O), ("work_permit", O), ("medical_report", O),
                      ("witnesses", O), ("bmet_card", O)],
        "remedies": ["safe_return", "documents_back", "compensation", "punishment"],
    },
    {
        "code": "trafficking", "stage": "abroad", "any_stage": True, "bmet": False,
        "text": {
            "name": ("মানব পাচার", "Human trafficking"),
            "description": ("মিথ্যা কথা বলে বা জোর করে বিদেশে নিয়ে কাজ করানো, দেহব্যবসা করানো বা মুক্তিপণের জন্য আটকে রাখা।",
                            "Taken abroad by lies or force, then made to work, sold for sex, or held for ransom."),
            "legal_references": _laws(_TRAFFICKING, _LEGAL_AID),
        },
        "subs": [("irregular_route", ("নৌকায় বা বনপথে অবৈধভাবে পাঠানো", "Sent illegally by boat or overland")),
                 ("forced_labour", ("জোর করে কাজ করানো", "Forced labour")),
                 ("sexual_exploitation", ("দেহব্যবসায় বাধ্য করা", "Forced into prostitution")),
                 ("ransom", ("মুক্তিপণের জন্য আটকে রাখা", "Held for ransom"))],
        "channels": [("police_helpline", ("এখনই ৯৯৯", "Call 999 now")), ("mission_labour_wing", ("উদ্ধার ও দেশে ফেরা", "Rescue and return")),
                     ("legal_aid_office", None), ("court", ("পাচার ট্রাইব্যুনালে মামলা", "A case at the trafficking tribunal"))],
        "documents": [("agent_details", R), ("nid", R), ("messages", R), ("transfer_records", O), ("passport", O),
                      ("witnesses", O), ("police_report", O)],
        "remedies": ["safe_return", "punishment", "compensation"],
    },
    {
        "code": "injury_illness", "stage": "abroad", "bmet": True,
        "text": {
            "name": ("বিদেশে অসুস্থ বা আহত হওয়া", "Illness or injury abroad"),
            "description": ("কাজের সময় দুর্ঘটনা, গুরুতর অসুখ বা স্থায়ী অক্ষমতা।",
                            "An accident at work, a serious illness or a lasting disability."),
            "legal_references": _laws(_WEWB_ACT, _HOST),
        },
        "subs": [("work_accident", ("কাজের সময় দুর্ঘটনা", "Accident at work")),
                 ("serious_illness", ("গুরুতর অসুখ", "Serious illness")),
                 ("disability", ("স্থায়ী অক্ষমতা", "Lasting disability"))],
        "channels": [("mission_labour_wing", ("চিকিৎসা ও মালিকের ক্ষতিপূরণ", "Treatment and the employer's compensation")),
                     ("wewb", ("দেশে ফেরার পর চিকিৎসা সহায়তা", "Help with treatment after coming home")),
                     ("bmet", ("এজেন্সি দায় না নিলে, এজেন্সির বিরুদ্ধে", "Against the agency, if it will not take responsibility"))],
        "documents": [("passport", R), ("medical_report", R), ("bmet_card", R), ("contract", O), ("work_permit", O),
                      ("travel_document", O)],
        "remedies": ["medical_care", "compensation", "safe_return"],
    },
    {
        "code": "death_abroad", "stage": "abroad", "bmet": False,
        "text": {
            "name": ("বিদেশে কর্মীর মৃত্যু", "Death of a worker abroad"),
            "description": ("মরদেহ দেশে আনা, সরকারি সহায়তা আর মালিকের কাছে পাওনা আদায়।",
                            "Bringing the body home, the government grant, and dues from the employer."),
            "legal_references": _laws(_WEWB_ACT, _HOST),
        },
        "subs": [("body_return", ("মরদেহ দেশে আনা", "Bringing the body home")),
                 ("death_grant", ("সরকারি আর্থিক সহায়তা", "Government grant")),
                 ("dues_compensation", ("মালিকের কাছে পাওনা ও ক্ষতিপূরণ", "Dues and compensation from the employer")),
                 ("insurance", ("বিমার টাকা", "Insurance money"))],
        "channels": [("wewb", None), ("mission_labour_wing", None),
                     ("legal_aid_office", ("ওয়ারিশ নিয়ে বিরোধ হলে", "If the heirs disagree"))],
        "documents": [("death_certificate", R), ("passport", R), ("heir_certificate", R), ("nid", R), ("bmet_card", R),
                      ("contract", O), ("work_permit", O)],
        "remedies": ["body_repatriation", "death_benefits", "unpaid_wages", "compensation"],
    },
    {
        "code": "returnee_dues", "stage": "after_return", "bmet": True,
        "text": {
            "name": ("দেশে ফেরার পর পাওনা না পাওয়া", "Dues still unpaid after coming home"),
            "description": ("দেশে ফিরে এসেছেন, কিন্তু বেতন বা চাকরি শেষের পাওনা পাননি।",
                            "You are home, but wages or end-of-service dues were never paid."),
            "legal_references": _laws(_ACT_2013, _HOST),
        },
        "subs": [("wages_owed", ("বকেয়া বেতন", "Wages still owed")),
                 ("service_benefit", ("চাকরি শেষের পাওনা", "End-of-service dues")),
                 ("sent_back_early", ("মেয়াদের আগে ফেরত পাঠানো", "Sent home before the contract ended"))],
        "channels": [("bmet", None), ("mission_labour_wing", ("দূতাবাস মালিকের কাছ থেকে টাকা আদায়ে সাহায্য করে", "The embassy helps to collect from the employer")),
                     ("wewb", None), ("court", None)],
        "documents": [("contract", R), ("passport", R), ("pay_records", R), ("bmet_card", R), ("work_permit", O),
                      ("travel_document", O), ("messages", O)],
        "remedies": ["unpaid_wages", "compensation"],
    },
    {
        "code": "early_return_loss", "stage": "after_return", "bmet": True,
        "text": {
            "name": ("কাজ না পেয়ে ফিরে আসা: খরচের টাকা ফেরত", "Came home without work: getting the cost back"),
            "description": ("ভিসা ঠিক ছিল না বা কাজ ছিল না, তাই দেশে ফিরতে হয়েছে।",
                            "The visa was not valid or there was no work, so you had to come home."),
            "legal_references": _laws(_ACT_2013, _PENAL),
        },
        "subs": [("invalid_visa", ("ভিসা বা কাজের অনুমতি ঠিক ছিল না", "The visa or work permit was not valid")),
                 ("no_work_returned", ("কাজ না পেয়ে ফিরতে হয়েছে", "Came back because there was no work")),
                 ("promise_broken", ("আবার পাঠানোর কথা দিয়ে পাঠায়নি", "Promised to send you again but did not"))],
        "channels": [("gmc", None), ("bmet", None), ("court", None)],
        "documents": [("money_receipt", R), ("passport", R), ("visa", R), ("agent_details", R), ("bmet_card", O),
                      ("travel_document", O), ("transfer_records", O), ("witnesses", O)],
        "remedies": ["money_back", "compensation"],
    },
    {
        "code": "threats_harassment", "stage": "after_return", "any_stage": True, "bmet": False,
        "text": {
            "name": ("অভিযোগ করায় হুমকি বা হয়রানি", "Threats or harassment for complaining"),
            "description": ("দালাল বা তার লোক ভয় দেখাচ্ছে, বা মিথ্যা মামলা দিয়েছে।",
                            "The middleman or his people threaten you, or filed a false case against you."),
            "legal_references": _laws(_THREATS, _LEGAL_AID),
        },
        "subs": [("threats", ("ভয় দেখানো বা হুমকি", "Threats")),
                 ("false_case", ("মিথ্যা মামলা", "A false case against you")),
                 ("social_pressure", ("পরিবার বা সমাজের মাধ্যমে চাপ", "Pressure through family or community"))],
        "channels": [("police_helpline", ("থানায় জিডি", "A GD at the police station")), ("legal_aid_office", None), ("gmc", None),
                     ("court", None)],
        "documents": [("messages", R), ("witnesses", O), ("police_report", O), ("nid", O)],
        "remedies": ["protection", "punishment"],
    },
]

# Demo focal points for a training or local install only (seed_knowledge skips them in production).
# Phone numbers start with 010, which no Bangladeshi operator uses, so no real person can be called.
_DEMO_NOTE = ("প্রশিক্ষণের নমুনা তথ্য। আসল তথ্য সম্পাদক যোগ করবেন।", "Sample data for training. Editors add the real details.")
DEMO_FOCAL_POINTS = [
    {"district": "Cumilla", "gender": "female", "phone": "01000-000101",
     "text": {"organisation": ("ওকাপ, দেবিদ্বার অফিস", "OKUP, Debidwar office"), "person_name": ("শিরিন বেগম", "Shirin Begum"),
              "languages": ("বাংলা", "Bangla"), "notes": _DEMO_NOTE}},
    {"district": "Cumilla", "gender": "male", "phone": "01000-000102",
     "text": {"organisation": ("ওকাপ, বরুড়া অফিস", "OKUP, Barura office"), "person_name": ("মোস্তফা কামাল", "Mostafa Kamal"),
              "languages": ("বাংলা", "Bangla"), "notes": _DEMO_NOTE}},
    {"district": "Brahmanbaria", "gender": "male", "phone": "01000-000201",
     "text": {"organisation": ("ওকাপ, নবীনগর অফিস", "OKUP, Nabinagar office"), "person_name": ("রফিকুল ইসলাম", "Rafiqul Islam"),
              "languages": ("বাংলা", "Bangla"), "notes": _DEMO_NOTE}},
    {"district": "Brahmanbaria", "gender": "female", "phone": "01000-000202",
     "text": {"organisation": ("ওকাপ, নবীনগর অফিস", "OKUP, Nabinagar office"), "person_name": ("নাসরিন আক্তার", "Nasrin Akter"),
              "languages": ("বাংলা", "Bangla"), "notes": _DEMO_NOTE}},
    {"district": "Tangail", "gender": "male", "phone": "01000-000301",
     "text": {"organisation": ("রামরু, কালিহাতী অফিস", "RMMRU, Kalihati office"), "person_name": ("আবদুল করিম", "Abdul Karim"),
              "languages": ("বাংলা", "Bangla"), "notes": _DEMO_NOTE}},
    {"district": "Tangail", "gender": "female", "phone": "01000-000302",
     "text": {"organisation": ("রামরু, ঘাটাইল অফিস", "RMMRU, Ghatail office"), "person_name": ("রাশিদা খাতুন", "Rashida Khatun"),
              "languages": ("বাংলা", "Bangla"), "notes": _DEMO_NOTE}},
    {"district": "Chattogram", "gender": "female", "phone": "01000-000401",
     "text": {"organisation": ("প্রত্যাশী, চট্টগ্রাম অফিস", "Prottyashi, Chattogram office"), "person_name": ("জান্নাতুল ফেরদৌস", "Jannatul Ferdous"),
              "languages": ("বাংলা, চাটগাঁইয়া", "Bangla, Chittagonian"), "notes": _DEMO_NOTE}},
    {"district": "Dhaka", "gender": "female", "phone": "01000-000501",
     "text": {"organisation": ("বাংলাদেশ জাতীয় মহিলা আইনজীবী সমিতি", "Bangladesh National Women Lawyers' Association"),
              "person_name": ("আইনি সহায়তা ডেস্ক", "Legal aid desk"), "languages": ("বাংলা, ইংরেজি", "Bangla, English"), "notes": _DEMO_NOTE}},
]
