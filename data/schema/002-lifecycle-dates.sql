-- Schema version 2: when an incident became public and when it was attributed.
ALTER TABLE incident ADD COLUMN disclosed TEXT;
ALTER TABLE incident ADD COLUMN attributed_on TEXT;
