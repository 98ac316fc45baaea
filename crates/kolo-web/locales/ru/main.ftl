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
format-json = JSON
machine-readable = Машиночитаемые данные

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
