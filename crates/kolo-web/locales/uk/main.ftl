# Рядки інтерфейсу Kolo, українська мова (переклад з англійської, мови-еталона).
# Кожне повідомлення з англійського файлу має бути і тут (це перевіряє тест).

site-name = Kolo
og-locale = uk_UA
skip-to-content = Перейти до основного вмісту
nav-label = Основна навігація
nav-home = Головна
nav-institutions = Установи
nav-networks = Мережі
nav-login = Увійти
nav-logout = Вийти
nav-account = Мій обліковий запис
lang-switch = Мова
footer-about = Kolo — відкрита платформа, на якій музеї та бібліотеки публікують і ведуть свою спільну роботу.
footer-openapi = Опис API (OpenAPI)
feed-title = Новини й події
share-title = Поділитися
share-email = Електронна пошта
share-copy = Адреса цієї сторінки
widget-no-events = Найближчих подій немає.
widget-more = Усі новини й події
widgets-link = Віджети для вашого сайту
widgets-title = Віджети для вашого сайту
widgets-intro = Показуйте найближчі події на власному сайті. Скопіюйте один із кодів нижче на сторінку свого сайту — більше нічого не потрібно.
widgets-iframe = Живий віджет (iframe)
widgets-iframe-help = Завжди актуальний: у рамці те, що Коло показує зараз. Вставте його туди, де ваш сайт дозволяє HTML.
widgets-code = Код для копіювання
widgets-fragment = Простий HTML без скриптів
widgets-fragment-help = Копія списку станом на сьогодні — для сайтів, що не дозволяють рамок. Набуває стилів вашого сайту; щоб оновити, вставте ще раз або нехай ваш сервер завантажує її за адресою нижче.
widgets-fragment-url = Поточна версія за адресою
widgets-feeds = Стрічки для інших сайтів і застосунків
format-json = JSON
machine-readable = Машиночитані дані
format-iiif-manifest = Маніфест IIIF (Mirador, Universal Viewer)
format-iiif-collection = Колекція IIIF (Mirador, Universal Viewer)

home-title = Музеї та бібліотеки — разом
home-intro = Установи, їхні мережі та спільні проєкти в одному місці — українською, російською, казахською та англійською мовами.
home-networks-heading = Мережі та проєкти
home-by-kind = Установи за типами
home-browse-all = Переглянути всі установи

institutions-count = { $count ->
    [one] { $count } установа
    [few] { $count } установи
    [many] { $count } установ
   *[other] { $count } установи
}
networks-count = { $count ->
    [one] { $count } мережа
    [few] { $count } мережі
    [many] { $count } мереж
   *[other] { $count } мережі
}
members-count = { $count ->
    [one] { $count } учасник
    [few] { $count } учасники
    [many] { $count } учасників
   *[other] { $count } учасника
}

kind-museum = Музей
kind-library = Бібліотека
kind-archive = Архів
kind-gallery = Галерея
kind-university = Університет
kind-association = Асоціація
kind-government = Орган влади
kind-other = Інше
network-kind-association = Асоціація
network-kind-project = Проєкт
network-kind-network = Мережа

country-UA = Україна
country-RU = Росія
country-KZ = Казахстан

directory-title = Установи
directory-filters = Фільтри установ
directory-filter-kind = Тип
directory-filter-country = Країна
directory-filter-region = Регіон
directory-filter-network = Мережа
directory-filter-any = Усі
directory-filter-apply = Показати
directory-filter-reset = Скинути фільтри
directory-empty = Жодна установа не відповідає цим фільтрам.
pagination-label = Сторінки
pagination-prev = Попередня сторінка
pagination-next = Наступна сторінка
pagination-status = Сторінка { $page } з { $pages }

institution-about = Про установу
institution-address = Адреса
institution-contacts = Контакти
institution-website = Вебсайт
institution-email = Електронна пошта
institution-phone = Телефон
institution-networks = Мережі та проєкти
institution-no-networks = Поки що не входить до жодної мережі.
institution-edit = Редагувати установу
section-events = Події
section-exhibitions = Виставки
section-collection = Колекція
section-projects = Проєкти
section-news = Новини
section-empty = Тут поки що нічого не опубліковано.

networks-title = Мережі та проєкти
network-members = Учасники
network-no-members = Учасників поки що немає.
network-edit = Редагувати мережу
network-members-in-directory = Показати учасників у каталозі

login-title = Вхід
login-email = Електронна пошта
login-password = Пароль
login-submit = Увійти
login-failed = Неправильна електронна адреса або пароль.
login-throttled = Забагато невдалих спроб. Спробуйте ще раз через 15 хвилин.
login-no-signup = Облікові записи створюються за запрошенням. Зверніться по нього до адміністратора вашої установи.

form-save = Зберегти
form-saved = Збережено.
form-cancel = Скасувати
form-has-errors = Будь ласка, виправте поля, позначені нижче.
form-other-language = Інша мова (тег BCP 47)
field-slug = Адреса в Kolo
field-slug-help = Малі латинські літери, цифри та дефіси, наприклад novopskov-museum.
field-kind = Тип
field-original-lang = Мова оригіналу
field-name = Назва
field-description = Опис
field-country = Країна (код ISO, наприклад UA)
field-region-code = Код регіону (ISO 3166-2, наприклад UA-09)
field-region = Регіон
field-locality = Населений пункт
field-address = Адреса
field-email = Електронна пошта
field-phone = Телефон
field-website = Вебсайт
field-networks = Мережі
lang-name-uk = Українська
lang-name-ru = Російська
lang-name-kk-Cyrl = Казахська (кирилиця)
lang-name-kk-Latn = Казахська (латиниця)
lang-name-en = Англійська

error-required = Це поле обов’язкове.
error-too-long = { $limit ->
    [one] Не більше ніж { $limit } символ.
    [few] Не більше ніж { $limit } символи.
    [many] Не більше ніж { $limit } символів.
   *[other] Не більше ніж { $limit } символу.
}
error-too-short = { $limit ->
    [one] Щонайменше { $limit } символ.
    [few] Щонайменше { $limit } символи.
    [many] Щонайменше { $limit } символів.
   *[other] Щонайменше { $limit } символу.
}
error-invalid-slug = Використовуйте малі латинські літери, цифри та одинарні дефіси.
error-invalid-email = Це не адреса електронної пошти.
error-invalid-phone = Можна вводити лише цифри, пробіли та знаки + - ( ).
error-invalid-url = Вкажіть повну вебадресу, що починається з http:// або https://.
error-invalid-country = Вкажіть дволітерний код країни ISO, наприклад UA.
error-invalid-region-code = Вкажіть код ISO 3166-2 тієї самої країни, наприклад UA-09.
error-original-name-missing = Вкажіть назву мовою оригіналу.
error-taken = Це значення вже використовується.
error-unknown-network = Виберіть мережі зі списку.
error-invalid-lang = Це не мовний тег.
error-invalid-choice = Виберіть одне зі значень у списку.

error-page-title = Щось пішло не так
error-not-found = Такої сторінки не існує.
error-unauthorized = Спочатку увійдіть.
error-forbidden = У вас немає прав на цю дію.
error-csrf = Термін дії форми минув, або її надіслано з іншого сайту. Оновіть сторінку й спробуйте ще раз.
error-bad-request = Не вдалося розібрати запит.
error-internal = Сталася внутрішня помилка. Її записано в журнал.

edit-institution-title = Редагування: { $name }
new-institution-title = Нова установа
edit-network-title = Редагування: { $name }
new-network-title = Нова мережа
admin-title = Адміністрування
admin-new-institution = Додати установу
admin-new-network = Додати мережу
admin-audit = Історія змін

invite-title = Запросити колегу
invite-email = Електронна пошта колеги
invite-role = Роль
invite-submit = Створити запрошення
invite-created = Запрошення створено. Надішліть це посилання на адресу { $email }. Посилання одноразове, термін його дії закінчується { $date }.
role-institution_admin = Адміністратор установи
role-editor = Редактор
role-coordinator = Координатор мережі
accept-title = Прийняти запрошення
accept-intro = Вас запрошено на роль «{ $role }»: { $scope }.
accept-name = Ваше ім’я
accept-password = Придумайте пароль (щонайменше 10 символів)
accept-submit = Створити обліковий запис
accept-invalid = Посилання на запрошення недійсне, уже використане або його термін дії минув.

account-title = Мій обліковий запис
account-roles = Мої ролі
account-platform-admin = Адміністратор платформи
account-no-roles = У вас поки що немає ролей.
account-tokens = Токени API
account-tokens-help = Токен дає змогу програмі працювати з API від вашого імені. Зберігайте його в таємниці.
account-token-label = Назва токена
account-token-create = Створити токен
account-token-created = Ваш новий токен. Скопіюйте його зараз: він показується лише один раз.
account-token-revoke = Відкликати
account-no-tokens = Токенів поки що немає.

audit-title = Історія змін
audit-when = Коли
audit-who = Хто
audit-what = Що

# Staff pages: multilingual form fields, accepting an invitation into an existing account,
# the account page, the change history.
form-add-language = Додати іншу мову
form-lang-tag = Мова: { $name }
form-other-language-help = Наприклад, de, pl або kk-Arab.
form-other-language-text = Текст цією мовою
accept-existing = У вас уже є обліковий запис з адресою { $email }. Введіть його пароль, щоб додати до нього цю роль.
accept-submit-existing = Додати роль до мого облікового запису
account-signed-in-as = Ви увійшли як { $name } ({ $email }).
account-token-created-at = Створено
account-token-revoke-named = Відкликати токен «{ $name }»
audit-record = Запис
audit-detail = Подробиці
audit-system = Система
audit-empty = Поки що нічого не записано.

# Події
nav-events = Події
events-title = Події
events-upcoming = Майбутні
events-past = Минулі
events-empty = Жодна подія не відповідає цим фільтрам.
events-count = { $count ->
    [one] { $count } подія
    [few] { $count } події
    [many] { $count } подій
   *[other] { $count } події
}
events-filter-kind = Тип
events-filter-attendance = Формат участі
events-filter-institution = Установа
events-filter-network = Мережа
events-filter-from = Від
events-filter-to = До
event-kind-forum = Форум
event-kind-conference = Конференція
event-kind-strategic_session = Стратегічна сесія
event-kind-round_table = Круглий стіл
event-kind-seminar = Семінар
event-kind-workshop = Майстер-клас
event-kind-lecture = Лекція
event-kind-presentation = Презентація
event-kind-excursion = Екскурсія
event-kind-exhibition_opening = Відкриття виставки
event-kind-press_conference = Прес-конференція
event-kind-online_class = Онлайн-заняття
event-kind-exchange_visit = Обмінний візит
event-kind-other = Подія
event-status-scheduled = Заплановано
event-status-postponed = Відкладено
event-status-rescheduled = Перенесено
event-status-cancelled = Скасовано
event-status-moved_online = Переведено в онлайн
attendance-offline = Очно
attendance-online = Онлайн
attendance-hybrid = Очно й онлайн
item-kind-session = Сесія
item-kind-panel = Панельна дискусія
item-kind-talk = Доповідь
item-kind-workshop = Майстер-клас
item-kind-break = Перерва
item-kind-excursion = Екскурсія
item-kind-cultural_programme = Культурна програма
item-kind-ceremony = Церемонія
item-kind-other = Пункт програми
person-role-speaker = Спікер
person-role-moderator = Модератор
person-role-organiser = Організатор
event-when = Коли
event-time-zone = Час указано місцевий ({ $zone }).
event-where = Де
event-online = Онлайн
event-join-online = Дивитися або долучитися онлайн
event-hosts = Приймаюча сторона
event-organisers = Організатори
event-partners = Партнери
event-supporters = За підтримки
event-networks = Мережі та проєкти
event-part-of = Частина події
event-sub-events = У межах цієї події
event-key-questions = Ключові питання
event-audience = Для кого
event-contacts = Контакти
event-links = Посилання
event-registration = Реєстрація
event-register = Зареєструватися
event-registration-closes = Реєстрацію буде закрито { $date }.
event-registration-closed = Реєстрацію закрито { $date }.
event-programme = Програма
event-programme-empty = Програму ще не опубліковано.
event-hall = Зала
event-track = Секція
event-broadcast = Пряма трансляція
event-recording = Запис
event-materials = Матеріали
event-day = День { $number }
format-ical = iCalendar
format-atom = Стрічка Atom
format-frab-xml = Frab schedule.xml
format-frab-json = Frab schedule.json
event-now = Зараз триває

# Календар на місяць
events-calendar = Календар на місяць
events-calendar-prev = Попередній місяць
events-calendar-next = Наступний місяць
events-list = Список
month-1 = Січень
month-2 = Лютий
month-3 = Березень
month-4 = Квітень
month-5 = Травень
month-6 = Червень
month-7 = Липень
month-8 = Серпень
month-9 = Вересень
month-10 = Жовтень
month-11 = Листопад
month-12 = Грудень
weekday-1 = Пн
weekday-2 = Вт
weekday-3 = Ср
weekday-4 = Чт
weekday-5 = Пт
weekday-6 = Сб
weekday-7 = Нд

# Форми подій
event-edit = Редагувати подію
admin-new-event = Додати подію
new-event-title = Нова подія
edit-event-title = Редагування: { $name }
event-form-about = Про подію
event-form-who = Приймаюча сторона та мережі
event-form-kept = Організатори, партнери, організації, що підтримують, посилання й програма тут не редагуються; під час збереження вони лишаються як є.
event-form-nothing-to-choose = Немає з чого обрати.
field-status = Стан
field-attendance = Формат
field-title = Назва
field-summary = Короткий опис
field-audience = Для кого
field-key-questions = Ключові питання
field-key-questions-help = Одне питання в рядку, мовою оригіналу. Переклади незмінених питань зберігаються.
field-starts-at = Початок
field-ends-at = Завершення
field-event-times-help = Місцевий час там, де відбувається подія, у часовому поясі, обраному нижче.
field-time-zone = Часовий пояс
field-hosts = Приймаючі установи
field-hosts-help = Працівники приймаючої установи можуть редагувати подію.
field-online-url = Посилання на трансляцію чи онлайн-зустріч
field-registration-url = Сторінка реєстрації
field-registration-closes = Реєстрація закривається
field-venue-name = Місце проведення
field-venue-address = Адреса місця проведення
field-halls = Зали
field-halls-help = Пункти програми посилаються на зали за ключем. Назви мовою оригіналу; порожні рядки пропускаються.
field-hall = Зала { $number }
field-hall-key = Ключ (напр. main-hall)
field-hall-name = Назва
field-hall-capacity = Місць
field-hall-stream-url = Пряма трансляція
field-hall-recorded = Засідання в цій залі записуються
field-contacts-help = Імена та ролі мовою оригіналу; порожні рядки пропускаються.
field-contact = Контактна особа { $number }
field-contact-name = Ім’я
field-contact-role = Роль
error-ends-before-start = Подія не може завершитися раніше, ніж почнеться.
error-after-event-end = Це пізніше за завершення події.
error-unknown-institution = У Kolo немає такої установи.
error-unknown-event = У Kolo немає такої події.
error-own-parent = Подія не може бути частиною самої себе.
error-duplicate = Це значення вжито двічі.
error-slug-mismatch = Адресу тут змінити не можна.
error-invalid-date = Вкажіть дату й час, напр. 2024-09-14 10:00.
error-invalid-zone = Оберіть часовий пояс зі списку.
error-invalid-number = Вкажіть ціле число, напр. 120.

## Frab schedule files
programme-import-title = Імпорт програми
programme-import-help = Завантажте файл розкладу, експортований із pretalx, Indico, frab чи іншої системи для конференцій (Frab schedule.xml або schedule.json, до 20 МБ). Пункти зіставляються за guid, тож повторний імпорт того самого файлу оновлює їх на місці; приміщення стають залами. Якщо у файлі є помилка, нічого не змінюється.
programme-import-file = Файл розкладу
programme-import-submit = Імпортувати
programme-import-no-file = Спершу виберіть файл розкладу.
programme-import-refused = Файл не імпортовано, нічого не змінено:
programme-import-done = { $count ->
    [one] Імпортовано { $count } пункт програми.
    [few] Імпортовано { $count } пункти програми.
   *[other] Імпортовано { $count } пунктів програми.
}
programme-import-warnings = Варто перевірити:
# Programme versions and event documents
programme-version-note = Версія { $name }, опублікована { $date }
programme-version-title = Версія { $name } від { $date }
programme-changes-link = Що змінилося
programme-changes-title = Зміни програми: { $name }
programme-back-to-event = Назад до події
programme-no-versions = Жодної версії програми ще не опубліковано.
programme-added = Додано
programme-changed = Змінено
programme-removed = Вилучено
item-part-time = час
item-part-duration = тривалість
item-part-hall = зала
item-part-track = трек
item-part-title = назва
item-part-kind = вид
item-part-description = опис
item-part-persons = учасники
item-part-links = посилання
item-part-language = мова
programme-staff-link = Версії програми
programme-staff-title = Програма «{ $name }»: чернетка і версії
programme-draft = Чернетка
programme-draft-help = Додавайте, змінюйте й вилучайте пункти тут, імпортуйте файл розкладу або записуйте чернетку через API. Збереження пункту не публікує його: відвідувачі бачать лише опубліковані версії.
programme-draft-empty = Чернетка порожня.
programme-draft-unpublished = Чернетка відрізняється від останньої опублікованої версії.
programme-draft-published = Чернетку опубліковано без змін.
programme-publish = Опублікувати як нову версію
programme-versions = Опубліковані версії
field-version-name = Назва версії
field-version-name-help = Наприклад, 1.0 або «остаточна»; кожна назва один раз для події.
event-documents = Документи
document-kind-resolution = Резолюція
document-kind-programme = Програма
document-kind-report = Звіт
document-kind-other = Документ
document-status-draft = Проєкт
document-status-final = Остаточний
document-status-changed = статус змінено
document-of-event = Подія
document-edit = Редагувати документ
document-new = Додати документ
document-new-title = Новий документ події «{ $name }»
document-edit-title = Редагування: { $name }
document-recommendations = Рекомендації
document-files = Файли
document-history = Історія редакцій
document-form-kept = Файли й посилання документа зберігаються без змін.
field-document-key = Ключ
field-document-key-help = Частина адреси: малі латинські літери, цифри та дефіси, наприклад resolution.
field-document-kind = Вид документа
field-document-status-help = Остаточний документ ще можна виправити, але не повернути в проєкт.
field-adopted-on = Дата ухвалення
field-document-body = Текст
field-recommendations-help = Один рядок — одна рекомендація: кому вона адресована і що в ній сказано. Рядки з однаковим адресатом показуються разом. Щоб вилучити рядок, залиште його порожнім.
field-recommendation = Рекомендація { $number }
field-addressee = Адресат
field-recommendation-text = Рекомендація
error-one-line = Напишіть це в один рядок.
error-programme-unchanged = Чернетка збігається з останньою опублікованою версією.
error-final-to-draft = Остаточний документ не можна повернути в проєкт.
error-only-for-resolutions = Рекомендації бувають лише в резолюцій.
error-invalid-day = Вкажіть дату, наприклад 2022-03-17.
error-too-many = Не більше { $limit } записів.
# Event registration: the public form, the registrant's page, e-mail, the organisers' pages
reg-state-closed = Реєстрацію закрито.
reg-state-opens = Реєстрація відкриється { $date }.
reg-state-waitlist = Усі місця зайнято: відкрито лише список очікування.
reg-join-waitlist = Стати в список очікування
reg-places-left = { $count ->
    [one] Залишилося { $count } місце
    [few] Залишилося { $count } місця
    [many] Залишилося { $count } місць
   *[other] Залишилося { $count } місця
}
reg-form-title = Реєстрація: { $event }
reg-form-heading = Реєстрація на подію
reg-field-name = Прізвище, ім'я, по батькові
reg-field-email = Електронна пошта
reg-field-email-help = Сюди надійде підтвердження і посилання для скасування.
reg-field-organisation = Організація
reg-field-position = Посада
reg-field-region = Регіон або місто
reg-field-attendance = Як ви берете участь
reg-yes = Так
reg-no = Ні
reg-choose = Виберіть…
reg-required = Обов'язково.
reg-consent = Я погоджуюся, що організатори події «{ $event }» зберігають на цій платформі моє ім'я, електронну пошту, організацію, посаду, регіон і відповіді, щоб провести реєстрацію та писати мені про цю подію. Їх бачать лише організатори події.
reg-submit = Зареєструватися
reg-done-title = Реєстрацію отримано
reg-done-confirmed = Ваше місце підтверджено.
reg-done-pending = Ваша реєстрація чекає на схвалення організаторів; місце тим часом за вами.
reg-done-waitlisted = Усі місця зайнято, тож ви в списку очікування. Якщо місце звільниться, ви просунетеся за чергою, і ми вам напишемо.
reg-done-cancelled = Цю реєстрацію скасовано.
reg-done-declined = Організатори відхилили цю реєстрацію.
reg-mail-sent = Ми надіслали лист на { $email } з посиланням, щоб переглянути або скасувати реєстрацію.
reg-mail-failed = Реєстрацію збережено, але лист на { $email } не вдалося надіслати. Зв'яжіться з організаторами.
reg-page-title = Ваша реєстрація
reg-status = Стан
reg-status-pending = чекає на схвалення
reg-status-confirmed = підтверджено
reg-status-waitlisted = у списку очікування
reg-status-cancelled = скасовано
reg-status-declined = відхилено
reg-cancel = Скасувати мою реєстрацію
reg-cancel-help = Скасування звільняє ваше місце для когось зі списку очікування.
reg-cancelled = Вашу реєстрацію скасовано.
reg-form-hint = Два поля нижче — для реєстрації на іншому сайті. Щоб приймати реєстрації в Kolo, скористайтеся сторінкою реєстрацій події:
reg-list-link = Реєстрації
reg-list-title = Реєстрації: { $event }
reg-list-heading = Реєстрації
reg-settings-link = Налаштування реєстрації
reg-csv-link = Завантажити CSV
reg-not-set-up = Ця подія ще не приймає реєстрацій у Kolo. Відкрийте налаштування, щоб почати.
reg-none-yet = Ще ніхто не зареєструвався.
reg-col-registered = Зареєстровано
reg-col-answers = Відповіді
reg-approve = Схвалити
reg-decline = Відхилити
reg-moderated = Готово; учасникові надіслано лист.
reg-moderated-unsent = Готово, але лист учасникові не вдалося надіслати.
reg-count-confirmed = { $count ->
    [one] { $count } підтверджена
    [few] { $count } підтверджені
    [many] { $count } підтверджених
   *[other] { $count } підтверджених
}
reg-count-pending = { $count ->
    [one] { $count } чекає на схвалення
    [few] { $count } чекають на схвалення
    [many] { $count } чекають на схвалення
   *[other] { $count } чекають на схвалення
}
reg-count-waitlisted = { $count ->
    [one] { $count } у списку очікування
    [few] { $count } у списку очікування
    [many] { $count } у списку очікування
   *[other] { $count } у списку очікування
}
reg-count-cancelled = { $count ->
    [one] { $count } скасована
    [few] { $count } скасовані
    [many] { $count } скасованих
   *[other] { $count } скасованих
}
reg-count-declined = { $count ->
    [one] { $count } відхилена
    [few] { $count } відхилені
    [many] { $count } відхилених
   *[other] { $count } відхилених
}
reg-settings-title = Налаштування реєстрації: { $event }
reg-settings-heading = Налаштування реєстрації
reg-settings-window = Коли
reg-settings-window-help = Час — у часовому поясі події. Залиште обидва поля порожніми, щоб приймати реєстрації від сьогодні до кінця події.
reg-settings-places = Місця
reg-settings-questions = Додаткові запитання
reg-settings-questions-help = Ім'я, пошту, організацію, посаду, регіон і згоду запитують завжди. Додайте тут власні запитання; порожній рядок пропускається.
reg-field-opens = Реєстрація відкривається
reg-field-opens-help = Порожньо: відкрита вже зараз.
reg-field-closes = Реєстрація закривається
reg-field-closes-help = Порожньо: коли подія закінчиться.
reg-field-capacity = Усього місць
reg-field-capacity-help = Порожньо: без обмежень. Коли місця закінчаться, нові учасники потраплять у список очікування.
reg-field-capacity-offline = З них очно
reg-field-capacity-online = З них онлайн
reg-field-moderated = Схвалювати кожну реєстрацію самостійно
reg-field-moderated-help = Тоді учасники чекають на ваше схвалення; місце тим часом за ними.
reg-question = Запитання { $number }
reg-field-kind = Відповідь
reg-kind-text = Довільний текст
reg-kind-choice = Один із кількох варіантів
reg-kind-yes_no = Так чи ні
reg-field-key = Коротка назва
reg-field-key-help = Латинські літери й дефіси; під нею зберігаються відповіді. Для нового запитання залиште порожнім.
reg-field-required = Відповідь обов'язкова
reg-field-question = Запитання
reg-field-options = Варіанти
reg-field-options-help = Для «одного з кількох варіантів»: один варіант у рядку, в однаковому порядку для кожної мови.
error-closed = Реєстрацію на цю подію закрито.
error-not-open = Ця подія не приймає реєстрацій тут.
error-not-offered = Подія не проходить у такому форматі.
error-hybrid-not-allowed = Виберіть: очно чи онлайн.
error-unknown-question = У цієї події немає такого запитання.
error-closes-before-opens = Реєстрація не може закритися раніше, ніж відкриється.
error-too-large = Щонайбільше { $limit }.
error-not-pending = Ця реєстрація вже не чекає на схвалення.
error-options-mismatch = Дайте однакову кількість варіантів для кожної мови.
mail-subject-registered = Реєстрація: { $event }
mail-subject-promoted = Для вас звільнилося місце: { $event }
mail-subject-moderated = Ваша реєстрація: { $event }
mail-greeting = Вітаємо, { $name }!
mail-status-confirmed = Ваше місце на події «{ $event }» підтверджено.
mail-status-pending = Ваша реєстрація на подію «{ $event }» чекає на схвалення організаторів; місце тим часом за вами.
mail-status-waitlisted = Усі місця на подію «{ $event }» зайнято, тож ви в списку очікування. Якщо місце звільниться, ви просунетеся за чергою, і ми вам напишемо.
mail-status-cancelled = Вашу реєстрацію на подію «{ $event }» скасовано.
mail-status-declined = Організатори події «{ $event }» відхилили вашу реєстрацію.
mail-when = Коли: { $date }
mail-link = Щоб переглянути або скасувати реєстрацію, відкрийте { $link }
mail-not-you = Якщо ви не реєструвалися, просто не зважайте на цей лист.
mail-link-earlier = Щоб переглянути або скасувати реєстрацію, скористайтеся посиланням із нашого першого листа.

## Staff: programme items in forms
programme-item-add = Додати пункт
programme-item-edit = Змінити
programme-item-edit-label = Змінити «{ $name }»
programme-item-remove = Вилучити
programme-item-remove-label = Вилучити «{ $name }» з чернетки
programme-item-new-title = Новий пункт програми: { $name }
programme-item-edit-title = Зміна пункту програми: { $name }
programme-item-back = Назад до програми
programme-item-form-help = Збереження змінює лише чернетку. Коли вона буде готова, опублікуйте її на сторінці програми.
programme-item-about = Про пункт
programme-item-when = Коли і де
programme-item-people = Учасники
programme-item-links = Трансляція, запис і матеріали
programme-overlaps = Пункти в одній залі в той самий час (збережено; перевірте, чи так задумано):
programme-overlap = «{ $item }» збігається в часі з «{ $other }».
field-item-kind = Вид пункту
field-item-track = Напрям або секція
field-item-language = Мова пункту
field-item-language-help = Мовний тег, наприклад uk, ru, kk чи en. Залиште порожнім, якщо пункт не має однієї мови.
field-item-starts-at = Початок
field-item-starts-at-help = Дата й місцевий час у часовому поясі події ({ $zone }), у межах днів події.
field-item-duration = Тривалість у хвилинах
field-item-hall = Зала
field-item-no-hall = Без певної зали
field-persons-help = Спікери, модератори й організатори цього пункту мовою оригіналу події. Порожній рядок не враховується.
field-person = Учасник { $number }
field-person-name = Ім’я
field-person-role = Роль
field-person-affiliation = Установа або посада
field-broadcast-url = Пряма трансляція
field-recording-url = Запис
field-material = Матеріал { $number }
field-material-label = Назва
field-material-url = Вебадреса
error-outside-event-days = Це не припадає на жоден із днів події.
error-unknown-hall = У події немає такої зали.
error-ends-after-event-days = З такою тривалістю пункт закінчується після останнього дня події.

## Exhibitions and object stories
nav-exhibitions = Виставки
exhibitions-title = Виставки
exhibitions-filter-kind = Вид виставки
exhibitions-current = Зараз триває
exhibitions-upcoming = Незабаром
exhibitions-past = Минулі виставки
exhibitions-here-now = Зараз тут експонується
exhibitions-here-next = Незабаром тут
exhibition-kind-permanent = Постійна експозиція
exhibition-kind-temporary = Тимчасова виставка
exhibition-kind-travelling = Пересувна виставка
exhibition-kind-virtual = Віртуальна виставка
exhibition-kind-single_object = Виставка одного експоната
exhibition-kind-banner = Банерна виставка
exhibition-since = з { $date }
exhibition-until = до { $date }
state-draft = Чернетка
state-published = Опубліковано
exhibition-new = Нова виставка
exhibition-edit = Редагувати виставку
exhibition-highlight = Родзинка
object-inventory-number = Інвентарний номер
exhibition-itinerary = Маршрут
itinerary-past = Уже побувала
itinerary-current = Зараз експонується
itinerary-next = Наступні місця
exhibition-events = Пов’язані події
exhibition-hosts = Господарі
exhibition-organisers = Організатори
exhibition-partners = Партнери
exhibition-curators = Куратори
stories-title = Розповіді про експонати
story = Розповідь про експонат
story-series-the-exhibit-tells = Експонат розповідає…
story-number = № { $number }
story-new = Нова розповідь
story-edit = Редагувати розповідь
story-object = Предмет
story-institution = Музей
new-exhibition-title = Нова виставка
edit-exhibition-title = Редагування: { $name }
exhibition-form-kept = Організатори, куратори, мережі, пов’язані події, зображення й посилання тут не редагуються; збереження лишає їх як є.
field-state = Публікація
field-opens-on = Відкривається
field-closes-on = Закривається
field-exhibition-dates-help = Для виставки у господарів; пересувна виставка бере дати з маршруту. Для постійної експозиції день закриття не заповнюйте.
exhibition-hosts-help = Працівники закладу-господаря можуть редагувати виставку.
field-partners = Заклади-партнери
exhibition-stops = Маршрут
exhibition-stops-help = Одна зупинка на одне місце, по черзі. Щоб додати зупинку, заповніть порожній рядок; щоб прибрати — очистіть рядок.
field-stop = Зупинка { $number }
field-stop-institution = Заклад у Kolo
field-stop-venue = Назва місця (якщо його немає в Kolo)
field-stop-city = Місто
exhibition-sections = Розділи
exhibition-sections-help = Щоб прибрати розділ, очистіть його ключ і назву.
field-section = Розділ { $number }
field-section-key = Ключ (латинські літери, цифри, дефіси)
field-section-title = Назва
field-section-text = Текст
field-section-objects = Предмети
field-section-objects-help = По одному в рядку: інвентарний номер, далі | і підпис. Зірочка * перед номером позначає родзинку; для предмета іншого закладу напишіть перед номером заклад:.
field-none = —
new-story-title = Нова розповідь про експонат
edit-story-title = Редагування: { $name }
field-institution = Заклад
field-series = Серія (ключ)
field-series-help = Розповіді однієї серії мають спільний ключ, наприклад the-exhibit-tells.
field-number = Номер у серії
field-object-inventory-number = Інвентарний номер предмета
field-body = Текст
field-published-on = Дата публікації
error-overlaps-previous-stop = Ця зупинка починається раніше, ніж закінчується попередня.
error-single-object-needs-one = Виставка одного експоната показує рівно один предмет.
error-needs-series = Номер потребує серії.
# Image uploads
error-too-many-pixels = Забагато пікселів у зображенні: щонайбільше { $limit }.
error-decoded-memory-limit = Щоб відкрити зображення, потрібно забагато пам'яті: щонайбільше { $limit } Б.
error-unsupported-format = Завантажте зображення JPEG, PNG, TIFF або WebP.
error-undecodable = Файл зображення пошкоджений або неповний.
error-empty = Файл порожній.
## Collections
nav-objects = Колекції
objects-title = Музейні предмети
objects-count = { $count ->
    [one] { $count } предмет
    [few] { $count } предмети
    [many] { $count } предметів
   *[other] { $count } предмета
}
objects-count-more = Понад { $count } предметів
objects-empty = Жодного предмета не знайдено.
objects-facet-type = Тип предмета
objects-facet-material = Матеріал
objects-facet-place = Місце
objects-facet-period = Період
objects-facet-image = Зображення
objects-has-image = Із зображеннями
objects-filter-from = Від року
objects-filter-to = До року
objects-filter-years-hint = Роки до н. е. — від'ємними числами (−800).
year-bc = до н. е.
object-draft = Чернетка: цей запис бачать лише працівники закладу.
object-edit = Редагувати предмет
object-inscription = Напис
object-events = Історія
object-event-production = Виготовлено
object-event-find = Знайдено
object-event-acquisition = Надійшло
object-event-restoration = Реставровано
object-event-use = Використовувалося
object-event-exhibition = Експонувалося
object-event-transfer = Передано
object-event-other = Подія
object-provenance = Походження
object-type = Тип предмета
object-type-text = Тип за описом
object-dating = Датування
object-years = Роки
object-materials = Матеріали
object-techniques = Техніки
object-materials-text = Матеріал і техніка за описом
object-cultures = Культура
object-dimensions = Розміри
dimension-height = висота
dimension-width = ширина
dimension-depth = глибина
dimension-length = довжина
dimension-diameter = діаметр
dimension-weight = вага
object-credit-line = Підпис
object-rights = Права
object-held-by = Зберігач
object-links = В інших джерелах
collection-children = Підколекції
collection-objects = Предмети
term-alt-labels = Інші назви
term-broader = Ширше поняття
term-coordinates = Координати
term-links = Авторитетні джерела
term-objects = Предмети
vocabulary-place = Місце
vocabulary-actor = Особа чи організація
vocabulary-period = Період
vocabulary-object_type = Тип предмета
vocabulary-material = Матеріал
vocabulary-technique = Техніка
vocabulary-culture = Культура
institution-objects = Усі предмети закладу
object-new = Додати предмет
object-new-title = Новий предмет: { $name }
object-edit-title = Редагування: { $name }
object-no-collection = (без колекції)
object-state-draft = Чернетка (лише для працівників)
object-state-published = Опубліковано
field-collection = Колекція
field-term-key-help = Ключ терміна спільного словника, напр. costume.
field-term-keys-help = Ключі термінів через кому, напр. linen, wool.
field-dating-earliest = Найраніший рік
field-dating-latest = Найпізніший рік
collection-new = Додати колекцію
collection-edit = Редагувати колекцію
collection-new-title = Нова колекція: { $name }
collection-edit-title = Редагування: { $name }
collection-no-parent = (верхній рівень)
field-collection-parent = Входить до
error-unknown-term = У цьому словнику ще немає терміна «{ $name }».
error-unknown-collection = У закладу немає такої колекції.
error-institution-mismatch = Предмет залишається у своєму закладі.
error-cycle = Колекція не може входити сама в себе.
error-half-range = Вкажіть обидва роки або жодного.
error-reversed-range = Найпізніший рік раніший за найраніший.
error-unknown-rights-statement = Вкажіть адресу Creative Commons або rightsstatements.org.

error-unknown-media = У закладу немає такого зображення: спершу завантажте його.
images-title = Зображення
images-none = Зображень ще немає.
images-main = Головне зображення: його показують списки, прев'ю та агрегатори.
images-first = Зробити головним
images-remove = Зняти
images-upload = Додати зображення
images-help = JPEG, PNG, TIFF або WebP. Велике зображення під час завантаження ріжеться на плитки для глибокого масштабування: це може тривати кілька секунд. Зняте зображення лишається серед файлів закладу.
images-file = Файл зображення
images-caption = Підпис
images-rights = Права на зображення
images-rights-record = Як для запису
images-submit = Завантажити

# Search
nav-search = Пошук
search-title = Пошук
search-label = Шукати всюди: заклади, події, виставки, предмети, розповіді
search-submit = Шукати
search-hint = Українською, російською, казахською (кирилицею чи латиницею) та англійською. «Лапки» знаходять фразу; зірочка — початок слова (музе*).
search-count = { $count ->
    [one] { $count } результат
    [few] { $count } результати
   *[other] { $count } результатів
}
search-none = Нічого не знайдено. Спробуйте менше або коротші слова.
search-notice-empty = Не було чого шукати: введіть слово.
search-notice-shortened = Запит задовгий, тому шукали лише його початок.
search-sort-date = Спершу новіші
search-sort-relevance = Спершу найвідповідніші
search-pages = Сторінки результатів
search-previous = Попередня
search-next = Наступна
search-filters = Уточнити результати
search-facet-type = Тип
search-facet-network = Мережа
search-facet-institution = Заклад
search-facet-region = Регіон
search-facet-language = Мова тексту
search-facet-more = Ще
search-has-image = Із зображенням
search-upcoming = Майбутні
search-past = Минулі
search-kind-institution = Заклад
search-kind-network = Мережа
search-kind-event = Подія
search-kind-programme-item = Пункт програми
search-kind-document = Документ
search-kind-exhibition = Виставка
search-kind-story = Розповідь про предмет
search-kind-object = Музейний предмет

## Cooperation projects
nav-projects = Проєкти
projects-title = Проєкти співпраці
projects-filter-status = Стан
project-new = Новий проєкт
project-edit = Редагувати проєкт
project-status-planned = Заплановано
project-status-running = Триває
project-status-completed = Завершено
project-status-cancelled = Скасовано
project-since = з { $date }
project-funding = Фінансування
project-goals = Мета
project-tasks = Завдання
project-timeline = Хронологія
project-outcomes = Результати
project-partners = Партнери
project-starts = Початок проєкту
project-ends = Завершення проєкту
project-role-lead = провідний партнер
project-role-partner = партнер
project-link-event = Подія
project-link-exhibition = Виставка
project-link-document = Документ
project-link-publication = Публікація
search-kind-project = Проєкт
error-needs-lead = Назвіть щонайменше одного провідного партнера.
error-only-documents = Ключ має лише посилання на документ.
new-project-title = Новий проєкт
edit-project-title = Редагування: { $name }
project-form-period = Період і фінансування
project-form-partners = Партнери й мережі
project-form-lists = Мета, завдання й результати
project-form-activities = Заходи
project-partners-help = Працівники кожного закладу-партнера можуть редагувати проєкт. Назвіть щонайменше одного провідного партнера; щоб вилучити рядок, не обирайте заклад.
project-activities-help = Один рядок — один захід; сторінка впорядковує їх за датою. Очистьте рядок, щоб вилучити його. Посилання називає подію, виставку чи публікацію її адресою (slug), документ — адресою події та своїм ключем.
field-project-starts-on = Початок
field-project-ends-on = Завершення
field-project-ends-on-help = Залиште порожнім, поки дата завершення невідома.
field-partner = Партнер { $number }
field-partner-institution = Заклад
field-partner-role = Роль
field-funding = Фінансування або виграний конкурс
field-funder = Грантодавець
field-funder-url = Сайт грантодавця
field-goals = Мета
field-tasks = Завдання
field-outcomes = Результати
field-lines-help = По одному в рядку, за порядком.
field-activity = Захід { $number }
field-activity-starts-on = Дата
field-activity-ends-on = Останній день
field-activity-title = Назва
field-activity-description = Опис
field-activity-link-kind = Посилання на
field-activity-link-slug = Запис, на який посилається (slug)
field-activity-link-key = Ключ документа
# Posts: news, announcements, interviews, reports, publications.
nav-news = Новини
news-title = Новини та публікації
news-filter-kind = Вид допису
news-filter-institution = Заклад
search-kind-post = Новини та публікації
post-institution = Опубліковано
post-links = Про що
other-events = Інші події
other-events-none = Найближчих подій цього закладу чи його мереж немає.
post-part-of-project = Частина проєкту
network-projects = Проєкти мережі
post-kind-news = Новина
post-kind-announcement = Оголошення
post-kind-interview = Інтерв'ю
post-kind-report = Звіт
post-kind-publication = Видання
post-status-draft = Чернетка
post-status-scheduled = Заплановано
post-status-published = Опубліковано
error-in-future-needs-scheduled = Допис, що має з'явитися пізніше, слід запланувати, а не публікувати.
# Posts: the staff form.
post-edit = Редагувати допис
post-new = Новий допис
new-post-title = Новий допис
edit-post-title = Редагування: { $name }
field-publish-at = Час публікації (UTC)
field-publish-at-help = Коли з'явиться запланований допис; для опублікованого — дата, яку він має. Порожньо: під час першої публікації.
field-post-links = Про що
field-post-links-help = Один запис на рядок: institution:slug, event:slug, exhibition:slug, project:slug або object:заклад:інвентарний номер.
post-preview = Попередній перегляд
post-preview-heading = Попередній перегляд
post-paste-heading = Разом із текстом скопіювалися частини вебсторінки
post-paste-explain = Текст, скопійований із вебсторінки, часто приносить повторені абзаци, кнопки й списки інших новин. Видаліть їх (результат можна переглянути перед збереженням) або збережіть текст як є.
post-paste-remove = Видалити їх
post-paste-keep = Зберегти як є
paste-repeated = Повторено { $count } раз(и): «{ $item }»
paste-boilerplate = Елемент сторінки: «{ $item }»
paste-trailing-list = Список інших матеріалів від «{ $item }» до кінця
error-paste-found = У цьому тексті є частини вебсторінки: див. попередження вгорі.
error-invalid-link = Це не посилання на запис: «{ $name }».

attachments-title = Файли
attachments-public = Файли
attachments-none = Файлів ще немає.
attachments-upload = Додати файл
attachments-help = PDF, Word (DOCX, DOC), Excel (XLSX, XLS), PowerPoint (PPTX, PPT), OpenDocument (ODT, ODS, ODP), RTF або EPUB, до { $limit }. Тип перевіряється за вмістом файлу й має збігатися із закінченням його назви. Знятий файл лишається серед файлів закладу.
attachments-file = Файл
attachments-file-title = Назва для читачів (якщо порожньо, назва файлу)
file-size-kb = { $count } КБ
file-size-mb = { $count } МБ
error-unsupported-type = Додайте документ PDF, офісний документ або EPUB: цей файл не є жодним із них.
error-type-mismatch = Вміст файлу не відповідає його назві: PDF має закінчуватися на .pdf, документ Word на .docx або .doc тощо. Збережіть його у форматі, який указано в назві, або перейменуйте.
error-unknown-file = У закладу немає такого файлу: спершу завантажте його.
