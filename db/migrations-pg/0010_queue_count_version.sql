-- A change counter for the staff queue's tab counts (app/models/queue.server.ts), the twin of SQLite's
-- data_version: any process that changes what the counts read moves it, at its commit. A sequence, not a row:
-- nextval takes no lock that lasts to the commit, so writers never wait for each other on it. The trigger is
-- deferred to the commit so that a process reading the counter after it has moved also sees the change.
CREATE SEQUENCE queue_count_version;--> statement-breakpoint
CREATE FUNCTION queue_count_changed() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('queue_count_version');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER queue_count_changed AFTER INSERT OR UPDATE OR DELETE ON pakn
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION queue_count_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER queue_count_changed AFTER INSERT OR UPDATE OR DELETE ON feedback_ratings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION queue_count_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER queue_count_changed AFTER INSERT OR UPDATE OR DELETE ON calendar_overrides
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION queue_count_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER queue_count_changed AFTER INSERT OR UPDATE OR DELETE ON settings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION queue_count_changed();
