-- The load ledger, newest attempt first: what was loaded, refused or already there.
-- Capped at the latest 200 attempts: the page shows recent history, not an archive.
with pogingen as (
    select load_id, bestand, bron, gestart, beeindigd, uitkomst, gelezen, ingevoegd,
           bijgewerkt, ongewijzigd
    from load_ledger
),

final as (
    select * from pogingen
    order by gestart desc, load_id desc
    limit 200
)

select * from final
