-- Portal events go out in order per application (different applications in parallel): the
-- notifier looks up an application's earlier pending events, and operators list them by
-- application.
create index portal_event_application on portal_event (application_id, id);
