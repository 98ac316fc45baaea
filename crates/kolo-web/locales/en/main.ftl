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
# Programme versions and event documents
programme-version-note = Version { $name }, published { $date }
programme-version-title = Version { $name } of { $date }
programme-changes-link = What changed
programme-changes-title = Programme changes: { $name }
programme-back-to-event = Back to the event
programme-no-versions = No version of the programme has been published yet.
programme-added = Added
programme-changed = Changed
programme-removed = Removed
item-part-time = time
item-part-duration = duration
item-part-hall = hall
item-part-track = track
item-part-title = title
item-part-kind = kind
item-part-description = description
item-part-persons = people
item-part-links = links
item-part-language = language
programme-staff-link = Programme versions
programme-staff-title = Programme of { $name }: draft and versions
programme-draft = Draft
programme-draft-help = Add, change and remove items here, import a schedule file, or write the draft through the API. Saving an item does not publish it: the public sees only published versions.
programme-draft-empty = The draft is empty.
programme-draft-unpublished = The draft differs from the latest published version.
programme-draft-published = The draft is published as it is.
programme-publish = Publish as a new version
programme-versions = Published versions
field-version-name = Version name
field-version-name-help = For example 1.0 or final; each name once per event.
event-documents = Documents
document-kind-resolution = Resolution
document-kind-programme = Programme
document-kind-report = Report
document-kind-other = Document
document-status-draft = Draft
document-status-final = Final
document-status-changed = status changed
document-of-event = Event
document-edit = Edit the document
document-new = Add a document
document-new-title = New document of { $name }
document-edit-title = Edit: { $name }
document-recommendations = Recommendations
document-files = Files
document-history = Revision history
document-form-kept = Files and links of the document are kept as they are.
field-document-key = Key
field-document-key-help = Part of the address: lowercase Latin letters, digits and hyphens, e.g. resolution.
field-document-kind = Kind of document
field-document-status-help = A final document can still be corrected, but not made a draft again.
field-adopted-on = Adopted on
field-document-body = Text
field-recommendations-help = One row per recommendation: to whom it is addressed and what it says. Rows with the same addressee are shown together. Leave a row empty to remove it.
field-recommendation = Recommendation { $number }
field-addressee = Addressee
field-recommendation-text = Recommendation
error-one-line = Write this on one line.
error-programme-unchanged = The draft is the same as the latest published version.
error-final-to-draft = A final document cannot become a draft again.
error-only-for-resolutions = Only resolutions have recommendations.
error-invalid-day = Give a date, e.g. 2022-03-17.
error-too-many = At most { $limit } entries.
# Event registration: the public form, the registrant's page, e-mail, the organisers' pages
reg-state-closed = Registration is closed.
reg-state-opens = Registration opens on { $date }.
reg-state-waitlist = All places are taken: only the waiting list is open.
reg-join-waitlist = Join the waiting list
reg-places-left = { $count ->
    [one] { $count } place left
   *[other] { $count } places left
}
reg-form-title = Registration: { $event }
reg-form-heading = Register for the event
reg-field-name = Full name
reg-field-email = E-mail
reg-field-email-help = We send the confirmation and a link to cancel here.
reg-field-organisation = Organisation
reg-field-position = Position
reg-field-region = Region or city
reg-field-attendance = How you take part
reg-yes = Yes
reg-no = No
reg-choose = Choose…
reg-required = Required.
reg-consent = I agree that the organisers of “{ $event }” store my name, e-mail, organisation, position, region and answers on this platform to run the registration and to write to me about this event. Only the event's organisers see them.
reg-submit = Register
reg-done-title = Registration received
reg-done-confirmed = Your place is confirmed.
reg-done-pending = Your registration awaits the organisers' approval; your place is held meanwhile.
reg-done-waitlisted = All places are taken, so you are on the waiting list. If a place frees up, you move up in order and we write to you.
reg-done-cancelled = This registration is cancelled.
reg-done-declined = The organisers declined this registration.
reg-mail-sent = We sent an e-mail to { $email } with a link to see or cancel your registration.
reg-mail-failed = Your registration is saved, but the e-mail to { $email } could not be sent. Please contact the organisers.
reg-page-title = Your registration
reg-status = Status
reg-status-pending = awaiting approval
reg-status-confirmed = confirmed
reg-status-waitlisted = on the waiting list
reg-status-cancelled = cancelled
reg-status-declined = declined
reg-cancel = Cancel my registration
reg-cancel-help = Cancelling frees your place for someone on the waiting list.
reg-cancelled = Your registration is cancelled.
reg-form-hint = The two fields below are for registration on another site. To take registrations on Kolo, use the event's registrations page:
reg-list-link = Registrations
reg-list-title = Registrations: { $event }
reg-list-heading = Registrations
reg-settings-link = Registration settings
reg-csv-link = Download CSV
reg-not-set-up = This event does not take registrations on Kolo yet. Open the settings to start.
reg-none-yet = Nobody has registered yet.
reg-col-registered = Registered
reg-col-answers = Answers
reg-approve = Approve
reg-decline = Decline
reg-moderated = Done; the registrant was told by e-mail.
reg-moderated-unsent = Done, but the e-mail to the registrant could not be sent.
reg-count-confirmed = { $count ->
    [one] { $count } confirmed
   *[other] { $count } confirmed
}
reg-count-pending = { $count ->
    [one] { $count } awaiting approval
   *[other] { $count } awaiting approval
}
reg-count-waitlisted = { $count ->
    [one] { $count } on the waiting list
   *[other] { $count } on the waiting list
}
reg-count-cancelled = { $count ->
    [one] { $count } cancelled
   *[other] { $count } cancelled
}
reg-count-declined = { $count ->
    [one] { $count } declined
   *[other] { $count } declined
}
reg-settings-title = Registration settings: { $event }
reg-settings-heading = Registration settings
reg-settings-window = When
reg-settings-window-help = Times are in the event's time zone. Leave both blank to take registrations from now until the event ends.
reg-settings-places = Places
reg-settings-questions = Extra questions
reg-settings-questions-help = Name, e-mail, organisation, position, region and consent are always asked. Add your own questions here; leave a row blank to skip it.
reg-field-opens = Registration opens
reg-field-opens-help = Blank: open now.
reg-field-closes = Registration closes
reg-field-closes-help = Blank: when the event ends.
reg-field-capacity = Places in total
reg-field-capacity-help = Blank: unlimited. When places run out, new registrants join the waiting list.
reg-field-capacity-offline = Of these, in person
reg-field-capacity-online = Of these, online
reg-field-moderated = Approve every registration myself
reg-field-moderated-help = Registrants then wait for your approval; their place is held meanwhile.
reg-question = Question { $number }
reg-field-kind = Answer
reg-kind-text = Free text
reg-kind-choice = One of several options
reg-kind-yes_no = Yes or no
reg-field-key = Short name
reg-field-key-help = Latin letters and hyphens; answers are stored under it. Leave blank for a new question.
reg-field-required = Answer required
reg-field-question = Question
reg-field-options = Options
reg-field-options-help = For “one of several options”: one option per line, in the same order in every language.
error-closed = Registration for this event is closed.
error-not-open = This event does not take registrations here.
error-not-offered = The event is not held this way.
error-hybrid-not-allowed = Choose in person or online.
error-unknown-question = This event has no such question.
error-closes-before-opens = Registration cannot close before it opens.
error-too-large = At most { $limit }.
error-not-pending = This registration no longer awaits approval.
error-options-mismatch = Give the same number of options in every language.
mail-subject-registered = Registration: { $event }
mail-subject-promoted = A place for you: { $event }
mail-subject-moderated = Your registration: { $event }
mail-greeting = Hello, { $name }!
mail-status-confirmed = Your place at “{ $event }” is confirmed.
mail-status-pending = Your registration for “{ $event }” awaits the organisers' approval; your place is held meanwhile.
mail-status-waitlisted = All places at “{ $event }” are taken, so you are on the waiting list. If a place frees up, you move up in order and we write to you.
mail-status-cancelled = Your registration for “{ $event }” is cancelled.
mail-status-declined = The organisers of “{ $event }” declined your registration.
mail-when = When: { $date }
mail-link = To see or cancel your registration, open { $link }
mail-not-you = If you did not register, ignore this message.
mail-link-earlier = To see or cancel your registration, use the link from our first e-mail.

## Staff: programme items in forms
programme-item-add = Add an item
programme-item-edit = Edit
programme-item-edit-label = Edit “{ $name }”
programme-item-remove = Remove
programme-item-remove-label = Remove “{ $name }” from the draft
programme-item-new-title = New programme item: { $name }
programme-item-edit-title = Edit programme item: { $name }
programme-item-back = Back to the programme
programme-item-form-help = Saving changes the draft only. Publish the draft on the programme page when it is ready.
programme-item-about = About the item
programme-item-when = When and where
programme-item-people = People
programme-item-links = Broadcast, recording and materials
programme-overlaps = Items at the same time in the same hall (saved anyway; check whether this is intended):
programme-overlap = “{ $item }” overlaps “{ $other }”.
field-item-kind = Kind of item
field-item-track = Track or section
field-item-language = Language of the item
field-item-language-help = A language tag such as ru, uk, kk or en. Leave blank if the item has no single language.
field-item-starts-at = Starts
field-item-starts-at-help = Date and local time in the event's time zone ({ $zone }), within the event's days.
field-item-duration = Duration in minutes
field-item-hall = Hall
field-item-no-hall = No particular hall
field-persons-help = Speakers, moderators and organisers of this item, in the event's original language. Leave a row blank to skip it.
field-person = Person { $number }
field-person-name = Name
field-person-role = Role
field-person-affiliation = Institution or position
field-broadcast-url = Live broadcast
field-recording-url = Recording
field-material = Material { $number }
field-material-label = Label
field-material-url = Web address
error-outside-event-days = This is not on one of the event's days.
error-unknown-hall = The event has no such hall.
error-ends-after-event-days = With this duration the item ends after the event's last day.

## Collections
nav-objects = Collections
objects-title = Museum objects
objects-count = { $count ->
    [one] { $count } object
   *[other] { $count } objects
}
objects-count-more = More than { $count } objects
objects-empty = No objects match.
objects-facet-type = Object type
objects-facet-material = Material
objects-facet-place = Place
objects-facet-period = Period
objects-facet-image = Images
objects-has-image = With images
objects-filter-from = From year
objects-filter-to = To year
objects-filter-years-hint = Years BC as negative numbers (−800).
year-bc = BC
object-draft = Draft: only the institution's staff see this record.
object-edit = Edit object
object-inscription = Inscription
object-events = History
object-event-production = Made
object-event-find = Found
object-event-acquisition = Acquired
object-event-restoration = Restored
object-event-use = Used
object-event-exhibition = Exhibited
object-event-transfer = Transferred
object-event-other = Event
object-provenance = Provenance
object-inventory-number = Inventory number
object-type = Object type
object-type-text = Type as catalogued
object-dating = Dating
object-years = Years
object-materials = Materials
object-techniques = Techniques
object-materials-text = Materials and techniques as catalogued
object-cultures = Culture
object-dimensions = Dimensions
dimension-height = height
dimension-width = width
dimension-depth = depth
dimension-length = length
dimension-diameter = diameter
dimension-weight = weight
object-credit-line = Credit line
object-rights = Rights
object-links = Elsewhere
collection-children = Sub-collections
collection-objects = Objects
term-alt-labels = Also known as
term-broader = Broader term
term-coordinates = Coordinates
term-links = Authorities
term-objects = Objects
vocabulary-place = Place
vocabulary-actor = Person or organisation
vocabulary-period = Period
vocabulary-object_type = Object type
vocabulary-material = Material
vocabulary-technique = Technique
vocabulary-culture = Culture
institution-objects = All objects of this institution
object-new = Add an object
object-new-title = New object of { $name }
object-edit-title = Edit: { $name }
object-no-collection = (no collection)
object-state-draft = Draft (staff only)
object-state-published = Published
field-collection = Collection
field-term-key-help = The term's key in the shared vocabulary, e.g. costume.
field-term-keys-help = Term keys separated by commas, e.g. linen, wool.
field-dating-earliest = Earliest year
field-dating-latest = Latest year
collection-new = Add a collection
collection-edit = Edit collection
collection-new-title = New collection of { $name }
collection-edit-title = Edit: { $name }
collection-no-parent = (top level)
field-collection-parent = Part of
error-unknown-term = There is no term “{ $name }” in this vocabulary yet.
error-unknown-collection = The institution has no such collection.
error-institution-mismatch = An object stays with its institution.
error-cycle = A collection cannot lie inside itself.
error-half-range = Give both years, or neither.
error-reversed-range = The latest year comes before the earliest.
error-unknown-rights-statement = Give a Creative Commons or rightsstatements.org address.
