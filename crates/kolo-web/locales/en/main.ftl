# Kolo interface strings, English (the reference language).
# Every message here must exist in uk, ru and kk too (a test checks it).

site-name = Kolo
og-locale = en_GB
skip-to-content = Skip to content
nav-label = Main
nav-home = Home
nav-institutions = Institutions
nav-networks = Networks
nav-login = Sign in
nav-logout = Sign out
nav-account = My account
lang-switch = Language
footer-about = Kolo is an open platform on which museums and libraries publish and run their shared work.
footer-openapi = API description (OpenAPI)
format-json = JSON
machine-readable = Machine-readable data

home-title = Museums and libraries, together
home-intro = Institutions, their networks and shared projects in one place, in Ukrainian, Russian, Kazakh and English.
home-networks-heading = Networks and projects
home-by-kind = Institutions by kind
home-browse-all = Browse all institutions

institutions-count = { $count ->
    [one] { $count } institution
   *[other] { $count } institutions
}
networks-count = { $count ->
    [one] { $count } network
   *[other] { $count } networks
}
members-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}

kind-museum = Museum
kind-library = Library
kind-archive = Archive
kind-gallery = Gallery
kind-university = University
kind-association = Association
kind-government = Government body
kind-other = Other
network-kind-association = Association
network-kind-project = Project
network-kind-network = Network

country-UA = Ukraine
country-RU = Russia
country-KZ = Kazakhstan

directory-title = Institutions
directory-filters = Filter institutions
directory-filter-kind = Kind
directory-filter-country = Country
directory-filter-region = Region
directory-filter-network = Network
directory-filter-any = Any
directory-filter-apply = Show
directory-filter-reset = Reset filters
directory-empty = No institution matches these filters.
pagination-label = Pages
pagination-prev = Previous page
pagination-next = Next page
pagination-status = Page { $page } of { $pages }

institution-about = About
institution-address = Address
institution-contacts = Contacts
institution-website = Website
institution-email = E-mail
institution-phone = Phone
institution-networks = Networks and projects
institution-no-networks = Not a member of any network yet.
institution-edit = Edit this institution
section-events = Events
section-exhibitions = Exhibitions
section-collection = Collection
section-projects = Projects
section-news = News
section-empty = Nothing published here yet.

networks-title = Networks and projects
network-members = Members
network-no-members = No members yet.
network-edit = Edit this network
network-members-in-directory = Show the members in the directory

login-title = Sign in
login-email = E-mail
login-password = Password
login-submit = Sign in
login-failed = The e-mail or password is wrong.
login-throttled = Too many failed attempts. Try again in 15 minutes.
login-no-signup = Accounts are created by invitation. Ask your institution's administrator for one.

form-save = Save
form-saved = Saved.
form-cancel = Cancel
form-has-errors = Please correct the fields marked below.
form-other-language = Other language (BCP 47 tag)
field-slug = Address in Kolo
field-slug-help = Lowercase Latin letters, digits and hyphens, for example novopskov-museum.
field-kind = Kind
field-original-lang = Original language
field-name = Name
field-description = Description
field-country = Country (ISO code, e.g. UA)
field-region-code = Region code (ISO 3166-2, e.g. UA-09)
field-region = Region
field-locality = Town or village
field-address = Address
field-email = E-mail
field-phone = Phone
field-website = Website
field-networks = Networks
lang-name-uk = Ukrainian
lang-name-ru = Russian
lang-name-kk-Cyrl = Kazakh (Cyrillic)
lang-name-kk-Latn = Kazakh (Latin)
lang-name-en = English

error-required = This field is required.
error-too-long = At most { $limit } characters.
error-too-short = At least { $limit } characters.
error-invalid-slug = Use lowercase Latin letters, digits and single hyphens.
error-invalid-email = This is not an e-mail address.
error-invalid-phone = Use digits, spaces and + - ( ) only.
error-invalid-url = Give a full web address starting with http:// or https://.
error-invalid-country = Give a two-letter ISO country code, e.g. UA.
error-invalid-region-code = Give an ISO 3166-2 code of the same country, e.g. UA-09.
error-original-name-missing = Give the name in the original language.
error-taken = This value is already in use.
error-unknown-network = Choose networks from the list.
error-invalid-lang = This is not a language tag.
error-invalid-choice = Choose one of the listed values.

error-page-title = Something went wrong
error-not-found = This page does not exist.
error-unauthorized = Sign in first.
error-forbidden = You may not do this.
error-csrf = The form expired or came from another site. Reload the page and try again.
error-bad-request = The request could not be understood.
error-internal = An internal error occurred. It has been logged.

edit-institution-title = Edit: { $name }
new-institution-title = New institution
edit-network-title = Edit: { $name }
new-network-title = New network
admin-title = Administration
admin-new-institution = Add an institution
admin-new-network = Add a network
admin-audit = Change history

invite-title = Invite a colleague
invite-email = Their e-mail
invite-role = Role
invite-submit = Create invitation
invite-created = Invitation created. Send this link to { $email }. It works once and expires on { $date }.
role-institution_admin = Institution administrator
role-editor = Editor
role-coordinator = Network coordinator
accept-title = Accept the invitation
accept-intro = You are invited as { $role } of { $scope }.
accept-name = Your name
accept-password = Choose a password (at least 10 characters)
accept-submit = Create my account
accept-invalid = This invitation link is invalid, already used or expired.

account-title = My account
account-roles = My roles
account-platform-admin = Platform administrator
account-no-roles = You have no roles yet.
account-tokens = API tokens
account-tokens-help = A token lets a program use the API in your name. Keep it secret.
account-token-label = Token name
account-token-create = Create token
account-token-created = Your new token. Copy it now: it is shown only once.
account-token-revoke = Revoke
account-no-tokens = No tokens yet.

audit-title = Change history
audit-when = When
audit-who = Who
audit-what = What

# Staff pages: multilingual form fields, accepting an invitation into an existing account,
# the account page, the change history.
form-add-language = Add another language
form-lang-tag = Language: { $name }
form-other-language-help = For example de, pl or kk-Arab.
form-other-language-text = Text in that language
accept-existing = You already have an account with { $email }. Enter its password to add this role to it.
accept-submit-existing = Add the role to my account
account-signed-in-as = Signed in as { $name } ({ $email }).
account-token-created-at = Created
account-token-revoke-named = Revoke the token “{ $name }”
audit-record = Record
audit-detail = Details
audit-system = System
audit-empty = Nothing has been recorded yet.

# Events
nav-events = Events
events-title = Events
events-upcoming = Upcoming
events-past = Past
events-empty = No events match these filters.
events-count = { $count ->
    [one] { $count } event
   *[other] { $count } events
}
events-filter-kind = Kind
events-filter-attendance = Attendance
events-filter-institution = Institution
events-filter-network = Network
events-filter-from = From
events-filter-to = To
event-kind-forum = Forum
event-kind-conference = Conference
event-kind-strategic_session = Strategic session
event-kind-round_table = Round table
event-kind-seminar = Seminar
event-kind-workshop = Workshop
event-kind-lecture = Lecture
event-kind-presentation = Presentation
event-kind-excursion = Excursion
event-kind-exhibition_opening = Exhibition opening
event-kind-press_conference = Press conference
event-kind-online_class = Online class
event-kind-exchange_visit = Exchange visit
event-kind-other = Event
event-status-scheduled = Scheduled
event-status-postponed = Postponed
event-status-rescheduled = Rescheduled
event-status-cancelled = Cancelled
event-status-moved_online = Moved online
attendance-offline = In person
attendance-online = Online
attendance-hybrid = In person and online
item-kind-session = Session
item-kind-panel = Panel discussion
item-kind-talk = Talk
item-kind-workshop = Workshop
item-kind-break = Break
item-kind-excursion = Excursion
item-kind-cultural_programme = Cultural programme
item-kind-ceremony = Ceremony
item-kind-other = Programme item
person-role-speaker = Speaker
person-role-moderator = Moderator
person-role-organiser = Organiser
event-when = When
event-time-zone = Times are local ({ $zone }).
event-where = Where
event-online = Online
event-join-online = Watch or join online
event-hosts = Hosted by
event-organisers = Organisers
event-partners = Partners
event-supporters = With the support of
event-networks = Networks and projects
event-part-of = Part of
event-sub-events = Within this event
event-key-questions = Key questions
event-audience = Who it is for
event-contacts = Contacts
event-links = Links
event-registration = Registration
event-register = Register
event-registration-closes = Registration closes on { $date }.
event-registration-closed = Registration closed on { $date }.
event-programme = Programme
event-programme-empty = The programme has not been published yet.
event-hall = Hall
event-track = Track
event-broadcast = Live broadcast
event-recording = Recording
event-materials = Materials
event-day = Day { $number }
format-ical = iCalendar
format-atom = Atom feed
format-frab-xml = Frab schedule.xml
format-frab-json = Frab schedule.json
event-now = On now

# Month calendar
events-calendar = Month calendar
events-calendar-prev = Previous month
events-calendar-next = Next month
events-list = List
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
weekday-1 = Mon
weekday-2 = Tue
weekday-3 = Wed
weekday-4 = Thu
weekday-5 = Fri
weekday-6 = Sat
weekday-7 = Sun

# Event forms
event-edit = Edit this event
admin-new-event = Add an event
new-event-title = New event
edit-event-title = Edit: { $name }
event-form-about = About the event
event-form-who = Hosts and networks
event-form-kept = Organisers, partners, supporters, links and the programme are not edited here; saving keeps them as they are.
event-form-nothing-to-choose = Nothing to choose from.
field-status = Status
field-attendance = Format
field-title = Title
field-summary = Summary
field-audience = Who it is for
field-key-questions = Key questions
field-key-questions-help = One question per line, in the original language. Translations of questions left unchanged are kept.
field-starts-at = Starts
field-ends-at = Ends
field-event-times-help = Local time where the event takes place, in the time zone chosen below.
field-time-zone = Time zone
field-hosts = Host institutions
field-hosts-help = Staff of a host institution may edit the event.
field-online-url = Online broadcast or meeting link
field-registration-url = Registration page
field-registration-closes = Registration closes
field-venue-name = Venue
field-venue-address = Venue address
field-halls = Halls
field-halls-help = Programme items refer to halls by their key. Names in the original language; blank rows are ignored.
field-hall = Hall { $number }
field-hall-key = Key (e.g. main-hall)
field-hall-name = Name
field-hall-capacity = Seats
field-hall-stream-url = Live stream
field-hall-recorded = Sessions here are recorded
field-contacts-help = Names and roles in the original language; blank rows are ignored.
field-contact = Contact person { $number }
field-contact-name = Name
field-contact-role = Role
error-ends-before-start = The event cannot end before it starts.
error-after-event-end = This is after the event ends.
error-unknown-institution = There is no such institution in Kolo.
error-unknown-event = There is no such event in Kolo.
error-own-parent = An event cannot be part of itself.
error-duplicate = This value is used twice.
error-slug-mismatch = The address cannot be changed here.
error-invalid-date = Give a date and time, e.g. 2024-09-14 10:00.
error-invalid-zone = Choose a time zone from the list.
error-invalid-number = Give a whole number, e.g. 120.

## Frab schedule files
programme-import-title = Import programme
programme-import-help = Upload a schedule file exported by pretalx, Indico, frab or another conference tool (Frab schedule.xml or schedule.json, up to 20 MB). Items are matched by their guid, so importing the same file again updates them in place; rooms become halls. If anything in the file is wrong, nothing is changed.
programme-import-file = Schedule file
programme-import-submit = Import
programme-import-no-file = Choose a schedule file first.
programme-import-refused = The file was not imported; nothing was changed:
programme-import-done = { $count ->
    [one] Imported { $count } programme item.
   *[other] Imported { $count } programme items.
}
programme-import-warnings = Worth a look:
