-- The load ledger, newest attempt first: what was loaded, refused or already there.
-- Capped at the latest 200 attempts: the page shows recent history, not an archive.
-- opmerking: the notes and warnings of an accepted load (a refusal's reasons are listed apart).
-- Only the loads of the gemeente of the page: in a district each regisseur sees their own.
with pogingen as (
    select load_id, bestand, bron, gestart, beeindigd, uitkomst, gelezen, ingevoegd,
           bijgewerkt, ongewijzigd,
           case when uitkomst <> 'geweigerd' then redenen end as opmerking,
           load_id = max(case when uitkomst = 'geladen' then load_id end)
               over (partition by bron) as laatste_van_bron
    from load_ledger
    where gemeente = $gemeente
),

final as (
    select * from pogingen
    order by gestart desc, load_id desc
    limit 200
)

select * from final
