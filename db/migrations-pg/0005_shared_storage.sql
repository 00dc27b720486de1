-- PostgreSQL mode runs several processes, possibly on several machines, over one DATA_DIR (uploads, cached
-- documents, mail files): shared storage. The storage names itself in DATA_DIR/.pakn-storage and the database
-- remembers that name here, so a process whose DATA_DIR is a local folder (a volume not mounted, another machine's
-- disk) is refused at start-up instead of writing files the others never see (app/models/pg/storage.server.ts).
-- One row at most; written by the first process to start, by db:restore with the files it puts back.
CREATE TABLE pakn_storage (
  one boolean PRIMARY KEY NOT NULL DEFAULT true CHECK (one),
  id text NOT NULL CHECK (id ~ '^[a-f0-9]{32}$'),
  created_at bigint NOT NULL
);
