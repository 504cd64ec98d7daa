"""Name pools for the synthetic registry (:mod:`registry`), with weights where the real
distribution is known to be skewed.

Why pools of this size: at 500,000 persons, a pool of 20 Chinese names or 18 Thai family
names (the first version of the generator) gives thousands of people with the same name
and birth year, so most reports match several registered persons equally well and no
engine can tell which one is meant (an oracle that knows every spelling scored F1 about 0.83
there). Real name distributions are far wider: Thai family names are unique to a family
by law (Surname Act 1913), Chinese given names are combined from thousands of characters,
Burmese names from hundreds of syllables. The pools below are built the same way:
surnames and given names composed from parts, common parts drawn more often.

Written from general knowledge of each naming system; the frequencies of Vietnamese
family names follow the usual published shares (Nguyễn about 38 %, Trần 11 %, Lê 9.5 %
...). Not a sample of real people.
"""

from __future__ import annotations

# ---------------------------------------------------------------- Viet Nam
VN_FAMILY: list[tuple[str, float]] = [
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7.1), ("Hoàng", 4.1), ("Huỳnh", 2),
    ("Phan", 4.5), ("Vũ", 2.9), ("Võ", 2), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3),
    ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5),
    *[(s, 0.3) for s in ["Đinh", "Lâm", "Mai", "Trịnh", "Đoàn", "Cao", "Lương", "Tạ", "Châu",
                         "Quách", "Thái", "Tô", "Hà", "La", "Trương", "Kiều", "Khúc", "Lục",
                         "Mạc", "Nghiêm", "Ông", "Phùng", "Tăng", "Triệu", "Vương", "Chu",
                         "Diệp", "Đàm", "Giang", "Hứa", "Kha", "Lã", "Lạc", "Lưu", "Mã",
                         "Nông", "Tôn", "Thân", "Thạch", "Tiêu", "Từ"]],
]
VN_MIDDLE_M: list[tuple[str, float]] = [("Văn", 40), *[(s, 3) for s in [
    "Đức", "Minh", "Hữu", "Quốc", "Thanh", "Xuân", "Công", "Hoài", "Quang", "Ngọc", "Bá",
    "Đình", "Trọng", "Tiến", "Mạnh", "Thế", "Duy", "Gia", "Bảo", "Anh"]]]
VN_MIDDLE_F: list[tuple[str, float]] = [("Thị", 60), *[(s, 3) for s in [
    "Ngọc", "Thu", "Thanh", "Kim", "Bích", "Mỹ", "Hồng", "Minh", "Phương", "Thùy", "Diệu",
    "Khánh", "Ánh", "Bảo", "Hoài"]]]
VN_GIVEN = [
    "Hùng", "Lan", "Dũng", "Hương", "Tuấn", "Mai", "Phương", "Thảo", "Long", "Hải", "Linh",
    "Quang", "Trang", "Sơn", "Hà", "Nam", "Anh", "Hòa", "Khánh", "Thủy", "Bình", "Cường",
    "Duy", "Giang", "Hiếu", "Huy", "Khoa", "Loan", "My", "Nga", "Nhung", "Phúc", "Tâm",
    "Thắng", "Thu", "Tiến", "Trung", "Vân", "Yến", "Hạnh", "Đạt", "Hậu", "Kiên", "Lộc",
    "Nhân", "Oanh", "Quyên", "Sang", "Tài", "Vinh", "An", "Bảo", "Chi", "Cúc", "Diệp",
    "Diệu", "Dung", "Đông", "Đức", "Gấm", "Hân", "Hằng", "Hiền", "Hoa", "Hoàn", "Hồng",
    "Huệ", "Hưng", "Khang", "Khôi", "Lâm", "Liên", "Lực", "Luân", "Lương", "Mạnh", "Minh",
    "Nghĩa", "Ngân", "Ngọc", "Nguyên", "Nhi", "Như", "Phát", "Phong", "Phú", "Quân", "Quý",
    "Quỳnh", "Sáng", "Tân", "Thái", "Thành", "Thiện", "Thịnh", "Thơ", "Thông", "Thuận",
    "Thư", "Thương", "Tín", "Toàn", "Trâm", "Trí", "Trinh", "Trọng", "Tú", "Tùng", "Uyên",
    "Việt", "Vy", "Xuân", "Yên", "Ánh", "Châu", "Điệp", "Kim", "Lệ", "Nhàn", "Phượng",
    "Tường",
]

# ---------------------------------------------------------------- Thailand
TH_GIVEN = [
    ("สมหญิง", "Somying"), ("สมชาย", "Somchai"), ("มาลี", "Malee"), ("วันดี", "Wandee"),
    ("สุดา", "Suda"), ("ประเสริฐ", "Prasert"), ("อนันต์", "Anan"), ("กัญญา", "Kanya"),
    ("ธิดา", "Thida"), ("นิรันดร์", "Niran"), ("สมศักดิ์", "Somsak"), ("บุญชัย", "Boonchai"),
    ("จันทร์", "Chan"), ("ปราณี", "Pranee"), ("วิชัย", "Wichai"), ("สมพร", "Somporn"),
    ("อรุณ", "Arun"), ("นภา", "Napa"), ("สุนีย์", "Sunee"), ("ชัยวัฒน์", "Chaiwat"),
    ("สมบัติ", "Sombat"), ("สุริยา", "Suriya"), ("ณัฐพล", "Nattapon"), ("ธนากร", "Thanakorn"),
    ("กิตติ", "Kitti"), ("ศิริพร", "Siriporn"), ("รัตนา", "Rattana"), ("อำไพ", "Ampai"),
    ("วิไล", "Wilai"), ("เพ็ญศรี", "Pensri"), ("จิราพร", "Jiraporn"), ("ปิยะ", "Piya"),
    ("อภิชาติ", "Apichat"), ("วีระ", "Weera"), ("สุชาติ", "Suchat"), ("ธีระ", "Teera"),
    ("สมเกียรติ", "Somkiat"), ("นงลักษณ์", "Nongluck"), ("ทองใบ", "Thongbai"),
    ("บุญมา", "Boonma"), ("พรทิพย์", "Porntip"), ("อุไร", "Urai"), ("ชนิดา", "Chanida"),
    ("ณัฐวุฒิ", "Nattawut"), ("ธนพล", "Thanapon"), ("สุภาพร", "Supaporn"), ("วรรณา", "Wanna"),
    ("กมล", "Kamon"), ("ดวงใจ", "Duangjai"), ("มณี", "Manee"), ("ประภา", "Prapa"),
    ("สมจิตร", "Somjit"), ("อนุชา", "Anucha"), ("ไพโรจน์", "Pairoj"), ("สุรชัย", "Surachai"),
    ("ชาตรี", "Chatree"), ("นิตยา", "Nittaya"), ("วิภา", "Wipa"), ("ศักดิ์ชัย", "Sakchai"),
    ("อัมพร", "Amporn"), ("พงษ์ศักดิ์", "Pongsak"), ("ยุพิน", "Yupin"), ("บุษบา", "Busaba"),
    ("สุวิทย์", "Suwit"), ("วิมล", "Wimon"), ("ปรีชา", "Preecha"), ("สมหมาย", "Sommai"),
    ("ทรงศักดิ์", "Songsak"), ("เกศินี", "Kesinee"), ("จักรพันธ์", "Jakkapan"),
]
#: Thai family names are composed of two or three of these parts (as most are).
TH_FAMILY_PARTS = [
    ("ศรี", "Sri"), ("ทอง", "Thong"), ("แก้ว", "Kaew"), ("บุญ", "Boon"), ("สุข", "Suk"),
    ("ใจ", "Jai"), ("ดี", "Dee"), ("วงศ์", "Wong"), ("ชัย", "Chai"), ("มงคล", "Mongkol"),
    ("พันธ์", "Phan"), ("รักษ์", "Rak"), ("สมบัติ", "Sombat"), ("ประเสริฐ", "Prasert"),
    ("เจริญ", "Charoen"), ("สวัสดิ์", "Sawat"), ("ศักดิ์", "Sak"), ("พงษ์", "Pong"),
    ("วัฒนา", "Wattana"), ("รัตน์", "Rat"), ("กุล", "Kul"), ("สิทธิ์", "Sit"), ("ไทย", "Thai"),
    ("คำ", "Kham"), ("เพชร", "Phet"), ("จันทร์", "Chan"), ("ทิพย์", "Thip"), ("อินทร์", "In"),
    ("สุวรรณ", "Suwan"), ("มณี", "Manee"), ("เดช", "Det"), ("ฤทธิ์", "Rit"), ("ธรรม", "Tham"),
    ("ปัญญา", "Panya"), ("ภักดี", "Phakdee"), ("นาค", "Nak"), ("สาย", "Sai"), ("แสง", "Saeng"),
    ("เรือง", "Ruang"), ("มั่น", "Man"), ("คง", "Kong"), ("พรหม", "Phrom"), ("ยศ", "Yot"),
    ("นิล", "Nil"),
]

# ---------------------------------------------------------------- Myanmar (no family name)
MM_SYLLABLES = [
    "Aung", "Kyaw", "Zaw", "Min", "Thu", "Win", "Htet", "Naing", "Myo", "Tun", "Hla", "Su",
    "Thida", "Hnin", "Ei", "Mon", "Nay", "Lin", "Soe", "Moe", "Phyo", "Thet", "Wai",
    "Yadanar", "Khin", "Nwe", "Oo", "Htun", "Zin", "Pyae", "Thant", "Sandar", "Mya", "Thiri",
    "Nyein", "Chan", "May", "Ye", "Ko", "Khaing", "Htay", "San", "Maung", "Than", "Tin",
    "Myint", "Swe", "Thein", "Yin", "Kyi", "Nandar", "Ni", "Pwint", "Shwe", "Sithu", "Wint",
    "Yamin", "Zar", "Hein", "Paing", "Sai", "Nang", "Kaung", "Sett", "Lwin", "Bo", "Chit",
    "Myat", "Phoo", "Thazin",
]

# ---------------------------------------------------------------- Cambodia, Lao PDR
KH_FAMILY = ["Sok", "Chea", "Heng", "Chan", "Kong", "Lim", "Mao", "Nhem", "Ouk", "Prak",
             "Seng", "Tep", "Kheng", "Long", "Meas", "Nuon", "Pen", "Sam", "Sim", "Touch",
             "Yim", "Keo", "Ly", "Hun", "Chhim", "Chhun", "Phan", "Men", "Ros", "San"]
KH_GIVEN = ["Sopheap", "Dara", "Vannak", "Srey", "Pich", "Rith", "Sophal", "Kosal", "Bopha",
            "Chenda", "Mealea", "Rathana", "Sovann", "Thida", "Vuthy", "Piseth", "Sreymom",
            "Kimleng", "Sokha", "Chanthou", "Sophea", "Sothea", "Vibol", "Visal", "Sambath",
            "Samnang", "Phalla", "Channary", "Kunthea", "Leakhena", "Malis", "Navy",
            "Pheakdey", "Rachana", "Raksmey", "Sokunthea", "Sreyleak", "Theary", "Vanna",
            "Bunthoeun", "Chamroeun", "Dany", "Kanha", "Makara", "Narith", "Ratha", "Sarun",
            "Sopheak", "Veasna", "Sokhom"]
LA_GIVEN = ["Souk", "Phonsavanh", "Khamphet", "Vilay", "Bounmy", "Chanthala", "Noy", "Phet",
            "Sengdara", "Somphone", "Thongdy", "Latsamy", "Bouasone", "Bounthavy",
            "Chansamone", "Daovone", "Khamla", "Khamsing", "Kongkeo", "Malaythong",
            "Noutsavanh", "Oudomsay", "Phetsamone", "Saysamone", "Sengphet", "Soulivanh",
            "Souksavanh", "Thavisay", "Viengkham", "Vonglaty", "Xaysomphone", "Somsanouk",
            "Phouthone", "Anousone", "Bouavanh"]
LA_FAMILY = ["Manivong", "Vongsa", "Xaysana", "Inthavong", "Douangmala", "Sisouk",
             "Phommachanh", "Keomany", "Sihavong", "Vongphachanh", "Phimmasone",
             "Chanthavong", "Sayavong", "Soulivong", "Thammavong", "Khounvisith", "Luangrath",
             "Sengsavang", "Phanthavong", "Rattanavong", "Sourinthone", "Vilayvong",
             "Keophila", "Phengsavath", "Sisavath", "Keovongsa", "Bounyavong", "Sysouphanh"]

# ---------------------------------------------------------------- China (mainland, Hong Kong)
#: (traditional, simplified, pinyin, Hong Kong spelling) of common family names, weighted.
CN_FAMILY: list[tuple[tuple[str, str, str, str], float]] = [
    (("王", "王", "Wang", "Wong"), 7.1), (("李", "李", "Li", "Lee"), 7.0),
    (("張", "张", "Zhang", "Cheung"), 6.7), (("劉", "刘", "Liu", "Lau"), 5.4),
    (("陳", "陈", "Chen", "Chan"), 4.5), (("楊", "杨", "Yang", "Yeung"), 3.1),
    (("黃", "黄", "Huang", "Wong"), 2.2), (("趙", "赵", "Zhao", "Chiu"), 2.0),
    (("吳", "吴", "Wu", "Ng"), 2.0), (("周", "周", "Zhou", "Chow"), 1.9),
    (("徐", "徐", "Xu", "Tsui"), 1.3), (("孫", "孙", "Sun", "Suen"), 1.3),
    (("馬", "马", "Ma", "Ma"), 1.2), (("朱", "朱", "Zhu", "Chu"), 1.2),
    (("胡", "胡", "Hu", "Wu"), 1.1), (("郭", "郭", "Guo", "Kwok"), 1.1),
    (("何", "何", "He", "Ho"), 1.1), (("林", "林", "Lin", "Lam"), 1.0),
    (("羅", "罗", "Luo", "Law"), 0.9), (("高", "高", "Gao", "Ko"), 0.9),
    (("梁", "梁", "Liang", "Leung"), 0.9), (("鄭", "郑", "Zheng", "Cheng"), 0.9),
    (("謝", "谢", "Xie", "Tse"), 0.7), (("宋", "宋", "Song", "Sung"), 0.6),
    (("唐", "唐", "Tang", "Tong"), 0.6), (("許", "许", "Xu", "Hui"), 0.6),
    (("葉", "叶", "Ye", "Yip"), 0.5), (("蔡", "蔡", "Cai", "Choi"), 0.5),
    (("曾", "曾", "Zeng", "Tsang"), 0.5), (("彭", "彭", "Peng", "Pang"), 0.5),
    (("潘", "潘", "Pan", "Poon"), 0.4), (("鄧", "邓", "Deng", "Tang"), 0.4),
    (("馮", "冯", "Feng", "Fung"), 0.4), (("袁", "袁", "Yuan", "Yuen"), 0.3),
]
#: Characters of given names (one or two of them): traditional, simplified, pinyin, HK.
CN_GIVEN = [
    ("偉", "伟", "wei", "wai"), ("明", "明", "ming", "ming"), ("華", "华", "hua", "wah"),
    ("強", "强", "qiang", "keung"), ("文", "文", "wen", "man"), ("志", "志", "zhi", "chi"),
    ("家", "家", "jia", "ka"), ("美", "美", "mei", "mei"), ("玲", "玲", "ling", "ling"),
    ("麗", "丽", "li", "lai"), ("芳", "芳", "fang", "fong"), ("婷", "婷", "ting", "ting"),
    ("欣", "欣", "xin", "yan"), ("俊", "俊", "jun", "chun"), ("傑", "杰", "jie", "kit"),
    ("浩", "浩", "hao", "ho"), ("建", "建", "jian", "kin"), ("國", "国", "guo", "kwok"),
    ("輝", "辉", "hui", "fai"), ("德", "德", "de", "tak"), ("海", "海", "hai", "hoi"),
    ("忠", "忠", "zhong", "chung"), ("秀", "秀", "xiu", "sau"), ("英", "英", "ying", "ying"),
    ("慧", "慧", "hui", "wai"), ("敏", "敏", "min", "man"), ("靜", "静", "jing", "ching"),
    ("雪", "雪", "xue", "suet"), ("燕", "燕", "yan", "yin"), ("琳", "琳", "lin", "lam"),
    ("佳", "佳", "jia", "kai"), ("健", "健", "jian", "kin"), ("寶", "宝", "bao", "po"),
    ("安", "安", "an", "on"), ("平", "平", "ping", "ping"), ("成", "成", "cheng", "shing"),
    ("永", "永", "yong", "wing"), ("光", "光", "guang", "kwong"), ("天", "天", "tian", "tin"),
    ("子", "子", "zi", "tsz"), ("小", "小", "xiao", "siu"), ("大", "大", "da", "tai"),
    ("立", "立", "li", "lap"), ("新", "新", "xin", "sun"), ("興", "兴", "xing", "hing"),
    ("龍", "龙", "long", "lung"), ("雲", "云", "yun", "wan"), ("鳳", "凤", "feng", "fung"),
    ("春", "春", "chun", "chun"), ("玉", "玉", "yu", "yuk"), ("珍", "珍", "zhen", "chun"),
    ("蘭", "兰", "lan", "lan"), ("紅", "红", "hong", "hung"), ("軍", "军", "jun", "kwan"),
    ("勇", "勇", "yong", "yung"), ("磊", "磊", "lei", "lui"), ("洋", "洋", "yang", "yeung"),
    ("帆", "帆", "fan", "fan"), ("超", "超", "chao", "chiu"), ("娟", "娟", "juan", "kuen"),
    ("宇", "宇", "yu", "yu"), ("晨", "晨", "chen", "san"), ("嘉", "嘉", "jia", "ka"),
    ("思", "思", "si", "sze"), ("雅", "雅", "ya", "nga"), ("冬", "冬", "dong", "tung"),
]

# ---------------------------------------------------------------- Indonesia, Philippines
ID_GIVEN = [
    "Budi", "Siti", "Agus", "Dewi", "Rizal", "Putri", "Andi", "Wahyu", "Sri", "Eko", "Rina",
    "Hendra", "Yuni", "Fajar", "Indah", "Joko", "Lestari", "Nur", "Rudi", "Sari", "Teguh",
    "Wati", "Yusuf", "Ayu", "Bayu", "Adi", "Ahmad", "Ani", "Arif", "Bambang", "Dian", "Dwi",
    "Endang", "Fitri", "Gita", "Hadi", "Ika", "Irwan", "Iwan", "Kartika", "Lina", "Made",
    "Maya", "Mega", "Muhammad", "Nanda", "Novi", "Nyoman", "Ratna", "Rahmat", "Retno",
    "Rini", "Rizky", "Samsul", "Setyo", "Slamet", "Sutrisno", "Suharto", "Sumarni",
    "Sulastri", "Supriyadi", "Suryani", "Susilo", "Tri", "Umar", "Vina", "Wulan", "Yanti",
    "Yudi", "Zainal", "Agung", "Ari", "Citra", "Dedi", "Desi", "Erna", "Fauzi", "Gilang",
    "Hasan", "Heri", "Ilham", "Intan", "Ketut", "Kurnia", "Mulyadi", "Nining", "Puspita",
    "Rahayu", "Sigit", "Taufik", "Wayan", "Widodo", "Yogi",
]
ID_FAMILY = [
    "Santoso", "Wijaya", "Saputra", "Hidayat", "Kurniawan", "Pratama", "Susanto", "Setiawan",
    "Nugroho", "Halim", "Gunawan", "Rahman", "Siregar", "Simanjuntak", "Nasution", "Lubis",
    "Harahap", "Sitompul", "Hutapea", "Pangaribuan", "Wibowo", "Purnomo", "Prasetyo",
    "Hartono", "Suryadi", "Utomo", "Firmansyah", "Ramadhan", "Kusuma", "Permana",
    "Hakim", "Syahputra", "Lestari", "Putra", "Maulana", "Sihombing", "Tanjung", "Sembiring",
    "Ginting", "Tarigan",
]
PH_GIVEN = [
    "Maria", "Jose", "Ana", "John", "Mark", "Grace", "Joy", "Paul", "Rosa", "Angelica",
    "Jericho", "Kristine", "Ramon", "Liza", "Noel", "Carmela", "Juan", "Antonio", "Rodel",
    "Jennifer", "Michelle", "Christian", "Jay", "Ronald", "Marites", "Lourdes", "Teresita",
    "Rowena", "Arnel", "Edwin", "Rommel", "Marvin", "Jessa", "Aileen", "Mary Ann",
    "Jonathan", "Melanie", "Cristina", "Ricardo", "Danilo", "Rolando", "Eduardo", "Erlinda",
    "Cecilia", "Luzviminda", "Reynaldo", "Jojo", "Bong", "Princess", "Janine",
]
PH_FAMILY = [
    "Santos", "Reyes", "Cruz", "Garcia", "Mendoza", "Bautista", "Ramos", "Aquino",
    "Dela Cruz", "Villanueva", "Castillo", "Rivera", "Torres", "Flores", "Gonzales",
    "Lopez", "Del Rosario", "Fernandez", "Perez", "Aguilar", "Navarro", "Pascual",
    "Salazar", "Domingo", "Mercado", "Tolentino", "Soriano", "Manalo", "Gutierrez",
    "Dizon", "Valdez", "Marquez", "Morales", "Sarmiento", "Castro", "Santiago", "Ocampo",
    "Cabrera", "De Leon", "De Guzman", "Pineda", "Lim", "Tan", "Sy", "Go", "Mangubat",
    "Macaraeg", "Dimaculangan", "Magbanua", "Panganiban",
]
