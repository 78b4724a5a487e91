-- Since the metrics read the tickets from the fact blocks (0009), two indexes of the tickets table
-- had almost no reader left, and every imported row paid for both: the ticket's service spreads
-- each batch over a few places of its index, and resolution times arrive out of order, so both
-- were B-tree inserts in the middle of the index (together about 1.1 s of a 1M-ticket import).
-- What still asks by service (the ticket count before a service is deleted, and the delete's
-- cascade) reads the table once; the metrics' resolved-in-window read inside a transaction reads
-- the table. The opening index stays: it answers the opening range and every window read.
DROP INDEX tickets_service;
DROP INDEX tickets_resolved;
