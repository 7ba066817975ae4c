-- A dead letter is an application delivery or a payment notice (the same route, the same queue):
-- a replay must send the same kind of message again, under the same message id.
alter table dead_letter add column kind text not null default 'delivery'
    check (kind in ('delivery', 'payment'));
