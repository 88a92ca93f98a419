-- A referred need names the organization it was referred to, and a closed need the date it
-- was closed, as a resolved one already names the date it was resolved. A database holding a
-- need that breaks either rule refuses this migration, naming the rule: such a need has to be
-- completed by hand, since neither an organization nor a date can be guessed.
alter table need
    add constraint need_referred_to_check check ((status = 'referred') <= (referred_to_id is not null)),
    add constraint need_closed_on_check check ((status = 'closed') <= (closed_on is not null));
