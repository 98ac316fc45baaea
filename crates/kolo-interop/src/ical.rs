//! iCalendar (RFC 5545 / RFC 7986) feeds of events and programme items.
