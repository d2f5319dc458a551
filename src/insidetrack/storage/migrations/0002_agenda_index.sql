-- `today` reads pending steps by due time together with what it prints of
-- each: a covering index answers it from the index alone.
DROP INDEX steps_status_due;
CREATE INDEX steps_agenda ON steps (
    status, due, id, interview_id, kind, channel, recipient, number, voicemail
);
