-- 0004: a minor's declaration opens from the guardian's BHYT card (its BHXH code) as it does from
-- the guardian's CCCD (guardian_id_number): the scanned card's lookup (findByCard) also matches
-- guardian_bhxh_code, which needs its own index to stay a lookup and not a scan of the table.
CREATE INDEX declarations_guardian_bhxh ON declarations(guardian_bhxh_code);
