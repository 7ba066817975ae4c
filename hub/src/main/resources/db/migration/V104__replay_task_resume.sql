-- Bulk replays: "filter" is an SQL keyword (select ... filter::text filter failed for every task),
-- so the column is renamed; and a task records which node runs it, when that node last showed it
-- was alive and the last letter it processed, so another node resumes a task whose node died.
alter table replay_task rename column filter to criteria;
alter table replay_task add column node_name         text;
alter table replay_task add column heartbeat_at      timestamptz;
alter table replay_task add column last_processed_id bigint not null default 0;
create index replay_task_running on replay_task (heartbeat_at) where state = 'running';
-- A task's letters carry its id from the start (still open), so a resumed task finds them again.
create index dead_letter_task on dead_letter (replay_task_id, id) where replay_task_id is not null;
