-- The end of the window of the first covering pass that showed no candidate job for a submission's current
-- attempt: a second, later pass must agree before the create is sent again (a job the scheduling team updated
-- while the first pass paged can move past that pass's window into the next one).
ALTER TABLE fs_submission ADD COLUMN not_found_by TIMESTAMP WITH TIME ZONE;
