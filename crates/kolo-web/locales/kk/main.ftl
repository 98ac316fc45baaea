# Kolo интерфейсінің жолдары, қазақ тілі (ағылшын тілінен, яғни эталон тілден аударылған).
# Ағылшын файлындағы әрбір хабарлама мұнда да болуы керек (мұны тест тексереді).

site-name = Kolo
og-locale = kk_KZ
skip-to-content = Негізгі мазмұнға өту
nav-label = Негізгі мәзір
nav-home = Басты бет
nav-institutions = Мекемелер
nav-networks = Желілер
nav-login = Кіру
nav-logout = Шығу
nav-account = Жеке кабинет
lang-switch = Тіл
footer-about = Kolo — музейлер мен кітапханалар өздерінің ортақ жұмысын жариялап, жүргізетін ашық платформа.
footer-openapi = API сипаттамасы (OpenAPI)
format-json = JSON
machine-readable = Машинада оқылатын деректер

home-title = Музейлер мен кітапханалар — бірге
home-intro = Мекемелер, олардың желілері мен ортақ жобалары бір жерде — украин, орыс, қазақ және ағылшын тілдерінде.
home-networks-heading = Желілер мен жобалар
home-by-kind = Мекемелер түрлері бойынша
home-browse-all = Барлық мекемелерді қарау

institutions-count = { $count ->
    [one] { $count } мекеме
   *[other] { $count } мекеме
}
networks-count = { $count ->
    [one] { $count } желі
   *[other] { $count } желі
}
members-count = { $count ->
    [one] { $count } қатысушы
   *[other] { $count } қатысушы
}

kind-museum = Музей
kind-library = Кітапхана
kind-archive = Мұрағат
kind-gallery = Галерея
kind-university = Университет
kind-association = Қауымдастық
kind-government = Мемлекеттік орган
kind-other = Басқа
network-kind-association = Қауымдастық
network-kind-project = Жоба
network-kind-network = Желі

country-UA = Украина
country-RU = Ресей
country-KZ = Қазақстан

directory-title = Мекемелер
directory-filters = Мекемелерді сүзу
directory-filter-kind = Түрі
directory-filter-country = Ел
directory-filter-region = Өңір
directory-filter-network = Желі
directory-filter-any = Барлығы
directory-filter-apply = Көрсету
directory-filter-reset = Сүзгілерді тазарту
directory-empty = Бұл сүзгілерге сәйкес келетін мекеме жоқ.
pagination-label = Беттер
pagination-prev = Алдыңғы бет
pagination-next = Келесі бет
pagination-status = Бет: { $page } / { $pages }

institution-about = Мекеме туралы
institution-address = Мекенжай
institution-contacts = Байланыс
institution-website = Веб-сайт
institution-email = Электрондық пошта
institution-phone = Телефон
institution-networks = Желілер мен жобалар
institution-no-networks = Әзірге ешбір желіге мүше емес.
institution-edit = Мекемені өңдеу
section-events = Іс-шаралар
section-exhibitions = Көрмелер
section-collection = Коллекция
section-projects = Жобалар
section-news = Жаңалықтар
section-empty = Мұнда әзірге ештеңе жарияланбаған.

networks-title = Желілер мен жобалар
network-members = Қатысушылар
network-no-members = Әзірге қатысушылар жоқ.
network-edit = Желіні өңдеу
network-members-in-directory = Қатысушыларды каталогта көрсету

login-title = Кіру
login-email = Электрондық пошта
login-password = Құпиясөз
login-submit = Кіру
login-failed = Электрондық пошта немесе құпиясөз қате.
login-throttled = Сәтсіз әрекеттер тым көп. 15 минуттан кейін қайталап көріңіз.
login-no-signup = Тіркелгілер тек шақыру арқылы ашылады. Шақыруды мекемеңіздің әкімшісінен сұраңыз.

form-save = Сақтау
form-saved = Сақталды.
form-cancel = Болдырмау
form-has-errors = Төменде белгіленген өрістерді түзетіңіз.
form-other-language = Басқа тіл (BCP 47 тегі)
field-slug = Kolo платформасындағы мекенжай
field-slug-help = Кіші латын әріптері, цифрлар және дефистер, мысалы: novopskov-museum.
field-kind = Түрі
field-original-lang = Түпнұсқа тілі
field-name = Атауы
field-description = Сипаттамасы
field-country = Ел (ISO коды, мысалы, UA)
field-region-code = Өңір коды (ISO 3166-2, мысалы, UA-09)
field-region = Өңір
field-locality = Елді мекен
field-address = Мекенжай
field-email = Электрондық пошта
field-phone = Телефон
field-website = Веб-сайт
field-networks = Желілер
lang-name-uk = Украин тілі
lang-name-ru = Орыс тілі
lang-name-kk-Cyrl = Қазақ тілі (кирилл)
lang-name-kk-Latn = Қазақ тілі (латын)
lang-name-en = Ағылшын тілі

error-required = Бұл өрісті толтыру міндетті.
error-too-long = Ең көбі { $limit } таңба.
error-too-short = Кемінде { $limit } таңба.
error-invalid-slug = Кіші латын әріптерін, цифрларды және дефисті пайдаланыңыз; дефистер қатар тұрмауы керек.
error-invalid-email = Бұл электрондық пошта мекенжайы емес.
error-invalid-phone = Тек цифрларды, бос орындарды және + - ( ) таңбаларын пайдаланыңыз.
error-invalid-url = http:// немесе https:// деп басталатын толық веб-мекенжайды көрсетіңіз.
error-invalid-country = Елдің екі әріпті ISO кодын көрсетіңіз, мысалы, UA.
error-invalid-region-code = Сол елдің ISO 3166-2 кодын көрсетіңіз, мысалы, UA-09.
error-original-name-missing = Атауын түпнұсқа тілінде көрсетіңіз.
error-taken = Бұл мән бұрыннан пайдаланылып жүр.
error-unknown-network = Желілерді тізімнен таңдаңыз.
error-invalid-lang = Бұл тіл тегі емес.
error-invalid-choice = Тізімдегі мәндердің бірін таңдаңыз.

error-page-title = Бір нәрсе дұрыс болмады
error-not-found = Мұндай бет жоқ.
error-unauthorized = Алдымен жүйеге кіріңіз.
error-forbidden = Бұл әрекетке рұқсатыңыз жоқ.
error-csrf = Пішіннің мерзімі өтіп кеткен немесе ол басқа сайттан жіберілген. Бетті қайта жүктеп, әрекетті қайталаңыз.
error-bad-request = Сұрауды түсіну мүмкін болмады.
error-internal = Ішкі қате орын алды. Ол журналға жазылды.

edit-institution-title = Өңдеу: { $name }
new-institution-title = Жаңа мекеме
edit-network-title = Өңдеу: { $name }
new-network-title = Жаңа желі
admin-title = Әкімшілік
admin-new-institution = Мекеме қосу
admin-new-network = Желі қосу
admin-audit = Өзгерістер тарихы

invite-title = Әріптесті шақыру
invite-email = Әріптестің электрондық поштасы
invite-role = Рөл
invite-submit = Шақыру жасау
invite-created = Шақыру жасалды. Бұл сілтемені { $email } мекенжайына жіберіңіз. Сілтеме бір рет қана жарамды, оның мерзімі { $date } аяқталады.
role-institution_admin = Мекеме әкімшісі
role-editor = Редактор
role-coordinator = Желі үйлестірушісі
accept-title = Шақыруды қабылдау
accept-intro = Сіз «{ $role }» рөліне шақырылдыңыз: { $scope }.
accept-name = Атыңыз
accept-password = Құпиясөз ойлап табыңыз (кемінде 10 таңба)
accept-submit = Тіркелгімді ашу
accept-invalid = Бұл шақыру сілтемесі жарамсыз, бұрын пайдаланылған немесе мерзімі өтіп кеткен.

account-title = Жеке кабинет
account-roles = Менің рөлдерім
account-platform-admin = Платформа әкімшісі
account-no-roles = Сізде әзірге рөл жоқ.
account-tokens = API токендері
account-tokens-help = Токен бағдарламаға API-ды сіздің атыңыздан пайдалануға мүмкіндік береді. Оны құпия сақтаңыз.
account-token-label = Токен атауы
account-token-create = Токен жасау
account-token-created = Жаңа токеніңіз. Оны қазір көшіріп алыңыз: ол тек бір рет көрсетіледі.
account-token-revoke = Күшін жою
account-no-tokens = Әзірге токен жоқ.

audit-title = Өзгерістер тарихы
audit-when = Қашан
audit-who = Кім
audit-what = Не

# Staff pages: multilingual form fields, accepting an invitation into an existing account,
# the account page, the change history.
form-add-language = Басқа тілді қосу
form-lang-tag = Тіл: { $name }
form-other-language-help = Мысалы, de, pl немесе kk-Arab.
form-other-language-text = Осы тілдегі мәтін
accept-existing = Сізде { $email } мекенжайымен тіркелгі бар. Осы рөлді оған қосу үшін оның құпиясөзін енгізіңіз.
accept-submit-existing = Рөлді тіркелгіме қосу
account-signed-in-as = Сіз { $name } ({ $email }) ретінде кірдіңіз.
account-token-created-at = Жасалған уақыты
account-token-revoke-named = «{ $name }» токенінің күшін жою
audit-record = Жазба
audit-detail = Толығырақ
audit-system = Жүйе
audit-empty = Әзірге ештеңе жазылмаған.

# Іс-шаралар
nav-events = Іс-шаралар
events-title = Іс-шаралар
events-upcoming = Алдағы
events-past = Өткен
events-empty = Бұл сүзгілерге сәйкес келетін іс-шара жоқ.
events-count = { $count ->
    [one] { $count } іс-шара
   *[other] { $count } іс-шара
}
events-filter-kind = Түрі
events-filter-attendance = Қатысу форматы
events-filter-institution = Мекеме
events-filter-network = Желі
events-filter-from = Бастап
events-filter-to = Дейін
event-kind-forum = Форум
event-kind-conference = Конференция
event-kind-strategic_session = Стратегиялық сессия
event-kind-round_table = Дөңгелек үстел
event-kind-seminar = Семинар
event-kind-workshop = Шеберлік сыныбы
event-kind-lecture = Дәріс
event-kind-presentation = Тұсаукесер
event-kind-excursion = Экскурсия
event-kind-exhibition_opening = Көрменің ашылуы
event-kind-press_conference = Баспасөз мәслихаты
event-kind-online_class = Онлайн сабақ
event-kind-exchange_visit = Тәжірибе алмасу сапары
event-kind-other = Іс-шара
event-status-scheduled = Жоспарланған
event-status-postponed = Кейінге қалдырылды
event-status-rescheduled = Мерзімі ауыстырылды
event-status-cancelled = Болдырылмады
event-status-moved_online = Онлайн форматқа көшірілді
attendance-offline = Бетпе-бет
attendance-online = Онлайн
attendance-hybrid = Бетпе-бет және онлайн
item-kind-session = Сессия
item-kind-panel = Панельдік талқылау
item-kind-talk = Баяндама
item-kind-workshop = Шеберлік сыныбы
item-kind-break = Үзіліс
item-kind-excursion = Экскурсия
item-kind-cultural_programme = Мәдени бағдарлама
item-kind-ceremony = Салтанатты рәсім
item-kind-other = Бағдарлама тармағы
person-role-speaker = Спикер
person-role-moderator = Модератор
person-role-organiser = Ұйымдастырушы
event-when = Қашан
event-time-zone = Уақыты жергілікті уақыт бойынша көрсетілген ({ $zone }).
event-where = Қайда
event-online = Онлайн
event-join-online = Онлайн көру немесе қосылу
event-hosts = Қабылдаушы тарап
event-organisers = Ұйымдастырушылар
event-partners = Серіктестер
event-supporters = Қолдау көрсеткендер
event-networks = Желілер мен жобалар
event-part-of = Негізгі іс-шара
event-sub-events = Осы іс-шара аясында
event-key-questions = Негізгі мәселелер
event-audience = Кімге арналған
event-contacts = Байланыс
event-links = Сілтемелер
event-registration = Тіркеу
event-register = Тіркелу
event-registration-closes = Тіркеу { $date } күні жабылады.
event-registration-closed = Тіркеу { $date } күні жабылды.
event-programme = Бағдарлама
event-programme-empty = Бағдарлама әлі жарияланған жоқ.
event-hall = Зал
event-track = Секция
event-broadcast = Тікелей эфир
event-recording = Жазба
event-materials = Материалдар
event-day = { $number }-күн
format-ical = iCalendar
format-atom = Atom арнасы
format-frab-xml = Frab schedule.xml
format-frab-json = Frab schedule.json
event-now = Қазір өтуде

# Айлық күнтізбе
events-calendar = Айлық күнтізбе
events-calendar-prev = Алдыңғы ай
events-calendar-next = Келесі ай
events-list = Тізім
month-1 = Қаңтар
month-2 = Ақпан
month-3 = Наурыз
month-4 = Сәуір
month-5 = Мамыр
month-6 = Маусым
month-7 = Шілде
month-8 = Тамыз
month-9 = Қыркүйек
month-10 = Қазан
month-11 = Қараша
month-12 = Желтоқсан
weekday-1 = Дс
weekday-2 = Сс
weekday-3 = Ср
weekday-4 = Бс
weekday-5 = Жм
weekday-6 = Сб
weekday-7 = Жс

# Іс-шара формалары
event-edit = Іс-шараны өңдеу
admin-new-event = Іс-шара қосу
new-event-title = Жаңа іс-шара
edit-event-title = Өңдеу: { $name }
event-form-about = Іс-шара туралы
event-form-who = Қабылдаушы тарап пен желілер
event-form-kept = Ұйымдастырушылар, серіктестер, қолдау көрсеткендер, сілтемелер мен бағдарлама мұнда өңделмейді; сақтағанда олар өзгеріссіз қалады.
event-form-nothing-to-choose = Таңдайтын ештеңе жоқ.
field-status = Күйі
field-attendance = Форматы
field-title = Атауы
field-summary = Қысқаша сипаттамасы
field-audience = Кімге арналған
field-key-questions = Негізгі мәселелер
field-key-questions-help = Әр жолға бір сұрақ, түпнұсқа тілінде. Өзгертілмеген сұрақтардың аудармалары сақталады.
field-starts-at = Басталуы
field-ends-at = Аяқталуы
field-event-times-help = Іс-шара өтетін жердің жергілікті уақыты, төменде таңдалған уақыт белдеуі бойынша.
field-time-zone = Уақыт белдеуі
field-hosts = Қабылдаушы мекемелер
field-hosts-help = Қабылдаушы мекеменің қызметкерлері іс-шараны өңдей алады.
field-online-url = Трансляцияға немесе онлайн кездесуге сілтеме
field-registration-url = Тіркелу беті
field-registration-closes = Тіркелу жабылатын уақыт
field-venue-name = Өтетін орны
field-venue-address = Өтетін орнының мекенжайы
field-halls = Залдар
field-halls-help = Бағдарлама тармақтары залдарға кілті арқылы сілтейді. Атаулары түпнұсқа тілінде; бос жолдар ескерілмейді.
field-hall = { $number }-зал
field-hall-key = Кілті (мысалы, main-hall)
field-hall-name = Атауы
field-hall-capacity = Орын саны
field-hall-stream-url = Тікелей трансляция
field-hall-recorded = Бұл залдағы отырыстар жазылады
field-contacts-help = Аты-жөні мен рөлі түпнұсқа тілінде; бос жолдар ескерілмейді.
field-contact = { $number }-байланыс тұлғасы
field-contact-name = Аты-жөні
field-contact-role = Рөлі
error-ends-before-start = Іс-шара басталмай тұрып аяқтала алмайды.
error-after-event-end = Бұл іс-шара аяқталғаннан кейін.
error-unknown-institution = Kolo-да мұндай мекеме жоқ.
error-unknown-event = Kolo-да мұндай іс-шара жоқ.
error-own-parent = Іс-шара өзінің бөлігі бола алмайды.
error-duplicate = Бұл мән екі рет қолданылған.
error-slug-mismatch = Мекенжайды мұнда өзгертуге болмайды.
error-invalid-date = Күні мен уақытын көрсетіңіз, мысалы, 2024-09-14 10:00.
error-invalid-zone = Тізімнен уақыт белдеуін таңдаңыз.
error-invalid-number = Бүтін сан көрсетіңіз, мысалы, 120.

## Frab schedule files
programme-import-title = Бағдарламаны импорттау
programme-import-help = pretalx, Indico, frab немесе басқа конференция жүйесінен экспортталған кесте файлын жүктеңіз (Frab schedule.xml не schedule.json, 20 МБ-қа дейін). Тармақтар guid бойынша салыстырылады, сондықтан сол файлды қайта импорттау оларды орнында жаңартады; бөлмелер залдарға айналады. Файлда қате болса, ештеңе өзгермейді.
programme-import-file = Кесте файлы
programme-import-submit = Импорттау
programme-import-no-file = Алдымен кесте файлын таңдаңыз.
programme-import-refused = Файл импортталмады, ештеңе өзгерген жоқ:
programme-import-done = Бағдарламаның { $count } тармағы импортталды.
programme-import-warnings = Тексеріп көрген жөн:
# Programme versions and event documents
programme-version-note = { $name } нұсқасы, { $date } жарияланды
programme-version-title = { $name } нұсқасы, { $date }
programme-changes-link = Не өзгерді
programme-changes-title = Бағдарлама өзгерістері: { $name }
programme-back-to-event = Іс-шараға оралу
programme-no-versions = Бағдарламаның бірде-бір нұсқасы әлі жарияланған жоқ.
programme-added = Қосылды
programme-changed = Өзгертілді
programme-removed = Алынып тасталды
item-part-time = уақыты
item-part-duration = ұзақтығы
item-part-hall = залы
item-part-track = тректі
item-part-title = атауы
item-part-kind = түрі
item-part-description = сипаттамасы
item-part-persons = қатысушылары
item-part-links = сілтемелері
item-part-language = тілі
programme-staff-link = Бағдарлама нұсқалары
programme-staff-title = «{ $name }» бағдарламасы: жоба мен нұсқалар
programme-draft = Жоба
programme-draft-help = Тармақтарды осы жерде қосыңыз, өзгертіңіз және жойыңыз, кесте файлын импорттаңыз немесе жобаны API арқылы жазыңыз. Тармақты сақтау оны жарияламайды: келушілер тек жарияланған нұсқаларды көреді.
programme-draft-empty = Жоба бос.
programme-draft-unpublished = Жоба соңғы жарияланған нұсқадан өзгеше.
programme-draft-published = Жоба өзгеріссіз жарияланған.
programme-publish = Жаңа нұсқа ретінде жариялау
programme-versions = Жарияланған нұсқалар
field-version-name = Нұсқа атауы
field-version-name-help = Мысалы, 1.0 немесе «қорытынды»; әр атау іс-шара үшін бір рет.
event-documents = Құжаттар
document-kind-resolution = Қарар
document-kind-programme = Бағдарлама
document-kind-report = Есеп
document-kind-other = Құжат
document-status-draft = Жоба
document-status-final = Қорытынды
document-status-changed = мәртебесі өзгерді
document-of-event = Іс-шара
document-edit = Құжатты өңдеу
document-new = Құжат қосу
document-new-title = «{ $name }» іс-шарасының жаңа құжаты
document-edit-title = Өңдеу: { $name }
document-recommendations = Ұсынымдар
document-files = Файлдар
document-history = Редакциялар тарихы
document-form-kept = Құжаттың файлдары мен сілтемелері өзгеріссіз сақталады.
field-document-key = Кілт
field-document-key-help = Мекенжайдың бөлігі: кіші латын әріптері, сандар және дефистер, мысалы resolution.
field-document-kind = Құжат түрі
field-document-status-help = Қорытынды құжатты әлі түзетуге болады, бірақ жобаға қайтаруға болмайды.
field-adopted-on = Қабылданған күні
field-document-body = Мәтін
field-recommendations-help = Бір жол — бір ұсыным: ол кімге арналған және онда не айтылған. Арналған адресаты бірдей жолдар бірге көрсетіледі. Жолды алып тастау үшін оны бос қалдырыңыз.
field-recommendation = { $number }-ұсыным
field-addressee = Адресат
field-recommendation-text = Ұсыным
error-one-line = Мұны бір жолға жазыңыз.
error-programme-unchanged = Жоба соңғы жарияланған нұсқамен бірдей.
error-final-to-draft = Қорытынды құжатты жобаға қайтаруға болмайды.
error-only-for-resolutions = Ұсынымдар тек қарарларда болады.
error-invalid-day = Күнді көрсетіңіз, мысалы 2022-03-17.
error-too-many = { $limit } жазбадан аспауы керек.
# Event registration: the public form, the registrant's page, e-mail, the organisers' pages
reg-state-closed = Тіркеу жабық.
reg-state-opens = Тіркеу { $date } ашылады.
reg-state-waitlist = Барлық орын толды: тек күту тізімі ашық.
reg-join-waitlist = Күту тізіміне жазылу
reg-places-left = { $count ->
    [one] { $count } орын қалды
   *[other] { $count } орын қалды
}
reg-form-title = Тіркеу: { $event }
reg-form-heading = Іс-шараға тіркелу
reg-field-name = Аты-жөні
reg-field-email = Электрондық пошта
reg-field-email-help = Растау мен бас тарту сілтемесі осында жіберіледі.
reg-field-organisation = Ұйым
reg-field-position = Лауазымы
reg-field-region = Өңір немесе қала
reg-field-attendance = Қалай қатысасыз
reg-yes = Иә
reg-no = Жоқ
reg-choose = Таңдаңыз…
reg-required = Міндетті.
reg-consent = «{ $event }» іс-шарасының ұйымдастырушылары тіркеуді өткізу және маған осы іс-шара туралы жазу үшін менің атымды, электрондық поштамды, ұйымымды, лауазымымды, өңірімді және жауаптарымды осы платформада сақтауына келісемін. Оларды тек іс-шараның ұйымдастырушылары көреді.
reg-submit = Тіркелу
reg-done-title = Тіркеу қабылданды
reg-done-confirmed = Сіздің орныңыз расталды.
reg-done-pending = Тіркеуіңіз ұйымдастырушылардың мақұлдауын күтуде; әзірше орын сізге бекітілген.
reg-done-waitlisted = Барлық орын толды, сондықтан сіз күту тізіміндесіз. Орын босаса, кезек бойынша жоғарылайсыз, біз сізге жазамыз.
reg-done-cancelled = Бұл тіркеуден бас тартылды.
reg-done-declined = Ұйымдастырушылар бұл тіркеуді қабылдамады.
reg-mail-sent = Тіркеуді көру немесе одан бас тарту сілтемесі бар хатты { $email } мекенжайына жібердік.
reg-mail-failed = Тіркеу сақталды, бірақ { $email } мекенжайына хат жіберілмеді. Ұйымдастырушыларға хабарласыңыз.
reg-page-title = Сіздің тіркеуіңіз
reg-status = Күйі
reg-status-pending = мақұлдауды күтуде
reg-status-confirmed = расталды
reg-status-waitlisted = күту тізімінде
reg-status-cancelled = бас тартылды
reg-status-declined = қабылданбады
reg-cancel = Тіркеуімнен бас тарту
reg-cancel-help = Бас тартсаңыз, орныңыз күту тізіміндегі біреуге беріледі.
reg-cancelled = Тіркеуіңізден бас тартылды.
reg-form-hint = Төмендегі екі өріс басқа сайттағы тіркеуге арналған. Kolo-да тіркеу қабылдау үшін іс-шараның тіркеулер бетін пайдаланыңыз:
reg-list-link = Тіркеулер
reg-list-title = Тіркеулер: { $event }
reg-list-heading = Тіркеулер
reg-settings-link = Тіркеу баптаулары
reg-csv-link = CSV жүктеу
reg-not-set-up = Бұл іс-шара әзірге Kolo-да тіркеу қабылдамайды. Бастау үшін баптауларды ашыңыз.
reg-none-yet = Әзірге ешкім тіркелмеді.
reg-col-registered = Тіркелген уақыты
reg-col-answers = Жауаптар
reg-approve = Мақұлдау
reg-decline = Қабылдамау
reg-moderated = Дайын; қатысушыға хат жіберілді.
reg-moderated-unsent = Дайын, бірақ қатысушыға хат жіберілмеді.
reg-count-confirmed = { $count ->
    [one] { $count } расталған
   *[other] { $count } расталған
}
reg-count-pending = { $count ->
    [one] { $count } мақұлдауды күтуде
   *[other] { $count } мақұлдауды күтуде
}
reg-count-waitlisted = { $count ->
    [one] { $count } күту тізімінде
   *[other] { $count } күту тізімінде
}
reg-count-cancelled = { $count ->
    [one] { $count } бас тартылған
   *[other] { $count } бас тартылған
}
reg-count-declined = { $count ->
    [one] { $count } қабылданбаған
   *[other] { $count } қабылданбаған
}
reg-settings-title = Тіркеу баптаулары: { $event }
reg-settings-heading = Тіркеу баптаулары
reg-settings-window = Қашан
reg-settings-window-help = Уақыт іс-шараның уақыт белдеуінде. Тіркеуді қазірден бастап іс-шара аяқталғанша қабылдау үшін екі өрісті де бос қалдырыңыз.
reg-settings-places = Орындар
reg-settings-questions = Қосымша сұрақтар
reg-settings-questions-help = Аты-жөні, пошта, ұйым, лауазым, өңір және келісім әрқашан сұралады. Өз сұрақтарыңызды осында қосыңыз; бос жол өткізіліп жіберіледі.
reg-field-opens = Тіркеу ашылады
reg-field-opens-help = Бос: қазір ашық.
reg-field-closes = Тіркеу жабылады
reg-field-closes-help = Бос: іс-шара аяқталғанда.
reg-field-capacity = Барлық орын саны
reg-field-capacity-help = Бос: шектеусіз. Орын біткенде жаңа қатысушылар күту тізіміне жазылады.
reg-field-capacity-offline = Оның ішінде бетпе-бет
reg-field-capacity-online = Оның ішінде онлайн
reg-field-moderated = Әр тіркеуді өзім мақұлдаймын
reg-field-moderated-help = Сонда қатысушылар сіздің мақұлдауыңызды күтеді; әзірше орын оларға бекітіледі.
reg-question = { $number }-сұрақ
reg-field-kind = Жауап
reg-kind-text = Еркін мәтін
reg-kind-choice = Бірнеше нұсқаның бірі
reg-kind-yes_no = Иә немесе жоқ
reg-field-key = Қысқа атауы
reg-field-key-help = Латын әріптері мен сызықшалар; жауаптар осы атаумен сақталады. Жаңа сұрақ үшін бос қалдырыңыз.
reg-field-required = Жауап міндетті
reg-field-question = Сұрақ
reg-field-options = Нұсқалар
reg-field-options-help = «Бірнеше нұсқаның бірі» үшін: әр жолға бір нұсқа, әр тілде бірдей ретпен.
error-closed = Бұл іс-шараға тіркеу жабық.
error-not-open = Бұл іс-шара мұнда тіркеу қабылдамайды.
error-not-offered = Іс-шара бұл форматта өтпейді.
error-hybrid-not-allowed = Бетпе-бет немесе онлайн таңдаңыз.
error-unknown-question = Бұл іс-шарада мұндай сұрақ жоқ.
error-closes-before-opens = Тіркеу ашылмай тұрып жабыла алмайды.
error-too-large = Ең көбі { $limit }.
error-not-pending = Бұл тіркеу енді мақұлдауды күтпейді.
error-options-mismatch = Әр тілде нұсқалар саны бірдей болсын.
mail-subject-registered = Тіркеу: { $event }
mail-subject-promoted = Сізге орын босады: { $event }
mail-subject-moderated = Сіздің тіркеуіңіз: { $event }
mail-greeting = Сәлеметсіз бе, { $name }!
mail-status-confirmed = «{ $event }» іс-шарасындағы орныңыз расталды.
mail-status-pending = «{ $event }» іс-шарасына тіркеуіңіз ұйымдастырушылардың мақұлдауын күтуде; әзірше орын сізге бекітілген.
mail-status-waitlisted = «{ $event }» іс-шарасының барлық орны толды, сондықтан сіз күту тізіміндесіз. Орын босаса, кезек бойынша жоғарылайсыз, біз сізге жазамыз.
mail-status-cancelled = «{ $event }» іс-шарасына тіркеуіңізден бас тартылды.
mail-status-declined = «{ $event }» іс-шарасының ұйымдастырушылары тіркеуіңізді қабылдамады.
mail-when = Қашан: { $date }
mail-link = Тіркеуді көру немесе одан бас тарту үшін ашыңыз: { $link }
mail-not-you = Егер сіз тіркелмеген болсаңыз, бұл хатқа мән бермеңіз.
mail-link-earlier = Тіркеуді көру немесе одан бас тарту үшін алғашқы хатымыздағы сілтемені пайдаланыңыз.

## Staff: programme items in forms
programme-item-add = Тармақ қосу
programme-item-edit = Өзгерту
programme-item-edit-label = «{ $name }» тармағын өзгерту
programme-item-remove = Жою
programme-item-remove-label = «{ $name }» тармағын жобадан жою
programme-item-new-title = Бағдарламаның жаңа тармағы: { $name }
programme-item-edit-title = Бағдарлама тармағын өзгерту: { $name }
programme-item-back = Бағдарламаға оралу
programme-item-form-help = Сақтау тек жобаны өзгертеді. Жоба дайын болғанда, оны бағдарлама бетінде жариялаңыз.
programme-item-about = Тармақ туралы
programme-item-when = Қашан және қайда
programme-item-people = Қатысушылар
programme-item-links = Трансляция, жазба және материалдар
programme-overlaps = Бір залда бір уақытта өтетін тармақтар (сақталды; осылай ойластырылғанын тексеріңіз):
programme-overlap = «{ $item }» уақыты жағынан «{ $other }» тармағымен қабаттасады.
field-item-kind = Тармақтың түрі
field-item-track = Бағыт немесе секция
field-item-language = Тармақтың тілі
field-item-language-help = Тіл тегі, мысалы kk, ru, uk немесе en. Тармақтың бір тілі болмаса, бос қалдырыңыз.
field-item-starts-at = Басталуы
field-item-starts-at-help = Іс-шараның уақыт белдеуіндегі ({ $zone }) күні мен жергілікті уақыты, іс-шара күндерінің ішінде.
field-item-duration = Ұзақтығы, минутпен
field-item-hall = Зал
field-item-no-hall = Белгілі бір залсыз
field-persons-help = Осы тармақтың спикерлері, модераторлары мен ұйымдастырушылары, іс-шараның түпнұсқа тілінде. Бос жол ескерілмейді.
field-person = { $number }-қатысушы
field-person-name = Аты-жөні
field-person-role = Рөлі
field-person-affiliation = Ұйымы немесе лауазымы
field-broadcast-url = Тікелей трансляция
field-recording-url = Жазба
field-material = { $number }-материал
field-material-label = Атауы
field-material-url = Веб-мекенжайы
error-outside-event-days = Бұл іс-шара күндерінің ешқайсысына келмейді.
error-unknown-hall = Іс-шарада мұндай зал жоқ.
error-ends-after-event-days = Мұндай ұзақтықпен тармақ іс-шараның соңғы күнінен кейін аяқталады.

## Collections
nav-objects = Коллекциялар
objects-title = Музей заттары
objects-count = { $count ->
    [one] { $count } зат
   *[other] { $count } зат
}
objects-count-more = { $count } заттан астам
objects-empty = Ешбір зат табылмады.
objects-facet-type = Зат түрі
objects-facet-material = Материал
objects-facet-place = Орны
objects-facet-period = Кезең
objects-facet-image = Суреттер
objects-has-image = Суреті бар
objects-filter-from = Жылдан
objects-filter-to = Жылға дейін
objects-filter-years-hint = Б.з.б. жылдар теріс санмен (−800).
year-bc = б.з.б.
object-draft = Жоба: бұл жазбаны тек мекеме қызметкерлері көреді.
object-edit = Затты өңдеу
object-inscription = Жазу
object-events = Тарихы
object-event-production = Жасалған
object-event-find = Табылған
object-event-acquisition = Түскен
object-event-restoration = Қалпына келтірілген
object-event-use = Қолданылған
object-event-exhibition = Көрмеге қойылған
object-event-transfer = Берілген
object-event-other = Оқиға
object-provenance = Шығу тегі
object-inventory-number = Түгендеу нөмірі
object-type = Зат түрі
object-type-text = Сипаттама бойынша түрі
object-dating = Мерзімі
object-years = Жылдар
object-materials = Материалдар
object-techniques = Техникалар
object-materials-text = Сипаттама бойынша материалы мен техникасы
object-cultures = Мәдениет
object-dimensions = Өлшемдері
dimension-height = биіктігі
dimension-width = ені
dimension-depth = тереңдігі
dimension-length = ұзындығы
dimension-diameter = диаметрі
dimension-weight = салмағы
object-credit-line = Қолтаңба
object-rights = Құқықтар
object-links = Басқа көздерде
collection-children = Ішкі коллекциялар
collection-objects = Заттар
term-alt-labels = Басқа атаулары
term-broader = Кеңірек ұғым
term-coordinates = Координаттары
term-links = Беделді көздер
term-objects = Заттар
vocabulary-place = Орын
vocabulary-actor = Тұлға немесе ұйым
vocabulary-period = Кезең
vocabulary-object_type = Зат түрі
vocabulary-material = Материал
vocabulary-technique = Техника
vocabulary-culture = Мәдениет
institution-objects = Мекеменің барлық заттары
