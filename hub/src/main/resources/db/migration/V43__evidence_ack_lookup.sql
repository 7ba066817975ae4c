-- Before every delivery the route asks whether the agency already acknowledged the message id
-- (Evidence.acknowledged): without this index that question read the whole evidence table, so each
-- delivery got slower as evidence grew (found with pg_stat_user_tables in ./saphan bench model3:
-- 4,792 sequential scans reading 22 million rows for 4,635 deliveries).
create index evidence_ack_message on evidence (message_id)
    where kind in ('ack', 'payment_ack') and message_id is not null;
