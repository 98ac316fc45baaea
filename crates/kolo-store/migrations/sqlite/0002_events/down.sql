DROP TABLE programme_items;
DROP TABLE event_networks;
DROP TABLE event_institutions;
DROP TABLE events;
