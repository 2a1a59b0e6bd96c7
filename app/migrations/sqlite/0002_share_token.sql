-- The key of a jam's read-only results link, looked up when someone opens the link.
ALTER TABLE jams ADD COLUMN share_token TEXT;
CREATE UNIQUE INDEX jams_share_token ON jams (share_token) WHERE share_token IS NOT NULL;
