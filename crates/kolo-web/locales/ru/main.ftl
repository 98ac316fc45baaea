# Строки интерфейса Kolo, русский язык (перевод с английского, эталонного языка).
# Каждое сообщение из английского файла должно быть и здесь (это проверяет тест).

site-name = Kolo
og-locale = ru_RU
skip-to-content = Перейти к основному содержимому
nav-label = Основная навигация
nav-home = Главная
nav-institutions = Учреждения
nav-networks = Сети
nav-login = Войти
nav-logout = Выйти
nav-account = Личный кабинет
lang-switch = Язык
footer-about = Kolo — открытая платформа, на которой музеи и библиотеки публикуют и ведут свою совместную работу.
footer-openapi = Описание API (OpenAPI)
feed-title = Новости и события
share-title = Поделиться
share-email = Электронная почта
share-copy = Адрес этой страницы
widget-no-events = Ближайших событий нет.
widget-more = Все новости и события
widgets-link = Виджеты для вашего сайта
widgets-title = Виджеты для вашего сайта
widgets-intro = Показывайте ближайшие события на собственном сайте. Скопируйте один из кодов ниже на страницу своего сайта — больше ничего не нужно.
widgets-iframe = Живой виджет (iframe)
widgets-iframe-help = Всегда актуален: в рамке то, что Коло показывает сейчас. Вставьте его туда, где ваш сайт разрешает HTML.
widgets-code = Код для копирования
widgets-fragment = Простой HTML без скриптов
widgets-fragment-help = Копия списка на сегодня — для сайтов, где рамки запрещены. Принимает стили вашего сайта; чтобы обновить, вставьте снова или пусть ваш сервер загружает её по адресу ниже.
widgets-fragment-url = Текущая версия по адресу
widgets-feeds = Ленты для других сайтов и приложений
format-json = JSON
machine-readable = Машиночитаемые данные
format-iiif-manifest = Манифест IIIF (Mirador, Universal Viewer)
format-iiif-collection = Коллекция IIIF (Mirador, Universal Viewer)

home-title = Музеи и библиотеки — вместе
home-intro = Учреждения, их сети и совместные проекты в одном месте — на украинском, русском, казахском и английском языках.
home-networks-heading = Сети и проекты
home-by-kind = Учреждения по типам
home-browse-all = Посмотреть все учреждения

institutions-count = { $count ->
    [one] { $count } учреждение
    [few] { $count } учреждения
    [many] { $count } учреждений
   *[other] { $count } учреждения
}
networks-count = { $count ->
    [one] { $count } сеть
    [few] { $count } сети
    [many] { $count } сетей
   *[other] { $count } сети
}
members-count = { $count ->
    [one] { $count } участник
    [few] { $count } участника
    [many] { $count } участников
   *[other] { $count } участника
}

kind-museum = Музей
kind-library = Библиотека
kind-archive = Архив
kind-gallery = Галерея
kind-university = Университет
kind-association = Ассоциация
kind-government = Орган власти
kind-other = Другое
network-kind-association = Ассоциация
network-kind-project = Проект
network-kind-network = Сеть

country-UA = Украина
country-RU = Россия
country-KZ = Казахстан

directory-title = Учреждения
directory-filters = Фильтры учреждений
directory-filter-kind = Тип
directory-filter-country = Страна
directory-filter-region = Регион
directory-filter-network = Сеть
directory-filter-any = Все
directory-filter-apply = Показать
directory-filter-reset = Сбросить фильтры
directory-empty = Ни одно учреждение не соответствует этим фильтрам.
pagination-label = Страницы
pagination-prev = Предыдущая страница
pagination-next = Следующая страница
pagination-status = Страница { $page } из { $pages }

institution-about = Об учреждении
institution-address = Адрес
institution-contacts = Контакты
institution-website = Сайт
institution-email = Электронная почта
institution-phone = Телефон
institution-networks = Сети и проекты
institution-no-networks = Пока не входит ни в одну сеть.
institution-edit = Редактировать учреждение
section-events = События
section-exhibitions = Выставки
section-collection = Коллекция
section-projects = Проекты
section-news = Новости
section-empty = Здесь пока ничего не опубликовано.

networks-title = Сети и проекты
network-members = Участники
network-no-members = Участников пока нет.
network-edit = Редактировать сеть
network-members-in-directory = Показать участников в каталоге

login-title = Вход
login-email = Электронная почта
login-password = Пароль
login-submit = Войти
login-failed = Неверный адрес электронной почты или пароль.
login-throttled = Слишком много неудачных попыток. Попробуйте снова через 15 минут.
login-no-signup = Учётные записи создаются по приглашению. Попросите приглашение у администратора вашего учреждения.

form-save = Сохранить
form-saved = Сохранено.
form-cancel = Отмена
form-has-errors = Пожалуйста, исправьте поля, отмеченные ниже.
form-other-language = Другой язык (тег BCP 47)
field-slug = Адрес в Kolo
field-slug-help = Строчные латинские буквы, цифры и дефисы, например novopskov-museum.
field-kind = Тип
field-original-lang = Язык оригинала
field-name = Название
field-description = Описание
field-country = Страна (код ISO, например UA)
field-region-code = Код региона (ISO 3166-2, например UA-09)
field-region = Регион
field-locality = Населённый пункт
field-address = Адрес
field-email = Электронная почта
field-phone = Телефон
field-website = Сайт
field-networks = Сети
lang-name-uk = Украинский
lang-name-ru = Русский
lang-name-kk-Cyrl = Казахский (кириллица)
lang-name-kk-Latn = Казахский (латиница)
lang-name-en = Английский

error-required = Это поле обязательно для заполнения.
error-too-long = { $limit ->
    [one] Не более { $limit } символа.
    [few] Не более { $limit } символов.
    [many] Не более { $limit } символов.
   *[other] Не более { $limit } символа.
}
error-too-short = { $limit ->
    [one] Не менее { $limit } символа.
    [few] Не менее { $limit } символов.
    [many] Не менее { $limit } символов.
   *[other] Не менее { $limit } символа.
}
error-invalid-slug = Используйте строчные латинские буквы, цифры и одиночные дефисы.
error-invalid-email = Это не адрес электронной почты.
error-invalid-phone = Допускаются только цифры, пробелы и знаки + - ( ).
error-invalid-url = Укажите полный веб-адрес, начинающийся с http:// или https://.
error-invalid-country = Укажите двухбуквенный код страны ISO, например UA.
error-invalid-region-code = Укажите код ISO 3166-2 той же страны, например UA-09.
error-original-name-missing = Укажите название на языке оригинала.
error-taken = Это значение уже используется.
error-unknown-network = Выберите сети из списка.
error-invalid-lang = Это не языковой тег.
error-invalid-choice = Выберите одно из значений в списке.

error-page-title = Что-то пошло не так
error-not-found = Такой страницы не существует.
error-unauthorized = Сначала войдите в систему.
error-forbidden = У вас нет прав на это действие.
error-csrf = Срок действия формы истёк, или она была отправлена с другого сайта. Обновите страницу и попробуйте ещё раз.
error-bad-request = Не удалось разобрать запрос.
error-internal = Произошла внутренняя ошибка. Она записана в журнал.

edit-institution-title = Редактирование: { $name }
new-institution-title = Новое учреждение
edit-network-title = Редактирование: { $name }
new-network-title = Новая сеть
admin-title = Администрирование
admin-new-institution = Добавить учреждение
admin-new-network = Добавить сеть
admin-audit = История изменений

invite-title = Пригласить коллегу
invite-email = Электронная почта коллеги
invite-role = Роль
invite-submit = Создать приглашение
invite-created = Приглашение создано. Отправьте эту ссылку на адрес { $email }. Ссылка одноразовая, срок её действия истекает { $date }.
role-institution_admin = Администратор учреждения
role-editor = Редактор
role-coordinator = Координатор сети
accept-title = Принять приглашение
accept-intro = Вас пригласили на роль «{ $role }»: { $scope }.
accept-name = Ваше имя
accept-password = Придумайте пароль (не менее 10 символов)
accept-submit = Создать учётную запись
accept-invalid = Ссылка-приглашение недействительна, уже использована или срок её действия истёк.

account-title = Личный кабинет
account-roles = Мои роли
account-platform-admin = Администратор платформы
account-no-roles = У вас пока нет ролей.
account-tokens = Токены API
account-tokens-help = Токен позволяет программе работать с API от вашего имени. Храните его в секрете.
account-token-label = Название токена
account-token-create = Создать токен
account-token-created = Ваш новый токен. Скопируйте его сейчас: он показывается только один раз.
account-token-revoke = Отозвать
account-no-tokens = Токенов пока нет.

audit-title = История изменений
audit-when = Когда
audit-who = Кто
audit-what = Что

# Staff pages: multilingual form fields, accepting an invitation into an existing account,
# the account page, the change history.
form-add-language = Добавить другой язык
form-lang-tag = Язык: { $name }
form-other-language-help = Например, de, pl или kk-Arab.
form-other-language-text = Текст на этом языке
accept-existing = У вас уже есть учётная запись с адресом { $email }. Введите её пароль, чтобы добавить к ней эту роль.
accept-submit-existing = Добавить роль к моей учётной записи
account-signed-in-as = Вы вошли как { $name } ({ $email }).
account-token-created-at = Создан
account-token-revoke-named = Отозвать токен «{ $name }»
audit-record = Запись
audit-detail = Подробности
audit-system = Система
audit-empty = Пока ничего не записано.

# Мероприятия
nav-events = Мероприятия
events-title = Мероприятия
events-upcoming = Предстоящие
events-past = Прошедшие
events-empty = Ни одно мероприятие не соответствует этим фильтрам.
events-count = { $count ->
    [one] { $count } мероприятие
    [few] { $count } мероприятия
    [many] { $count } мероприятий
   *[other] { $count } мероприятия
}
events-filter-kind = Тип
events-filter-attendance = Формат участия
events-filter-institution = Учреждение
events-filter-network = Сеть
events-filter-from = С
events-filter-to = По
event-kind-forum = Форум
event-kind-conference = Конференция
event-kind-strategic_session = Стратегическая сессия
event-kind-round_table = Круглый стол
event-kind-seminar = Семинар
event-kind-workshop = Мастер-класс
event-kind-lecture = Лекция
event-kind-presentation = Презентация
event-kind-excursion = Экскурсия
event-kind-exhibition_opening = Открытие выставки
event-kind-press_conference = Пресс-конференция
event-kind-online_class = Онлайн-занятие
event-kind-exchange_visit = Обменный визит
event-kind-other = Мероприятие
event-status-scheduled = Запланировано
event-status-postponed = Отложено
event-status-rescheduled = Перенесено
event-status-cancelled = Отменено
event-status-moved_online = Переведено в онлайн
attendance-offline = Очно
attendance-online = Онлайн
attendance-hybrid = Очно и онлайн
item-kind-session = Сессия
item-kind-panel = Панельная дискуссия
item-kind-talk = Доклад
item-kind-workshop = Мастер-класс
item-kind-break = Перерыв
item-kind-excursion = Экскурсия
item-kind-cultural_programme = Культурная программа
item-kind-ceremony = Церемония
item-kind-other = Пункт программы
person-role-speaker = Спикер
person-role-moderator = Модератор
person-role-organiser = Организатор
event-when = Когда
event-time-zone = Время указано местное ({ $zone }).
event-where = Где
event-online = Онлайн
event-join-online = Смотреть или подключиться онлайн
event-hosts = Принимающая сторона
event-organisers = Организаторы
event-partners = Партнёры
event-supporters = При поддержке
event-networks = Сети и проекты
event-part-of = Часть мероприятия
event-sub-events = В рамках этого мероприятия
event-key-questions = Ключевые вопросы
event-audience = Для кого
event-contacts = Контакты
event-links = Ссылки
event-registration = Регистрация
event-register = Зарегистрироваться
event-registration-closes = Регистрация будет закрыта { $date }.
event-registration-closed = Регистрация закрыта { $date }.
event-programme = Программа
event-programme-empty = Программа ещё не опубликована.
event-hall = Зал
event-track = Секция
event-broadcast = Прямая трансляция
event-recording = Запись
event-materials = Материалы
event-day = День { $number }
format-ical = iCalendar
format-atom = Лента Atom
format-frab-xml = Frab schedule.xml
format-frab-json = Frab schedule.json
event-now = Сейчас идёт

# Календарь на месяц
events-calendar = Календарь на месяц
events-calendar-prev = Предыдущий месяц
events-calendar-next = Следующий месяц
events-list = Список
month-1 = Январь
month-2 = Февраль
month-3 = Март
month-4 = Апрель
month-5 = Май
month-6 = Июнь
month-7 = Июль
month-8 = Август
month-9 = Сентябрь
month-10 = Октябрь
month-11 = Ноябрь
month-12 = Декабрь
weekday-1 = Пн
weekday-2 = Вт
weekday-3 = Ср
weekday-4 = Чт
weekday-5 = Пт
weekday-6 = Сб
weekday-7 = Вс

# Формы событий
event-edit = Редактировать мероприятие
admin-new-event = Добавить мероприятие
new-event-title = Новое мероприятие
edit-event-title = Редактирование: { $name }
event-form-about = О мероприятии
event-form-who = Принимающая сторона и сети
event-form-kept = Организаторы, партнёры, поддерживающие организации, ссылки и программа здесь не редактируются; при сохранении они остаются как есть.
event-form-nothing-to-choose = Выбирать не из чего.
field-status = Состояние
field-attendance = Формат
field-title = Название
field-summary = Краткое описание
field-audience = Для кого
field-key-questions = Ключевые вопросы
field-key-questions-help = Один вопрос в строке, на языке оригинала. Переводы неизменённых вопросов сохраняются.
field-starts-at = Начало
field-ends-at = Окончание
field-event-times-help = Местное время там, где проходит мероприятие, в часовом поясе, выбранном ниже.
field-time-zone = Часовой пояс
field-hosts = Принимающие учреждения
field-hosts-help = Сотрудники принимающего учреждения могут редактировать мероприятие.
field-online-url = Ссылка на трансляцию или онлайн-встречу
field-registration-url = Страница регистрации
field-registration-closes = Регистрация закрывается
field-venue-name = Место проведения
field-venue-address = Адрес места проведения
field-halls = Залы
field-halls-help = Пункты программы ссылаются на залы по ключу. Названия на языке оригинала; пустые строки пропускаются.
field-hall = Зал { $number }
field-hall-key = Ключ (напр. main-hall)
field-hall-name = Название
field-hall-capacity = Мест
field-hall-stream-url = Прямая трансляция
field-hall-recorded = Заседания в этом зале записываются
field-contacts-help = Имена и роли на языке оригинала; пустые строки пропускаются.
field-contact = Контактное лицо { $number }
field-contact-name = Имя
field-contact-role = Роль
error-ends-before-start = Мероприятие не может закончиться раньше, чем начнётся.
error-after-event-end = Это позже окончания мероприятия.
error-unknown-institution = В Kolo нет такого учреждения.
error-unknown-event = В Kolo нет такого мероприятия.
error-own-parent = Мероприятие не может быть частью самого себя.
error-duplicate = Это значение использовано дважды.
error-slug-mismatch = Адрес здесь изменить нельзя.
error-invalid-date = Укажите дату и время, напр. 2024-09-14 10:00.
error-invalid-zone = Выберите часовой пояс из списка.
error-invalid-number = Укажите целое число, напр. 120.

## Frab schedule files
programme-import-title = Импорт программы
programme-import-help = Загрузите файл расписания, выгруженный из pretalx, Indico, frab или другой системы для конференций (Frab schedule.xml или schedule.json, до 20 МБ). Пункты сопоставляются по guid, поэтому повторный импорт того же файла обновляет их на месте; помещения становятся залами. Если в файле есть ошибка, ничего не меняется.
programme-import-file = Файл расписания
programme-import-submit = Импортировать
programme-import-no-file = Сначала выберите файл расписания.
programme-import-refused = Файл не импортирован, ничего не изменено:
programme-import-done = { $count ->
    [one] Импортирован { $count } пункт программы.
    [few] Импортировано { $count } пункта программы.
   *[other] Импортировано { $count } пунктов программы.
}
programme-import-warnings = Стоит проверить:
# Programme versions and event documents
programme-version-note = Версия { $name }, опубликована { $date }
programme-version-title = Версия { $name } от { $date }
programme-changes-link = Что изменилось
programme-changes-title = Изменения программы: { $name }
programme-back-to-event = Назад к событию
programme-no-versions = Ни одной версии программы ещё не опубликовано.
programme-added = Добавлено
programme-changed = Изменено
programme-removed = Удалено
item-part-time = время
item-part-duration = продолжительность
item-part-hall = зал
item-part-track = трек
item-part-title = название
item-part-kind = вид
item-part-description = описание
item-part-persons = участники
item-part-links = ссылки
item-part-language = язык
programme-staff-link = Версии программы
programme-staff-title = Программа «{ $name }»: черновик и версии
programme-draft = Черновик
programme-draft-help = Добавляйте, изменяйте и удаляйте пункты здесь, импортируйте файл расписания или записывайте черновик через API. Сохранение пункта не публикует его: посетители видят только опубликованные версии.
programme-draft-empty = Черновик пуст.
programme-draft-unpublished = Черновик отличается от последней опубликованной версии.
programme-draft-published = Черновик опубликован без изменений.
programme-publish = Опубликовать как новую версию
programme-versions = Опубликованные версии
field-version-name = Название версии
field-version-name-help = Например, 1.0 или «итоговая»; каждое название один раз для события.
event-documents = Документы
document-kind-resolution = Резолюция
document-kind-programme = Программа
document-kind-report = Отчёт
document-kind-other = Документ
document-status-draft = Проект
document-status-final = Итоговый
document-status-changed = статус изменён
document-of-event = Событие
document-edit = Редактировать документ
document-new = Добавить документ
document-new-title = Новый документ события «{ $name }»
document-edit-title = Редактирование: { $name }
document-recommendations = Рекомендации
document-files = Файлы
document-history = История редакций
document-form-kept = Файлы и ссылки документа сохраняются без изменений.
field-document-key = Ключ
field-document-key-help = Часть адреса: строчные латинские буквы, цифры и дефисы, например resolution.
field-document-kind = Вид документа
field-document-status-help = Итоговый документ ещё можно исправить, но нельзя вернуть в проект.
field-adopted-on = Дата принятия
field-document-body = Текст
field-recommendations-help = Одна строка — одна рекомендация: кому она адресована и что в ней сказано. Строки с одинаковым адресатом показываются вместе. Чтобы удалить строку, оставьте её пустой.
field-recommendation = Рекомендация { $number }
field-addressee = Адресат
field-recommendation-text = Рекомендация
error-one-line = Напишите это в одну строку.
error-programme-unchanged = Черновик совпадает с последней опубликованной версией.
error-final-to-draft = Итоговый документ нельзя вернуть в проект.
error-only-for-resolutions = Рекомендации бывают только у резолюций.
error-invalid-day = Укажите дату, например 2022-03-17.
error-too-many = Не больше { $limit } записей.
# Event registration: the public form, the registrant's page, e-mail, the organisers' pages
reg-state-closed = Регистрация закрыта.
reg-state-opens = Регистрация откроется { $date }.
reg-state-waitlist = Все места заняты: открыт только лист ожидания.
reg-join-waitlist = Встать в лист ожидания
reg-places-left = { $count ->
    [one] Осталось { $count } место
    [few] Осталось { $count } места
    [many] Осталось { $count } мест
   *[other] Осталось { $count } места
}
reg-form-title = Регистрация: { $event }
reg-form-heading = Регистрация на мероприятие
reg-field-name = Фамилия, имя, отчество
reg-field-email = Электронная почта
reg-field-email-help = Сюда придёт подтверждение и ссылка для отмены.
reg-field-organisation = Организация
reg-field-position = Должность
reg-field-region = Регион или город
reg-field-attendance = Как вы участвуете
reg-yes = Да
reg-no = Нет
reg-choose = Выберите…
reg-required = Обязательно.
reg-consent = Я согласен(на), что организаторы мероприятия «{ $event }» хранят на этой платформе моё имя, электронную почту, организацию, должность, регион и ответы, чтобы провести регистрацию и писать мне об этом мероприятии. Их видят только организаторы мероприятия.
reg-submit = Зарегистрироваться
reg-done-title = Регистрация получена
reg-done-confirmed = Ваше место подтверждено.
reg-done-pending = Ваша регистрация ждёт одобрения организаторов; место пока за вами.
reg-done-waitlisted = Все места заняты, поэтому вы в листе ожидания. Если место освободится, вы продвинетесь по очереди, и мы вам напишем.
reg-done-cancelled = Эта регистрация отменена.
reg-done-declined = Организаторы отклонили эту регистрацию.
reg-mail-sent = Мы отправили письмо на { $email } со ссылкой, чтобы посмотреть или отменить регистрацию.
reg-mail-failed = Регистрация сохранена, но письмо на { $email } отправить не удалось. Свяжитесь с организаторами.
reg-page-title = Ваша регистрация
reg-status = Статус
reg-status-pending = ждёт одобрения
reg-status-confirmed = подтверждена
reg-status-waitlisted = в листе ожидания
reg-status-cancelled = отменена
reg-status-declined = отклонена
reg-cancel = Отменить мою регистрацию
reg-cancel-help = Отмена освобождает ваше место для кого-то из листа ожидания.
reg-cancelled = Ваша регистрация отменена.
reg-form-hint = Два поля ниже — для регистрации на другом сайте. Чтобы принимать регистрации в Kolo, воспользуйтесь страницей регистраций мероприятия:
reg-list-link = Регистрации
reg-list-title = Регистрации: { $event }
reg-list-heading = Регистрации
reg-settings-link = Настройки регистрации
reg-csv-link = Скачать CSV
reg-not-set-up = Это мероприятие пока не принимает регистрации в Kolo. Откройте настройки, чтобы начать.
reg-none-yet = Пока никто не зарегистрировался.
reg-col-registered = Зарегистрирован(а)
reg-col-answers = Ответы
reg-approve = Одобрить
reg-decline = Отклонить
reg-moderated = Готово; участнику отправлено письмо.
reg-moderated-unsent = Готово, но письмо участнику отправить не удалось.
reg-count-confirmed = { $count ->
    [one] { $count } подтверждена
    [few] { $count } подтверждены
    [many] { $count } подтверждено
   *[other] { $count } подтверждено
}
reg-count-pending = { $count ->
    [one] { $count } ждёт одобрения
    [few] { $count } ждут одобрения
    [many] { $count } ждут одобрения
   *[other] { $count } ждут одобрения
}
reg-count-waitlisted = { $count ->
    [one] { $count } в листе ожидания
    [few] { $count } в листе ожидания
    [many] { $count } в листе ожидания
   *[other] { $count } в листе ожидания
}
reg-count-cancelled = { $count ->
    [one] { $count } отменена
    [few] { $count } отменены
    [many] { $count } отменено
   *[other] { $count } отменено
}
reg-count-declined = { $count ->
    [one] { $count } отклонена
    [few] { $count } отклонены
    [many] { $count } отклонено
   *[other] { $count } отклонено
}
reg-settings-title = Настройки регистрации: { $event }
reg-settings-heading = Настройки регистрации
reg-settings-window = Когда
reg-settings-window-help = Время — в часовом поясе мероприятия. Оставьте оба поля пустыми, чтобы принимать регистрации с сегодняшнего дня до конца мероприятия.
reg-settings-places = Места
reg-settings-questions = Дополнительные вопросы
reg-settings-questions-help = Имя, почту, организацию, должность, регион и согласие спрашивают всегда. Добавьте здесь свои вопросы; пустая строка пропускается.
reg-field-opens = Регистрация открывается
reg-field-opens-help = Пусто: открыта уже сейчас.
reg-field-closes = Регистрация закрывается
reg-field-closes-help = Пусто: когда мероприятие закончится.
reg-field-capacity = Всего мест
reg-field-capacity-help = Пусто: без ограничений. Когда места закончатся, новые участники попадут в лист ожидания.
reg-field-capacity-offline = Из них очно
reg-field-capacity-online = Из них онлайн
reg-field-moderated = Одобрять каждую регистрацию самостоятельно
reg-field-moderated-help = Тогда участники ждут вашего одобрения; место пока за ними.
reg-question = Вопрос { $number }
reg-field-kind = Ответ
reg-kind-text = Свободный текст
reg-kind-choice = Один из нескольких вариантов
reg-kind-yes_no = Да или нет
reg-field-key = Краткое имя
reg-field-key-help = Латинские буквы и дефисы; под ним хранятся ответы. Для нового вопроса оставьте пустым.
reg-field-required = Ответ обязателен
reg-field-question = Вопрос
reg-field-options = Варианты
reg-field-options-help = Для «одного из нескольких вариантов»: один вариант в строке, в одном и том же порядке для каждого языка.
error-closed = Регистрация на это мероприятие закрыта.
error-not-open = Это мероприятие не принимает регистрации здесь.
error-not-offered = Мероприятие не проходит в таком формате.
error-hybrid-not-allowed = Выберите: очно или онлайн.
error-unknown-question = У этого мероприятия нет такого вопроса.
error-closes-before-opens = Регистрация не может закрыться раньше, чем откроется.
error-too-large = Не больше { $limit }.
error-not-pending = Эта регистрация уже не ждёт одобрения.
error-options-mismatch = Укажите одинаковое число вариантов для каждого языка.
mail-subject-registered = Регистрация: { $event }
mail-subject-promoted = Для вас освободилось место: { $event }
mail-subject-moderated = Ваша регистрация: { $event }
mail-greeting = Здравствуйте, { $name }!
mail-status-confirmed = Ваше место на мероприятии «{ $event }» подтверждено.
mail-status-pending = Ваша регистрация на мероприятие «{ $event }» ждёт одобрения организаторов; место пока за вами.
mail-status-waitlisted = Все места на мероприятие «{ $event }» заняты, поэтому вы в листе ожидания. Если место освободится, вы продвинетесь по очереди, и мы вам напишем.
mail-status-cancelled = Ваша регистрация на мероприятие «{ $event }» отменена.
mail-status-declined = Организаторы мероприятия «{ $event }» отклонили вашу регистрацию.
mail-when = Когда: { $date }
mail-link = Чтобы посмотреть или отменить регистрацию, откройте { $link }
mail-not-you = Если вы не регистрировались, просто не обращайте внимания на это письмо.
mail-link-earlier = Чтобы посмотреть или отменить регистрацию, воспользуйтесь ссылкой из нашего первого письма.

## Staff: programme items in forms
programme-item-add = Добавить пункт
programme-item-edit = Изменить
programme-item-edit-label = Изменить «{ $name }»
programme-item-remove = Удалить
programme-item-remove-label = Удалить «{ $name }» из черновика
programme-item-new-title = Новый пункт программы: { $name }
programme-item-edit-title = Изменение пункта программы: { $name }
programme-item-back = Назад к программе
programme-item-form-help = Сохранение меняет только черновик. Когда он будет готов, опубликуйте его на странице программы.
programme-item-about = О пункте
programme-item-when = Когда и где
programme-item-people = Участники
programme-item-links = Трансляция, запись и материалы
programme-overlaps = Пункты в одном зале в одно и то же время (сохранено; проверьте, так ли задумано):
programme-overlap = «{ $item }» пересекается по времени с «{ $other }».
field-item-kind = Вид пункта
field-item-track = Направление или секция
field-item-language = Язык пункта
field-item-language-help = Языковой тег, например ru, uk, kk или en. Оставьте пустым, если у пункта нет одного языка.
field-item-starts-at = Начало
field-item-starts-at-help = Дата и местное время в часовом поясе мероприятия ({ $zone }), в пределах дней мероприятия.
field-item-duration = Продолжительность в минутах
field-item-hall = Зал
field-item-no-hall = Без определённого зала
field-persons-help = Спикеры, модераторы и организаторы этого пункта на языке оригинала мероприятия. Пустая строка не учитывается.
field-person = Участник { $number }
field-person-name = Имя
field-person-role = Роль
field-person-affiliation = Организация или должность
field-broadcast-url = Прямая трансляция
field-recording-url = Запись
field-material = Материал { $number }
field-material-label = Название
field-material-url = Веб-адрес
error-outside-event-days = Это не приходится ни на один из дней мероприятия.
error-unknown-hall = У мероприятия нет такого зала.
error-ends-after-event-days = При такой продолжительности пункт заканчивается после последнего дня мероприятия.

## Exhibitions and object stories
nav-exhibitions = Выставки
exhibitions-title = Выставки
exhibitions-filter-kind = Вид выставки
exhibitions-current = Сейчас идут
exhibitions-upcoming = Скоро
exhibitions-past = Прошедшие выставки
exhibitions-here-now = Сейчас здесь экспонируется
exhibitions-here-next = Скоро здесь
exhibition-kind-permanent = Постоянная экспозиция
exhibition-kind-temporary = Временная выставка
exhibition-kind-travelling = Передвижная выставка
exhibition-kind-virtual = Виртуальная выставка
exhibition-kind-single_object = Выставка одного экспоната
exhibition-kind-banner = Баннерная выставка
exhibition-since = с { $date }
exhibition-until = до { $date }
state-draft = Черновик
state-published = Опубликовано
exhibition-new = Новая выставка
exhibition-edit = Редактировать выставку
exhibition-highlight = Главный экспонат
object-inventory-number = Инвентарный номер
exhibition-itinerary = Маршрут
itinerary-past = Уже побывала
itinerary-current = Сейчас экспонируется
itinerary-next = Следующие площадки
exhibition-events = Связанные мероприятия
exhibition-hosts = Хозяева
exhibition-organisers = Организаторы
exhibition-partners = Партнёры
exhibition-curators = Кураторы
stories-title = Рассказы об экспонатах
story = Рассказ об экспонате
story-series-the-exhibit-tells = Экспонат рассказывает…
story-number = № { $number }
story-new = Новый рассказ
story-edit = Редактировать рассказ
story-object = Предмет
story-institution = Музей
new-exhibition-title = Новая выставка
edit-exhibition-title = Редактирование: { $name }
exhibition-form-kept = Организаторы, кураторы, сети, связанные мероприятия, изображения и ссылки здесь не редактируются; сохранение оставляет их как есть.
field-state = Публикация
field-opens-on = Открывается
field-closes-on = Закрывается
field-exhibition-dates-help = Для выставки у хозяев; передвижная выставка берёт даты из маршрута. Для постоянной экспозиции день закрытия не заполняйте.
exhibition-hosts-help = Сотрудники учреждения-хозяина могут редактировать выставку.
field-partners = Учреждения-партнёры
exhibition-stops = Маршрут
exhibition-stops-help = Одна остановка на площадку, по порядку. Чтобы добавить остановку, заполните пустую строку; чтобы убрать — очистите строку.
field-stop = Остановка { $number }
field-stop-institution = Учреждение в Kolo
field-stop-venue = Название площадки (если её нет в Kolo)
field-stop-city = Город
exhibition-sections = Разделы
exhibition-sections-help = Чтобы убрать раздел, очистите его ключ и название.
field-section = Раздел { $number }
field-section-key = Ключ (латинские буквы, цифры, дефисы)
field-section-title = Название
field-section-text = Текст
field-section-objects = Предметы
field-section-objects-help = По одному в строке: инвентарный номер, затем | и подпись. Звёздочка * перед номером отмечает главный экспонат; для предмета другого учреждения напишите перед номером учреждение:.
field-none = —
new-story-title = Новый рассказ об экспонате
edit-story-title = Редактирование: { $name }
field-institution = Учреждение
field-series = Серия (ключ)
field-series-help = У рассказов одной серии общий ключ, например the-exhibit-tells.
field-number = Номер в серии
field-object-inventory-number = Инвентарный номер предмета
field-body = Текст
field-published-on = Дата публикации
error-overlaps-previous-stop = Эта остановка начинается раньше, чем заканчивается предыдущая.
error-single-object-needs-one = Выставка одного экспоната показывает ровно один предмет.
error-needs-series = Номеру нужна серия.
# Image uploads
error-too-many-pixels = Слишком много пикселей в изображении: не более { $limit }.
error-decoded-memory-limit = Чтобы открыть изображение, нужно слишком много памяти: не более { $limit } Б.
error-unsupported-format = Загрузите изображение JPEG, PNG, TIFF или WebP.
error-undecodable = Файл изображения повреждён или неполон.
error-empty = Файл пуст.
## Collections
nav-objects = Коллекции
objects-title = Музейные предметы
objects-count = { $count ->
    [one] { $count } предмет
    [few] { $count } предмета
    [many] { $count } предметов
   *[other] { $count } предмета
}
objects-count-more = Более { $count } предметов
objects-empty = Ни одного предмета не найдено.
objects-facet-type = Тип предмета
objects-facet-material = Материал
objects-facet-place = Место
objects-facet-period = Период
objects-facet-image = Изображения
objects-has-image = С изображениями
objects-filter-from = С года
objects-filter-to = По год
objects-filter-years-hint = Годы до н. э. — отрицательными числами (−800).
year-bc = до н. э.
object-draft = Черновик: эту запись видят только сотрудники учреждения.
object-edit = Редактировать предмет
object-inscription = Надпись
object-events = История
object-event-production = Изготовлен
object-event-find = Найден
object-event-acquisition = Поступил
object-event-restoration = Реставрирован
object-event-use = Использовался
object-event-exhibition = Экспонировался
object-event-transfer = Передан
object-event-other = Событие
object-provenance = Происхождение
object-type = Тип предмета
object-type-text = Тип по описанию
object-dating = Датировка
object-years = Годы
object-materials = Материалы
object-techniques = Техники
object-materials-text = Материал и техника по описанию
object-cultures = Культура
object-dimensions = Размеры
dimension-height = высота
dimension-width = ширина
dimension-depth = глубина
dimension-length = длина
dimension-diameter = диаметр
dimension-weight = вес
object-credit-line = Подпись
object-rights = Права
object-held-by = Хранитель
object-links = В других источниках
collection-children = Подколлекции
collection-objects = Предметы
term-alt-labels = Другие названия
term-broader = Более широкое понятие
term-coordinates = Координаты
term-links = Авторитетные источники
term-objects = Предметы
vocabulary-place = Место
vocabulary-actor = Лицо или организация
vocabulary-period = Период
vocabulary-object_type = Тип предмета
vocabulary-material = Материал
vocabulary-technique = Техника
vocabulary-culture = Культура
institution-objects = Все предметы учреждения
object-new = Добавить предмет
object-new-title = Новый предмет: { $name }
object-edit-title = Редактирование: { $name }
object-no-collection = (без коллекции)
object-state-draft = Черновик (только для сотрудников)
object-state-published = Опубликован
field-collection = Коллекция
field-term-key-help = Ключ термина общего словаря, напр. costume.
field-term-keys-help = Ключи терминов через запятую, напр. linen, wool.
field-dating-earliest = Самый ранний год
field-dating-latest = Самый поздний год
collection-new = Добавить коллекцию
collection-edit = Редактировать коллекцию
collection-new-title = Новая коллекция: { $name }
collection-edit-title = Редактирование: { $name }
collection-no-parent = (верхний уровень)
field-collection-parent = Входит в
error-unknown-term = В этом словаре ещё нет термина «{ $name }».
error-unknown-collection = У учреждения нет такой коллекции.
error-institution-mismatch = Предмет остаётся в своём учреждении.
error-cycle = Коллекция не может входить сама в себя.
error-half-range = Укажите оба года или ни одного.
error-reversed-range = Самый поздний год раньше самого раннего.
error-unknown-rights-statement = Укажите адрес Creative Commons или rightsstatements.org.

error-unknown-media = У учреждения нет такого изображения: сначала загрузите его.
images-title = Изображения
images-none = Изображений пока нет.
images-main = Главное изображение: его показывают списки, превью и агрегаторы.
images-first = Сделать главным
images-remove = Снять
images-upload = Добавить изображение
images-help = JPEG, PNG, TIFF или WebP. Большое изображение при загрузке режется на плитки для глубокого масштабирования: это может занять несколько секунд. Снятое изображение остаётся среди файлов учреждения.
images-file = Файл изображения
images-caption = Подпись
images-rights = Права на изображение
images-rights-record = Как для записи
images-submit = Загрузить

# Search
nav-search = Поиск
search-title = Поиск
search-label = Искать везде: учреждения, события, выставки, предметы, рассказы
search-submit = Искать
search-hint = На украинском, русском, казахском (кириллицей или латиницей) и английском. «Кавычки» находят фразу; звёздочка — начало слова (музе*).
search-count = { $count ->
    [one] { $count } результат
    [few] { $count } результата
   *[other] { $count } результатов
}
search-none = Ничего не найдено. Попробуйте меньше или более короткие слова.
search-notice-empty = Искать было нечего: введите слово.
search-notice-shortened = Запрос слишком длинный, поэтому искали только его начало.
search-sort-date = Сначала новые
search-sort-relevance = Сначала наиболее подходящие
search-pages = Страницы результатов
search-previous = Предыдущая
search-next = Следующая
search-filters = Уточнить результаты
search-facet-type = Тип
search-facet-network = Сеть
search-facet-institution = Учреждение
search-facet-region = Регион
search-facet-language = Язык текста
search-facet-more = Ещё
search-has-image = С изображением
search-upcoming = Предстоящие
search-past = Прошедшие
search-kind-institution = Учреждение
search-kind-network = Сеть
search-kind-event = Событие
search-kind-programme-item = Пункт программы
search-kind-document = Документ
search-kind-exhibition = Выставка
search-kind-story = Рассказ о предмете
search-kind-object = Музейный предмет

## Cooperation projects
nav-projects = Проекты
projects-title = Проекты сотрудничества
projects-filter-status = Состояние
project-new = Новый проект
project-edit = Редактировать проект
project-status-planned = Запланирован
project-status-running = Идёт
project-status-completed = Завершён
project-status-cancelled = Отменён
project-since = с { $date }
project-funding = Финансирование
project-goals = Цели
project-tasks = Задачи
project-timeline = Хронология
project-outcomes = Результаты
project-partners = Партнёры
project-starts = Начало проекта
project-ends = Завершение проекта
project-role-lead = ведущий партнёр
project-role-partner = партнёр
project-link-event = Событие
project-link-exhibition = Выставка
project-link-document = Документ
project-link-publication = Публикация
search-kind-project = Проект
error-needs-lead = Укажите хотя бы одного ведущего партнёра.
error-only-documents = Ключ бывает только у ссылки на документ.
new-project-title = Новый проект
edit-project-title = Редактирование: { $name }
project-form-period = Период и финансирование
project-form-partners = Партнёры и сети
project-form-lists = Цели, задачи и результаты
project-form-activities = Мероприятия
project-partners-help = Сотрудники каждого учреждения-партнёра могут редактировать проект. Укажите хотя бы одного ведущего партнёра; чтобы убрать строку, не выбирайте учреждение.
project-activities-help = Одна строка — одно мероприятие; страница упорядочивает их по дате. Очистите строку, чтобы удалить её. Ссылка называет событие, выставку или публикацию по адресу (slug), документ — по адресу события и своему ключу.
field-project-starts-on = Начало
field-project-ends-on = Окончание
field-project-ends-on-help = Оставьте пустым, пока дата окончания неизвестна.
field-partner = Партнёр { $number }
field-partner-institution = Учреждение
field-partner-role = Роль
field-funding = Финансирование или выигранный конкурс
field-funder = Грантодатель
field-funder-url = Сайт грантодателя
field-goals = Цели
field-tasks = Задачи
field-outcomes = Результаты
field-lines-help = По одному в строке, по порядку.
field-activity = Мероприятие { $number }
field-activity-starts-on = Дата
field-activity-ends-on = Последний день
field-activity-title = Название
field-activity-description = Описание
field-activity-link-kind = Ссылка на
field-activity-link-slug = Связанная запись (slug)
field-activity-link-key = Ключ документа
# Posts: news, announcements, interviews, reports, publications.
nav-news = Новости
news-title = Новости и публикации
news-filter-kind = Вид материала
news-filter-institution = Учреждение
search-kind-post = Новости и публикации
post-institution = Опубликовано
post-links = О чём
other-events = Другие события
other-events-none = Предстоящих событий этого учреждения или его сетей нет.
post-part-of-project = Часть проекта
network-projects = Проекты сети
post-kind-news = Новость
post-kind-announcement = Объявление
post-kind-interview = Интервью
post-kind-report = Отчёт
post-kind-publication = Издание
post-status-draft = Черновик
post-status-scheduled = Запланировано
post-status-published = Опубликовано
error-in-future-needs-scheduled = Материал, который должен появиться позже, нужно запланировать, а не публиковать.
# Posts: the staff form.
post-edit = Редактировать материал
post-new = Новый материал
new-post-title = Новый материал
edit-post-title = Редактирование: { $name }
field-publish-at = Время публикации (UTC)
field-publish-at-help = Когда появится запланированный материал; для опубликованного — его дата. Пусто: при первой публикации.
field-post-links = О чём
field-post-links-help = Одна запись на строку: institution:slug, event:slug, exhibition:slug, project:slug или object:учреждение:инвентарный номер.
post-preview = Предпросмотр
post-preview-heading = Предпросмотр
post-paste-heading = Вместе с текстом скопировались части веб-страницы
post-paste-explain = Текст, скопированный с веб-страницы, часто приносит повторённые абзацы, кнопки и списки других новостей. Удалите их (результат можно просмотреть перед сохранением) или сохраните текст как есть.
post-paste-remove = Удалить их
post-paste-keep = Сохранить как есть
paste-repeated = Повторяется { $count } раз(а): «{ $item }»
paste-boilerplate = Элемент страницы: «{ $item }»
paste-trailing-list = Список других материалов от «{ $item }» до конца
error-paste-found = В этом тексте есть части веб-страницы: см. предупреждение выше.
error-invalid-link = Это не ссылка на запись: «{ $name }».

attachments-title = Файлы
attachments-public = Файлы
attachments-none = Файлов пока нет.
attachments-upload = Добавить файл
attachments-help = PDF, Word (DOCX, DOC), Excel (XLSX, XLS), PowerPoint (PPTX, PPT), OpenDocument (ODT, ODS, ODP), RTF или EPUB, до { $limit }. Тип проверяется по содержимому файла и должен совпадать с окончанием его имени. Снятый файл остаётся среди файлов учреждения.
attachments-file = Файл
attachments-file-title = Название для читателей (если пусто, имя файла)
file-size-kb = { $count } КБ
file-size-mb = { $count } МБ
error-unsupported-type = Добавьте документ PDF, офисный документ или EPUB: этот файл не является ни одним из них.
error-type-mismatch = Содержимое файла не соответствует его имени: PDF должен оканчиваться на .pdf, документ Word на .docx или .doc и так далее. Сохраните его в формате, указанном в имени, или переименуйте.
error-unknown-file = У учреждения нет такого файла: сначала загрузите его.
